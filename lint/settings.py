"""Settings: what a list's configuration says, and where kdlint finds it.

For each checked file kdlint walks up from its directory and takes the first
`.kdlint.toml`, or `pyproject.toml` with a `[tool.kdlint]` table; `--config`
names the file for every input and `--isolated` ignores all of them.

`Settings` is a plain dataclass holding the defaults; a configuration file is
validated by the pydantic model in `kdlint.config` (which also gives its JSON
Schema), imported only when there is a file to validate: most runs of kdlint
in pre-commit read none, and pydantic would be a fifth of their start-up.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path, PurePosixPath
from typing import Any

from .source import DEFAULT_MAX_FILE_SIZE, InputError

CONFIG_NAMES = (".kdlint.toml", "pyproject.toml")



class ConfigError(InputError):
    """A configuration file kdlint cannot use."""


@dataclass(frozen=True, kw_only=True)
class VenueSpec:
    """A venue a list uses that the shipped vocabulary lacks (`venues` setting)."""

    aliases: list[str] = field(default_factory=list)
    kind: str | None = None


@dataclass(frozen=True, kw_only=True)
class Settings:
    """The `[tool.kdlint]` table, with kdlint's defaults; `kdlint.config.ConfigFile` documents each key."""

    select: list[str] | None = None
    extend_select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    per_file_ignores: dict[str, list[str]] = field(default_factory=dict)
    style: str | None = None
    sort: str | None = None
    skip_sections: list[str] = field(default_factory=list)
    allow_cross_section_duplicates: bool | None = None  # None: inferred from the list (`kdlint.duplicates`)
    title_similarity: float = 95.0
    venues: dict[str, VenueSpec] = field(default_factory=dict)
    keep_historical_venue_names: bool = False
    code_labels: dict[str, list[str]] = field(default_factory=dict)
    max_file_size: int = DEFAULT_MAX_FILE_SIZE
    origin: Path | None = None  # the file the settings came from, for messages and per-file-ignores globs

    @cached_property
    def _ignore_globs(self) -> list[tuple[re.Pattern[str], list[str]]]:
        return [(glob_regex(pattern), codes) for pattern, codes in self.per_file_ignores.items()]

    def file_ignores(self, path: Path) -> list[str]:
        """The per-file-ignores selectors that apply to `path`."""
        if not self.per_file_ignores:
            return []
        base = self.origin.parent if self.origin else Path.cwd()
        try:
            relative = PurePosixPath(path.resolve().relative_to(base.resolve()).as_posix())
        except ValueError:
            relative = PurePosixPath(path.as_posix())
        found: list[str] = []
        for regex, codes in self._ignore_globs:
            if regex.match(str(relative)) or ("/" not in regex.pattern and regex.match(relative.name)):
                found.extend(codes)
        return found


def glob_regex(pattern: str) -> re.Pattern[str]:
    """Translate a glob (`*`, `?`, `**`, `[...]`) to a regex matching a relative POSIX path."""
    out: list[str] = []
    i = 0
    while i < len(pattern):
        ch = pattern[i]
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
            continue
        if pattern.startswith("**", i):
            out.append(".*")
            i += 2
            continue
        if ch == "*":
            out.append("[^/]*")
        elif ch == "?":
            out.append("[^/]")
        elif ch == "[":
            end = pattern.find("]", i + 2 if pattern[i + 1 : i + 2] in ("!", "]") else i + 1)
            if end < 0:
                raise ValueError(f"invalid glob {pattern!r}: '[' without a closing ']'")
            body = pattern[i + 1 : end]
            out.append("[" + ("^" + re.escape(body[1:]) if body.startswith("!") else re.escape(body)) + "]")
            i = end
        else:
            out.append(re.escape(ch))
        i += 1
    return re.compile("".join(out) + r"\Z")



def load_file(path: Path) -> Settings | None:
    """Settings from one file; None for a pyproject.toml without `[tool.kdlint]`."""
    import tomllib  # here: most runs read no configuration file

    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"{path}: configuration file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read the configuration ({exc})") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc})") from None
    if path.name == "pyproject.toml":
        table = data.get("tool", {}).get("kdlint")
        if table is None:
            return None
        if not isinstance(table, dict):
            raise ConfigError(f"{path}: [tool.kdlint] must be a table")
        return _validated(table, path, f"{path}: [tool.kdlint]")
    return _validated(data, path, str(path))


class ConfigFinder:
    """Finds the settings for each file, reading each directory's candidates once."""

    def __init__(self, explicit: Path | None = None, isolated: bool = False, root: Path | None = None) -> None:
        self.isolated = isolated
        self.root = root.resolve() if root is not None else None  # the search goes no higher than this
        self.explicit = load_file(explicit) if explicit else None
        if explicit and self.explicit is None:
            raise ConfigError(f"{explicit}: no [tool.kdlint] table")
        self._by_dir: dict[Path, Settings | None] = {}

    def settings_for(self, path: Path | None) -> Settings:
        if self.isolated:
            return Settings()
        if self.explicit is not None:
            return self.explicit
        try:  # from the directory the path names: a symbolic link finds the configuration beside the link
            start = (path.absolute().parent if path is not None else Path.cwd()).resolve()
        except (OSError, RuntimeError) as exc:  # RuntimeError: a loop of symbolic links (Python < 3.13)
            raise InputError(f"{path}: cannot find its directory ({exc})") from None
        return self._search(start) or Settings()

    def _search(self, directory: Path) -> Settings | None:
        if directory in self._by_dir:
            return self._by_dir[directory]
        found: Settings | None = None
        for name in CONFIG_NAMES:
            candidate = directory / name
            if candidate.is_file():
                found = load_file(candidate)
                if found is not None:
                    break
        if found is None and directory.parent != directory and directory != self.root:
            found = self._search(directory.parent)
        self._by_dir[directory] = found
        return found


def _validated(table: dict[str, Any], origin: Path, label: str) -> Settings:
    from .config import parse_settings

    return parse_settings(table, origin, label)
