"""Diagnostics are data: what a rule found, where, and how to fix it.

Positions are 1-based; columns count code points; the end is exclusive.
A fix is a list of text edits plus an applicability: `safe` fixes are applied
by `kdlint fix`, `unsafe` ones only with `--unsafe-fixes`.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from enum import Enum

from pydantic import BaseModel, ConfigDict, Field


class Applicability(str, Enum):
    SAFE = "safe"
    UNSAFE = "unsafe"


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Span:
    """A range of source text: 1-based line and column, end exclusive.

    A plain dataclass, not a pydantic model: the parser makes one for every part
    of every entry (hundreds of thousands in a large list), always from
    positions it computed itself.
    """

    line: int
    column: int
    end_line: int
    end_column: int

    @classmethod
    def on_line(cls, line: int, start: int, end: int) -> Span:
        """Characters ``start:end`` (0-based, Python slice) of one line."""
        return cls(line, start + 1, line, end + 1)

    def sort_key(self) -> tuple[int, int, int, int]:
        return (self.line, self.column, self.end_line, self.end_column)


class Edit(BaseModel):
    """Replace the text of `span` with `content` (an empty span inserts)."""

    model_config = ConfigDict(frozen=True)

    span: Span
    content: str

    @classmethod
    def replace(cls, span: Span, content: str) -> Edit:
        return cls(span=span, content=content)

    @classmethod
    def insert(cls, line: int, column: int, content: str) -> Edit:
        return cls(span=Span(line, column, line, column), content=content)


class UrlChange(BaseModel):
    """A URL that a fix knowingly rewrites; the content check allows it."""

    model_config = ConfigDict(frozen=True)

    old: str
    new: str


class Fix(BaseModel):
    model_config = ConfigDict(frozen=True)

    applicability: Applicability
    message: str
    edits: tuple[Edit, ...]
    url_changes: tuple[UrlChange, ...] = Field(default=(), exclude=True)
    drops_duplicate: bool = Field(default=False, exclude=True)  # removes an entry identical to another


class Diagnostic(BaseModel):
    model_config = ConfigDict(frozen=True)

    code: str
    name: str
    message: str
    severity: Severity
    span: Span
    fix: Fix | None = None
    related: tuple[Span, ...] = Field(default=(), exclude=True)  # the other entry of a duplicate pair

    def sort_key(self) -> tuple[int, int, str]:
        return (self.span.line, self.span.column, self.code)

    def touches(self, lines: frozenset[int] | set[int]) -> bool:
        """Whether the finding, or the other side of its pair, lies on one of `lines`."""
        return any(line in lines for s in (self.span, *self.related) for line in range(s.line, s.end_line + 1))


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
                edits=[ReportEdit(**asdict(edit.span), content=edit.content) for edit in fix.edits],
            ),
        )
