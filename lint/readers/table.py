"""The table layout: one paper per row of a Markdown (GFM) table.

```markdown
| Title | Venue | Year | Code |
| --- | --- | --- | --- |
| [**Distilling the Knowledge in a Neural Network**](https://arxiv.org/abs/1503.02531) | NeurIPS Workshop | 2014 | - |
```

The header names the columns, in any order and any case, markup aside:
the title (`Title`, `Paper Title`; `Paper` or `Name` when no column says
title), the venue (`Venue`, `Conference`, `Journal`, `Pub`, `Published In`),
the year (`Year`), a date (`Date`: kept as the entry's date, never taken for
the venue's year, since lists put the preprint's date there), authors, code
and link columns. A table is read as papers only when it has a title column
and most of its rows give a title that is more than a link label (`Link`,
`PDF`): a results table or a table of contents is not a list of papers.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..diagnostics import Span
from ..model import Entry, Layout, Link, LinkKind, PaperId, Placement, VenueYear, is_year
from ..urls import paper_ids
from ..vocabulary import DEFAULT, Vocabulary
from .parts import find_links, parse_authors, parse_venue_segment

DELIMITER_CELL = re.compile(r"^\s*:?-+:?\s*$")
MARKUP = re.compile(r"\*\*|__|<br\s*/?>|!\[[^\]]*\]\([^)]*\)", re.IGNORECASE)
LINK_TEXT = re.compile(r"^\s*\[(?P<label>.+)\]\([^()\s]*\)\s*$")
INNER_LINK = re.compile(r"\[(?P<label>[^\[\]]+)\]\([^()\s]*\)")
GENERIC_TITLES = frozenset({"", "-", "link", "links", "pdf", "paper", "arxiv", "code", "url", "here", "n/a", "none"})

TITLE = ("title", "paper title", "paper name", "papers")
TITLE_FALLBACK = ("paper", "name", "method", "model")
VENUE = ("venue", "conference", "conf", "journal", "pub", "publication", "published in", "published", "source")
YEAR = ("year",)
DATE = ("date", "time", "release date", "released")
AUTHORS = ("author", "authors")
CODE = ("code", "github", "repo", "repository", "implementation", "project", "official code")
LINKS = ("paper", "link", "links", "pdf", "arxiv", "url")


def split_row(text: str) -> list[tuple[int, int]]:
    """The cells of a table row as (start, end) columns, between unescaped pipes outside code spans."""
    bounds: list[int] = []
    in_code = False
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "`":
            in_code = not in_code
        elif ch == "|" and not in_code:
            bounds.append(i)
        i += 1
    stripped = text.strip()
    cells = []
    edges = [-1, *bounds, len(text)]
    for left, right in itertools.pairwise(edges):
        cells.append((left + 1, right))
    # A leading and a trailing pipe open and close the row; they do not make empty cells.
    if stripped.startswith("|") and cells:
        cells = cells[1:]
    if stripped.endswith("|") and cells and not text[cells[-1][0]:cells[-1][1]].strip():
        cells = cells[:-1]
    return cells


def _plain(text: str) -> str:
    return " ".join(MARKUP.sub(" ", text).split()).casefold()


@dataclass(frozen=True)
class Columns:
    """What each column of one table holds (column indices)."""

    title: int
    venue: int | None
    year: int | None
    date: int | None
    authors: int | None
    code: frozenset[int]
    links: frozenset[int]

    @classmethod
    def of(cls, header: Sequence[str]) -> Columns | None:
        names = [_plain(cell).strip(" :") for cell in header]

        def first(options: tuple[str, ...], exclude: frozenset[int] = frozenset()) -> int | None:
            for i, name in enumerate(names):
                if i not in exclude and name in options:
                    return i
            return None

        title = first(TITLE)
        if title is None:
            title = first(TITLE_FALLBACK)
        if title is None:
            return None
        taken = frozenset({title})
        venue = first(VENUE, taken)
        year = first(YEAR, taken)
        date = first(DATE, taken)
        authors = first(AUTHORS, taken)
        code = frozenset(i for i, n in enumerate(names) if n in CODE and i != title)
        links = frozenset(i for i, n in enumerate(names) if n in LINKS and i != title)
        return cls(title=title, venue=venue, year=year, date=date, authors=authors, code=code, links=links)


def _title(text: str, start: int) -> tuple[str, int, int] | None:
    """The title a title cell gives, and its columns: the text of its (first) link or the cell, markup aside."""
    body = text
    m = LINK_TEXT.match(body)
    if m is None or m.group("label").startswith("!["):
        m = next((inner for inner in INNER_LINK.finditer(body)
                  if not (inner.start() and body[inner.start() - 1] == "!")), None)  # an image is a badge
    if m is not None:
        label_start = m.start("label")
        raw = m.group("label")
    else:
        label_start, raw = 0, body
        rest = re.sub(r"\[(?:[^\[\]]|\\[\[\]])*\]\([^()\s]*\)", " ", body).strip(" -|*_")
        pair = parse_venue_segment(rest, 0, 0) if rest else None
        if not rest or (pair is not None and (pair.year is None or is_year(pair.year))):
            return None  # `SIGGRAPH 2014 [PDF](url)`: a venue and a link, no title (`Network 1001` is a title)
    lead = len(raw) - len(raw.lstrip(" *_"))
    title = raw.strip(" *_")
    title = MARKUP.sub("", title).strip()
    if _plain(title) in GENERIC_TITLES or title.startswith(("![", "[![")):
        return None
    begin = start + label_start + lead
    return title, begin, begin + len(raw.strip(" *_"))


def read_table(lines: Sequence[str], first: int, last: int, section: tuple[str, ...], group: int,
               vocab: Vocabulary = DEFAULT) -> list[Entry]:
    """The entries of the table on lines `first..last` (1-based), or [] when it is not a table of papers."""
    if last - first < 2:
        return []
    header = lines[first - 1]
    columns = Columns.of([header[s:e] for s, e in split_row(header)])
    delimiter = lines[first]
    if columns is None or not all(DELIMITER_CELL.match(delimiter[s:e]) for s, e in split_row(delimiter)):
        return []
    entries = []
    rows = 0
    for number in range(first + 2, last + 1):
        text = lines[number - 1]
        if not text.strip():
            continue
        rows += 1
        entry = _row(text, number, columns, section, group, vocab)
        if entry is not None:
            entries.append(entry)
    return entries if entries and len(entries) * 2 >= rows else []


def _cell(text: str, cells: list[tuple[int, int]], index: int | None) -> tuple[str, int] | None:
    if index is None or index >= len(cells):
        return None
    start, end = cells[index]
    return text[start:end], start


def _row(text: str, number: int, columns: Columns, section: tuple[str, ...], group: int,
         vocab: Vocabulary) -> Entry | None:
    cells = split_row(text)
    title_cell = _cell(text, cells, columns.title)
    if title_cell is None:
        return None
    found = _title(*title_cell)
    if found is None:
        return None
    title, t_start, t_end = found
    links: list[Link] = []
    for i, (start, end) in enumerate(cells):
        for link in find_links(text[:end], number, Placement.INLINE, start, vocab):
            if link.label.startswith("!") or link.url.startswith("https://img.shields.io"):
                continue  # a badge
            if i in columns.code:
                link = link._replace(kind=LinkKind.CODE)
            elif (i == columns.title or i in columns.links) and link.kind is LinkKind.OTHER:
                link = link._replace(kind=LinkKind.PAPER)
            links.append(link)
    venues = _venues(text, number, cells, columns, vocab)
    authors = None
    authors_cell = _cell(text, cells, columns.authors)
    if authors_cell is not None and authors_cell[0].strip(" -"):
        raw, start = authors_cell
        lead = len(raw) - len(raw.lstrip())
        authors = parse_authors(raw.strip(), number, start + lead, False, False)
    date_cell = _cell(text, cells, columns.date)
    date = date_cell[0].strip() if date_cell and date_cell[0].strip(" -") else None
    ids: list[PaperId] = []
    for link in links:
        if link.kind is not LinkKind.CODE:
            ids.extend(pid for pid in paper_ids(link.url) if pid not in ids)
    span = Span.on_line(number, 0, len(text))
    return Entry(line=number, end_line=number, span=span, section=section, group=group, heading=False,
                 style=Layout.TABLE, date=date, marker_end=0, bold=False, title=title,
                 title_span=Span.on_line(number, t_start, t_end), bold_span=None, venues=tuple(venues),
                 links=tuple(links), authors=authors, sub_bullets=(), paper_ids=tuple(ids))


def _venues(text: str, number: int, cells: list[tuple[int, int]], columns: Columns,
            vocab: Vocabulary) -> list[VenueYear]:
    """The venue cell, as a `Venue Year` pair of its own or with the year of the year column."""
    venue_cell = _cell(text, cells, columns.venue)
    year_cell = _cell(text, cells, columns.year)
    year: tuple[str, Span] | None = None
    if year_cell is not None:
        raw, start = year_cell
        stripped = raw.strip()
        if stripped and is_year(stripped):
            lead = start + len(raw) - len(raw.lstrip())
            year = (stripped, Span.on_line(number, lead, lead + len(stripped)))
    if venue_cell is None:
        if year is None:
            return []
        return [VenueYear(venue=None, year=year[0], span=year[1], venue_span=None, year_span=year[1])]
    raw, start = venue_cell
    plain = MARKUP.sub(lambda m: " " * len(m.group()), raw)
    stripped = plain.strip()
    if not stripped or stripped in ("-", "—"):
        return [] if year is None else [VenueYear(venue=None, year=year[0], span=year[1], venue_span=None,
                                                  year_span=year[1])]
    pair = parse_venue_segment(plain, number, start, vocab=vocab)
    lead = start + len(plain) - len(plain.lstrip())
    venue_span = Span.on_line(number, lead, lead + len(stripped))
    if pair is not None and pair.year is not None:
        return [pair]
    venue = " ".join(stripped.split())
    if year is None:
        return [VenueYear(venue=venue, year=None, span=venue_span, venue_span=venue_span, year_span=None)]
    first, second = sorted((venue_span, year[1]), key=lambda s: s.column)
    both = Span(line=number, column=first.column, end_line=number, end_column=second.end_column)
    return [VenueYear(venue=venue, year=year[0], span=both, venue_span=venue_span, year_span=year[1])]
