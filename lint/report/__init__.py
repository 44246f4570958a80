"""Printing findings: one module per output format, separate from checking."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..diagnostics import Diagnostic
from ..model import Document
from ..source import SourceText


@dataclass
class FileResult:
    """One checked file: what a printer needs to report on it."""

    path: str  # as the user named it (or '-')
    source: SourceText
    document: Document
    diagnostics: list[Diagnostic] = field(default_factory=list)
