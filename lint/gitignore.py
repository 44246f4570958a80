"""What git ignores below a directory: `respect-gitignore`, asked of git itself.

`git ls-files --others --ignored --exclude-standard --directory` lists the
untracked paths git ignores below a directory, a wholly ignored directory as
`dir/`: the .gitignore files at every level with their negations, the
repository's .git/info/exclude and the user's global excludes file, and never
a tracked file (git's own rule: .gitignore does not apply to what is tracked).
Outside a git repository nothing is ignored, as with git and Ruff. Without git
installed nothing is ignored either.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from . import git
from .source import InputError


@dataclass(frozen=True)
class Ignored:
    """The paths git ignores below one directory, relative to it (POSIX, `dir/` for a whole directory)."""

    paths: frozenset[str]

    def __contains__(self, relative: str) -> bool:
        return relative in self.paths


def ignored(directory: Path) -> tuple[Ignored | None, str | None]:
    """What git ignores below `directory`, and why nothing could be asked when git fails there (None when it
    is not in a repository, or git is not installed: both mean that nothing is ignored)."""
    try:
        listed, message = git.paths(["ls-files", "-z", "--others", "--ignored", "--exclude-standard",
                                     "--directory"], directory)
    except InputError:  # git is not installed
        return None, None
    if listed is None:
        return None, None if "not a git repository" in message else message
    paths = frozenset(listed)
    if "./" in paths:  # the directory itself is ignored, and it was named: walked whole, as Ruff does
        return Ignored(frozenset()), None
    return Ignored(paths), None
