"""`kdlint export --format json`: a JSON array of the records (schema/export.schema.json)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pydantic import TypeAdapter

from .records import ExportRecord

RECORDS = TypeAdapter(list[ExportRecord])


def render_json(found: Sequence[ExportRecord]) -> str:
    return RECORDS.dump_json(list(found), indent=2).decode() + "\n"


def json_schema() -> dict[str, Any]:
    schema = RECORDS.json_schema()
    schema["title"] = "kdlint export"
    schema["description"] = ("The paper entries of a list as `kdlint export --format json` writes them, "
                             "one object per entry, in source order.")
    return schema
