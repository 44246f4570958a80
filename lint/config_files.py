"""Where a list's configuration comes from: the first `.kdlint.toml`, or `pyproject.toml` with `[tool.kdlint]`.

For each checked file kdlint walks up from its directory and takes the first
`.kdlint.toml`, or `pyproject.toml` with a `[tool.kdlint]` table; `--config`
names the file for every input and `--isolated` ignores all of them. A file
found is validated by `kdlint.settings_check` without pydantic; only a table
it is not sure of (an error, or a value pydantic would convert) goes to
`kdlint.config` (pydantic), which makes the Settings or gives the error.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .settings import ConfigError, Settings
from .source import InputError

CONFIG_NAMES = (".kdlint.toml", "pyproject.toml")


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
        self.explicit_path = explicit
        self._by_dir: dict[Path, Settings | None] = {}
        self._defaults = Settings()  # one instance, so that what is derived from it is made once

    def settings_for(self, path: Path | None) -> Settings:
        if self.isolated or self.explicit is not None:
            return self.settings_in(Path())
        try:  # from the directory the path names: a symbolic link finds the configuration beside the link
            start = (path.absolute().parent if path is not None else Path.cwd()).resolve()
        except (OSError, RuntimeError) as exc:  # RuntimeError: a loop of symbolic links (Python < 3.13)
            raise InputError(f"{path}: cannot find its directory ({exc})") from None
        return self.settings_in(start)

    def settings_in(self, directory: Path) -> Settings:
        """The settings of the files in `directory` (absolute, resolved)."""
        if self.isolated:
            return self._defaults
        if self.explicit is not None:
            return self.explicit
        return self._search(directory) or self._defaults

    def describe(self, settings: Settings) -> str:
        """Where `settings` come from, for `-v` and `--show-settings`."""
        if self.isolated:
            return "none (--isolated: the defaults)"
        if settings.origin is None:
            return "none (no configuration file found: the defaults)"
        return f"{settings.origin} (--config)" if self.explicit is not None else str(settings.origin)

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
    from .settings_check import settings_from  # here: most runs read no configuration file

    settings = settings_from(table, origin)
    if settings is not None:
        return settings
    from .config import parse_settings  # pydantic: only for a table the plain check is not sure of

    return parse_settings(table, origin, label)
