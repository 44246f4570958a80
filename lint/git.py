"""Running git: the one place kdlint starts it (`--diff-base`, `kdlint review --prepare`, `respect-gitignore`)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from .source import InputError

if TYPE_CHECKING:
    import subprocess


def run(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    """`git ARGS` in `cwd`, its output captured; an InputError when git is not installed."""
    import subprocess  # imported here: most runs never start git, and subprocess costs start-up time

    try:
        return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=False)
    except FileNotFoundError:
        raise InputError("git is not installed; --diff-base and review --prepare need it") from None


def output(args: list[str], cwd: Path) -> str:
    """The standard output of `git ARGS`; an InputError with git's message when it fails."""
    done = run(args, cwd)
    if done.returncode != 0:
        raise InputError(f"git {' '.join(args)} failed: {done.stderr.strip() or done.returncode}")
    return done.stdout


# What git sets while it runs a hook (kdlint may run in one): they would point git, started in `cwd`, at the
# hook's repository and index rather than at the repository `cwd` is in.
_REPOSITORY_VARIABLES = frozenset({"GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_PREFIX", "GIT_COMMON_DIR",
                                   "GIT_OBJECT_DIRECTORY", "GIT_ALTERNATE_OBJECT_DIRECTORIES"})


def paths(args: list[str], cwd: Path) -> tuple[list[str] | None, str]:
    """The NUL-separated paths of `git ARGS` (which must print them with -z) in the repository `cwd` is in,
    decoded as the file system names them (`os.walk` gives the same strings, whatever the locale); None and
    git's first line of error when it fails. An InputError when git is not installed."""
    import os
    import subprocess

    env = {name: value for name, value in os.environ.items() if name not in _REPOSITORY_VARIABLES}
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False, env=env)
    except FileNotFoundError:
        raise InputError("git is not installed") from None
    if done.returncode != 0:
        lines = done.stderr.decode("utf-8", "replace").strip().splitlines()
        return None, lines[0] if lines else f"exit {done.returncode}"
    return [os.fsdecode(p) for p in done.stdout.split(b"\0") if p], ""
