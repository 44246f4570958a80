"""Which files a command reads, reading them within bounds, and writing results without ever leaving half a file.

Every failure is an `InputError` with one line for the user: a missing file,
a FIFO or device, a symbolic-link loop, a full disk, a read-only directory.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

from .source import DEFAULT_MAX_FILE_SIZE, InputError, SourceText

STDIN = "-"

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


def read(path: str, max_size: int = DEFAULT_MAX_FILE_SIZE) -> SourceText:
    """The list at `path` (`-`: standard input), never more than `max_size` bytes of it."""
    if path == STDIN:
        return SourceText.read_stdin(sys.stdin.buffer, max_size)
    return SourceText.read(Path(path), max_size)


def _cannot_write(path: Path, exc: OSError) -> InputError:
    return InputError(f"{path}: cannot write ({exc.strerror or exc})")


def write_atomic(path: Path, data: bytes) -> None:
    """Write beside the target and rename, keeping its permissions: never half a list.

    A symbolic link is written through: its target changes, the link stays a link.
    """
    import tempfile

    try:
        path = path.resolve() if path.is_symlink() else path
        mode = path.stat().st_mode
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".kdlint", dir=path.parent)
    except (OSError, RuntimeError) as exc:
        raise _cannot_write(path, exc if isinstance(exc, OSError) else OSError(str(exc))) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, mode & 0o7777)
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise _cannot_write(path, exc) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_new(path: Path, text: str) -> None:
    """Write a file a command creates (an output file), as UTF-8."""
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise _cannot_write(path, exc) from None
