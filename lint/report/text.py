"""The default output: `path:line:col: CODE message`, then a summary.

Colour only when asked for (the CLI decides: a terminal, no --no-color, no
NO_COLOR); `[*]` marks findings that `kdlint fix` repairs.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import click

from ..diagnostics import Diagnostic, Severity
from . import FileResult


def finding_line(path: str, d: Diagnostic, unsafe: bool = False, color: bool = False) -> str:
    where = f"{path}:{d.span.line}:{d.span.column}:"
    code = d.code
    marker = " [*]" if d.fixable(unsafe) else ""
    if color:
        where = click.style(where, bold=True)
        code = click.style(code, fg="red" if d.severity is Severity.ERROR else "yellow", bold=True)
        marker = click.style(marker, fg="cyan")
    return f"{where} {code}{marker} {d.message}"


def fix_lines(d: Diagnostic) -> list[str]:
    """`--show-fixes`: the fix under its finding, one line per edit."""
    if d.fix is None:
        return []
    lines = [f"    {d.fix.applicability.value} fix: {d.fix.message}"]
    for edit in d.fix.edits:
        s = edit.span
        lines.append(f"      {s.line}:{s.column}-{s.end_line}:{s.end_column} -> {edit.content!r}")
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
