"""The document model: a list read as sections and paper entries.

Entries, sections and the document are frozen dataclasses; the small parts
they are made of (links, venue pairs, authors, identifiers, headings,
pragmas) are named tuples, which are built in half the time and cost a third
to define at start-up. The parser builds them all from positions it computed
itself, tens of thousands for a large list, so they need no validation
(pydantic is kept for what comes from outside: configuration, baselines,
review payloads). Rules read this model and never re-parse. Every
part of an entry carries the exact source span it came from, so a rule can
point at it and a fix can edit it without re-rendering anything.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum, StrEnum
from typing import NamedTuple

from .diagnostics import Span


class Layout(StrEnum):
    """How an entry is written: the key of the reader that read it (`kdlint.readers`)."""

    BOLD = "bold"  # `- **Title, Venue Year**`, `**Title**, Venue Year`, `**[n]** Authors. "**Title**."`
    HEADING = "heading"  # `### Title Venue Year [[paper]](url)`: the entry is a heading
    DATED = "dated"  # `- (22.03.01, ICLR 2022) [Title](url)`
    INLINE = "inline"  # `- [Title](url), Venue Year`: the title is the paper's link
    PLAIN = "plain"  # `- Title [[paper]](url)`, `- "Title", Venue, Year`, `- [[CVPR](url)] Title`
    TABLE = "table"  # one paper per row of a Markdown table
    CARD = "card"  # `Mimic. *CVPR 2017*.`, link lines, then the title and the authors as a list


class LinkKind(str, Enum):
    PAPER = "paper"
    CODE = "code"
    OTHER = "other"


class Placement(str, Enum):
    INLINE = "inline"  # on the entry's first line: [[Paper]](url)
    SUB_BULLET = "sub-bullet"  # a line of its own under the entry


class Link(NamedTuple):
    """`[label](url)`, `[[label]](url)`, or a bare URL (empty label)."""

    label: str
    url: str
    kind: LinkKind
    placement: Placement
    double_brackets: bool
    span: Span
    label_span: Span | None
    url_span: Span


class VenueYear(NamedTuple):
    """One `Venue Year` pair; `year` is the raw text (may be malformed or absent)."""

    venue: str | None
    year: str | None
    span: Span
    venue_span: Span | None
    year_span: Span | None

    @property
    def year_ok(self) -> bool:
        return self.year is not None and is_year(self.year)


class PaperId(NamedTuple):
    kind: str  # "arxiv", "doi", "openreview", "cvf", "neurips", "acl", "pmlr"
    value: str

    def __str__(self) -> str:
        return f"{self.kind}:{self.value}"


class Authors(NamedTuple):
    text: str  # between the emphasis markers, as written
    names: tuple[str, ...]
    italic: bool
    ends_with_period: bool
    last_separator: str | None  # "and", "comma" or None for one author
    span: Span  # the whole author text including emphasis markers
    text_span: Span  # inside the emphasis markers
    line: int


class SubBullet(NamedTuple):
    """A line under the entry's first line, in source order."""

    line: int
    kind: str  # "paper-url", "authors", "links", "other"


@dataclass(frozen=True, slots=True, kw_only=True)
class Entry:
    line: int
    end_line: int
    span: Span
    section: tuple[str, ...]
    group: int  # entries of one list (or one run of entry headings) share it; they are sorted together
    heading: bool  # written as a heading (`### Title Venue Year [[paper]](url)`), not as a list item
    style: Layout  # how this entry is written
    date: str | None = None  # the `yy.mm.dd` of the dated style
    marker_end: int  # column (0-based) where the first line's content starts
    bold: bool
    title: str | None
    title_span: Span | None
    bold_span: Span | None  # the whole **...** including markers
    venues: tuple[VenueYear, ...]
    links: tuple[Link, ...]
    authors: Authors | None
    sub_bullets: tuple[SubBullet, ...]
    paper_ids: tuple[PaperId, ...]
    section_year: int | None = None  # the year of its section heading or `<details>` summary (`section_year`)

    @property
    def paper_link(self) -> Link | None:
        """The paper's own line when it has one (other paper links, like an arXiv copy, ride inline), else
        the first link labelled as the paper."""
        papers = [link for link in self.links if link.kind is LinkKind.PAPER]
        own_line = [link for link in papers if link.placement is Placement.SUB_BULLET]
        chosen = own_line or papers
        return chosen[0] if chosen else None

    @property
    def lines(self) -> range:
        return range(self.line, self.end_line + 1)

    @property
    def arxiv_id(self) -> str | None:
        for pid in self.paper_ids:
            if pid.kind == "arxiv":
                return pid.value
        return None


class Pragma(NamedTuple):
    """`<!-- kdlint-disable KD3 -->` and its kin; `codes` empty means every rule."""

    kind: str  # "disable-next-line", "disable", "enable" or "disable-file"
    codes: tuple[str, ...]
    span: Span  # the whole comment
    alone: bool  # nothing else on its line

    @property
    def line(self) -> int:
        return self.span.line


class BadPragma(NamedTuple):
    span: Span
    reason: str


# Why a section with items is not checked (`Section.skip_reason`).
NO_PAPERS = "no venue, year, authors or paper identifier in any of its items"
CONFIGURED = "listed in skip-sections"


@dataclass(frozen=True, slots=True, kw_only=True)
class Section:
    path: tuple[str, ...]  # heading texts from the top
    title: str
    level: int
    line: int  # the heading's line; 0 for text before the first heading
    holds_papers: bool
    skip_reason: str | None  # why a section with items is not checked
    style: Layout  # BOLD when most of its entries have bold titles, else its entries' commonest layout
    entries: tuple[Entry, ...]


class Heading(NamedTuple):
    line: int
    level: int
    text: str  # as written (Markdown)
    plain: str  # as rendered
    anchor: str  # GitHub's
    entry: bool  # a `### Title Venue Year [[paper]](url)` heading: an entry, not a section


class TocItem(NamedTuple):
    line: int
    indent: str
    marker: str
    text: str
    anchor: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Toc:
    """The first list made only of links to anchors in the document."""

    first: int
    last: int
    items: tuple[TocItem, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class Document:
    """A parsed list. `entries` are those of the sections that hold papers."""

    sections: tuple[Section, ...]
    headings: tuple[Heading, ...]
    toc: Toc | None
    code_lines: frozenset[int]  # fenced and indented code, at any depth
    html_lines: frozenset[int] = frozenset()  # raw HTML blocks (not comments), at any depth
    pragmas: tuple[Pragma, ...]
    bad_pragmas: tuple[BadPragma, ...]

    @property
    def entries(self) -> list[Entry]:
        return [e for s in self.sections if s.holds_papers for e in s.entries]

    @property
    def bold_entries(self) -> list[Entry]:
        """Entries of paper sections written in the canonical (bold) style: list items, not headings or table
        rows."""
        return [e for s in self.sections if s.holds_papers and s.style is Layout.BOLD for e in s.entries
                if not e.heading and e.style is not Layout.TABLE]

    @property
    def skipped_sections(self) -> list[Section]:
        return [s for s in self.sections if s.skip_reason]


def is_year(text: str) -> bool:
    return len(text) == 4 and text.isdigit() and text[:2] in ("19", "20")
