"""`--output-format github`: GitHub Actions workflow commands, one annotation per finding.

    ::error file=README.md,line=3,col=5,endLine=3,endColumn=9,title=KD108::message

Escaped exactly as the Actions runner unescapes: in the message `%`, CR and
LF; in property values also `:` and `,`. A finding is always one line, so
text from a list (a paper title, a URL) cannot start a command of its own.
Control characters are written as escapes first (`kdlint.report.escape`), as
in every text format: the log shows annotations on a terminal-like view.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..diagnostics import Severity
from . import FileResult
from .escape import escape


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(severity: Severity, message: str, **properties: str | int) -> str:
    """One workflow command (`::warning file=...,line=...::message`), every value escaped."""
    command = "error" if severity is Severity.ERROR else "warning"
    props = ",".join(f"{key}={escape_property(escape(str(value)))}" for key, value in properties.items())
    return f"::{command} {props}::{escape_data(escape(message))}"


def render(results: Sequence[FileResult]) -> str:
    lines = []
    for result in results:
        for d in result.diagnostics:
            s = d.span
            lines.append(annotation(d.severity, f"{d.code} {d.message}", file=result.path, line=s.line, col=s.column,
                                    endLine=s.end_line, endColumn=s.end_column, title=f"{d.code} {d.name}") + "\n")
    return "".join(lines)
