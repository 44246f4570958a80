"""JSON files kdlint writes a schema for, and reads back through pydantic with one-line errors."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any, TypeVar, get_type_hints

from pydantic import BaseModel, ConfigDict, Field, ValidationError, create_model

from .source import InputError

DRAFT = "https://json-schema.org/draft/2020-12/schema"
M = TypeVar("M", bound=BaseModel)


def schema_text(schema: dict[str, Any]) -> str:
    """A generated JSON Schema as the checked-in schema/*.json files hold it."""
    return json.dumps({**schema, "$schema": DRAFT}, indent=2, sort_keys=True) + "\n"


def model_of(declared: type[Any], types: Mapping[str, Any], config: ConfigDict | None = None) -> type[BaseModel]:
    """The pydantic model of a dataclass whose fields carry `fields.doc` metadata: each such field with its
    type read through `types` (the validated forms of the plain aliases the dataclass's module names), its
    default, its key and its documentation. Unknown keys are errors."""
    hints = get_type_hints(declared, localns=dict(types), include_extras=True)
    made: dict[str, Any] = {}
    for item in dataclasses.fields(declared):
        if "doc" not in item.metadata:
            continue  # not read from a file (`Settings.origin`)
        default: dict[str, Any] = {}
        if item.default_factory is not dataclasses.MISSING:
            default["default_factory"] = item.default_factory
        elif item.default is not dataclasses.MISSING:
            default["default"] = item.default
        made[item.name] = (hints[item.name], Field(**default, alias=item.metadata["key"],
                                                   description=item.metadata["doc"]))
    model: type[BaseModel] = create_model(declared.__name__, __config__=ConfigDict(extra="forbid", **(config or {})),
                                          __doc__=declared.__doc__, **made)
    return model


def load_json(path: Path, model: type[M], what: str, missing_hint: str = "") -> M:
    """`path` validated as `model`; an InputError naming the file, the field and the problem otherwise."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: {what} not found{missing_hint}") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read the {what} ({exc.strerror or exc})") from None
    try:
        return model.model_validate_json(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "file"
        raise InputError(f"{path}: not a valid {what} ({where}: {first['msg']})") from None
