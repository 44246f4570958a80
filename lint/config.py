"""Configuration: `[tool.kdlint]` in pyproject.toml or a `.kdlint.toml`, validated by pydantic.

For each checked file kdlint walks up from its directory and takes the first
`.kdlint.toml`, or `pyproject.toml` with a `[tool.kdlint]` table; `--config`
names the file for every input and `--isolated` ignores all of them. Errors
are one line naming the file, the key and what is allowed.
"""

from __future__ import annotations

import difflib
import re
import tomllib
from functools import cached_property
from pathlib import Path, PurePosixPath
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints, ValidationError, field_validator

from .schemas import schema_text
from .selection import SelectorError, check_selector
from .source import InputError

CONFIG_NAMES = (".kdlint.toml", "pyproject.toml")
DEFAULT_MAX_FILE_SIZE = 16 * 1024 * 1024  # a 50,000-entry list is about 12 MB
_SIZE = re.compile(r"^\s*(\d+)\s*(B|KB|KiB|MB|MiB|GB|GiB)?\s*$", re.IGNORECASE)
_UNITS = {"b": 1, "kb": 1000, "kib": 1024, "mb": 1000**2, "mib": 1024**2, "gb": 1000**3, "gib": 1024**3}


class ConfigError(InputError):
    """A configuration file kdlint cannot use."""


def _selector(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError("expected a rule code string like KD102 or a prefix like KD1")
    try:
        return check_selector(value)
    except SelectorError as exc:
        raise ValueError(str(exc)) from None


def _size(value: Any) -> int:
    if isinstance(value, bool):
        raise ValueError("expected a size in bytes (10485760) or with a unit (\"10MB\", \"512KiB\")")
    if isinstance(value, int):
        if value <= 0:
            raise ValueError("expected a positive size")
        return value
    m = _SIZE.match(value) if isinstance(value, str) else None
    if not m:
        raise ValueError("expected a size in bytes (10485760) or with a unit (\"10MB\", \"512KiB\")")
    return int(m.group(1)) * _UNITS[(m.group(2) or "b").lower()]


Selector = Annotated[str, StringConstraints(pattern=r"^(ALL|KD\d{0,3})$"), BeforeValidator(_selector)]
FileSize = Annotated[int, BeforeValidator(_size, json_schema_input_type=int | str)]


class VenueSpec(BaseModel):
    """A venue a list uses that the shipped vocabulary lacks."""

    model_config = ConfigDict(extra="forbid")

    aliases: list[str] = Field(default_factory=list, description="Other spellings that mean this venue.")
    kind: Literal["conference", "workshop", "journal", "preprint"] | None = None


class Settings(BaseModel):
    """The `[tool.kdlint]` table."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True, frozen=True,
                              title="kdlint configuration",
                              json_schema_extra={"description": "The [tool.kdlint] table of pyproject.toml, "
                                                                "or the top level of .kdlint.toml."})

    select: list[Selector] | None = Field(None, description="Rules to check (codes or prefixes); all when unset.")
    extend_select: list[Selector] = Field(default_factory=list, alias="extend-select",
                                          description="Rules to check in addition to `select`.")
    ignore: list[Selector] = Field(default_factory=list, description="Rules never to report.")
    per_file_ignores: dict[str, list[Selector]] = Field(
        default_factory=dict, alias="per-file-ignores",
        description="Glob (relative to the configuration file) to the rules not reported for matching files.")
    style: Literal["bold", "heading", "dated", "inline", "plain"] | None = Field(
        None, description="The entry style of every section; detected per section when unset.")
    sort: Literal["year", "-year", "title", "none"] | None = Field(
        None, description="The order entries keep within a section; inferred from the list when unset.")
    skip_sections: list[str] = Field(default_factory=list, alias="skip-sections",
                                     description="Headings whose sections hold no papers and are not checked.")
    allow_cross_section_duplicates: bool = Field(
        False, alias="allow-cross-section-duplicates",
        description="Report duplicates only within a section (for lists that cross-list papers on purpose).")
    title_similarity: float = Field(
        95.0, alias="title-similarity", ge=50, le=100,
        description="How alike two titles must be (0-100, rapidfuzz ratio of the normalised titles) for KD403.")
    venues: dict[str, VenueSpec] = Field(default_factory=dict,
                                         description="Venues the list uses beyond kdlint's vocabulary, or extra "
                                                     "aliases for a venue it has (`kdlint venues` lists them).")
    keep_historical_venue_names: bool = Field(
        False, alias="keep-historical-venue-names",
        description="Accept a venue's earlier name for the years it carried it (NIPS 2017); by default KD202 "
                    "writes the current name for every year (NeurIPS 2017).")
    code_labels: dict[str, list[str]] = Field(
        default_factory=dict, alias="code-labels",
        description="Accepted code-link labels, each with the spellings kdlint rewrites to it.")
    max_file_size: FileSize = Field(
        DEFAULT_MAX_FILE_SIZE, alias="max-file-size",
        description="Files larger than this are not read (bytes, or a string like \"10MB\").")

    # Where the settings came from, for messages and for per-file-ignores globs.
    origin: Path | None = Field(None, exclude=True)

    @field_validator("per_file_ignores")
    @classmethod
    def _globs(cls, value: dict[str, list[str]]) -> dict[str, list[str]]:
        for pattern in value:
            glob_regex(pattern)
        return value

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


def _field_names() -> list[str]:
    return [field.alias or name for name, field in Settings.model_fields.items() if name != "origin"]


def _describe(error: dict[str, Any]) -> str:
    location = [str(part) for part in error["loc"]]
    key = location[0] if location else ""
    if error["type"] == "extra_forbidden" and len(location) == 1:
        close = difflib.get_close_matches(key, _field_names(), n=1)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        return f"unknown key {key!r}{hint} (allowed: {', '.join(_field_names())})"
    message = error["msg"].removeprefix("Value error, ")
    where = ".".join(location)
    if error["type"] == "extra_forbidden":
        return f"{where}: unknown key"
    return f"{where}: {message}"


def parse_settings(table: dict[str, Any], origin: Path | None, label: str) -> Settings:
    try:
        return Settings.model_validate({**table, "origin": origin})
    except ValidationError as exc:
        errors = exc.errors()
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        raise ConfigError(f"{label}: {_describe(errors[0])}{more}") from None


def load_file(path: Path) -> Settings | None:
    """Settings from one file; None for a pyproject.toml without `[tool.kdlint]`."""
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
        return parse_settings(table, path, f"{path}: [tool.kdlint]")
    return parse_settings(data, path, str(path))


class ConfigFinder:
    """Finds the settings for each file, reading each directory's candidates once."""

    def __init__(self, explicit: Path | None = None, isolated: bool = False) -> None:
        self.isolated = isolated
        self.explicit = load_file(explicit) if explicit else None
        if explicit and self.explicit is None:
            raise ConfigError(f"{explicit}: no [tool.kdlint] table")
        self._by_dir: dict[Path, Settings | None] = {}

    def settings_for(self, path: Path | None) -> Settings:
        if self.isolated:
            return Settings()
        if self.explicit is not None:
            return self.explicit
        start = (path.resolve().parent if path is not None else Path.cwd().resolve())
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
        if found is None and directory.parent != directory:
            found = self._search(directory.parent)
        self._by_dir[directory] = found
        return found


def json_schema() -> dict[str, Any]:
    schema = Settings.model_json_schema(by_alias=True)
    schema["properties"].pop("origin", None)
    return schema


if __name__ == "__main__":  # python -m kdlint.config > schema/config.schema.json
    print(schema_text(json_schema()), end="")
