"""`--output-format full`: each finding with its source lines, a caret under its span, and its fix as a diff.

    docs/README.md:3:54: KD108 [*] code label `Pytorch` is spelled `PyTorch`
      |
    3 | - **Relational Knowledge Distillation, CVPR 2019** [[Pytorch]](https://github.com/lenscloth/RKD)
      |                                                      ^^^^^^^ KD108
      |
      = safe fix: Write `PyTorch`
      |
    3 - - **Relational Knowledge Distillation, CVPR 2019** [[Pytorch]](https://github.com/lenscloth/RKD)
    3 + - **Relational Knowledge Distillation, CVPR 2019** [[PyTorch]](https://github.com/lenscloth/RKD)
      |

As Ruff's `full` format lays it out. The fix's lines are numbered as in the
file before (`-`) and after (`+`) the fix. A span over more than
`MAX_SPAN_LINES` lines shows its first lines, `...` and its last ones. The
carets are placed by display width: a wide character (CJK) takes two
columns, a combining one none, a tab stays a tab, and an escaped control
character the width of its escape.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator, Sequence

import click

from ..diagnostics import Diagnostic, Fix, Severity
from ..source import SourceText
from ..textdiff import changes
from . import FileResult
from .edits import replacement
from .escape import escape
from .text import finding_line, summary

MAX_SPAN_LINES = 6
HEAD_LINES, TAIL_LINES = 3, 2  # of a longer span


def _width(ch: str) -> int:
    if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def _pad(shown: str) -> str:
    """Blanks as wide as `shown` on a terminal, its tabs kept so that the caret lines up under tabs too."""
    return "".join("\t" if ch == "\t" else " " * _width(ch) for ch in shown)


def _last_line(line: int, end_line: int, end_column: int) -> int:
    """The last line a span touches: one that ends at the start of a line does not touch that line."""
    return end_line - 1 if end_column == 1 and end_line > line else end_line


def _span_rows(source: SourceText, d: Diagnostic) -> list[tuple[int | None, str, str]]:
    """(line number or None for `...`, the line as shown, its caret line) for the lines of the span."""
    s = d.span
    count = len(source.lines)
    if s.line > count:
        return []
    last = min(_last_line(s.line, s.end_line, s.end_column), count)
    numbers = list(range(s.line, last + 1))
    if len(numbers) > MAX_SPAN_LINES:
        numbers = [*numbers[:HEAD_LINES], 0, *numbers[-TAIL_LINES:]]
    rows: list[tuple[int | None, str, str]] = []
    for n in numbers:
        if n == 0:
            rows.append((None, "...", ""))
            continue
        text = source.line(n)
        start = s.column - 1 if n == s.line else 0
        end = s.end_column - 1 if n == s.end_line else len(text)
        prefix, inside = escape(text[:start]), escape(text[start:end])
        carets = "^" * max(1, sum(_width(ch) for ch in inside))
        rows.append((n, escape(text), _pad(prefix) + carets))
    return rows


def _split(block: str) -> list[str]:
    if not block:
        return []
    lines = block.split("\n")
    if block.endswith("\n"):
        lines.pop()
    return [line.removesuffix("\r") for line in lines]


def _fix_rows(source: SourceText, fix: Fix) -> list[tuple[int, str, str]]:
    """(line number, '-' or '+', the line as shown) for the lines the fix changes."""
    first = min((e.span.line for e in fix.edits), default=0)
    if not 1 <= first <= len(source.starts):
        return []
    last = max(_last_line(e.span.line, e.span.end_line, e.span.end_column) for e in fix.edits)
    start = source.starts[first - 1]
    end = source.starts[last] if last < len(source.starts) else len(source.text)
    old = _split(source.text[start:end])
    new = _split(replacement(source, fix, start, end).text)
    rows: list[tuple[int, str, str]] = []
    for i1, i2, j1, j2 in changes(old, new):
        rows.extend((first + i, "-", escape(old[i])) for i in range(i1, i2))
        rows.extend((first + j, "+", escape(new[j])) for j in range(j1, j2))
    return rows


def finding_lines(path: str, source: SourceText, d: Diagnostic, unsafe: bool = False,
                  color: bool = False) -> Iterator[str]:
    span_rows = _span_rows(source, d)
    fix_rows = _fix_rows(source, d.fix) if d.fix is not None else []
    numbers = [n for n, _, _ in span_rows if n is not None] + [n for n, _, _ in fix_rows]
    width = len(str(max(numbers, default=1)))
    gutter = " " * width + " |"
    yield finding_line(path, d, unsafe, color) + "\n"
    if span_rows:
        yield gutter + "\n"
        for k, (n, shown, carets) in enumerate(span_rows):
            yield (f"{n:>{width}} | {shown}" if n is not None else f"{'':>{width}} {shown}") + "\n"
            if carets:
                label = f"{carets} {d.code}" if k == len(span_rows) - 1 else carets
                if color:
                    label = click.style(label, fg="red" if d.severity is Severity.ERROR else "yellow", bold=True)
                yield f"{gutter} {label}\n"
        yield gutter + "\n"
    if d.fix is not None:
        yield f"{' ' * width} = {d.fix.applicability.value} fix: {escape(d.fix.message)}\n"
        if fix_rows:
            yield gutter + "\n"
            yield from (f"{n:>{width}} {sign} {shown}\n" for n, sign, shown in fix_rows)
            yield gutter + "\n"
    yield "\n"


def render_lines(results: Sequence[FileResult], unsafe: bool = False, color: bool = False,
                 quiet: bool = False) -> Iterator[str]:
    for result in results:
        for d in result.diagnostics:
            yield from finding_lines(result.path, result.source, d, unsafe, color)
    if not quiet:
        yield summary(results, unsafe) + "\n"
