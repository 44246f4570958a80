"""`kdlint check --diff-base REF`: only what a change added, from anywhere in the repository."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from kdlint.cli import main
from kdlint.gitdiff import parse_hunks

OLD = """\
## Papers

- **Relational Knowledge Distillation, CVPR 2019** [[Pytorch]](https://github.com/lenscloth/RKD)
  - https://arxiv.org/abs/1904.05068
  - *Wonpyo Park, Dongju Kim.*

- **Deep Mutual Learning, CVPR 2018**
  - https://arxiv.org/abs/1706.00384
  - *Ying Zhang, Tao Xiang.*
"""

ADDED = """
- **Contrastive Representation Distillation, ICLR 2020** [[Tensorflow]](https://github.com/HobbitLong/RepDistiller)
  - https://arxiv.org/abs/1910.10699
  - *Yonglong Tian, Dilip Krishnan.*
"""


def git(cwd: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True).stdout


@pytest.fixture
def repository(tmp_path: Path) -> Path:
    git(tmp_path, "init", "-q")
    git(tmp_path, "config", "user.email", "t@example.org")
    git(tmp_path, "config", "user.name", "t")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "README.md").write_text(OLD)
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-qm", "base")
    return tmp_path


def lines(capsys) -> list[str]:
    return [line.split(": ", 1)[1] if ": " in line else line for line in capsys.readouterr().out.splitlines()]


def test_only_added_lines_are_reported(repository: Path, capsys, monkeypatch: pytest.MonkeyPatch) -> None:
    (repository / "docs" / "README.md").write_text(OLD + ADDED)
    monkeypatch.chdir(repository / "docs")
    assert main(["check", "--isolated", "--diff-base", "HEAD", "README.md"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "README.md:11:60: KD108 [*] code label `Tensorflow` is spelled `TensorFlow`"
    assert len(out) == 3  # the old [[Pytorch]] on line 3 is old debt


def test_a_duplicate_whose_newer_side_was_added(repository: Path, capsys, monkeypatch: pytest.MonkeyPatch) -> None:
    # The added entry comes first, so the pair is reported on the old entry: it is still the change's doing.
    path = repository / "docs" / "README.md"
    path.write_text(OLD.replace("## Papers\n", "## Papers\n\n- **Deep Mutual Learning, CVPR 2018**\n"
                                "  - https://arxiv.org/abs/1706.00384\n  - *Ying Zhang, Tao Xiang.*\n"))
    monkeypatch.chdir(repository)
    main(["check", "--isolated", "--select", "KD4", "--diff-base", "HEAD", "docs/README.md"])
    assert capsys.readouterr().out.splitlines()[0] == (
        "docs/README.md:11:5: KD401 same paper as line 3 (arxiv:1706.00384)")


def test_new_files_are_all_new(repository: Path, capsys, monkeypatch: pytest.MonkeyPatch) -> None:
    (repository / "new.md").write_text(OLD)
    monkeypatch.chdir(repository)
    main(["check", "--isolated", "--select", "KD108", "--diff-base", "HEAD", "new.md"])
    assert capsys.readouterr().out.splitlines()[0].startswith("new.md:3:54: KD108")


@pytest.mark.parametrize(
    ("ref", "message"),
    [("no-such-ref", "kdlint: error: unknown git revision 'no-such-ref'\n"),
     ("--all", "kdlint: error: '--all' is not a git revision\n")],
)
def test_bad_revisions(repository: Path, capsys, monkeypatch: pytest.MonkeyPatch, ref: str, message: str) -> None:
    monkeypatch.chdir(repository)
    assert main(["check", f"--diff-base={ref}", "docs/README.md"]) == 2
    assert capsys.readouterr().err == message


def test_outside_a_repository(tmp_path: Path, capsys) -> None:
    (tmp_path / "a.md").write_text(OLD)
    assert main(["check", "--diff-base", "HEAD", str(tmp_path / "a.md")]) == 2
    assert "not inside a git repository; --diff-base needs one" in capsys.readouterr().err


def test_parse_hunks() -> None:
    diff = "diff --git a/x b/x\n--- a/x\n+++ b/x\n@@ -1,2 +1,3 @@\n a\n-b\n+c\n+d\n@@ -10 +11,0 @@\n-gone\n"
    assert parse_hunks(diff) == ({2, 3}, {1, 2, 3})
