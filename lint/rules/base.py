"""What a rule is: a code, a name, a check function and its documentation."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from enum import Enum

from ..diagnostics import Diagnostic, Fix, Severity, Span
from ..model import Document
from ..source import SourceText
from ..vocabulary import DEFAULT, Vocabulary


class Fixable(str, Enum):
    NEVER = "never"
    SOMETIMES = "sometimes"
    ALWAYS = "always"


@dataclass(frozen=True)
class Context:
    """What a rule sees: the source text, the document read from it, and the list's vocabulary.

    `enabled` (the codes of the rules that run) and `pragma_use` (for each pragma,
    the selectors that suppressed a finding) are filled in for the rule that
    reports unused suppressions, which runs after all the others.
    """

    source: SourceText
    document: Document
    vocabulary: Vocabulary = DEFAULT
    sort: str | None = None  # the configured order; None: inferred from the document
    cross_section_duplicates: bool = True  # report duplicates across sections
    title_similarity: float = 95.0  # KD403's threshold, 0-100
    enabled: frozenset[str] = frozenset()
    pragma_use: Mapping[int, frozenset[str]] = field(default_factory=dict)
    stray_enables: frozenset[int] = frozenset()


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
