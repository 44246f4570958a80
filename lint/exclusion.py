"""`exclude` and `extend-exclude`: the paths a directory's walk leaves out, matched as Ruff matches them.

A glob is relative to the directory of the configuration file that sets it
(the current directory without one). A glob with a `/` (`docs/old`,
`**/drafts/*.md`, `/CHANGELOG.md`) is matched against the whole path below
that directory; one without (`build`, `*.draft.md`, `.*`) against each name on
the way, so `build` leaves out every directory called build at any depth.
`*` and `?` stop at a `/`, `**` crosses it (`kdlint.settings.glob_regex`, as
for `per-file-ignores`). A directory left out takes everything below it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from .settings import Settings, glob_regex


def _split(patterns: Sequence[str]) -> tuple[list[re.Pattern[str]], list[re.Pattern[str]]]:
    """The globs matched against whole relative paths, and those matched against each name."""
    paths: list[re.Pattern[str]] = []
    names: list[re.Pattern[str]] = []
    for pattern in patterns:
        body = pattern.rstrip("/") or pattern  # `build/`: the directory build (and a file of that name)
        anchored = body.startswith(("/", "./"))
        body = body.removeprefix("./").lstrip("/")
        if anchored or "/" in body:
            paths.append(glob_regex(body))
        else:
            names.append(glob_regex(body))
    return paths, names


class Exclusion:
    """One configuration's `exclude` and `extend-exclude`, compiled."""

    def __init__(self, settings: Settings) -> None:
        base = settings.origin.parent if settings.origin is not None else Path.cwd()
        self.base = base.resolve()
        self.patterns = [*settings.exclude, *settings.extend_exclude]
        self._paths, self._names = _split(self.patterns)

    def relative(self, path: Path) -> tuple[str, ...] | None:
        """The parts of `path` (absolute, its directory resolved) below the base; None when it is not below."""
        try:
            return path.relative_to(self.base).parts
        except ValueError:
            return None

    def _matches(self, parts: tuple[str, ...]) -> bool:
        """Whether the entry at `parts` (below the base) is matched, by its path or its own name."""
        joined = "/".join(parts)
        return any(regex.match(joined) for regex in self._paths) or \
            any(regex.match(parts[-1]) for regex in self._names)

    def entry(self, path: Path) -> bool:
        """Whether a walk leaves out `path`, an entry of a directory it walks (its parents were walked)."""
        if not self.patterns:
            return False
        parts = self.relative(path)
        if parts is None:  # a configuration above neither: its globs with a `/` cannot apply
            return any(regex.match(path.name) for regex in self._names)
        return bool(parts) and self._matches(parts)

    def covers(self, path: Path) -> bool:
        """Whether `path`, named on the command line, is left out by `--force-exclude`: it or a directory
        above it, up to the base, is matched."""
        if not self.patterns:
            return False
        parts = self.relative(path)
        if parts is None:
            return any(regex.match(path.name) for regex in self._names)
        return any(self._matches(parts[:end]) for end in range(1, len(parts) + 1))


def absolute(path: Path) -> Path:
    """`path` absolute with its directory resolved, the link itself kept (configuration is found beside it)."""
    whole = path.absolute()
    if whole.name in ("", ".", ".."):
        return whole.resolve()
    return whole.parent.resolve() / whole.name
