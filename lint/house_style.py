"""A list's own conventions: what its entries give, read from the majority of them.

The format rules judge an entry against its own list, not against one seed's
canonical format: a list that never writes authors gets no "authors missing",
a list that gives no venues no "venue missing". A part is expected when at
least half the entries of the document give it, except in a section of its
own (MIN_SECTION entries or more) where fewer than a quarter do: there the
section keeps another convention. A configured `style` means the canonical
format, whose every part is expected.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .model import Entry

MIN_SECTION = 5  # fewer entries than this say too little about a section of their own
HOUSE_STYLE_LEAST = 5  # fewer uses than this make no house style (of a link form, of an order)
CLEAR_MAJORITY = 0.75  # a form or a convention this share of a list follows is the rule, the rest exceptions
HOUSE_SHARE = 0.9  # a spelling written this consistently (and HOUSE_STYLE_LEAST times) is the list's own
OWN_CONVENTION = 0.25  # a section of its own where fewer than this share give a part does without it


@dataclass(frozen=True, slots=True)
class Conventions:
    """Whether at least half the entries give each part (and so whether a missing one is a finding)."""

    venue: bool
    year: bool
    authors: bool
    paper_link: bool

    @classmethod
    def canonical(cls) -> Conventions:
        return cls(venue=True, year=True, authors=True, paper_link=True)


def rates(entries: Sequence[Entry]) -> tuple[float, float, float, float]:
    """The share of `entries` that give a venue, a year, authors and a paper link."""
    n = len(entries) or 1
    return (sum(any(p.venue for p in e.venues) for e in entries) / n,
            sum(e.section_year is not None or any(p.year for p in e.venues) for e in entries) / n,
            sum(e.authors is not None for e in entries) / n,
            sum(e.paper_link is not None for e in entries) / n)


def by_section(sections: Sequence[tuple[tuple[str, ...], Sequence[Entry]]],
               configured: str | None) -> dict[tuple[str, ...], Conventions]:
    """Each section's conventions: the document's, less what a section of its own does without."""
    if configured is not None:
        every = Conventions.canonical()
        return {path: every for path, _ in sections}
    document = [rate >= 0.5 for rate in rates([e for _, entries in sections for e in entries])]
    found = {}
    for path, entries in sections:
        own = rates(entries) if len(entries) >= MIN_SECTION else (1.0, 1.0, 1.0, 1.0)
        venue, year, authors, paper_link = (expected and rate >= OWN_CONVENTION
                                            for expected, rate in zip(document, own))
        found[path] = Conventions(venue=venue, year=year, authors=authors, paper_link=paper_link)
    return found
