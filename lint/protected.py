"""Protected regions: text kdlint never reads as a list's content and never edits.

Code (fenced and indented blocks, at any depth, and inline code spans) and raw
HTML (comments, and tags with their attributes) are shown on the page as
written, or not at all; a URL inside them is not a link of the list. Every
reading of loose text (`Context.loose_links`, the venue tokens outside
entries) goes through `Protected.mask`, which blanks these regions with
spaces so that every column stays where it was.

kdlint's own suppression comments (`<!-- kdlint-disable ... -->`) are read by
`kdlint.pragmas`, not through this mask.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable

from .source import SourceText

BACKTICKS = re.compile(r"`+")
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
    """Offsets of every HTML comment, `<!--` to `-->` inclusive (an unclosed one runs to the end)."""
    found = []
    start = text.find("<!--")
    while start >= 0:
        end = text.find("-->", start + 4)
        stop = len(text) if end < 0 else end + 3
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

    def __init__(self, source: SourceText, code_lines: Iterable[int]) -> None:
        self.source = source
        self.code_lines = frozenset(code_lines)
        self._comments = comment_ranges(source.text)
        self._starts = [start for start, _ in self._comments]

    def in_comment(self, number: int) -> bool:
        """Whether line `number` begins inside an HTML comment (its own `<!--` included)."""
        return offset_in(self._comments, self.source.starts[number - 1] + _indent(self.source.line(number)))

    def mask(self, number: int, *, tags: bool = True) -> str:
        """Line `number` with its protected characters replaced by spaces ('' for a line of code).

        `tags=False` keeps the HTML tags (their attributes are what an anchor is read from) and blanks only
        code and comments."""
        if number in self.code_lines:
            return ""
        text = self.source.line(number)
        if "`" not in text and "<" not in text and not self._comments:
            return text
        chars = list(text)
        begin = self.source.starts[number - 1]
        end = begin + len(text)
        # Comments are sorted and apart: only the one before the line's end and those after it can reach in.
        i = max(bisect_right(self._starts, begin) - 1, 0)
        while i < len(self._comments) and self._comments[i][0] < end:
            start, stop = self._comments[i]
            if stop > begin:
                chars[max(start, begin) - begin : min(stop, end) - begin] = " " * (min(stop, end) - max(start, begin))
            i += 1
        for start, stop in code_spans(text):
            chars[start:stop] = " " * (stop - start)
        masked = "".join(chars)
        return HTML_TAG.sub(lambda m: " " * len(m.group()), masked) if tags and "<" in masked else masked
