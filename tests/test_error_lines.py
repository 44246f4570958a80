"""Error and warning lines on stderr: one line each, control characters from a path or a list shown escaped."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def kdlint(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("KDLINT_")}
    return subprocess.run([sys.executable, "-m", "kdlint", *args], cwd=cwd, capture_output=True, text=True, env=env,
                          stdin=subprocess.DEVNULL)


def test_a_missing_file_whose_name_holds_escape_sequences_is_one_inert_line(tmp_path: Path) -> None:
    done = kdlint("check", "a\x1b]0;owned\x07b\nc.md", cwd=tmp_path)
    assert done.returncode == 2
    assert "\x1b" not in done.stderr and "\x07" not in done.stderr
    assert done.stderr.count("\n") == 1
    assert "a\\x1b]0;owned\\x07b\\nc.md" in done.stderr


def test_a_warning_is_escaped_too(tmp_path: Path) -> None:
    (tmp_path / "list.md").write_text("- **A, CVPR 2020**\n", encoding="utf-8")
    done = kdlint("check", "--stdin-filename", "list.md", "x\x1b[2Jy.md", cwd=tmp_path)
    assert "\x1b" not in done.stderr
    assert "x\\x1b[2Jy.md" in done.stderr


def test_verbose_lines_are_escaped(tmp_path: Path) -> None:
    name = "l\x1b[2Jist\u202e.md"
    (tmp_path / name).write_text("# Papers\n\n## Sec\x1b]0;owned\x07tion\n\n"
                                 "- **Paper one.** A. Author. CVPR 2020. [[paper]](https://arxiv.org/abs/2001.00001)\n"
                                 "- **Paper two.** B. Author. ICCV 2021. [[paper]](https://arxiv.org/abs/2101.00002)\n",
                                 encoding="utf-8")
    done = kdlint("check", "-v", "--exit-zero", name, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "\x1b" not in done.stderr and "\x07" not in done.stderr and "\u202e" not in done.stderr
    lines = done.stderr.splitlines()
    assert any(line.startswith("l\\x1b[2Jist\\u202e.md: settings from ") for line in lines), lines
    assert "l\\x1b[2Jist\\u202e.md: 2 entries in 1 section with papers" in lines
