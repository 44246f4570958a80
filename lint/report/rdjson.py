"""`--output-format rdjson`: reviewdog's Diagnostic Format, the `DiagnosticResult` message as JSON.

    kdlint check --output-format rdjson . | reviewdog -f=rdjson -reporter=github-pr-review

Positions are 1-based; columns count UTF-8 bytes, as reviewdog's
`Position` says (`a𐐀b`: `b` is at column 6); ranges end exclusive. A
finding whose fix is applied by `kdlint fix` (or by `--unsafe-fixes`, when
given) carries it as one suggestion: the text from its first edit to its
last, as it reads after the fix. Paths are relative to the working
directory, as reviewdog matches them against the diff.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from importlib import metadata
from pathlib import Path
from typing import Any

from ..diagnostics import Diagnostic, Severity
from ..source import SourceText
from . import FileResult, report_path
from .edits import replacement


def homepage() -> str | None:
    """The project's home page, as the installed package's metadata names it."""
    try:
        urls: list[str] = metadata.metadata("kdlint").get_all("Project-URL") or []
    except metadata.PackageNotFoundError:
        return None
    for entry in urls:
        label, _, url = entry.partition(",")
        if label.strip() == "Homepage":
            return url.strip()
    return None


def byte_column(source: SourceText, line: int, column: int) -> int:
    """The 1-based code-point `column` of `line` as a 1-based UTF-8 byte column."""
    if not 1 <= line <= len(source.lines):
        return column
    text = source.lines[line - 1]
    return len(text[: column - 1].encode("utf-8")) + max(0, column - 1 - len(text)) + 1


def _position(source: SourceText, line: int, column: int) -> dict[str, int]:
    return {"line": line, "column": byte_column(source, line, column)}


def _diagnostic(path: str, source: SourceText, d: Diagnostic, unsafe: bool) -> dict[str, Any]:
    s = d.span
    found: dict[str, Any] = {
        "message": d.message,
        "location": {"path": path, "range": {"start": _position(source, s.line, s.column),
                                             "end": _position(source, s.end_line, s.end_column)}},
        "severity": d.severity.name,
        "code": {"value": d.code},
    }
    if d.fix is not None and d.fix.edits and d.fixable(unsafe):
        start = min((e.span.line, e.span.column) for e in d.fix.edits)
        end = max((e.span.end_line, e.span.end_column) for e in d.fix.edits)
        found["suggestions"] = [{"range": {"start": _position(source, *start), "end": _position(source, *end)},
                                 "text": replacement(source, d.fix).text}]
    return found


def render(results: Sequence[FileResult], unsafe: bool = False, root: Path | None = None) -> str:
    root = root or Path.cwd()
    diagnostics = [_diagnostic(report_path(r.path, root), r.source, d, unsafe) for r in results for d in r.diagnostics]
    source: dict[str, str] = {"name": "kdlint"}
    url = homepage()
    if url:
        source["url"] = url
    result: dict[str, Any] = {"source": source}
    severities = {d["severity"] for d in diagnostics}
    if severities:  # the most severe of the findings
        result["severity"] = Severity.ERROR.name if Severity.ERROR.name in severities else Severity.WARNING.name
    result["diagnostics"] = diagnostics
    return json.dumps(result, indent=2, ensure_ascii=False) + "\n"
