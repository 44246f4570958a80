"""Where a new entry goes in its section, the list with it there, and the proof that nothing else changed.

The entry joins one list of its section (one `Entry.group`, the entries its
reader read together): the list of its year when the section files its
papers under years (`<details><summary>2024</summary>`), else the last one;
for a table, the last table. It goes to its sorted place when the list is
sorted (the order `kdlint.ordering` infers, or the `sort` setting): right
after the entries already in order that sort before it or equal it, as
KD301 would place it; at the end otherwise, and always at the end of a
numbered list (its numbers are its order; the new entry takes the next
number). It is written with the marker of the list it joins and separated
from its neighbours by the blank lines the list keeps between entries (none
between the rows of a table). An entry the list's own layout cannot take (a
canonical one beside table rows or cards, or in a section without entries)
goes after the section's last line, a blank line before it.

The new text is parsed again: the new entry must be read, in its section,
with the paper's title, and every other entry, title, link, author list,
heading and piece of code or HTML must be as it was (`kdlint.preserve`).
Otherwise it is an `InsertionError`: an internal error, and nothing is written.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from itertools import pairwise

from .engine import Linter
from .entry_render import RenderedEntry, form_of, render_entry
from .form_learning import in_html_cell, lead
from .literal_text import displayed
from .model import Document, Entry, Layout, Section
from .ordering import infer_sort, longest_in_order, sort_value
from .paper_facts import PaperFacts
from .preserve import ANY_URL, losses, reading, snapshot
from .protected import Protected
from .readers.parts import HEADING_MARKER, LIST_MARKER
from .rules.kd301_unsorted import NUMBERED
from .source import SourceText

BULLETS = "-*+"


class InsertionError(Exception):
    """The list with the new entry does not read as the list and that entry: an internal error."""


@dataclass(frozen=True, slots=True)
class Inserted:
    text: str
    line: int  # the new entry's first line in `text`
    lines: tuple[str, ...]  # its lines as written there
    rendered: RenderedEntry
    order: str  # the order its place follows: "year", "-year", "title" or "none"


class _Place:
    """Where the new lines go: before an entry's first line, or after a line (a block's last)."""

    def __init__(self, line: int, before: bool, blank_lines: int) -> None:
        self.line = line
        self.before = before
        self.blank_lines = blank_lines


def insert_entry(source: SourceText, document: Document, section: Section, facts: PaperFacts,
                 linter: Linter | None = None) -> Inserted:
    """The list `source` with `facts` written as an entry of `section`, proven to keep everything else."""
    linter = linter or Linter()
    lines = source.lines
    group = target_group(section, facts, lines)
    others = [e for s in document.sections if s is not section and s.holds_papers for e in s.entries
              if e.style is section.style]
    form = form_of(section, lines, rows=group if section.style is Layout.TABLE else (), others=others)
    rendered = render_entry(facts, form, _lead(group, lines), linter.vocabulary)
    order = "none"
    if group and _kind(rendered.lines[0], rendered.layout) == _kind(lines[group[0].line - 1], group[0].style):
        order = _order(document, group, lines, linter)
        place = _place_in(group, rendered, order, source, others)
        written = list(rendered.lines)
    else:
        place, written = _after_section(section, document, source, list(rendered.lines))
    text, line = _apply(source, place, written)
    new_source = source.replace(text)
    verify(source, document, new_source, linter.parse(new_source), line, section, facts)
    return Inserted(text=text, line=line, lines=tuple(written), rendered=rendered, order=order)


def target_group(section: Section, facts: PaperFacts, lines: Sequence[str]) -> list[Entry]:
    """The entries of the list the new entry joins: of the section's year when it files papers under
    years, else of its last list (its last table, when it is a table's section); [] for none."""
    table = section.style is Layout.TABLE
    groups: dict[int, list[Entry]] = {}
    for entry in section.entries:
        if (entry.style is Layout.TABLE) == table and not in_html_cell(entry, lines):
            groups.setdefault(entry.group, []).append(entry)
    if not groups:
        return []
    lists = list(groups.values())
    of_year = [g for g in lists if facts.year is not None and any(e.section_year == facts.year for e in g)]
    return (of_year or lists)[-1]


def _lead(group: Sequence[Entry], lines: Sequence[str]) -> str | None:
    """The marker the new entry takes: the list's; in a numbered list the next number (or the one number
    every item writes)."""
    if not group:
        return None
    last = lines[group[-1].line - 1]
    marker = LIST_MARKER.match(last)
    if marker is not None and marker.group(2)[:-1].isdigit():
        numbers = {m.group(2) for e in group if (m := LIST_MARKER.match(lines[e.line - 1])) is not None}
        number = int(marker.group(2)[:-1]) + (len(numbers) > 1)  # `1.` for every item: `1.` again
        return f"{marker.group(1)}{number}{marker.group(2)[-1]}{marker.group(3) or ' '}"
    return lead(lines[group[0].line - 1])


def _kind(first_line: str, layout: Layout) -> str:
    """What an entry's first line is, for whether a new entry can stand among others: a table row, a list
    item, a heading or a paragraph."""
    if layout is Layout.TABLE:
        return "row"
    if LIST_MARKER.match(first_line):
        return "item"
    return "heading" if HEADING_MARKER.match(first_line) else "paragraph"


def _order(document: Document, group: Sequence[Entry], lines: Sequence[str], linter: Linter) -> str:
    """The order the list keeps: the configured one, else the inferred one, else none (a numbered list's
    numbers are its order)."""
    configured = linter.settings.sort
    if configured:
        return configured
    if sum(bool(NUMBERED.match(lines[e.line - 1])) for e in group) * 2 > len(group):
        return "none"
    return infer_sort(document)


def _value(entry: Entry, order: str) -> int | str | None:
    """What the entry sorts by under `order`, as values that sort ascending (years negated for `-year`)."""
    value = sort_value(entry, "year" if order == "-year" else order)
    if order == "-year" and isinstance(value, int):
        return -value
    return value


def _place_in(group: Sequence[Entry], rendered: RenderedEntry, order: str, source: SourceText,
              others: Sequence[Entry]) -> _Place:
    """Right after the entries in order that sort before or with the new one (KD301's longest run), else at
    the end of the list."""
    blank = separator(group, rendered.layout, others)
    new = _value(rendered.entry, order) if order != "none" else None
    keyed = [(entry, value) for entry in group if (value := _value(entry, order)) is not None] \
        if new is not None else []
    if new is not None and keyed:
        keep = longest_in_order([value for _, value in keyed])
        kept = [keyed[i] for i in sorted(keep)]
        at = bisect_right([value for _, value in kept], new)
        if at < len(kept):
            return _Place(kept[at][0].line, True, blank)
        following = group.index(kept[-1][0]) + 1
        if following < len(group):
            return _Place(group[following].line, True, blank)
    return _Place(block_end(source, group[-1]), False, blank)


def separator(group: Sequence[Entry], layout: Layout, others: Sequence[Entry] = ()) -> int:
    """The blank lines the list keeps between its entries: the commonest gap, else the commonest between the
    entries of each of the `others`' lists (the rest of the document's, in the layout), else one; none in a
    table."""
    if layout is Layout.TABLE:
        return 0
    for entries in (group, others):
        gaps = Counter(following.line - previous.end_line - 1 for previous, following in pairwise(entries)
                       if previous.group == following.group)
        if gaps:
            return gaps.most_common(1)[0][0]
    return 1


def block_end(source: SourceText, entry: Entry) -> int:
    """The last line of the entry's item: its block, and the indented text after it that belongs to it."""
    last = entry.end_line
    number = last + 1
    while number <= source.line_count:
        text = source.line(number)
        if text.strip():
            if text[:1] not in (" ", "\t"):
                break
            last = number
        number += 1
    return last


def _after_section(section: Section, document: Document, source: SourceText,
                   written: list[str]) -> tuple[_Place, list[str]]:
    """After the section's last line (before the next heading), a blank line before the entry; a list item
    takes a bullet other than that of a list it would join there."""
    following = [s.line for s in document.sections if s.line > section.line]
    end = min(following) - 1 if following else source.line_count
    last = end
    while last > section.line and not source.line(last).strip():
        last -= 1
    marker = LIST_MARKER.match(written[0])
    if marker is not None and last >= 1:
        joined = _list_bullet(source, last)
        if joined is not None and joined == marker.group(2):
            other = next(b for b in BULLETS if b != joined)
            written = [written[0][: marker.start(2)] + other + written[0][marker.end(2) :], *written[1:]]
    return _Place(last, False, 1), written


def _list_bullet(source: SourceText, last: int) -> str | None:
    """The bullet of the list whose item (or its continuation) is line `last`, if it is one."""
    for number in range(last, 0, -1):
        text = source.line(number)
        if not text.strip():
            continue
        marker = LIST_MARKER.match(text)
        if marker is not None and not marker.group(1):
            return marker.group(2) if marker.group(2) in BULLETS else None
        if text[:1] not in (" ", "\t"):
            return None
    return None


def _apply(source: SourceText, place: _Place, written: Sequence[str]) -> tuple[str, int]:
    """The text with `written` at `place`, in the list's line endings; and the new entry's first line."""
    newline = source.newline
    block = newline.join(written)
    text = source.text
    if place.before:
        at = source.offset(place.line, 1)
        return text[:at] + block + newline * (place.blank_lines + 1) + text[at:], place.line
    if place.line < 1:
        return block + newline * (place.blank_lines + 1) + text if text else block + newline, 1
    at = source.offset(place.line, len(source.line(place.line)) + 1)
    return text[:at] + newline * (place.blank_lines + 1) + block + text[at:], place.line + place.blank_lines + 1


def verify(old: SourceText, old_document: Document, new: SourceText, new_document: Document, line: int,
           section: Section, facts: PaperFacts) -> None:
    """That `new` reads as `old` with one entry more, at `line`, in `section`, titled as the paper; an
    InsertionError saying what differs otherwise."""
    entry = next((e for s in new_document.sections for e in s.entries if e.line == line), None)
    if entry is None or entry.section != section.path or entry.title is None \
            or displayed(entry.title) != facts.title:
        found = "nothing" if entry is None else f"{entry.title!r} in {' / '.join(entry.section) or 'the preamble'}"
        raise InsertionError(f"kdlint wrote {facts.title!r} at line {line} but reads {found} there; this is a bug "
                             "in kdlint, and nothing was written")
    before = snapshot(reading(old, old_document), {})
    after = snapshot(reading(new, new_document), {})
    own = range(entry.line, entry.end_line + 1)
    added = "\n".join(new.line(n) for n in own)
    without = replace(
        after, entries=after.entries - 1,
        titles=after.titles - Counter([" ".join(entry.title.split())]),
        urls_by_entry=after.urls_by_entry - Counter([tuple(sorted(link.url for link in entry.links))]),
        authors=after.authors - Counter([entry.authors.names] if entry.authors else []),
        urls=after.urls - Counter(m.group() for m in ANY_URL.finditer(added)),
        protected=after.protected - _protected(new, new_document, own))
    problems = losses(before, without)
    if problems:
        raise InsertionError(f"adding {facts.title!r} would change the rest of the list ({'; '.join(problems)}); "
                             "this is a bug in kdlint, and nothing was written")


def _protected(source: SourceText, document: Document, numbers: Iterable[int]) -> Counter[str]:
    """The protected pieces (code, HTML, comments, tags) on lines `numbers`, as `preserve` counts them."""
    protected = Protected(source, document.code_lines, document.html_lines)
    pieces = (source.line(n)[start:end] for n in numbers for start, end in protected.ranges(n))
    return Counter(piece for piece in pieces if piece.strip())
