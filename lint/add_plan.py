"""The offline half of `kdlint add`: a list, a paper's metadata, and the list with the paper in it.

`plan_add` refuses a paper the list already holds (the same arXiv id, DOI or
OpenReview id as an entry, or the same title as `kdlint.titles.identity`
folds it; news and highlights sections aside, which repeat papers on
purpose); else it chooses the section (`kdlint.section_choice`), writes the
entry in that section's own style (`kdlint.entry_render`) and puts it in its
place (`kdlint.entry_insert`). The caller fetches the metadata, prints the
choice and the diff, and writes the text.
"""

from __future__ import annotations

from dataclasses import dataclass

from .duplicates import in_news
from .engine import Linter
from .entry_insert import insert_entry
from .literal_text import displayed
from .model import Document, Entry, Layout
from .online.record import Paper
from .paper_facts import PaperFacts, facts
from .section_choice import choose_section, shown_name
from .source import InputError, SourceText
from .titles import identity

ID_NAMES = {"arxiv": "arXiv id", "doi": "DOI", "openreview": "OpenReview id"}


@dataclass(frozen=True, slots=True)
class AddPlan:
    """The list with the paper added, and what was chosen on the way."""

    text: str
    section: str  # the section's heading, as shown
    path: tuple[str, ...]  # the headings from the top to the section
    reason: str  # why that section: "given", "title match 0.62", "only paper section", "first paper section"
    score: float | None  # the title match's score, when the title chose the section
    line: int  # the new entry's first line in `text`
    entry: tuple[str, ...]  # the new entry's lines
    layout: Layout  # the layout it is written in
    learnt: bool  # written in the section's own style; False for the canonical one
    order: str  # the order its place follows: "year", "-year", "title" or "none" (at the end)


@dataclass(frozen=True, slots=True)
class AddRefused:
    """The paper is in the list already."""

    line: int  # the existing entry's first line
    title: str  # its title, as shown
    matched: str  # what they share: "arxiv:2104.09044", "doi:10.1109/...", "title"

    @property
    def message(self) -> str:
        kind, _, value = self.matched.partition(":")
        same = f"the same {ID_NAMES.get(kind, kind)} {value}" if value else "the same title"
        return f"already in the list at line {self.line}: {self.title!r} ({same})"


def plan_add(text: str, document: Document, paper: Paper, section: str | None = None,
             linter: Linter | None = None) -> AddPlan | AddRefused:
    """`text` (read as `document` by `linter`, whose settings and vocabulary the list has) with `paper` added
    to the section named `section`, or to the one its title matches best.

    Raises `SectionNotFound` (an InputError) for a section name that matches none, InputError for a paper
    without a title, and `RenderError` or `InsertionError` (internal errors: nothing may be written) when the
    result would not read back as the list plus the paper.
    """
    linter = linter or Linter()
    written = facts(paper, document, linter.vocabulary)
    if not written.title:
        raise InputError(f"{paper.source_key}: the metadata gives no title")
    existing = already_listed(document, written)
    if existing is not None:
        return existing
    choice = choose_section(document, written.title, section, written.year, written.venue)
    inserted = insert_entry(SourceText(text), document, choice.section, written, linter)
    return AddPlan(text=inserted.text, section=shown_name(choice.section), path=choice.section.path,
                   reason=choice.reason, score=choice.score, line=inserted.line, entry=inserted.lines,
                   layout=inserted.rendered.layout, learnt=inserted.rendered.learnt, order=inserted.order)


def already_listed(document: Document, written: PaperFacts) -> AddRefused | None:
    """The first entry of the list that is the paper: by identifier, else by title."""
    entries = [e for s in document.sections for e in s.entries if not in_news(e)]
    wanted = set(written.ids)
    for entry in entries:
        shared = [pid for pid in entry.paper_ids if pid in wanted]
        if shared:
            return _refused(entry, str(shared[0]))
    key = identity(written.title)
    for entry in entries:
        if key and entry.title and identity(displayed(entry.title)) == key:
            return _refused(entry, "title")
    return None


def _refused(entry: Entry, matched: str) -> AddRefused:
    return AddRefused(line=entry.line, title=displayed(entry.title or ""), matched=matched)
