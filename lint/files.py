"""Which files a command reads, reading them within bounds, and writing results without ever leaving half a file.

Every failure is an `InputError` with one line for the user: a missing file,
a FIFO or device, a symbolic-link loop, a full disk, a read-only directory.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from .source import DEFAULT_MAX_FILE_SIZE, InputError, SourceText
from .words import plural

if TYPE_CHECKING:
    from .gitignore import Ignored

STDIN = "-"

MARKDOWN_SUFFIXES = frozenset({".md", ".markdown", ".mdown", ".mkd"})
VCS_DIRS = frozenset({".git", ".hg", ".svn"})  # never walked, whatever `exclude` says


class Rules(Protocol):
    """What a directory's walk leaves out, and what `--force-exclude` leaves out of the paths named."""

    def excluded(self, path: Path) -> bool:
        """Whether the walk leaves out `path` (absolute, its directory resolved), an entry of a directory it
        walks."""

    def force_excluded(self, path: Path) -> bool:
        """Whether `path`, named on the command line, is left out (`--force-exclude`)."""

    def gitignore(self, directory: Path) -> bool:
        """Whether the walk of `directory` (resolved) leaves out what git ignores."""


@dataclass
class Found:
    """The files to read, one error per path that gives none, and warnings (git could not be asked)."""

    files: list[Path] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    left_out: int = 0  # Markdown files or directories that exclusion or .gitignore left out


class _Walk:
    """One directory's walk: sorted, pruned by `Rules` and by what git ignores in each repository below."""

    def __init__(self, directory: Path, rules: Rules | None, found: Found) -> None:
        self.directory = directory
        self.top = directory.resolve()
        self.rules = rules
        self.found = found
        self.git = rules is not None and rules.gitignore(self.top)
        self.scopes: list[tuple[str, Ignored]] = []  # (prefix relative to the directory, what git ignores there)
        if self.git:
            self._ask_git(directory, "")

    def _ask_git(self, directory: Path, prefix: str) -> None:
        from .gitignore import ignored

        listing, problem = ignored(directory)
        if problem:
            self.found.warnings.append(f"{directory}: .gitignore not read ({problem})")
        if listing is not None:
            self.scopes.append((prefix, listing))

    def _git_ignores(self, relative: str) -> bool:
        for prefix, listing in reversed(self.scopes):  # the deepest repository holding the path decides
            if relative.startswith(prefix):
                return relative[len(prefix):] in listing
        return False

    def _left_out(self, real: Path, relative: str) -> bool:
        if (self.rules is not None and self.rules.excluded(real)) or (self.git and self._git_ignores(relative)):
            self.found.left_out += 1
            return True
        return False

    def __iter__(self) -> Iterator[Path]:
        for root, dirs, files in os.walk(self.directory):
            here = os.path.relpath(root, self.directory)
            prefix = "" if here == "." else Path(here).as_posix() + "/"
            real = self.top / here if prefix else self.top
            kept = []
            for name in sorted(dirs):
                if name in VCS_DIRS or self._left_out(real / name, f"{prefix}{name}/"):
                    continue
                kept.append(name)
                if self.git and os.path.lexists(os.path.join(root, name, ".git")):  # a repository of its own
                    self._ask_git(Path(root) / name, f"{prefix}{name}/")
            dirs[:] = kept
            for name in sorted(files):
                if Path(name).suffix.lower() in MARKDOWN_SUFFIXES and not self._left_out(real / name,
                                                                                        prefix + name):
                    yield Path(root) / name


def discover(paths: Sequence[str], rules: Rules | None = None, force_exclude: bool = False) -> Found:
    """The files to read, and one error per path that gives none.

    Files named directly are read whatever their suffix, and whatever `exclude`
    says unless `force_exclude`; directories give the Markdown files below them
    that `rules` keeps.
    """
    from .exclusion import absolute

    found = Found()
    seen: dict[Path, None] = {}
    for raw in paths:
        path = Path(raw)
        if force_exclude and rules is not None and rules.force_excluded(absolute(path)):
            continue
        if path.is_dir():
            before = found.left_out
            inside = list(_Walk(path, rules, found))
            if not inside:
                left_out = found.left_out - before
                errors = f"no Markdown files to check in this directory ({plural(left_out, 'path')} left out by " \
                    "exclude or .gitignore)" if left_out else "no Markdown files in this directory"
                found.errors.append(InputError(f"{raw}: {errors}"))
            seen.update(dict.fromkeys(inside))
        elif path.exists() or path.is_symlink():
            seen[path] = None
        else:
            found.errors.append(InputError(f"{raw}: no such file or directory"))
    found.files = list(seen)
    return found


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
