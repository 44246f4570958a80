"""Configuration files: `[tool.kdlint]` in pyproject.toml or a `.kdlint.toml`, validated by pydantic.

`ConfigFile` is the schema of the table (schema/config.schema.json is made
from it); a valid table becomes `kdlint.settings.Settings`, the plain record
the rest of kdlint reads (`kdlint.settings` finds the files). Errors are one
line naming the file, the key and what is allowed.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints, ValidationError, field_validator

from . import settings
from .schemas import schema_text
from .selection import SelectorError, check_selector
from .settings import ConfigError, Settings, glob_regex
from .source import DEFAULT_MAX_FILE_SIZE

_SIZE = re.compile(r"^\s*(\d+)\s*(B|KB|KiB|MB|MiB|GB|GiB)?\s*$", re.IGNORECASE)
_UNITS = {"b": 1, "kb": 1000, "kib": 1024, "mb": 1000**2, "mib": 1024**2, "gb": 1000**3, "gib": 1024**3}


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


class ConfigFile(BaseModel):
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
    allow_cross_section_duplicates: bool | None = Field(
        None, alias="allow-cross-section-duplicates",
        description="Report duplicates only within a section (true), or across sections too (false); unset, "
                    "kdlint infers it: a list that files many papers under several sections does so on purpose.")
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

    @field_validator("per_file_ignores")
    @classmethod
    def _globs(cls, value: dict[str, list[str]]) -> dict[str, list[str]]:
        for pattern in value:
            glob_regex(pattern)
        return value


def _field_names() -> list[str]:
    return [field.alias or name for name, field in ConfigFile.model_fields.items()]


def _describe(error: Mapping[str, Any]) -> str:
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
    """Validate one `[tool.kdlint]` table (`label` names it in errors) into `Settings`."""
    try:
        valid = ConfigFile.model_validate(table)
    except ValidationError as exc:
        errors = exc.errors()
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        raise ConfigError(f"{label}: {_describe(errors[0])}{more}") from None
    values = {name: getattr(valid, name) for name in ConfigFile.model_fields}
    values["venues"] = {name: settings.VenueSpec(aliases=spec.aliases, kind=spec.kind)
                        for name, spec in valid.venues.items()}
    return Settings(**values, origin=origin)


def json_schema() -> dict[str, Any]:
    return ConfigFile.model_json_schema(by_alias=True)


if __name__ == "__main__":  # python -m kdlint.config > schema/config.schema.json
    print(schema_text(json_schema()), end="")
