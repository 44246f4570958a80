"""A section's form (`kdlint.entry_form`), learnt from its entries.

Each entry of the section in the section's layout gives its shape, read
from the spans its reader recorded: the sequence of parts on its first line
and the text between them, the lines under it, and how each part is written.
The section's form is the sequence most of its entries write, the lines
most of the entries of that sequence write, and for each part the way most
entries that write it write it; a link label no two entries share
(`[[IJCV paper]]`) is its entry's own, and the rest of the list's commonest
is taken. Text between parts is kept only when it is punctuation, spaces or
a line break (`<br />`): a tag, an emoji or a badge belongs to its own entry;
of other text only the brackets and quotes next to the parts are kept. What
most entries leave out is left out. A section without entries in its layout
gets the canonical form.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from typing import NamedTuple, TypeVar

from .entry_form import (
    CANONICAL,
    ID_SLOT,
    LINE_LAYOUTS,
    AuthorsForm,
    BodyLine,
    EntryForm,
    LinkForm,
    Part,
    PartKind,
    TitleForm,
    VenueForm,
)
from .model import Entry, Layout, Link, Placement, Section, VenueYear
from .readers.dated import DATED
from .readers.parts import HEADING_MARKER, LIST_MARKER, last_and, looks_like_names, parse_authors

# Text between two parts that is kept: punctuation, spaces, escaped brackets and a line break.
SEPARATOR = re.compile(r"^(?:[ \t,.;:|()\[\]\"“”'’–—-]|\\[\[\]]|<br[ \t]*/?>)*$", re.IGNORECASE)
CLOSERS = ")]\"”’"
OPENERS = "[(<\"“"  # brackets and quotes that open a part: `[`, `\[`, `(`, `"`
BULLET_MARK = re.compile(r"[•◦▪▸►‣·][ \t]+")
ITALIC_NAMES = re.compile(r"(?<![\w*_])(?P<mark>[*_])(?P<names>[^*_\[\]()]+?)(?P=mark)(?P<after>\.?)(?![\w*_])")
T = TypeVar("T")


class Shape(NamedTuple):
    """What one entry says of its section's form."""

    head: tuple[Part, ...]
    end: str
    hard_break: bool
    body: tuple[BodyLine, ...]
    title: TitleForm
    venue: VenueForm | None
    link: LinkForm | None
    authors: AuthorsForm | None


def learn(section: Section, lines: Sequence[str], others: Sequence[Entry] = ()) -> EntryForm:
    """The form of `section`'s entries (of its own layout); the canonical form when none can be read.

    `others` are the entries of the same layout in the rest of the list: a link label no two entries of the
    section share (`[[IJCV paper]]`, `[[pami paper]]`) is its entry's own, and the list's commonest is taken.
    """
    layout = section.style
    if layout not in LINE_LAYOUTS:
        return CANONICAL
    shapes = _shapes(section.entries, layout, lines)
    if not shapes:
        return CANONICAL
    head, end, hard_break = _most_common([(s.head, s.end, s.hard_break) for s in shapes])
    alike = [s for s in shapes if s.head == head]
    link = _shared([s.link for s in shapes if s.link is not None])
    if link is None and others:
        link = _shared([s.link for s in _shapes(others, layout, lines) if s.link is not None])
    return EntryForm(
        layout=layout, head=head, end=end, hard_break=hard_break,
        body=_most_common([s.body for s in alike]),
        title=_most_common([s.title for s in shapes]),
        venue=_most_common([s.venue for s in shapes if s.venue is not None] or [VenueForm()]),
        link=link or _most_common([s.link for s in shapes if s.link is not None] or [LinkForm()]),
        authors=_most_common([s.authors for s in shapes if s.authors is not None] or [AuthorsForm()]),
        learnt=True)


def _shapes(entries: Sequence[Entry], layout: Layout, lines: Sequence[str]) -> list[Shape]:
    return [found for entry in entries if entry.style is layout and not in_html_cell(entry, lines)
            if (found := shape(entry, lines)) is not None]


def _shared(links: Sequence[LinkForm]) -> LinkForm | None:
    """The commonest link form when two entries or more write it (or there is one only)."""
    if not links:
        return None
    found, count = Counter(links).most_common(1)[0]
    return found if count >= 2 or len(links) == 1 else None


def _most_common(values: Sequence[T]) -> T:
    """The value most of `values` are; of equals, the first seen."""
    return Counter(values).most_common(1)[0][0]


def in_html_cell(entry: Entry, lines: Sequence[str]) -> bool:
    """An entry heading at the top of an HTML table cell (a paper's card in a `<table>`): written in HTML,
    where kdlint writes nothing."""
    number = entry.line - 1
    while number >= 1 and not lines[number - 1].strip():
        number -= 1
    return entry.heading and number >= 1 and lines[number - 1].strip().lower().startswith("<td")


def content_start(text: str) -> int:
    """The column (0-based) where a first line's own text starts: after its list or heading marker and a
    bullet mark (`##### • Title`)."""
    marker = LIST_MARKER.match(text) or HEADING_MARKER.match(text)
    start = marker.end() if marker else len(text) - len(text.lstrip())
    bullet = BULLET_MARK.match(text, start) if marker is not None and marker.re is HEADING_MARKER else None
    return bullet.end() if bullet else start


def lead(text: str) -> str:
    """The first line's marker as written: `- `, `  * `, `3. `, `### `, or nothing. A bullet mark after a
    heading's `#`s (`##### • Title`) is left out: kdlint's reader would take it for the title."""
    marker = LIST_MARKER.match(text) or HEADING_MARKER.match(text)
    return marker.group() if marker else text[: len(text) - len(text.lstrip())]


def shape(entry: Entry, lines: Sequence[str]) -> Shape | None:
    """What `entry` says of its section's form; None when its title is not on its first line."""
    text = lines[entry.line - 1]
    title = _title_part(entry, text)
    if title is None:
        return None
    (t_start, t_end), title_form = title
    spans: list[tuple[int, int, PartKind]] = [(t_start, t_end, PartKind.TITLE)]
    others: list[tuple[int, int]] = []
    date = DATED.match(text, content_start(text)) if entry.style is Layout.DATED else None
    date_span = (date.start(), text.index(")", date.start()) + 1) if date else None
    if date_span:
        spans.append((*date_span, PartKind.DATE))
    link = entry.paper_link
    link_form: LinkForm | None = None
    on_head = [k for k in entry.links if k.span.line == entry.line and k.placement is Placement.INLINE]
    venue_link = _venue_label_link(entry, on_head, t_start, t_end)
    if venue_link is not None:
        link = venue_link
    if link is not None:
        label = link.label.replace(entry.arxiv_id, ID_SLOT) if entry.arxiv_id else link.label
        link_form = LinkForm(label=label, double=link.double_brackets, bare=link.span == link.url_span,
                             venue_label=link is venue_link)
    for k in on_head:
        start, end = k.span.column - 1, k.span.end_column - 1
        if link is not None and k is link and not title_form.linked:
            spans.append((start, end, PartKind.LINK))
        elif not (start <= t_start and t_end <= end):
            others.append((start, end))
    pairs = [p for p in entry.venues if p.span.line == entry.line]
    inside = [p for p in pairs if _within(p.span.column - 1, p.span.end_column - 1, spans)]
    outside = [p for p in pairs if p not in inside
               and not any(s <= p.span.column - 1 < e for s, e in others)]
    if outside:
        spans.append((min(p.span.column - 1 for p in outside), max(p.span.end_column - 1 for p in outside),
                      PartKind.VENUE))
    venue_form = _venue_form(inside + outside, text)
    authors = entry.authors
    written_authors = authors_form(authors.text, authors.names, authors.italic, authors.ends_with_period,
                                   authors.last_separator, lines[authors.line - 1],
                                   authors.span.column - 1) if authors else None
    if authors is not None and authors.line == entry.line:
        spans.append((authors.span.column - 1, authors.span.end_column - 1, PartKind.AUTHORS))
    elif authors is None and (unread := _italic_names(text, t_end, spans, others)) is not None:
        start, end, written_authors = unread  # `[**Title.**](url) _Ann Author, Ben Author._ Arxiv 2023.`
        spans.append((start, end, PartKind.AUTHORS))
    head, tail = _parts(text, sorted(spans), others)
    body: list[tuple[int, BodyLine]] = []
    if link is not None and link.span.line != entry.line:
        body.append((link.span.line, _body_line(PartKind.LINK, lines, entry, link.span.line,
                                                link.span.column - 1, link.span.end_column - 1)))
    if authors is not None and authors.line != entry.line:
        body.append((authors.line, _body_line(PartKind.AUTHORS, lines, entry, authors.line,
                                              authors.span.column - 1, authors.span.end_column - 1)))
    lazy = any(not line.nested and not line.marker for _, line in body)
    return Shape(head=head, end=tail, hard_break=lazy and text.endswith(("  ", "\\")),
                  body=tuple(line for _, line in sorted(body)), title=title_form, venue=venue_form,
                  link=link_form, authors=written_authors)


def _italic_names(text: str, after: int, spans: Sequence[tuple[int, int, PartKind]],
                  others: Sequence[tuple[int, int]]) -> tuple[int, int, AuthorsForm] | None:
    """Authors in italics after the title on its line, which the reader leaves unread: their columns and form."""
    for m in ITALIC_NAMES.finditer(text, after):
        taken = [*((s, e) for s, e, _ in spans), *others]
        if any(s < m.end() and m.start() < e for s, e in taken) or not looks_like_names(m.group("names"), 1):
            continue
        found = parse_authors(m.group("names"), 1, m.start("names"), True, bool(m.group("after")))
        return m.start(), m.end(), authors_form(found.text, found.names, True, found.ends_with_period,
                                                found.last_separator, text, m.start())
    return None


def _title_part(entry: Entry, text: str) -> tuple[tuple[int, int], TitleForm] | None:
    """Where the title stands on the first line (its bold, its link, or its own text), and how it is written."""
    span = entry.title_span
    if span is None or span.line != entry.line or span.column - 1 < content_start(text):
        return None  # (a title read in the marker, `##### •`, is not one)
    start, end = span.column - 1, span.end_column - 1
    bold = entry.bold_span
    if bold is not None and bold.line == entry.line and bold.column - 1 <= start and end <= bold.end_column - 1:
        b_start, b_end = bold.column - 1, bold.end_column - 1
        inside = any(b_start <= p.span.column - 1 and p.span.end_column - 1 <= b_end
                     for p in entry.venues if p.span.line == entry.line)
        return (b_start, b_end), TitleForm(bold=text[b_start : b_start + 2], venues_inside=inside)
    for link in entry.links:
        label = link.label_span
        if link.placement is Placement.INLINE and label is not None and label.line == entry.line \
                and label.column - 1 <= start and end <= label.end_column - 1:
            written = link.label.strip()
            return ((link.span.column - 1, link.span.end_column - 1),
                    TitleForm(bold="", linked=True, label_bold=written.startswith(("**", "__")),
                              label_period=written.rstrip("*_").endswith("."), venues_inside=False))
    return (start, end), TitleForm(bold="", venues_inside=False)


def _venue_label_link(entry: Entry, on_head: Sequence[Link], t_start: int, t_end: int) -> Link | None:
    """`[[CVPR](url)] Title`: the link before the title whose label is the entry's venue."""
    for link in on_head:
        label = link.label_span
        if label is None or link.span.column - 1 >= t_start:
            continue
        if any(p.span.line == entry.line and label.column <= p.span.column and p.span.end_column <= label.end_column
               for p in entry.venues):
            return link
    return None


def _within(start: int, end: int, spans: Sequence[tuple[int, int, PartKind]]) -> bool:
    return any(s <= start and end <= e for s, e, _ in spans)


def _venue_form(pairs: Sequence[VenueYear], text: str) -> VenueForm | None:
    """How the first line's venue pairs are written: `Venue Year`, `Venue, Year`, or the year alone."""
    if not pairs:
        return None
    for pair in pairs:
        if pair.venue_span is not None and pair.year_span is not None \
                and pair.venue_span.end_column <= pair.year_span.column:
            join = text[pair.venue_span.end_column - 1 : pair.year_span.column - 1]
            return VenueForm(join=", " if "," in join else " ")
    return VenueForm(year_only=all(p.venue is None for p in pairs))


def authors_form(written: str, names: tuple[str, ...], italic: bool, period: bool, last_separator: str | None,
                  text: str, start: int) -> AuthorsForm:
    """How an author list is written, from its text (`written`, inside its emphasis) and its line."""
    core = written.rstrip()
    core = core[:-1] if core.endswith(".") else core
    last = ", "
    if last_separator == "and":
        found = last_and(core)
        written_last = found.group() if found else " and "
        last = (", " if "," in written_last else " ") + ("&" if "&" in written_last else "and") + " "
    between = " and " if len(names) >= 3 and "," not in core and last == " and " else ", "
    emphasis = text[start] if italic and start < len(text) else ""
    where = ""
    if period:
        where = "inside" if written.rstrip().endswith(".") or not italic else "outside"
    return AuthorsForm(emphasis=emphasis, period=where, between=between, last=last)


def _parts(text: str, spans: Sequence[tuple[int, int, PartKind]],
           others: Sequence[tuple[int, int]]) -> tuple[tuple[Part, ...], str]:
    """The first line's parts with the text between them (other links cut out, anything but punctuation and
    spaces dropped), and what follows the last one."""
    cursor = content_start(text)
    gaps: list[str] = []
    for start, end, _ in spans:
        gaps.append(_gap(text, cursor, start, others))
        cursor = max(cursor, end)
    tail = _gap(text, cursor, len(text), others)
    parts: list[Part] = []
    for i, (_, _, kind) in enumerate(spans):
        gap = gaps[i]
        if i == 0:
            before, closing = (gap if SEPARATOR.match(gap) else "").lstrip(), ""
        else:
            closing, before = _split(gap)
        if parts:
            parts[-1] = parts[-1]._replace(after=closing)
        parts.append(Part(kind, before, ""))
    closing, rest = _split(tail)
    if parts:
        parts[-1] = parts[-1]._replace(after=closing)
    return tuple(parts), rest.rstrip()


def _gap(text: str, start: int, end: int, others: Sequence[tuple[int, int]]) -> str:
    """The text between columns `start` and `end`, without the other links, its runs of spaces one space."""
    kept: list[str] = []
    cursor = start
    for s, e in sorted(others):
        if e <= cursor or s >= end:
            continue
        kept.append(text[cursor:max(s, cursor)])
        cursor = max(cursor, e)
    kept.append(text[cursor:end] if cursor < end else "")
    return re.sub(r"[ \t]+", " ", "".join(kept))


def _split(gap: str) -> tuple[str, str]:
    """A gap between two parts as (what closes the part before, what opens the next). Of a gap that is not
    punctuation only the brackets and quotes next to the parts are kept, a space between them."""
    closing = len(gap) - len(gap.lstrip(CLOSERS))
    if SEPARATOR.match(gap):
        return gap[:closing], gap[closing:]
    return gap[:closing], " " + _opening(gap[closing:])


def _opening(text: str) -> str:
    """The brackets and quotes that end `text` (`\\[` with its backslash): what opens the part after it."""
    at = len(text)
    while at > 0 and text[at - 1] in OPENERS:
        at -= 1
        if text[at] == "[" and at > 0 and text[at - 1] == "\\":
            at -= 1
    return text[at:]


def _body_line(kind: PartKind, lines: Sequence[str], entry: Entry, number: int, start: int, end: int) -> BodyLine:
    text = lines[number - 1]
    head = lines[entry.line - 1]
    marker = LIST_MARKER.match(text)
    indent = len(marker.group(1)) if marker else len(text) - len(text.lstrip(" "))
    written = marker.group(2) + (marker.group(3) or " ") if marker else ""
    at = marker.end() if marker else indent
    before = text[at:start]
    if not (SEPARATOR.match(before) or (kind is PartKind.LINK and before.rstrip().endswith((":", "：")))):
        before = _opening(before)
    after = text[end:].rstrip()
    after = after[: len(after) - len(after.lstrip(CLOSERS))] if after else ""
    column = content_start(head)
    nested = indent >= column and bool(marker)
    blank = number - 1 > entry.line and not lines[number - 2].strip()
    return BodyLine(kind, indent - column if nested else indent, nested, written, before, after, blank)
