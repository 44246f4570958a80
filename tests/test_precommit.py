"""The pre-commit hooks of .pre-commit-hooks.yaml, run for real with `pre-commit try-repo`.

`pre-commit try-repo PATH` clones PATH at HEAD. When PATH has uncommitted
changes it clones into a shadow repository and adds the staged files and the
modified *tracked* files (`git add -u`), but never untracked ones: a new
module, or the hooks file itself before it is committed, would be missing.
So that the tests check exactly the working tree, on a clean clone in CI and
on a developer's machine with uncommitted work alike, they point try-repo at
a snapshot: a throwaway git repository holding one commit of every file git
would take in this working tree (tracked and untracked, .gitignore honoured).

pre-commit installs the hook environment with pip (kdlint and its
dependencies from the package index). try-repo keeps its store in a temporary
directory of its own, so each run builds the environment anew; pip's cache
makes that a few seconds after the first run. PRE_COMMIT_HOME still points
into the test's temporary directory, so that nothing of the user's own
pre-commit cache is read or written.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent

BAD_LIST = """\
## Papers

- **Relational Knowledge Distillation, CVPR 2019** [[Pytorch]](https://github.com/lenscloth/RKD)
  - https://arxiv.org/abs/1904.05068
  - *Wonpyo Park, Dongju Kim, Yan Lu, Minsu Cho.*
"""

# The first run installs the hook environment from the package index.
TIMEOUT = 900

# Variables git sets while it runs a hook: inherited, they would point the
# git commands below at the wrong repository.
_GIT_VARIABLES = (
    "GIT_DIR",
    "GIT_WORK_TREE",
    "GIT_INDEX_FILE",
    "GIT_OBJECT_DIRECTORY",
    "GIT_ALTERNATE_OBJECT_DIRECTORIES",
    "GIT_PREFIX",
)


def _require_tools() -> None:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    try:
        import pre_commit  # noqa: F401
    except ImportError:
        pytest.skip("pre-commit is not installed (pip install pre-commit)")


def _environment(pre_commit_home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in _GIT_VARIABLES}
    env["PRE_COMMIT_HOME"] = str(pre_commit_home)
    env["NO_COLOR"] = "1"
    # Commits in the throwaway repositories must not depend on the user's git
    # configuration (identity, signing, hooks).
    env["GIT_CONFIG_NOSYSTEM"] = "1"
    return env


def _git(cwd: Path, *args: str, env: dict[str, str]) -> str:
    result = subprocess.run(
        ["git", *args], cwd=cwd, env=env, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise AssertionError(f"git {' '.join(args)} failed:\n{result.stdout}{result.stderr}")
    return result.stdout


def _init_and_commit(repo: Path, env: dict[str, str]) -> None:
    _git(repo, "init", "-q", env=env)
    _git(repo, "config", "user.name", "kdlint tests", env=env)
    _git(repo, "config", "user.email", "kdlint-tests@example.invalid", env=env)
    _git(repo, "config", "commit.gpgsign", "false", env=env)
    _git(repo, "add", "-A", env=env)
    _git(repo, "commit", "-q", "--no-verify", "-m", "snapshot", env=env)


@pytest.fixture(scope="session")
def precommit_env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    _require_tools()
    return _environment(tmp_path_factory.mktemp("pre-commit-home"))


@pytest.fixture(scope="session")
def hooks_repo(tmp_path_factory: pytest.TempPathFactory, precommit_env: dict[str, str]) -> Path:
    """A one-commit git repository with the kdlint working tree as it is now."""
    listing = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=REPO_ROOT,
        env=precommit_env,
        capture_output=True,
        check=False,
    )
    if listing.returncode != 0:
        pytest.skip(f"{REPO_ROOT} is not a git working tree: {listing.stderr.decode().strip()}")
    snapshot = tmp_path_factory.mktemp("kdlint-hooks-repo")
    copied = 0
    for raw in listing.stdout.split(b"\0"):
        if not raw:
            continue
        name = os.fsdecode(raw)
        source = REPO_ROOT / name
        if not source.is_file():  # deleted in the working tree, or a submodule
            continue
        target = snapshot / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, target)
        copied += 1
    assert (snapshot / ".pre-commit-hooks.yaml").is_file(), "the hooks manifest is missing"
    assert copied > 0
    _init_and_commit(snapshot, precommit_env)
    return snapshot


@pytest.fixture
def list_repo(tmp_path: Path, precommit_env: dict[str, str]) -> Path:
    """A throwaway list repository with one committed README.md that has one KD108 finding."""
    repo = tmp_path / "awesome-list"
    repo.mkdir()
    (repo / "README.md").write_text(BAD_LIST, encoding="utf-8")
    _init_and_commit(repo, precommit_env)
    return repo


def _try_repo(
    hooks_repo: Path, hook: str, cwd: Path, env: dict[str, str]
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "pre_commit",
            "try-repo",
            "--color",
            "never",
            str(hooks_repo),
            hook,
            "--all-files",
        ],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )


def _output(result: subprocess.CompletedProcess[str]) -> str:
    return f"exit {result.returncode}\n--- stdout\n{result.stdout}\n--- stderr\n{result.stderr}"


def test_check_hook_fails_on_a_finding(
    hooks_repo: Path, list_repo: Path, precommit_env: dict[str, str]
) -> None:
    result = _try_repo(hooks_repo, "kdlint", list_repo, precommit_env)
    assert result.returncode != 0, _output(result)
    assert "KD108" in result.stdout, _output(result)
    assert "README.md:3:" in result.stdout, _output(result)
    # The check hook never writes.
    assert (list_repo / "README.md").read_text(encoding="utf-8") == BAD_LIST


def test_fix_hook_fixes_then_passes(
    hooks_repo: Path, list_repo: Path, precommit_env: dict[str, str]
) -> None:
    readme = list_repo / "README.md"

    first = _try_repo(hooks_repo, "kdlint-fix", list_repo, precommit_env)
    assert first.returncode != 0, _output(first)
    assert "files were modified by this hook" in first.stdout, _output(first)
    fixed = readme.read_text(encoding="utf-8")
    assert "[[PyTorch]](https://github.com/lenscloth/RKD)" in fixed
    assert "[[Pytorch]]" not in fixed
    assert fixed == BAD_LIST.replace("[[Pytorch]]", "[[PyTorch]]")

    second = _try_repo(hooks_repo, "kdlint-fix", list_repo, precommit_env)
    assert second.returncode == 0, _output(second)
    assert "files were modified by this hook" not in second.stdout, _output(second)

    # The fixed (still uncommitted) file now passes the check hook too.
    check = _try_repo(hooks_repo, "kdlint", list_repo, precommit_env)
    assert check.returncode == 0, _output(check)
