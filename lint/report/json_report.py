"""`--output-format json`: a JSON array, one object per finding (schema/report.schema.json).

`--output-format json-lines` prints the same objects, one per line (JSON Lines).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter

from ..diagnostics import Applicability, Diagnostic, Severity
from ..schemas import schema_text
from . import FileResult


class ReportEdit(BaseModel):
    model_config = ConfigDict(extra="forbid")

    line: int
    column: int
    end_line: int
    end_column: int
    content: str


class ReportFix(BaseModel):
    model_config = ConfigDict(extra="forbid")

    applicability: Applicability
    message: str
    edits: list[ReportEdit]


class ReportItem(BaseModel):
    """One finding as `kdlint check --output-format json` prints it."""

    model_config = ConfigDict(title="kdlint finding", extra="forbid")

    path: str
    code: str = Field(pattern=r"^KD\d{3}$")
    name: str
    message: str
    severity: Severity
    line: int = Field(ge=1)
    column: int = Field(ge=1)
    end_line: int = Field(ge=1)
    end_column: int = Field(ge=1)
    fix: ReportFix | None

    @classmethod
    def of(cls, path: str, diagnostic: Diagnostic) -> ReportItem:
        fix = diagnostic.fix
        span = diagnostic.span
        return cls(
            path=path,
            code=diagnostic.code,
            name=diagnostic.name,
            message=diagnostic.message,
            severity=diagnostic.severity,
            line=span.line,
            column=span.column,
            end_line=span.end_line,
            end_column=span.end_column,
            fix=None
            if fix is None
            else ReportFix(
                applicability=fix.applicability,
                message=fix.message,
                edits=[ReportEdit(**edit.span._asdict(), content=edit.content) for edit in fix.edits],
            ),
        )


REPORT = TypeAdapter(list[ReportItem])


def render(results: Sequence[FileResult]) -> str:
    items = [ReportItem.of(result.path, d) for result in results for d in result.diagnostics]
    return REPORT.dump_json(items, indent=2).decode() + "\n"


def render_lines(results: Sequence[FileResult]) -> Iterator[str]:
    """`json-lines`: each finding's object on a line of its own, made as they are read."""
    for result in results:
        for d in result.diagnostics:
            yield ReportItem.of(result.path, d).model_dump_json() + "\n"


def json_schema() -> dict[str, Any]:
    schema = REPORT.json_schema()
    schema["title"] = "kdlint report"
    schema["description"] = "The findings of `kdlint check --output-format json`, one object per finding."
    return schema


if __name__ == "__main__":  # python -m kdlint.report.json_report > schema/report.schema.json
    print(schema_text(json_schema()), end="")
