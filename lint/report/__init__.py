"""Printing findings: one module per output format, separate from checking."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

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


def relative_path(path: str, root: Path) -> str | None:
    """`path` relative to `root`, with forward slashes; None when it lies outside `root` (or on another drive)."""
    try:
        relative = Path(os.path.relpath(Path(path).resolve(), root.resolve()))
    except ValueError:
        return None
    return None if relative.parts[:1] == ("..",) else relative.as_posix()


def report_path(path: str, root: Path) -> str:
    """How the formats read by code-review services name a file: relative to `root` (the working directory),
    else absolute; standard input stays '-'."""
    if path == "-":
        return path
    return relative_path(path, root) or Path(path).resolve().as_posix()
