"""Diagnostics are data: what a rule found, where, and how to fix it.

Positions are 1-based; columns count code points; the end is exclusive.
A fix is a list of text edits plus an applicability: `safe` fixes are applied
by `kdlint fix`, `unsafe` ones only with `--unsafe-fixes`.

These are frozen dataclasses (a span, made by the hundred thousand, is a
named tuple, which is built in half the time), not pydantic models: kdlint
makes them itself, from positions it computed, by the ten thousand on a large
list. What leaves the process as JSON has its pydantic schema in
`kdlint.report.json_report`.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import NamedTuple


class Applicability(str, Enum):
    SAFE = "safe"
    UNSAFE = "unsafe"


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"


class Span(NamedTuple):
    """A range of source text: 1-based line and column, end exclusive."""

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


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace the text of `span` with `content` (an empty span inserts)."""

    span: Span
    content: str

    @classmethod
    def replace(cls, span: Span, content: str) -> Edit:
        return cls(span=span, content=content)

    @classmethod
    def insert(cls, line: int, column: int, content: str) -> Edit:
        return cls(span=Span(line, column, line, column), content=content)


@dataclass(frozen=True, slots=True)
class UrlChange:
    """This URL for that one (`http` to `https`, an arXiv link to its abstract page)."""

    old: str
    new: str


@dataclass(frozen=True, slots=True)
class TextChange:
    """These words for those (a venue's spelling, a label's, a year, a venue and year put in order).

    `old` and `new` are the text as written; the guard compares their words and
    numbers, not their punctuation.
    """

    old: str
    new: str


@dataclass(frozen=True, slots=True)
class YearAdded:
    """`text` (a year, or a venue and year) added to an entry that writes no year on any of its `lines`."""

    text: str
    lines: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class EntryRemoved:
    """The entry on lines `line` to `end_line` removed as a copy of the one on `kept` to `kept_end`."""

    line: int
    end_line: int
    kept: int
    kept_end: int


@dataclass(frozen=True, slots=True)
class LinesMoved:
    """The same lines in another order or place (blank lines aside).

    `order`, for a fix of one edit over whole lines, is the line numbers of the edit's span in the order it
    writes them (each once): the fixer then carries other fixes on those lines along with them, so that a
    reorder and the small fixes inside it take one pass (`kdlint.fixer`)."""

    order: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class TocItemsChanged:
    """Table-of-contents items added and removed (each an item's text as written), anchors relinked."""

    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    relinked: tuple[TextChange, ...] = ()


Change = UrlChange | TextChange | YearAdded | EntryRemoved | LinesMoved | TocItemsChanged


@dataclass(frozen=True, slots=True, kw_only=True)
class Fix:
    """Edits, and what they change (`changes`): the content guard (`kdlint.preserve`) allows exactly the
    declared changes. A fix that declares none changes markup and spacing only: every word, number, URL and
    protected text stays."""

    applicability: Applicability
    message: str
    edits: tuple[Edit, ...]
    changes: tuple[Change, ...] = ()

    def __post_init__(self) -> None:
        if not isinstance(self.edits, tuple):  # rules build the edits in a list
            object.__setattr__(self, "edits", tuple(self.edits))
        if not isinstance(self.changes, tuple):
            object.__setattr__(self, "changes", tuple(self.changes))


@dataclass(frozen=True, slots=True, kw_only=True)
class Diagnostic:
    code: str
    name: str
    message: str
    severity: Severity
    span: Span
    fix: Fix | None = None
    related: tuple[Span, ...] = ()  # the other entry of a duplicate pair

    def fixable(self, unsafe: bool = False) -> bool:
        """Whether `kdlint fix` applies its fix: a safe one, or any with `--unsafe-fixes` (`unsafe`)."""
        return self.fix is not None and (unsafe or self.fix.applicability is Applicability.SAFE)

    def sort_key(self) -> tuple[int, int, str]:
        return (self.span.line, self.span.column, self.code)

    def touches(self, lines: frozenset[int] | set[int]) -> bool:
        """Whether the finding, or the other side of its pair, lies on one of `lines`."""
        return any(line in lines for s in (self.span, *self.related) for line in range(s.line, s.end_line + 1))
