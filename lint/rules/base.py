"""What a rule is: a code, a name, a check function and its documentation."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import Enum

from ..context import Context
from ..diagnostics import Diagnostic, Fix, Severity, Span


class Fixable(str, Enum):
    NEVER = "never"
    SOMETIMES = "sometimes"
    ALWAYS = "always"


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    summary: str
    severity: Severity
    fixable: Fixable
    check: Callable[[Context], Iterable[Diagnostic]]
    doc: str

    def diagnostic(self, message: str, span: Span, fix: Fix | None = None,
                   related: tuple[Span, ...] = ()) -> Diagnostic:
        return Diagnostic(code=self.code, name=self.name, message=message, severity=self.severity,
                          span=span, fix=fix, related=related)
