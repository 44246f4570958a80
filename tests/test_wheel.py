"""What users install: the built wheel holds exactly the package, and every command works from a fresh venv.

The wheel is built from a clean copy of the tree and installed, with its
dependencies from the package index, into a virtual environment of its own;
every command then runs from that environment in a directory that holds no
kdlint source, so nothing of the checkout can stand in for what ships.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import venv
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from fake_github import FakeGitHub, serve
from lsp_frames import frames, unframed

REPO = Path(__file__).resolve().parent.parent
LIST = ("## A\n\n"
        "- **Deep Mutual Learning, CVPR 2018** [[Pytorch]](https://github.com/x/y)\n"
        "  - http://arxiv.org/abs/1706.00384v2\n"
        "  - *Ying Zhang, Tao Xiang.*\n")
FIXED = LIST.replace("Pytorch", "PyTorch").replace("http://arxiv.org/abs/1706.00384v2", "https://arxiv.org/abs/1706.00384")
OTHER = ("## A\n\n"
         "- **Relational Knowledge Distillation, CVPR 2019**\n"
         "  - https://arxiv.org/abs/1904.05068\n"
         "  - *Wonpyo Park, Dongju Kim.*\n")


def expected_members() -> set[str]:
    """What the wheel must hold: every file of lint/ and schema/ that is code or data the code loads."""
    members = {f"kdlint/{p.relative_to(REPO / 'lint').as_posix()}" for p in (REPO / "lint").rglob("*.py")}
    members.add("kdlint/py.typed")
    members |= {f"kdlint/schema/{p.name}" for p in (REPO / "schema").iterdir()
                if p.suffix in (".py", ".json", ".toml")}
    return members


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    # Build from a clean copy: setuptools reuses build/ in the tree, where stale modules would slip in.
    tree = tmp_path_factory.mktemp("tree") / "kdlint"
    shutil.copytree(REPO, tree, ignore=shutil.ignore_patterns(".git", "build", "dist", "*.egg-info", "__pycache__",
                                                             ".pytest_cache", ".venv", ".kdlint_cache"))
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(tree)],
                   check=True, capture_output=True)
    (built,) = out.glob("kdlint-*.whl")
    return built


@dataclass
class Installed:
    """A fresh venv holding the wheel; `run` is a command of it, in a directory without kdlint's source."""

    bin: Path
    cwd: Path

    def run(self, *args: str, stdin: str | None = None, env: dict[str, str] | None = None,
            cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
        clean = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "KDLINT_"))}
        return subprocess.run([str(self.bin / "kdlint"), *args], input=stdin, capture_output=True, text=True,
                              cwd=cwd or self.cwd, env={**clean, **(env or {})}, timeout=120)


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Installed:
    env_dir = tmp_path_factory.mktemp("venv")
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    subprocess.run([str(python), "-m", "pip", "install", "-q", "--disable-pip-version-check", str(wheel)],
                   check=True, capture_output=True)
    work = tmp_path_factory.mktemp("work")
    where = subprocess.run([str(python), "-c", "import kdlint.review.post as m; print(m.__file__)"],
                           check=True, capture_output=True, text=True, cwd=work).stdout
    assert where.startswith(str(env_dir)), where
    return Installed(bin=env_dir / "bin", cwd=work)


@pytest.fixture
def listing(installed: Installed) -> Path:
    path = installed.cwd / "list.md"
    path.write_text(LIST)
    return path


def test_the_wheel_holds_exactly_the_package_and_its_data(wheel: Path) -> None:
    names = {n for n in zipfile.ZipFile(wheel).namelist() if ".dist-info/" not in n}
    assert names == expected_members()
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in zipfile.ZipFile(wheel).namelist())


def test_check(installed: Installed, listing: Path) -> None:
    done = installed.run("check", "list.md")
    assert (done.returncode, done.stdout.splitlines()[:2]) == (1, [
        "list.md:3:41: KD108 [*] code label `Pytorch` is spelled `PyTorch`",
        "list.md:4:5: KD502 [*] non-canonical arXiv link (plain http, version v2); use https://arxiv.org/abs/1706.00384",
    ]), done.stderr
    done = installed.run("check", str(REPO / "README.source.md"))
    assert (done.returncode, done.stdout) == (0, "All checks passed!\n")


def test_fix_diff_then_fix(installed: Installed, listing: Path) -> None:
    done = installed.run("fix", "--diff", "list.md")
    assert done.returncode == 1, done.stderr
    assert done.stdout.startswith("--- list.md\n+++ list.md\n@@ -1,5 +1,5 @@\n")
    assert listing.read_text() == LIST  # --diff writes nothing
    done = installed.run("fix", "list.md")
    assert done.returncode == 0, done.stderr
    assert listing.read_text() == FIXED
    assert done.stderr.splitlines()[-1] == "Fixed 2 findings in 1 file; 0 remaining."


def test_init_print(installed: Installed, listing: Path) -> None:
    done = installed.run("init", "--print", "list.md")
    assert done.returncode == 0, done.stderr
    assert 'sort = "none"' in done.stdout.splitlines()[1]
    assert not (installed.cwd / ".kdlint.toml").exists()


def test_convert_and_merge(installed: Installed, listing: Path) -> None:
    done = installed.run("convert", "list.md")
    assert (done.returncode, done.stdout) == (0, LIST.replace("Pytorch", "PyTorch")), done.stderr
    (installed.cwd / "other.md").write_text(OTHER)
    done = installed.run("merge", "list.md", "other.md")
    assert done.returncode == 0, done.stderr
    assert done.stdout == "# Papers\n\n" + LIST.replace("Pytorch", "PyTorch") + OTHER.removeprefix("## A\n")
    assert done.stderr.strip() == ("Merged 2 entries of 2 lists into 2 entries in 1 section "
                                   "(0 duplicates folded into their first entry).")


def test_export(installed: Installed, listing: Path) -> None:
    # BibTeX: the one format that needs a dependency of its own (bibtexparser), installed with the wheel.
    done = installed.run("export", "list.md", "--format", "bibtex")
    assert (done.returncode, done.stdout.splitlines()[:3]) == (0, [
        "@inproceedings{zhang2018deep,", "  title = {Deep Mutual Learning},", "  author = {Ying Zhang and Tao Xiang},",
    ]), done.stderr


def test_catalogue_commands(installed: Installed) -> None:
    rules = installed.run("rules", "--output-format", "json")
    assert rules.returncode == 0 and {"code": "KD108", "name": "code-label"}.items() <= json.loads(rules.stdout)[7].items()
    rule = installed.run("rule", "KD108")
    assert rule.returncode == 0 and rule.stdout.startswith("KD108 code-label: ")
    venues = installed.run("venues")
    assert venues.returncode == 0 and any(line.startswith("NeurIPS ") for line in venues.stdout.splitlines())
    version = installed.run("--version")
    from kdlint import __version__

    assert (version.returncode, version.stdout) == (0, f"kdlint, version {__version__}\n")


def test_the_language_server(installed: Installed, listing: Path) -> None:
    """`kdlint server` from the wheel (pygls installed with it): a short session, written at once as a client
    may pipeline it: initialize, open the list, ask for its fixes, shut down, exit."""
    done = installed.run("server", "--help")
    assert done.returncode == 0 and "language server" in done.stdout, done.stderr
    uri = listing.as_uri()
    session = frames(
        {"id": 1, "method": "initialize", "params": {"processId": None, "rootUri": None, "capabilities": {}}},
        {"method": "initialized", "params": {}},
        {"method": "textDocument/didOpen", "params": {"textDocument": {
            "uri": uri, "languageId": "markdown", "version": 1, "text": LIST}}},
        {"id": 2, "method": "textDocument/codeAction", "params": {
            "textDocument": {"uri": uri}, "range": {"start": {"line": 2, "character": 0}, "end": {"line": 3, "character": 0}},
            "context": {"diagnostics": [], "only": ["quickfix"]}}},
        {"id": 3, "method": "shutdown"},
        {"method": "exit"})
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "KDLINT_"))}
    done = subprocess.run([str(installed.bin / "kdlint"), "server"], input=session, capture_output=True,
                          cwd=installed.cwd, env=clean, timeout=120)
    assert done.returncode == 0, done.stderr
    answers = {m.get("id", m.get("method")): m for m in unframed(done.stdout)}
    assert answers[1]["result"]["serverInfo"]["name"] == "kdlint"
    published = answers["textDocument/publishDiagnostics"]["params"]
    assert [(d["code"], d["range"]["start"]) for d in published["diagnostics"]] == [
        ("KD108", {"line": 2, "character": 40}), ("KD502", {"line": 3, "character": 4})]
    assert [a["title"] for a in answers[2]["result"]] == ["KD108: Write `PyTorch`"]
    assert answers[3]["result"] is None


def _git(cwd: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True).stdout


@pytest.fixture
def github() -> Iterator[FakeGitHub]:
    fake = FakeGitHub()
    server, _ = serve(fake)
    yield fake
    server.shutdown()


def test_review_prepare_and_review_a_fork_pull_request(installed: Installed, tmp_path: Path,
                                                       github: FakeGitHub) -> None:
    _git(tmp_path, "init", "-q")
    _git(tmp_path, "config", "user.email", "t@example.org")
    _git(tmp_path, "config", "user.name", "t")
    (tmp_path / "README.md").write_text(OTHER)
    _git(tmp_path, "add", ".")
    _git(tmp_path, "commit", "-qm", "base")
    (tmp_path / "README.md").write_text(OTHER + "\n" + LIST.removeprefix("## A\n\n"))
    _git(tmp_path, "commit", "-qam", "pr")
    done = installed.run("review", "--prepare", "out.json", "--diff-base", "HEAD~1", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    data = json.loads((tmp_path / "out.json").read_text())
    assert [(f["code"], f["start_line"]) for f in data["findings"]] == [("KD108", 7), ("KD502", 8)]

    # The same pull request, from a fork, reviewed through the API from an empty directory.
    github.head_sha, github.head_repo = data["head_sha"], "stranger/list"
    github.head_files = {"README.md": (tmp_path / "README.md").read_bytes()}
    github.patches = {"README.md": _git(tmp_path, "diff", "-U3", "HEAD~1", "--", "README.md").split("\n", 4)[4]}
    empty = tmp_path / "empty"
    empty.mkdir()
    token = "ghp_THISISASECRETTOKEN0123456789"
    done = installed.run("review", "--repo", "octo/list", "--pr", "7", "--head-sha", data["head_sha"],
                         "--head-repo", "stranger/list", env={"GITHUB_TOKEN": token, "GITHUB_API_URL": github.url},
                         cwd=empty)
    assert done.returncode == 1, done.stderr  # posted; findings remain
    assert token not in done.stdout + done.stderr
    (review,) = github.reviews
    assert review["commit_id"] == data["head_sha"]
    assert sorted(c["line"] for c in github.comments) == [7, 8]


def test_the_actions_review_step_runs_in_a_repository_without_kdlint(installed: Installed, tmp_path: Path,
                                                                      github: FakeGitHub) -> None:
    """The review step of action.yml, run as Actions runs it (bash, its env), from the installed wheel in an
    empty directory: the fork's pull request is read through the API and reviewed."""
    import yaml

    action = yaml.safe_load((Path(__file__).resolve().parent.parent / "action.yml").read_text(encoding="utf-8"))
    (step,) = [s for s in action["runs"]["steps"] if s.get("if") == "inputs.mode == 'review'"]
    readme = OTHER + "\n" + LIST.removeprefix("## A\n\n")
    added = readme.splitlines()[len(OTHER.splitlines()):]
    github.head_sha, github.head_repo = "d" * 40, "stranger/list"
    github.head_files = {"README.md": readme.encode()}
    github.patches = {"README.md": f"@@ -{len(OTHER.splitlines())},0 +{len(OTHER.splitlines()) + 1},{len(added)} @@\n+"
                      + "\n+".join(added)}
    empty = tmp_path / "list-repository"
    empty.mkdir()
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "KDLINT_"))}
    env = {**clean, "PATH": f"{installed.bin}{os.pathsep}{os.environ['PATH']}", "GITHUB_REPOSITORY": "octo/list",
           "GITHUB_API_URL": github.url, "GITHUB_TOKEN": "ghs_SECRET0123456789", "KDLINT_PR": "7",
           "KDLINT_HEAD_SHA": "d" * 40, "KDLINT_HEAD_REPO": "stranger/list"}
    done = subprocess.run(["bash", "-c", step["run"]], cwd=empty, env=env, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 1, done.stderr  # fail-on-findings (empty: the default, true)
    assert "SECRET" not in done.stdout + done.stderr
    assert done.stderr.splitlines()[-1] == "kdlint review: posted a review: 2 inline comments, 0 in the body"
    assert sorted(c["line"] for c in github.comments) == [7, 8]
    assert list(empty.iterdir()) == []  # nothing checked out, nothing written


def test_the_actions_fix_step_commits_a_forks_fixes_from_the_installed_wheel(installed: Installed, tmp_path: Path,
                                                                              github: FakeGitHub) -> None:
    """The fix step of action.yml, run as Actions runs it, from the installed wheel in an empty directory: a
    maintainer's `/kdlint fix` on a fork that allows maintainer edits becomes one commit on the fork's branch."""
    import yaml

    action = yaml.safe_load((Path(__file__).resolve().parent.parent / "action.yml").read_text(encoding="utf-8"))
    (step,) = [s for s in action["runs"]["steps"] if s.get("if") == "inputs.mode == 'fix'"]
    github.head_sha, github.head_repo, github.maintainer_can_modify = "d" * 40, "stranger/list", True
    github.permissions = {"maintainer": "write"}
    github.head_files = {"README.md": LIST.encode()}
    github.patches = {"README.md": "@@ -0,0 +1,6 @@\n+" + "\n+".join(LIST.splitlines())}
    empty = tmp_path / "list-repository"
    empty.mkdir()
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "KDLINT_"))}
    env = {**clean, "PATH": f"{installed.bin}{os.pathsep}{os.environ['PATH']}", "GITHUB_REPOSITORY": "octo/list",
           "GITHUB_API_URL": github.url, "GITHUB_TOKEN": "ghs_SECRET0123456789", "KDLINT_PR": "7",
           "KDLINT_COMMENTER": "maintainer"}
    done = subprocess.run(["bash", "-c", step["run"]], cwd=empty, env=env, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    assert "SECRET" not in done.stdout + done.stderr
    (commit,) = github.git_commits.values()
    assert commit["parents"] == ["d" * 40]
    assert github.head_files["README.md"] == FIXED.encode()
    assert [r.path for r in github.writes() if r.method == "PATCH"] == ["/repos/stranger/list/git/refs/heads/feature"]
    (comment,) = github.issue_comments
    assert comment["body"].startswith("**kdlint** committed 2 safe fixes")
    assert list(empty.iterdir()) == []


# Every behaviour of the review bot (issue 16) has a test in these modules; here they run against the wheel.
REVIEW_TESTS = ("test_review.py", "test_review_faults.py", "test_review_remote.py", "test_fix_command.py")
# The same for `kdlint add` and `kdlint verify` (issue 19), against the fakes of the metadata services.
ONLINE_TESTS = ("test_add_cli.py", "test_verify_cli.py", "test_verify_tracking.py", "test_online_services.py")


def _modules_pass_against(installed: Installed, modules: tuple[str, ...]) -> None:
    """Test modules of the checkout, run by the wheel's venv: `kdlint` there is the installed package (the
    checkout's code is in lint/, which no import can reach without an editable install)."""
    from importlib.metadata import version

    python = str(installed.bin / "python")
    needed = [f"{name}=={version(name)}" for name in ("pytest", "jsonschema")]  # what the modules import
    subprocess.run([python, "-m", "pip", "install", "-q", "--disable-pip-version-check", *needed], check=True,
                   capture_output=True)
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "KDLINT_", "PYTHON"))}
    where = subprocess.run([python, "-c", "import kdlint; print(kdlint.__file__)"], cwd=REPO, env=clean,
                           check=True, capture_output=True, text=True).stdout
    assert where.startswith(str(installed.bin.parent)), where
    done = subprocess.run([python, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                           *(str(REPO / "tests" / name) for name in modules)],
                          cwd=REPO, env=clean, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
    assert re.search(r"\b\d+ passed\b", done.stdout) and " failed" not in done.stdout, done.stdout[-2000:]


def test_the_review_bots_tests_pass_against_the_installed_wheel(installed: Installed) -> None:
    _modules_pass_against(installed, REVIEW_TESTS)


def test_the_online_commands_tests_pass_against_the_installed_wheel(installed: Installed) -> None:
    _modules_pass_against(installed, ONLINE_TESTS)
