"""The form a section writes its entries in: what `kdlint.entry_render` writes a new entry in.

For the layouts written line by line (bold, inline, plain, dated, heading),
an entry is a first line and the lines under it. The first line is a
sequence of parts (the title, the venue, a date, the paper link, the
authors) with the text written between them (`, `, ` (`, `) <br />`); the
lines under it hold the paper link or the authors, each with its own marker
and indentation. Each part has its own way of being written (a bold `**` or
`__`, a link label like `[[Paper]]` or `[paper]`, `Venue Year` or `Venue,
Year`, authors in italics or not, with a full stop or not, `and` before the
last name or a comma). `kdlint.form_learning` learns a section's form from
its entries; `CANONICAL` is the bold layout as `kdlint convert` writes it.
Tables and cards have forms of their own (`kdlint.table_form`,
`kdlint.card_form`).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import NamedTuple

from .model import Layout

LINE_LAYOUTS = frozenset({Layout.BOLD, Layout.INLINE, Layout.PLAIN, Layout.DATED, Layout.HEADING})
ID_SLOT = "\x00"  # where a link label names its entry's arXiv identifier: `[\[arXiv:2206.04927\]](url)`


class PartKind(StrEnum):
    """What a part of a first line, or a line under it, holds."""

    TITLE = "title"
    VENUE = "venue"
    DATE = "date"  # the dated layout's `(yy.mm.dd, Venue Year)`
    LINK = "link"  # the paper link
    AUTHORS = "authors"


class Part(NamedTuple):
    """One part of a first line, with the text written before and after it."""

    kind: PartKind
    before: str
    after: str


class BodyLine(NamedTuple):
    """A line under the first, holding the paper link or the authors."""

    kind: PartKind
    indent: int  # spaces before its marker: relative to the first line's content when `nested`
    nested: bool  # indented as far as the first line's content at least (a sub-bullet), not a lazy line
    marker: str  # `- ` with its spacing, or nothing
    before: str  # between the marker and the part: `[`, `论文/Paper:`
    after: str  # after the part: `]`
    blank_before: bool


@dataclass(frozen=True, slots=True, kw_only=True)
class TitleForm:
    bold: str = "**"  # around the title (and the venues inside it), or "" for none
    linked: bool = False  # the title is the paper's link: `[Title](url)`
    label_bold: bool = False  # `[**Title.**](url)`
    label_period: bool = False
    venues_inside: bool = True  # `**Title, Venue Year**`


@dataclass(frozen=True, slots=True, kw_only=True)
class VenueForm:
    join: str = " "  # between the venue and the year: ` ` or `, `
    year_only: bool = False  # the list writes the year alone


@dataclass(frozen=True, slots=True, kw_only=True)
class LinkForm:
    label: str = "Paper"  # ID_SLOT where the label names the paper's arXiv identifier
    double: bool = True  # `[[Paper]](url)`
    bare: bool = False  # the URL alone: `  - https://...`, `- 论文/Paper:https://...`
    venue_label: bool = False  # `[[CVPR](url)] Title`: the label is the venue


@dataclass(frozen=True, slots=True, kw_only=True)
class AuthorsForm:
    emphasis: str = "*"  # `*`, `_` or ""
    period: str = "inside"  # `*A, B.*` "inside", `*A, B*.` "outside", or "" for none
    between: str = ", "
    last: str = ", "  # before the last name: `, `, ` and `, `, and `, ` & `


CANONICAL_HEAD = (Part(PartKind.TITLE, "", ""), )
CANONICAL_BODY = (BodyLine(PartKind.LINK, 0, True, "- ", "", "", False),
                  BodyLine(PartKind.AUTHORS, 0, True, "- ", "", "", False))


@dataclass(frozen=True, slots=True, kw_only=True)
class EntryForm:
    """How the entries of one section are written (the layouts written line by line)."""

    layout: Layout
    head: tuple[Part, ...] = CANONICAL_HEAD
    end: str = ""  # after the last part of the first line: ` <br />`
    hard_break: bool = False  # the first line ends in a line break before lazy lines under it
    body: tuple[BodyLine, ...] = CANONICAL_BODY
    title: TitleForm = TitleForm()
    venue: VenueForm = VenueForm()
    link: LinkForm = LinkForm(label="", double=False, bare=True)
    authors: AuthorsForm = AuthorsForm()
    learnt: bool = False  # False for the canonical form

    def has(self, kind: PartKind) -> bool:
        return any(part.kind is kind for part in self.head) or any(line.kind is kind for line in self.body)


CANONICAL = EntryForm(layout=Layout.BOLD)
