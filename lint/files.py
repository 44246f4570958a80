"""Which files a command reads: the paths given, and the Markdown inside directories."""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from pathlib import Path

from .source import InputError

MARKDOWN_SUFFIXES = frozenset({".md", ".markdown", ".mdown", ".mkd"})
SKIP_DIRS = frozenset({".git", ".hg", ".svn", "node_modules", ".venv", "venv", "__pycache__", ".tox", ".nox",
                       "build", "dist", "site-packages"})


def _walk(directory: Path) -> Iterator[Path]:
    for root, dirs, files in os.walk(directory):
        dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS and not d.startswith("."))
        for name in sorted(files):
            if Path(name).suffix.lower() in MARKDOWN_SUFFIXES:
                yield Path(root) / name


def discover(paths: Sequence[str]) -> tuple[list[Path], list[InputError]]:
    """The files to read, and one error per path that gives none.

    Files named directly are read whatever their suffix; directories give the
    Markdown files below them.
    """
    found: dict[Path, None] = {}
    errors: list[InputError] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            inside = list(_walk(path))
            if not inside:
                errors.append(InputError(f"{raw}: no Markdown files in this directory"))
            found.update(dict.fromkeys(inside))
        elif path.exists() or path.is_symlink():
            found[path] = None
        else:
            errors.append(InputError(f"{raw}: no such file or directory"))
    return list(found), errors
