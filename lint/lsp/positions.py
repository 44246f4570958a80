"""kdlint's positions as LSP's: 0-based lines, characters counted in the negotiated code units.

A kdlint span is 1-based, its columns count code points and its end is
exclusive; an LSP position is 0-based and its character counts UTF-16 code
units (an emoji is two, a CJK character one) unless client and server agreed on
UTF-8 (bytes: a CJK character is three) or UTF-32 (code points). A line here is
kdlint's (`SourceText.lines`: without its line ending), which is LSP's line too.
A BOM the editor's text starts with is the first character of LSP's first line
but not of kdlint's: it is counted back in.
"""

from __future__ import annotations

from bisect import bisect_right

from lsprotocol import types

from ..diagnostics import Span
from ..source import BOM, SourceText

UTF8, UTF16, UTF32 = "utf-8", "utf-16", "utf-32"


def units(text: str, encoding: str = UTF16) -> int:
    """The length of `text` in the code units of `encoding` (a lone surrogate, which JSON can carry, is one
    UTF-16 unit and three UTF-8 bytes, as the editor counted it)."""
    if encoding == UTF32:
        return len(text)
    if encoding == UTF8:
        return len(text.encode("utf-8", "surrogatepass"))
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


class Positions:
    """The LSP positions of one source text, in one encoding."""

    def __init__(self, source: SourceText, encoding: str = UTF16) -> None:
        self.source = source
        self.encoding = encoding if encoding in (UTF8, UTF32) else UTF16

    def position(self, line: int, column: int) -> types.Position:
        """Where kdlint's 1-based (`line`, `column`) is; a position past a line's end is at its end, one past
        the last line at the end of the text."""
        lines = self.source.lines
        if line > len(lines):
            line, column = len(lines), len(lines[-1]) + 1
        text = lines[line - 1]
        prefix = text[: max(column - 1, 0)]
        if line == 1 and self.source.bom:
            prefix = BOM + prefix
        return types.Position(line=line - 1, character=units(prefix, self.encoding))

    def range(self, span: Span) -> types.Range:
        return types.Range(start=self.position(span.line, span.column),
                           end=self.position(span.end_line, span.end_column))

    def at_offset(self, offset: int) -> types.Position:
        """Where the character at `offset` of the text is (an offset within a line ending is at its line's
        end)."""
        line = bisect_right(self.source.starts, offset)
        return self.position(line, offset - self.source.starts[line - 1] + 1)

    def offset_range(self, start: int, end: int) -> types.Range:
        return types.Range(start=self.at_offset(start), end=self.at_offset(end))


def contains(outer: types.Range, position: types.Position) -> bool:
    """Whether `position` is within `outer`, both ends included (a cursor just after a finding is on it)."""
    where = (position.line, position.character)
    return (outer.start.line, outer.start.character) <= where <= (outer.end.line, outer.end.character)


def overlaps(a: types.Range, b: types.Range) -> bool:
    """Whether the ranges share a position, ends included (a cursor touching a finding's edge selects it)."""
    return ((a.start.line, a.start.character) <= (b.end.line, b.end.character)
            and (b.start.line, b.start.character) <= (a.end.line, a.end.character))
