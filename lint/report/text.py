"""The text formats: `text` (the default), `concise` and `grouped`; `full` builds on them (`kdlint.report.full`).

- `text`: `path:line:col: CODE [*] message`, then a summary.
- `concise`: the same lines, no summary.
- `grouped`: each file's name, then its findings under it as `line:col CODE [*] message`, then the summary.

Colour only when asked for (the CLI decides: a terminal, no --no-color, no
NO_COLOR); `[*]` marks findings that `kdlint fix` repairs. Every piece of
text that comes from a list (the path, the message, the fix's message) goes
through `kdlint.report.escape`, so no control character reaches the terminal.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import click

from ..diagnostics import Diagnostic, Severity
from . import FileResult
from .escape import escape


def styled_code(d: Diagnostic, color: bool) -> str:
    if not color:
        return d.code
    return click.style(d.code, fg="red" if d.severity is Severity.ERROR else "yellow", bold=True)


def marked_message(d: Diagnostic, unsafe: bool = False, color: bool = False) -> str:
    """`CODE [*] message`: the part of a finding's line after its place."""
    marker = " [*]" if d.fixable(unsafe) else ""
    if color:
        marker = click.style(marker, fg="cyan")
    return f"{styled_code(d, color)}{marker} {escape(d.message)}"


def finding_line(path: str, d: Diagnostic, unsafe: bool = False, color: bool = False) -> str:
    where = f"{escape(path)}:{d.span.line}:{d.span.column}:"
    if color:
        where = click.style(where, bold=True)
    return f"{where} {marked_message(d, unsafe, color)}"


def fix_lines(d: Diagnostic, indent: str = "") -> list[str]:
    """`--show-fixes`: the fix under its finding, one line per edit."""
    if d.fix is None:
        return []
    lines = [f"{indent}    {d.fix.applicability.value} fix: {escape(d.fix.message)}"]
    for edit in d.fix.edits:
        s = edit.span
        lines.append(f"{indent}      {s.line}:{s.column}-{s.end_line}:{s.end_column} -> {edit.content!r}")
    return lines


def summary(results: Sequence[FileResult], unsafe: bool = False, fix_command: str = "kdlint fix") -> str:
    found = [d for r in results for d in r.diagnostics]
    if not found:
        return "All checks passed!"
    fixable = sum(1 for d in found if d.fixable(unsafe))
    hidden = sum(1 for d in found if d.fixable(unsafe=True) and not d.fixable())  # the unsafe ones
    lines = [f"Found {len(found)} {'finding' if len(found) == 1 else 'findings'}."]
    if fixable:
        option = " --unsafe-fixes" if unsafe and hidden else ""
        lines.append(f"[*] {fixable} fixable with `{fix_command}{option}`.")
    if hidden and not unsafe:
        lines.append(f"({hidden} more fixable with `{fix_command} --unsafe-fixes`.)")
    return "\n".join(lines)


def render_lines(results: Sequence[FileResult], unsafe: bool = False, color: bool = False,
                 show_fixes: bool = False, quiet: bool = False) -> Iterator[str]:
    """The report line by line, each with its newline, made as they are read (see `render`)."""
    for result in results:
        for d in result.diagnostics:
            yield finding_line(result.path, d, unsafe, color) + "\n"
            if show_fixes:
                yield from (line + "\n" for line in fix_lines(d))
    if not quiet:
        yield summary(results, unsafe) + "\n"


def render(results: Sequence[FileResult], unsafe: bool = False, color: bool = False, show_fixes: bool = False,
           quiet: bool = False) -> str:
    return "".join(render_lines(results, unsafe, color, show_fixes, quiet))


def grouped_lines(results: Sequence[FileResult], unsafe: bool = False, color: bool = False,
                  show_fixes: bool = False, quiet: bool = False) -> Iterator[str]:
    """`grouped`: as Ruff groups them, the line numbers right-aligned and the columns left-aligned per file."""
    for result in results:
        if not result.diagnostics:
            continue
        header = escape(result.path) + ":"
        yield (click.style(header, bold=True) if color else header) + "\n"
        line_width = max(len(str(d.span.line)) for d in result.diagnostics)
        column_width = max(len(str(d.span.column)) for d in result.diagnostics)
        for d in result.diagnostics:
            where = f"{d.span.line:>{line_width}}:{d.span.column:<{column_width}}"
            yield f"  {where} {marked_message(d, unsafe, color)}\n"
            if show_fixes:
                yield from (line + "\n" for line in fix_lines(d, indent="  "))
        yield "\n"
    if not quiet:
        yield summary(results, unsafe) + "\n"
