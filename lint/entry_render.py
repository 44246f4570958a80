"""A paper written as an entry of a section: in the section's own form, and read back by kdlint's readers.

`render_entry` writes the paper (`kdlint.paper_facts.PaperFacts`) in the
form learnt from the section (`kdlint.form_learning`, `kdlint.table_form`,
`kdlint.card_form`), its text written literally (`kdlint.literal_text`),
and reads the lines back with kdlint's own parser: the entry must come back
with the paper's title, authors, link, venue and year, and nothing else
taken for them. When it does not, the title is written more strictly
(`literal(strict=True)`), then the authors where every layout reads them
(in italics, on a line of their own), then the entry in the canonical form
(`kdlint.convert.canonical_lines`); an entry that reads back wrong even so is
a `RenderError`, an internal error: nothing is written.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import NamedTuple

from . import card_form, form_learning, table_form
from .card_form import CardForm
from .convert import Record, canonical_lines
from .document import parse_document
from .entry_form import CANONICAL, ID_SLOT, AuthorsForm, BodyLine, EntryForm, LinkForm, PartKind
from .literal_text import Place, displayed, literal
from .model import Entry, Layout, Section
from .ordering import entry_year
from .paper_facts import PaperFacts
from .readers.parts import LIST_MARKER, parse_venue_segment
from .source import SourceText
from .table_form import TableForm
from .vocabulary import DEFAULT, Vocabulary

SectionForm = EntryForm | TableForm | CardForm
DEFAULT_LEADS = {Layout.HEADING: "### "}
ADDED = "Added"  # the heading of the document an entry is read back in


class RenderError(Exception):
    """A rendered entry that kdlint does not read back as the paper: an internal error, never written."""


@dataclass(frozen=True, slots=True)
class RenderedEntry:
    """A new entry's lines and what kdlint reads in them."""

    lines: tuple[str, ...]
    layout: Layout  # TABLE for a table row
    learnt: bool  # written in the section's own form; False for the canonical form
    entry: Entry  # as kdlint reads it back, alone (its line numbers are those of that reading)


class Written(NamedTuple):
    """Lines of an entry and which of the paper's facts they write."""

    lines: list[str]
    venue: bool
    year: bool
    url: bool
    authors: bool


def form_of(section: Section, lines: Sequence[str], rows: Sequence[Entry] = (),
            others: Sequence[Entry] = ()) -> SectionForm:
    """The form a new entry of `section` takes: the form of the table holding `rows` (the table the entry
    goes into), of the section's cards, or of its entries written line by line (`others`: the rest of the
    list's entries, for what the section alone does not say)."""
    if section.style is Layout.TABLE:
        table = table_form.learn(rows or [e for e in section.entries if e.style is Layout.TABLE], lines)
        return table if table is not None else CANONICAL
    if section.style is Layout.CARD:
        cards = card_form.learn(section, lines)
        return cards if cards is not None else CANONICAL
    return form_learning.learn(section, lines, others)


def render_entry(facts: PaperFacts, form: SectionForm, lead: str | None = None,
                 vocab: Vocabulary = DEFAULT) -> RenderedEntry:
    """`facts` as an entry in `form`; `lead` is the marker of the entry it joins (`- `, `3. `, `### `).

    Raises RenderError when not even the canonical form reads back as the paper.
    """
    attempts: list[tuple[SectionForm, bool]] = [(form, False), (form, True)]
    readable = _readable_authors(form)
    if readable is not None:
        attempts += [(readable, False), (readable, True)]
    if form is not CANONICAL:
        attempts += [(CANONICAL, False), (CANONICAL, True)]
    for attempt, strict in attempts:
        written, layout, context = _write(facts, attempt, lead, strict, vocab)
        if written is None:
            continue
        entry = read_back(_dedented(written.lines, lead), vocab, context)
        if entry is not None and reads_as(entry, facts, written):
            return RenderedEntry(lines=tuple(written.lines), layout=layout, learnt=attempt is not CANONICAL,
                                 entry=entry)
    raise RenderError(f"kdlint cannot write {facts.title!r} as an entry it reads back; this is a bug in kdlint")


def _dedented(lines: Sequence[str], lead: str | None) -> list[str]:
    """`lines` less the indentation of `lead` (an entry of a nested list, `    - `), to be read alone: four
    spaces would make them code there."""
    width = len(lead) - len(lead.lstrip(" ")) if lead else 0
    return [line[width:] if line[:width] == " " * width else line for line in lines]


def _write(facts: PaperFacts, form: SectionForm, lead: str | None, strict: bool,
           vocab: Vocabulary) -> tuple[Written | None, Layout, tuple[str, ...]]:
    """The entry written in `form`, its layout, and the lines it is read under (a table's header)."""
    if isinstance(form, TableForm):
        row = table_form.render(facts, form, strict)
        written = Written([row], venue=form.has_venue and facts.venue is not None,
                          year=form.has_year(facts), url=form.has_url and facts.url is not None,
                          authors=form.has_authors and bool(facts.authors))
        return written, Layout.TABLE, (form.header, form.delimiter)
    if isinstance(form, CardForm):
        names = written_names(facts.authors, form.authors) if facts.authors else None
        lines = card_form.render(facts, form, names, strict)
        if lines is None:
            return None, Layout.CARD, ()
        return (Written(lines, venue=facts.venue is not None, year=facts.year is not None, url=True,
                        authors=names is not None), Layout.CARD, ())
    if form is CANONICAL:
        return _canonical(facts, lead, vocab), Layout.BOLD, ()
    marker = lead if lead is not None else DEFAULT_LEADS.get(form.layout, "- ")
    return _line_form(facts, form, marker, strict, vocab), form.layout, ()


def _canonical(facts: PaperFacts, lead: str | None, vocab: Vocabulary) -> Written:
    """The canonical entry (`kdlint.convert`), under the marker of the list it joins when that is a list's."""
    pairs = [(facts.venue or "", str(facts.year) if facts.year else "")] if facts.venue_year else []
    names = [literal(name, Place.NAMES) for name in facts.authors]
    record = Record(title=bold_title(facts.title, vocab), venues=pairs, paper_url=facts.url, links=[],
                    authors=names)
    lines = canonical_lines(record)
    marker = lead if lead is not None and LIST_MARKER.fullmatch(lead) else "- "
    indent = " " * len(marker)
    lines = [marker + lines[0][2:], *(indent + line[2:] for line in lines[1:])]
    return Written(lines, venue=facts.venue is not None, year=facts.year is not None, url=facts.url is not None,
                   authors=bool(facts.authors))


def bold_title(title: str, vocab: Vocabulary, marker: str = "**") -> str:
    """The title inside bold, where the reader splits `Venue Year` pairs off at commas: a comma of the title
    before what reads as a venue (`Learning to Rank, 2020`) is written `&#44;`; inside `__` every underscore
    is a character reference."""
    written = literal(title, Place.TEXT)
    if marker == "__":
        written = written.replace("_", "&#95;")
    while (comma := written.rfind(",")) >= 0:
        if parse_venue_segment(written[comma + 1 :], 1, 0, in_title=True, vocab=vocab) is None:
            break
        written = written[:comma] + "&#44;" + written[comma + 1 :]
    return written


def _line_form(facts: PaperFacts, form: EntryForm, lead: str, strict: bool, vocab: Vocabulary) -> Written:
    """The entry in a form written line by line."""
    wrote: set[str] = set()
    pieces: list[str] = []
    for part in form.head:
        value = _head_value(part.kind, facts, form, strict, vocab, wrote)
        if value is not None:
            pieces.append((part.before.lstrip() if not pieces else part.before) + value + part.after)
    head = lead + "".join(pieces) + form.end
    body: list[str] = []
    for line in form.body:
        value = _body_value(line.kind, facts, form, wrote)
        if value is None:
            continue
        if line.blank_before:
            body.append("")
        indent = len(lead) + line.indent if line.nested else line.indent
        body.append(" " * indent + line.marker + line.before + value + line.after)
    if form.hard_break and not form.end and body and body[0] and not LIST_MARKER.match(body[0]):
        head += "  "  # a line break before the lazy line under it, as the list writes it
    return Written([head.rstrip() if not head.endswith("  ") else head, *body], venue="venue" in wrote,
                   year="year" in wrote, url="url" in wrote, authors="authors" in wrote)


def _venue_text(facts: PaperFacts, form: EntryForm, wrote: set[str]) -> str | None:
    if form.venue.year_only:
        if facts.year is None:
            return None
        wrote.add("year")
        return str(facts.year)
    if facts.venue is not None:
        wrote.add("venue")
    if facts.year is not None:
        wrote.add("year")
    if facts.venue is not None and facts.year is not None:
        return f"{facts.venue}{form.venue.join}{facts.year}"
    return facts.venue or (str(facts.year) if facts.year else None)


def _spaced(form: EntryForm) -> EntryForm:
    """`form` with `Venue Year` joined by a space: inside a bold title or a date's parentheses, where a comma
    would part them."""
    return replace(form, venue=replace(form.venue, join=" "))


def _head_value(kind: PartKind, facts: PaperFacts, form: EntryForm, strict: bool, vocab: Vocabulary,
                wrote: set[str]) -> str | None:
    """What one part of the first line writes; None for a part the paper has nothing for."""
    title = form.title
    if kind is PartKind.TITLE:
        if title.bold:
            inner = bold_title(facts.title, vocab, title.bold)
            if title.venues_inside and (pairs := _venue_text(facts, _spaced(form), wrote)):
                inner += ", " + pairs
            return f"{title.bold}{inner}{title.bold}"
        if title.linked and facts.url:
            wrote.add("url")
            label = literal(facts.title, Place.TEXT)
            if title.label_bold:
                if title.label_period and label.endswith("."):
                    label = label[:-1] + "&#46;"  # the reader takes one full stop off a bold label
                label = f"**{label}{'.' if title.label_period else ''}**"
            return f"[{label}]({facts.url})"
        return literal(facts.title, Place.FREE, strict)
    if kind is PartKind.VENUE:
        return _venue_text(facts, form, wrote)
    if kind is PartKind.DATE:
        if facts.year is None:
            return None  # `(Venue)` alone is not the dated layout's: it needs a year
        return f"({_venue_text(facts, _spaced(form), wrote)})"
    if kind is PartKind.LINK:
        return _link(facts, form.link, wrote)
    if kind is PartKind.AUTHORS and facts.authors:
        if not form.authors.emphasis:
            wrote.add("authors")  # (in italics on the first line they stand where the reader does not read them)
        return written_names(facts.authors, form.authors)
    return None


def _body_value(kind: PartKind, facts: PaperFacts, form: EntryForm, wrote: set[str]) -> str | None:
    if kind is PartKind.LINK:
        return _link(facts, form.link, wrote)
    if kind is PartKind.AUTHORS and facts.authors:
        wrote.add("authors")
        return written_names(facts.authors, form.authors)
    return None


def _link(facts: PaperFacts, form: LinkForm, wrote: set[str]) -> str | None:
    if facts.url is None:
        return None
    wrote.add("url")
    if form.bare:
        return facts.url
    label = form.label
    if ID_SLOT in label:
        label = label.replace(ID_SLOT, facts.arxiv_id) if facts.arxiv_id else "Paper"
    if form.venue_label:
        if facts.venue is None:
            return None
        wrote.add("venue")
        label = facts.venue
    return f"[[{label}]]({facts.url})" if form.double else f"[{label}]({facts.url})"


def written_names(names: Sequence[str], form: AuthorsForm) -> str:
    """The author list as `form` writes it: `*Ann Author, Ben Author and Cy Author.*`."""
    shown = [literal(name, Place.NAMES) for name in names]
    if not form.period and shown and shown[-1].endswith("."):
        shown[-1] = shown[-1][:-1] + "&#46;"  # a reader takes a final full stop for the list's own
    body = shown[0] if len(shown) == 1 else form.between.join(shown[:-1]) + form.last + shown[-1]
    inside = "." if form.period == "inside" else ""
    outside = "." if form.period == "outside" else ""
    return f"{form.emphasis}{body}{inside}{form.emphasis}{outside}"


def _readable_authors(form: SectionForm) -> SectionForm | None:
    """`form` with the authors where every layout reads them: in italics, on a line of their own (a reader
    takes only capitalised names for authors outside italics); None when that is `form` already or it
    writes no authors."""
    if isinstance(form, TableForm) or form is CANONICAL:
        return None
    if isinstance(form, CardForm):
        return replace(form, authors=replace(form.authors, emphasis="*")) if not form.authors.emphasis else None
    if not form.has(PartKind.AUTHORS):
        return None
    head = tuple(part for part in form.head if part.kind is not PartKind.AUTHORS)
    body = form.body
    if len(head) < len(form.head):
        body = (*body, BodyLine(PartKind.AUTHORS, 0, True, "- ", "", "", False))
    elif form.authors.emphasis:
        return None
    period = form.authors.period and "inside"
    return replace(form, head=head, body=body, authors=replace(form.authors, emphasis="*", period=period))


def read_back(lines: Sequence[str], vocab: Vocabulary = DEFAULT, context: Sequence[str] = ()) -> Entry | None:
    """The entry kdlint reads in `lines` alone, under `context` (a table's header), if it reads one there."""
    text = "\n".join([f"## {ADDED}", "", *context, *lines]) + "\n"
    first = 3 + len(context)
    document = parse_document(SourceText(text), vocab)
    for section in document.sections:
        for entry in section.entries:
            if entry.line == first and section.title == ADDED:
                return entry
    return None


def reads_as(entry: Entry, facts: PaperFacts, written: Written) -> bool:
    """Whether `entry` reads as what `written` wrote of `facts`: the title, the authors, the link, the year and
    the venue, and no other year or venue (a year read from the title would sort it wrongly)."""
    if entry.title is None or displayed(entry.title) != facts.title:
        return False
    names = tuple(displayed(name) for name in entry.authors.names) if entry.authors else ()
    if names != (facts.authors if written.authors else ()):
        return False
    if written.url and facts.url not in {link.url for link in entry.links}:
        return False
    if entry_year(entry) not in ((facts.year,) if written.year else (None, facts.year)):
        return False
    venues = {displayed(pair.venue) for pair in entry.venues if pair.venue}
    return venues <= ({facts.venue} if written.venue and facts.venue else set())
