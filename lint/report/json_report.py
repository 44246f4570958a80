"""`--output-format json`: a JSON array, one object per finding (schema/report.schema.json)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pydantic import TypeAdapter

from ..diagnostics import ReportItem
from ..schemas import schema_text
from . import FileResult

REPORT = TypeAdapter(list[ReportItem])


def render(results: Sequence[FileResult]) -> str:
    items = [ReportItem.of(result.path, d) for result in results for d in result.diagnostics]
    return REPORT.dump_json(items, indent=2).decode() + "\n"


def json_schema() -> dict[str, Any]:
    schema = REPORT.json_schema()
    schema["title"] = "kdlint report"
    schema["description"] = "The findings of `kdlint check --output-format json`, one object per finding."
    return schema


if __name__ == "__main__":  # python -m kdlint.report.json_report > schema/report.schema.json
    print(schema_text(json_schema()), end="")
