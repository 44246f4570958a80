"""Printing findings: one module per output format, separate from checking."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from ..diagnostics import Diagnostic
from ..model import Document
from ..source import SourceText


@dataclass
class FileResult:
    """One checked file: what a printer needs to report on it."""

    path: str  # as the user named it (or '-')
    source: SourceText
    parsed: Document | Callable[[], Document]  # or how to parse it, when the findings came from the cache
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def document(self) -> Document:
        if callable(self.parsed):
            self.parsed = self.parsed()
        return self.parsed
