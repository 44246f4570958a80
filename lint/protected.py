"""Protected regions: text kdlint never reads as a list's content and never edits.

Code (fenced and indented blocks, at any depth, and inline code spans) and raw
HTML (raw HTML blocks, comments, and tags with their attributes) are shown on
the page as written, or not at all; a URL inside them is not a link of the
list. Every reading of loose text (`Context.loose_links`, the venue tokens
outside entries) goes through `Protected.mask`, which blanks these regions
with spaces so that every column stays where it was; and every finding and
fix of every rule goes through `Protected.allows` (`Linter.run`): no finding
points into a protected region and no edit changes one. An edit over whole
lines (a move, a removal) may carry a protected line along, unchanged.

kdlint's own suppression comments (`<!-- kdlint-disable ... -->`) are read by
`kdlint.pragmas`, not through this mask.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import replace

from .diagnostics import Diagnostic, Edit
from .source import SourceText

BACKTICKS = re.compile(r"`+")
OWN_COMMENT = re.compile(r"<!--[ \t]*kdlint")  # `<!-- kdlint-disable KD202 -->`: read by `kdlint.pragmas`
HTML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")


def code_spans(text: str) -> list[tuple[int, int]]:
    """The inline code spans of one line as (start, end) columns, as CommonMark pairs backtick runs.

    A run opens a span that the next run of the same length closes; a run that
    no later run matches is literal text. The next run of each length is found
    in one backward pass, so a line of many unmatched backticks costs no more
    than its length.
    """
    runs = [(m.start(), m.end()) for m in BACKTICKS.finditer(text)]
    following: list[int | None] = [None] * len(runs)
    last_of_length: dict[int, int] = {}
    for i in range(len(runs) - 1, -1, -1):
        length = runs[i][1] - runs[i][0]
        following[i] = last_of_length.get(length)
        last_of_length[length] = i
    spans = []
    i = 0
    while i < len(runs):
        j = following[i]
        if j is None:
            i += 1
            continue
        spans.append((runs[i][0], runs[j][1]))
        i = j + 1
    return spans


def comment_ranges(text: str) -> list[tuple[int, int]]:
    """Offsets of every HTML comment but kdlint's own, `<!--` to `-->` inclusive (an unclosed one runs to the
    end)."""
    found = []
    start = text.find("<!--")
    while start >= 0:
        end = text.find("-->", start + 4)
        stop = len(text) if end < 0 else end + 3
        if not OWN_COMMENT.match(text, start):
            found.append((start, stop))
        start = text.find("<!--", stop)
    return found


def offset_in(ranges: list[tuple[int, int]], offset: int) -> bool:
    """Whether `offset` lies in one of `ranges` (sorted, apart, end exclusive)."""
    i = bisect_right(ranges, (offset, float("inf"))) - 1
    return i >= 0 and ranges[i][0] <= offset < ranges[i][1]


def _indent(text: str) -> int:
    return len(text) - len(text.lstrip())


class Protected:
    """The protected columns of each line of one source text."""

    def __init__(self, source: SourceText, code_lines: Iterable[int], html_lines: Iterable[int] = ()) -> None:
        self.source = source
        self.code_lines = frozenset(code_lines)
        self.html_lines = frozenset(html_lines)  # protected whole, but read for anchors (`tags=False`)
        self._comments = comment_ranges(source.text)
        self._starts = [start for start, _ in self._comments]

    def in_comment(self, number: int) -> bool:
        """Whether line `number` begins inside an HTML comment (its own `<!--` included)."""
        return offset_in(self._comments, self.source.starts[number - 1] + _indent(self.source.line(number)))

    def ranges(self, number: int, *, tags: bool = True) -> list[tuple[int, int]]:
        """The protected (start, end) columns (0-based, end exclusive) of line `number`: the whole line for a
        line of code or raw HTML; else its comments, code spans and (with `tags`) HTML tags."""
        text = self.source.line(number)
        if number in self.code_lines or (tags and number in self.html_lines):
            return [(0, len(text))]
        if "`" not in text and "<" not in text and not self._comments:
            return []
        found = []
        begin = self.source.starts[number - 1]
        end = begin + len(text)
        # Comments are sorted and apart: only the one before the line's end and those after it can reach in.
        i = max(bisect_right(self._starts, begin) - 1, 0)
        while i < len(self._comments) and self._comments[i][0] < end:
            start, stop = self._comments[i]
            if stop > begin:
                found.append((max(start, begin) - begin, min(stop, end) - begin))
            i += 1
        spans = code_spans(text)
        found.extend(spans)
        if tags and "<" in text:
            outside = list(text)
            for start, stop in [*found]:
                outside[start:stop] = " " * (stop - start)
            found.extend(m.span() for m in HTML_TAG.finditer("".join(outside)))
        return found

    def mask(self, number: int, *, tags: bool = True) -> str:
        """Line `number` with its protected characters replaced by spaces ('' for a line of code or HTML).

        `tags=False` keeps the HTML tags and blocks (their attributes are what an anchor is read from) and
        blanks only code and comments."""
        if number in self.code_lines or (tags and number in self.html_lines):
            return ""
        text = self.source.line(number)
        chars = list(text)
        for start, stop in self.ranges(number, tags=tags):
            chars[start:stop] = " " * (stop - start)
        return "".join(chars)

    def _within(self, number: int, start: int, end: int) -> bool:
        """Whether columns ``start:end`` of line `number` reach into a protected region (a point, when
        ``start == end``, only strictly inside one)."""
        if start == end:
            return any(a < start < b for a, b in self.ranges(number))
        return any(a < end and start < b for a, b in self.ranges(number))

    def keeps(self, edit: Edit) -> bool:
        """Whether `edit` leaves every protected region as it was: within one line it stays clear of them;
        over several lines, every line it covers that holds a protected region is covered whole and comes
        back, unchanged, in what the edit writes."""
        span = edit.span
        if span.line == span.end_line:
            return not self._within(span.line, span.column - 1, span.end_column - 1)
        written = Counter(edit.content.splitlines())
        for number in range(span.line, span.end_line + 1):
            text = self.source.line(number)
            start = span.column - 1 if number == span.line else 0
            end = span.end_column - 1 if number == span.end_line else len(text)
            if start >= end or not self._within(number, start, end):
                continue
            if (start, end) != (0, len(text)) or written[text] == 0:
                return False
            written[text] -= 1
        return True

    def allows(self, found: Iterable[Diagnostic]) -> Iterator[Diagnostic]:
        """`found` less the findings that point into a protected region, and less the fixes that would
        change one."""
        for diagnostic in found:
            span = diagnostic.span
            if span.line <= self.source.line_count and self._within(span.line, span.column - 1, span.column):
                continue
            fix = diagnostic.fix
            if fix is not None and not all(self.keeps(edit) for edit in fix.edits):
                diagnostic = replace(diagnostic, fix=None)
            yield diagnostic
