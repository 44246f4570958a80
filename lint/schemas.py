"""JSON files kdlint writes a schema for, and reads back through pydantic with one-line errors."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from .source import InputError

DRAFT = "https://json-schema.org/draft/2020-12/schema"
M = TypeVar("M", bound=BaseModel)


def schema_text(schema: dict[str, Any]) -> str:
    """A generated JSON Schema as the checked-in schema/*.json files hold it."""
    return json.dumps({**schema, "$schema": DRAFT}, indent=2, sort_keys=True) + "\n"


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
