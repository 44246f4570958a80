"""A fix as one replacement of the text: what `full` shows as a diff and `rdjson` suggests.

A fix is a list of edits; a reader, or a review tool that applies one
suggestion at a time, wants the text between its first and last edit as it
would read after the fix. Edits at one point go in the order `kdlint fix`
applies them (`kdlint.fixer.apply_edits`, which this module does not import:
that would load the engine, which a run served from the cache never needs).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..diagnostics import Fix
from ..source import SourceText


@dataclass(frozen=True)
class Replacement:
    start: int  # offsets into the source text, end exclusive
    end: int
    text: str


def replacement(source: SourceText, fix: Fix, start: int | None = None, end: int | None = None) -> Replacement:
    """`fix` as one replacement of source.text[start:end], by default from its first edit to its last."""
    edits = [(source.offset(e.span.line, e.span.column), source.offset(e.span.end_line, e.span.end_column), e.content)
             for e in fix.edits]
    ordered = sorted(edits, key=lambda e: (e[0], e[1]), reverse=True)
    ordered.reverse()
    lo = min(s for s, _, _ in edits) if start is None else start
    hi = max(e for _, e, _ in edits) if end is None else end
    pieces = []
    done = lo
    for s, e, content in ordered:
        pieces.append(source.text[done:s])
        pieces.append(content)
        done = e
    pieces.append(source.text[done:hi])
    return Replacement(lo, hi, "".join(pieces))
