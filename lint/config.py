"""Configuration files validated: the pydantic model derived from `kdlint.settings.Settings`.

`ConfigFile` is made from the declaration in `kdlint.settings` (each
setting's type, default, key and documentation), with the validation each of
its types needs (`VALIDATED`); schema/config.schema.json is made from it
(`python -m kdlint.config`). A valid table becomes `Settings`. Errors are one
line naming the file, the key and what is allowed. A run imports this module
(and pydantic) only for a table `kdlint.settings_check` is not sure of: an
invalid one, or one pydantic reads by converting a value.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from pathlib import Path
from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator, ConfigDict, Field, StringConstraints, ValidationError

from .codes import SELECTOR_PATTERN
from .schemas import model_of, schema_text
from .selection import SelectorError, check_selector
from .settings import (
    DAYS_MAX,
    SECONDS_MAX,
    SIMILARITY_MAX,
    SIMILARITY_MIN,
    CacheTtl,
    ConfigError,
    OnlineSettings,
    Settings,
    VenueSpec,
    check_endpoint,
    glob_regex,
    parse_size,
)


def _selector(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError("expected a rule code string like KD102 or a prefix like KD1")
    try:
        return check_selector(value)
    except SelectorError as exc:
        raise ValueError(str(exc)) from None


def _glob(value: str) -> str:
    glob_regex(value)
    return value


def _globs(value: dict[str, list[str]]) -> dict[str, list[str]]:
    for pattern in value:
        glob_regex(pattern)
    return value


def _number(value: Any) -> Any:
    if isinstance(value, bool):  # pydantic would read true as 1
        raise ValueError("expected a number, not a boolean")
    return value


Selector = Annotated[str, StringConstraints(pattern=SELECTOR_PATTERN), BeforeValidator(_selector)]
VALIDATED: dict[str, Any] = {
    "Selector": Selector,
    "Glob": Annotated[str, AfterValidator(_glob)],
    "PerFileIgnores": Annotated[dict[str, list[Selector]], AfterValidator(_globs)],
    "Similarity": Annotated[float, Field(ge=SIMILARITY_MIN, le=SIMILARITY_MAX)],
    "FileSize": Annotated[int, BeforeValidator(parse_size, json_schema_input_type=int | str)],
    "Endpoint": Annotated[str, AfterValidator(check_endpoint)],
    "Seconds": Annotated[float, Field(gt=0, le=SECONDS_MAX), BeforeValidator(_number)],
    "Days": Annotated[float, Field(ge=0, le=DAYS_MAX), BeforeValidator(_number)],
}
VALIDATED["VenueSpec"] = model_of(VenueSpec, VALIDATED)
VALIDATED["CacheTtl"] = model_of(CacheTtl, VALIDATED)
VALIDATED["OnlineSettings"] = model_of(OnlineSettings, VALIDATED)
ConfigFile = model_of(Settings, VALIDATED, ConfigDict(populate_by_name=True, title="kdlint configuration"))


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


def _online(valid: Any) -> OnlineSettings:
    """The `online` table's record from its validated model (the default is the record itself)."""
    if isinstance(valid, OnlineSettings):
        return valid
    values = dict(valid)
    ttl = values["cache_ttl"]
    values["cache_ttl"] = ttl if isinstance(ttl, CacheTtl) else CacheTtl(**dict(ttl))
    return OnlineSettings(**values)


def parse_settings(table: dict[str, Any], origin: Path | None, label: str) -> Settings:
    """Validate one `[tool.kdlint]` table (`label` names it in errors) into `Settings`."""
    try:
        valid = ConfigFile.model_validate(table)
    except ValidationError as exc:
        errors = exc.errors()
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        raise ConfigError(f"{label}: {_describe(errors[0])}{more}") from None
    values = {name: getattr(valid, name) for name in ConfigFile.model_fields}
    values["venues"] = {name: VenueSpec(**dict(spec)) for name, spec in values["venues"].items()}
    values["online"] = _online(values["online"])
    return Settings(**values, origin=origin)


def json_schema() -> dict[str, Any]:
    return ConfigFile.model_json_schema(by_alias=True)


if __name__ == "__main__":  # python -m kdlint.config > schema/config.schema.json
    print(schema_text(json_schema()), end="")
