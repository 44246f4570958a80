"""Edits that move or remove whole entry blocks, never touching what is inside them.

A block is an entry's lines, first to last. Text between blocks (the blank
lines of a list, a paragraph between two lists) stays where it is.
"""

from __future__ import annotations

from collections.abc import Sequence

from .diagnostics import Edit, LinesMoved, Span
from .model import Entry
from .source import SourceText


def block_lines(source: SourceText, entry: Entry) -> list[str]:
    return list(source.lines[entry.line - 1 : entry.end_line])


def reorder(source: SourceText, slots: Sequence[Entry], order: Sequence[Entry]) -> tuple[Edit, LinesMoved]:
    """Put the blocks of `order` into the places of `slots` (same entries, other order), in one edit, and
    the lines it moves (each line of its span, in the order the edit writes them).

    The edit covers only the places from the first to the last whose entry changes: the smallest change,
    so that fixes elsewhere in the list do not overlap it.
    """
    moved = [i for i, (slot, entry) in enumerate(zip(slots, order)) if slot is not entry]
    if moved:
        slots, order = slots[moved[0] : moved[-1] + 1], order[moved[0] : moved[-1] + 1]
    numbers: list[int] = []
    for i, (slot, entry) in enumerate(zip(slots, order)):
        numbers.extend(range(entry.line, entry.end_line + 1))
        if i + 1 < len(slots):
            numbers.extend(range(slot.end_line + 1, slots[i + 1].line))
    last = slots[-1]
    span = Span(line=slots[0].line, column=1, end_line=last.end_line, end_column=len(source.line(last.end_line)) + 1)
    content = "\n".join(source.lines[number - 1] for number in numbers)
    return Edit.replace(span, content), LinesMoved(tuple(numbers))


def followed_by_indented_text(source: SourceText, entry: Entry) -> bool:
    """Whether the first non-blank line after the entry's block is indented: a paragraph of the entry's own
    list item, which moving or removing the block would leave behind (as code), or code, which would join the
    block before. Then no edit of this module is safe."""
    lines = source.lines
    following = entry.end_line + 1
    while following <= len(lines) and not lines[following - 1].strip():
        following += 1
    return following <= len(lines) and lines[following - 1][:1] in (" ", "\t")


def delete(source: SourceText, entry: Entry) -> Edit:
    """Remove an entry's block and the blank lines that separate it from what follows (or precedes)."""
    lines = source.lines
    total = source.line_count
    following = entry.end_line + 1
    while following <= total and not lines[following - 1].strip():
        following += 1
    if following <= total:
        # A heading entry between two other blocks leaves a blank line, or the text after it would join the
        # block before it (a paragraph continuing a list item).
        keep = "\n" if entry.heading and entry.line > 1 and lines[entry.line - 2].strip() else ""
        return Edit.replace(Span(line=entry.line, column=1, end_line=following, end_column=1), keep)
    previous = entry.line - 1
    while previous >= 1 and not lines[previous - 1].strip():
        previous -= 1
    end = Span(line=entry.end_line, column=1, end_line=entry.end_line, end_column=len(lines[entry.end_line - 1]) + 1)
    if previous < 1:
        return Edit.replace(Span(line=1, column=1, end_line=end.end_line, end_column=end.end_column), "")
    return Edit.replace(Span(line=previous, column=len(lines[previous - 1]) + 1, end_line=end.end_line,
                             end_column=end.end_column), "")


def separator(source: SourceText, entries: Sequence[Entry]) -> int:
    """How many blank lines separate the entries of a list (taken from its first two)."""
    if len(entries) < 2:
        return 1
    return max(0, entries[1].line - entries[0].end_line - 1)


def append_after(source: SourceText, anchor: Entry, entry: Entry, blank_lines: int) -> Edit:
    """Insert a copy of `entry`'s block after `anchor`'s block."""
    text = "\n" * (blank_lines + 1) + "\n".join(block_lines(source, entry))
    return Edit.insert(anchor.end_line, len(source.line(anchor.end_line)) + 1, text)
