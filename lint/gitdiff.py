"""What a change touched: the lines of a file added or changed since a git revision.

`git diff --unified=N REF -- FILE` against the working tree; hunk headers give
the new side's line ranges. Added lines are what a pull request is judged on;
the hunks (added lines plus their context) are where GitHub accepts review
comments.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from . import git
from .source import InputError

HUNK = re.compile(r"^@@ -\d+(?:,\d+)? \+(?P<start>\d+)(?:,(?P<count>\d+))? @@")


@dataclass(frozen=True)
class FileChange:
    added: frozenset[int]  # lines added or changed on the new side
    hunks: frozenset[int] = field(default_factory=frozenset)  # every new-side line inside a hunk


@cache
def repository_root(directory: Path) -> Path:
    done = git.run(["rev-parse", "--show-toplevel"], directory)
    if done.returncode != 0:
        raise InputError(f"{directory}: not inside a git repository; --diff-base needs one")
    return Path(done.stdout.strip())


@cache
def check_revision(root: Path, ref: str) -> str:
    """The commit to compare with: where HEAD forked from `ref` (as `git diff REF...HEAD`), else `ref` itself.

    A pull request is judged on what it adds, not on what its base branch
    gained since it forked. An InputError if `ref` names no commit.
    """
    if ref.startswith("-"):
        raise InputError(f"{ref!r} is not a git revision")
    done = git.run(["rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}"], root)
    if done.returncode != 0:
        raise InputError(f"unknown git revision {ref!r}")
    fork = git.run(["merge-base", done.stdout.strip(), "HEAD"], root)
    return fork.stdout.strip() if fork.returncode == 0 and fork.stdout.strip() else done.stdout.strip()


def parse_hunks(diff: str) -> tuple[set[int], set[int]]:
    """(added lines, all new-side lines in hunks) from a unified diff of one file."""
    added: set[int] = set()
    in_hunks: set[int] = set()
    line = 0
    for text in diff.splitlines():
        m = HUNK.match(text)
        if m:
            line = int(m.group("start"))
            count = int(m.group("count")) if m.group("count") is not None else 1
            in_hunks.update(range(line, line + count))
            continue
        if not line:
            continue
        if text.startswith("+") and not text.startswith("+++"):
            added.add(line)
            line += 1
        elif text.startswith(" "):
            line += 1
    return added, in_hunks


def changes(path: Path, ref: str, context: int = 0) -> FileChange:
    """The lines of `path` (working tree) added or changed since `ref`."""
    directory = path.resolve().parent
    root = repository_root(directory)
    commit = check_revision(root, ref)
    relative = path.resolve().relative_to(root).as_posix()
    known = git.run(["cat-file", "-e", f"{commit}:{relative}"], root)
    if known.returncode != 0:
        every = frozenset(range(1, _line_count(path) + 1))
        return FileChange(added=every, hunks=every)
    done = git.run(["diff", "--no-color", "--no-ext-diff", f"--unified={context}", commit, "--", relative], root)
    if done.returncode != 0:
        raise InputError(f"{path}: git diff failed ({done.stderr.strip() or done.returncode})")
    added, in_hunks = parse_hunks(done.stdout)
    return FileChange(added=frozenset(added), hunks=frozenset(in_hunks))


def _line_count(path: Path) -> int:
    data = path.read_bytes()
    return data.count(b"\n") + (0 if data.endswith(b"\n") or not data else 1)
