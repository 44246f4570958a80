"""Offline checks of the GitHub workflows (.github/workflows/) and the composite action (action.yml).

Three layers, none of which uses the network:

* check-jsonschema validates each file against the GitHub workflow and action
  schemas it ships (``--builtin-schema``: vendored in the package, no download);
* zizmor audits them with ``--offline`` (no online audits, no GitHub API) and
  must report nothing of medium severity or above; the one finding the review
  workflow accepts on purpose (``dangerous-triggers`` on its pull_request_target
  and issue_comment triggers, kdlint-review.yml) is suppressed by inline comments
  that explain why, and a test keeps it the only suppression;
* PyYAML asserts the promises made in the files' comments directly.

The tool-based tests skip when check-jsonschema or zizmor is not installed.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

yaml = pytest.importorskip("yaml", reason="PyYAML is not installed (pip install pyyaml)")

REPO_ROOT = Path(__file__).resolve().parent.parent
WORKFLOW_DIR = REPO_ROOT / ".github" / "workflows"
ACTION = REPO_ROOT / "action.yml"
WORKFLOWS = sorted([*WORKFLOW_DIR.glob("*.yml"), *WORKFLOW_DIR.glob("*.yaml")])
REVIEW = WORKFLOW_DIR / "kdlint-review.yml"
CI = WORKFLOW_DIR / "ci.yml"
VERIFY = WORKFLOW_DIR / "kdlint-verify.yml"

SHA_PIN = re.compile(r"^[^@\s]+@[0-9a-f]{40}$")
# The one suppression allowed: (audit, file name).
ACCEPTED_SUPPRESSIONS = {("dangerous-triggers", "kdlint-review.yml")}


def _tool(name: str) -> str | None:
    """The command `name`, preferring the one installed beside the running Python."""
    scripts = Path(sys.executable).parent
    for candidate in (scripts / name, scripts / f"{name}.exe"):
        if candidate.is_file():
            return str(candidate)
    return shutil.which(name)


def _ids(paths: list[Path]) -> list[str]:
    return [str(p.relative_to(REPO_ROOT)) for p in paths]


def _load(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict), f"{path}: not a mapping"
    return data


def _on(workflow: dict[str, Any]) -> Any:
    # YAML 1.1 (PyYAML) reads the bare key `on` as the boolean True.
    return workflow["on"] if "on" in workflow else workflow.get(True)


def _steps(document: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    """(job id or 'action', step) for every step of a workflow or composite action."""
    if "runs" in document:
        for step in document["runs"].get("steps", []):
            yield "action", step
    for job_id, job in (document.get("jobs") or {}).items():
        for step in job.get("steps", []):
            yield job_id, step


def _uses(document: dict[str, Any]) -> Iterator[str]:
    for _, step in _steps(document):
        if "uses" in step:
            yield step["uses"]
    for job in (document.get("jobs") or {}).values():
        if "uses" in job:  # a reusable workflow
            yield job["uses"]


def _is_checkout(step: dict[str, Any]) -> bool:
    return str(step.get("uses", "")).split("@")[0] == "actions/checkout"


def _step_named(document: dict[str, Any], fragment: str) -> dict[str, Any]:
    found = [step for _, step in _steps(document) if fragment in str(step.get("run", ""))]
    assert len(found) == 1, f"expected one step running {fragment!r}, found {len(found)}"
    return found[0]


def test_the_files_exist() -> None:
    assert ACTION.is_file()
    assert {p.name for p in WORKFLOWS} == {"ci.yml", "kdlint-review.yml", "kdlint-verify.yml"}


def test_the_verify_workflow_runs_on_a_schedule_with_issues_write_only() -> None:
    workflow = _load(VERIFY)
    triggers = workflow.get("on", workflow.get(True))  # PyYAML reads a bare `on` as True
    assert set(triggers) == {"schedule", "workflow_dispatch"}  # never a pull request's code
    assert workflow["permissions"] == {}
    job = workflow["jobs"]["verify"]
    assert job["permissions"] == {"contents": "read", "issues": "write"}
    steps = job["steps"]
    assert steps[0]["with"]["persist-credentials"] is False
    assert steps[-1]["uses"] == "./" and steps[-1]["with"]["mode"] == "verify"


def test_the_readme_shows_the_verify_workflow_as_it_is() -> None:
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    text = VERIFY.read_text(encoding="utf-8").replace("uses: ./\n", "uses: kdlint/kdlint@v0.2.0\n")
    assert f"```yaml\n{text}```" in readme


# --- check-jsonschema -------------------------------------------------------


def _check_jsonschema(schema: str, path: Path) -> subprocess.CompletedProcess[str]:
    exe = _tool("check-jsonschema")
    if exe is None:
        pytest.skip("check-jsonschema is not installed (pip install check-jsonschema)")
    return subprocess.run(
        [exe, "--builtin-schema", schema, str(path)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize("path", WORKFLOWS, ids=_ids(WORKFLOWS))
def test_workflow_matches_github_schema(path: Path) -> None:
    result = _check_jsonschema("vendor.github-workflows", path)
    assert result.returncode == 0, result.stdout + result.stderr


def test_action_matches_github_schema() -> None:
    result = _check_jsonschema("vendor.github-actions", ACTION)
    assert result.returncode == 0, result.stdout + result.stderr


def test_schema_check_rejects_a_broken_workflow(tmp_path: Path) -> None:
    """The schema check really validates: a job without runs-on is refused."""
    broken = tmp_path / "broken.yml"
    broken.write_text("on: push\njobs:\n  x:\n    steps:\n      - run: true\n", encoding="utf-8")
    result = _check_jsonschema("vendor.github-workflows", broken)
    assert result.returncode != 0, result.stdout + result.stderr


# --- zizmor -----------------------------------------------------------------


def _zizmor(*paths: Path, no_ignores: bool = False) -> list[dict[str, Any]]:
    exe = _tool("zizmor")
    if exe is None:
        pytest.skip("zizmor is not installed (pip install zizmor)")
    args = [exe, "--offline", "--no-config", "--format", "json"]
    if no_ignores:
        args.append("--no-ignores")
    result = subprocess.run(
        [*args, *map(str, paths)], capture_output=True, text=True, timeout=300, check=False
    )
    # zizmor exits non-zero when it finds something; the JSON is what counts.
    try:
        findings = json.loads(result.stdout)
    except json.JSONDecodeError:
        pytest.fail(f"zizmor failed (exit {result.returncode}):\n{result.stdout}{result.stderr}")
    assert isinstance(findings, list)
    return findings


def _severe(findings: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [
        f
        for f in findings
        if f["determinations"]["severity"].lower() in {"medium", "high"} and not f.get("ignored")
    ]


def _describe(finding: dict[str, Any]) -> tuple[str, str]:
    key = finding["locations"][0]["symbolic"]["key"]
    path = json.dumps(key)
    match = re.search(r'"(?:verbatim_path|given_path|path)": "([^"]+)"', path)
    return finding["ident"], Path(match.group(1)).name if match else path


def test_zizmor_finds_nothing_of_medium_severity_or_above() -> None:
    findings = _zizmor(*WORKFLOWS, ACTION)
    severe = _severe(findings)
    assert not severe, "zizmor findings:\n" + "\n".join(
        f"{f['ident']} ({f['determinations']['severity']}): {f['desc']} at {_describe(f)[1]}"
        for f in severe
    )


def test_zizmor_suppressions_are_only_the_accepted_one() -> None:
    """Without ignore comments, the only serious finding is the one the review workflow accepts."""
    severe = _severe(_zizmor(*WORKFLOWS, ACTION, no_ignores=True))
    assert {_describe(f) for f in severe} <= ACCEPTED_SUPPRESSIONS


def test_zizmor_reports_template_injection(tmp_path: Path) -> None:
    """The zizmor check really audits: a classic injection is reported as high."""
    bad = tmp_path / ".github" / "workflows" / "bad.yml"
    bad.parent.mkdir(parents=True)
    bad.write_text(
        textwrap.dedent(
            """\
            on: pull_request_target
            permissions: {}
            jobs:
              x:
                runs-on: ubuntu-latest
                steps:
                  - run: echo "${{ github.event.pull_request.title }}"
            """
        ),
        encoding="utf-8",
    )
    idents = {f["ident"] for f in _severe(_zizmor(bad))}
    assert "template-injection" in idents


# --- structure (PyYAML) -----------------------------------------------------


@pytest.mark.parametrize("path", WORKFLOWS, ids=_ids(WORKFLOWS))
def test_workflow_grants_nothing_at_top_level(path: Path) -> None:
    workflow = _load(path)
    assert "permissions" in workflow and workflow["permissions"] == {}, path.name
    for job_id, job in workflow["jobs"].items():
        assert "permissions" in job, f"{path.name}: job {job_id} must state its permissions"


ALL_FILES = [*WORKFLOWS, ACTION]


@pytest.mark.parametrize("path", ALL_FILES, ids=_ids(ALL_FILES))
def test_checkouts_do_not_persist_credentials(path: Path) -> None:
    for where, step in _steps(_load(path)):
        if _is_checkout(step):
            assert (step.get("with") or {}).get("persist-credentials") is False, (
                f"{path.name} ({where}): checkout without persist-credentials: false"
            )


@pytest.mark.parametrize("path", ALL_FILES, ids=_ids(ALL_FILES))
def test_actions_are_pinned_by_commit_sha(path: Path) -> None:
    for uses in _uses(_load(path)):
        if uses.startswith(("./", "docker://")):
            continue
        assert SHA_PIN.match(uses), f"{path.name}: {uses} is not pinned to a full commit SHA"
    # ... and each pin names its version in a trailing comment, for people and Dependabot.
    for line in path.read_text(encoding="utf-8").splitlines():
        if re.search(r"\buses:\s*[^\s.#][^@\s]*@[0-9a-f]{40}", line):
            assert re.search(r"#\s*v\d+(\.\d+)*\s*$", line), f"{path.name}: no version comment: {line}"


@pytest.mark.parametrize("path", ALL_FILES, ids=_ids(ALL_FILES))
def test_no_expression_inside_run_scripts(path: Path) -> None:
    """Every value reaches a script through env:, never spliced into it (template injection)."""
    for where, step in _steps(_load(path)):
        if "run" in step:
            assert "${{" not in str(step["run"]), (
                f"{path.name} ({where}): `${{{{` inside run: {step.get('name', step['run'])!r}"
            )


def test_ci_runs_the_readme_test_command() -> None:
    ci = _load(CI)
    on = _on(ci)
    assert "push" in on and "pull_request" in on
    runs = [str(step.get("run", "")).strip() for _, step in _steps(ci)]
    command = "pip install -e '.[test]' && python -m pytest"
    assert command in runs
    assert "kdlint check README.source.md" in runs
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    assert command in readme, "the README's test command and CI's have drifted apart"


def test_action_installs_kdlint_from_its_own_path_only() -> None:
    action = _load(ACTION)
    assert action["runs"]["using"] == "composite"
    assert set(action["inputs"]) == {"files", "config", "mode", "diff-base", "python-version", "github-token",
                                     "fail-on-findings"}
    assert action["inputs"]["files"]["default"] == "README.md"
    assert action["inputs"]["mode"]["default"] == "check"
    assert str(action["inputs"]["python-version"]["default"]) == "3.11"
    installs = [step for _, step in _steps(action) if "pip install" in str(step.get("run", ""))]
    assert len(installs) == 1
    assert installs[0]["env"]["KDLINT_ACTION_PATH"] == "${{ github.action_path }}"
    assert '"$KDLINT_ACTION_PATH"' in installs[0]["run"]
    check = _step_named(action, "check --output-format github")
    assert check["if"] == "inputs.mode == 'check'"
    review = _step_named(action, 'review --repo "$GITHUB_REPOSITORY" --pr "$KDLINT_PR" --head-sha')
    assert review["if"] == "inputs.mode == 'review'"
    assert review["env"] == {"GITHUB_TOKEN": "${{ inputs.github-token }}",
                             "KDLINT_PR": "${{ github.event.pull_request.number }}",
                             "KDLINT_HEAD_SHA": "${{ github.event.pull_request.head.sha }}",
                             "KDLINT_HEAD_REPO": "${{ github.event.pull_request.head.repo.full_name }}",
                             "KDLINT_FAIL_ON_FINDINGS": "${{ inputs.fail-on-findings }}"}
    assert '--head-sha "$KDLINT_HEAD_SHA"' in review["run"] and '--head-repo "$KDLINT_HEAD_REPO"' in review["run"]
    fix = _step_named(action, '--fix-command --commenter "$KDLINT_COMMENTER"')
    assert fix["if"] == "inputs.mode == 'fix'"
    assert fix["env"] == {"GITHUB_TOKEN": "${{ inputs.github-token }}",
                          "KDLINT_PR": "${{ github.event.issue.number }}",
                          "KDLINT_COMMENTER": "${{ github.event.comment.user.login }}"}
    assert ('kdlint review --repo "$GITHUB_REPOSITORY" --pr "$KDLINT_PR" --fix-command --commenter '
            '"$KDLINT_COMMENTER"') in fix["run"]
    for _, step in _steps(action):
        if "run" in step:
            assert step.get("shell") == "bash"


def test_review_runs_nothing_of_the_pull_request() -> None:
    review = _load(REVIEW)
    on = _on(review)
    assert list(on) == ["pull_request_target", "issue_comment"]
    assert on["pull_request_target"]["paths"] == ["**.md"]
    assert on["issue_comment"] == {"types": ["created"]}
    assert "concurrency" not in review  # per job: a comment must not cancel a review in progress
    assert list(review["jobs"]) == ["review", "fix"]
    job, fix = review["jobs"]["review"], review["jobs"]["fix"]
    assert job["if"] == "github.event_name == 'pull_request_target'"
    assert job["concurrency"] == {"group": "${{ github.workflow }}-review-${{ github.event.pull_request.number }}",
                                  "cancel-in-progress": True}
    assert job["permissions"] == {"contents": "read", "pull-requests": "write"}
    assert fix["if"] == "github.event.issue.pull_request && startsWith(github.event.comment.body, '/kdlint fix')"
    assert fix["concurrency"] == {"group": "${{ github.workflow }}-fix-${{ github.event.issue.number }}",
                                  "cancel-in-progress": False}
    assert fix["permissions"] == {"contents": "write", "pull-requests": "write"}
    for one, mode in ((job, "review"), (fix, "fix")):
        assert one["timeout-minutes"] == 10
        # One checkout, of the base branch (the trigger's default: no ref, no repository), and no script at
        # all: the action installs kdlint from that checkout and reads the pull request through the API.
        checkout, action = one["steps"]
        assert _is_checkout(checkout) and set(checkout.get("with") or {}) == {"persist-credentials"}
        assert action["uses"] == "./" and action["with"] == {"mode": mode}
        assert not [step for step in one["steps"] if "run" in step]


def _readme_workflow() -> dict[str, Any]:
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    (block,) = re.findall(r"```yaml\n(name: kdlint review\n.*?)```", readme, re.DOTALL)
    return yaml.safe_load(block)


def test_the_readmes_review_workflow_is_this_repositorys_with_the_released_action() -> None:
    copied, ours = _readme_workflow(), _load(REVIEW)
    for key in (True, "permissions"):
        assert copied[key] == ours[key]
    assert "concurrency" not in copied
    assert list(copied["jobs"]) == list(ours["jobs"]) == ["review", "fix"]
    for job_id, mode in (("review", "review"), ("fix", "fix")):
        job, own = copied["jobs"][job_id], ours["jobs"][job_id]
        assert {k: v for k, v in job.items() if k != "steps"} == {k: v for k, v in own.items()
                                                                  if k not in ("steps", "name")}
        (step,) = job["steps"]  # no checkout at all in a list repository
        assert re.fullmatch(r"kdlint/kdlint@v\d+\.\d+\.\d+", step["uses"]) and step["with"] == {"mode": mode}


def test_the_readmes_review_workflow_passes_the_schema_and_zizmor(tmp_path: Path) -> None:
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    (block,) = re.findall(r"```yaml\n(name: kdlint review\n.*?)```", readme, re.DOTALL)
    path = tmp_path / ".github" / "workflows" / "kdlint-review.yml"
    path.parent.mkdir(parents=True)
    path.write_text(block, encoding="utf-8")
    result = _check_jsonschema("vendor.github-workflows", path)
    assert result.returncode == 0, result.stdout + result.stderr
    severe = _severe(_zizmor(path))
    assert not severe, [f["ident"] for f in severe]
