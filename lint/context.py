"""What a rule sees: the source text, the document read from it, the vocabulary and the settings.

What several rules read of the document (its entries, their normalised
titles, shared identifiers, known venues and years, venue lookups) is worked
out once per `Context`, on first use, and shared by all of them.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from .diagnostics import Span
from .duplicates import cross_listing_by_design, id_pairs, in_news
from .house_style import CLEAR_MAJORITY, HOUSE_STYLE_LEAST, Conventions, by_section
from .model import Document, Entry, Link, PaperId, Placement, VenueYear
from .protected import Protected
from .readers.parts import find_links
from .settings import Settings
from .source import SourceText
from .titles import identity
from .urls import arxiv_match, paper_ids
from .venues import Match, Venue
from .vocabulary import DEFAULT, Vocabulary

if TYPE_CHECKING:
    from .metadata import Metadata

SHORT_YEAR = re.compile(r"'[ \t]?\d\d")


def short_year(written: str) -> int:
    """`' 16` -> 2016, `'98` -> 1998."""
    digits = int(written[-2:])
    return (1900 if digits >= 70 else 2000) + digits


SECTION_YEAR_AGREEMENT = 0.8  # the share of a list's pairs under year sections that give their section's year

LINK_TARGET = re.compile(r"\]\([^()\s]*\)|https?://[^\s<>()\[\]]+")


def _blank_target(m: re.Match[str]) -> str:
    found = m.group()
    return "](" + " " * (len(found) - 3) + ")" if found.startswith("](") else " " * len(found)


def blank_link_targets(text: str) -> str:
    """`text` with link targets and bare URLs as spaces (`](` and `)` kept), every column in its place: so
    that the digits of a URL are never read as years."""
    return LINK_TARGET.sub(_blank_target, text)


@dataclass(frozen=True)
class Context:
    """What a rule sees: the source text, the document read from it, the list's vocabulary and settings.

    `enabled` (the codes of the rules that run) and `pragma_use` (for each pragma,
    the selectors that suppressed a finding) are filled in for the rule that
    reports unused suppressions, which runs after all the others.
    """

    source: SourceText
    document: Document
    vocabulary: Vocabulary = DEFAULT
    settings: Settings = field(default_factory=Settings)  # sort, style, title-similarity, ... as configured
    enabled: frozenset[str] = frozenset()
    pragma_use: Mapping[int, frozenset[str]] = field(default_factory=dict)
    stray_enables: frozenset[int] = frozenset()
    metadata: Metadata | None = None  # what the metadata services said (`kdlint verify` only): the KD6xx rules

    @cached_property
    def entries(self) -> tuple[Entry, ...]:
        """`document.entries`: the entries of the sections that hold papers."""
        return tuple(self.document.entries)

    @cached_property
    def bold_entries(self) -> tuple[Entry, ...]:
        """`document.bold_entries`: the entries written in the canonical (bold) style."""
        return tuple(self.document.bold_entries)

    @cached_property
    def protected(self) -> Protected:
        """Code and raw HTML, which no rule reads as the list's content (`kdlint.protected`)."""
        return Protected(self.source, self.document.code_lines, self.document.html_lines)

    @cached_property
    def loose_lines(self) -> tuple[tuple[int, str], ...]:
        """(number, text with its protected regions blanked) of every line that is not part of an entry, not
        code and not a heading: the link and venue rules read these too."""
        # Lines of entries in skipped sections are not loose either: a venue there is part of an entry's
        # title as kdlint read it, which no rule may edit unseen.
        every_entry = (entry for section in self.document.sections for entry in section.entries)
        taken = {n for entry in every_entry for n in entry.lines} | {h.line for h in self.document.headings}
        lines = []
        for number in range(1, self.source.line_count + 1):
            if number not in taken and number not in self.document.code_lines:
                text = self.protected.mask(number)
                if text.strip():
                    lines.append((number, text))
        return tuple(lines)

    @cached_property
    def loose_links(self) -> tuple[Link, ...]:
        """The links of `loose_lines`: table cells, prose, resource lists, layouts kdlint does not read."""
        return tuple(link for number, text in self.loose_lines if "](" in text or "://" in text
                     for link in find_links(text, number, Placement.INLINE, 0, self.vocabulary))

    @cached_property
    def is_paper_list(self) -> bool:
        """Whether the file lists papers at all: it has entries, or links three papers by identifier in a
        layout kdlint cannot read. A CHANGELOG or a CONTRIBUTING guide does not, and gets no findings."""
        return bool(self.entries) or sum(1 for link in self.loose_links if paper_ids(link.url)) >= 3

    @cached_property
    def links(self) -> tuple[Link, ...]:
        """Every link the link rules check: those of the entries, then (in a list of papers) the loose ones."""
        loose = self.loose_links if self.is_paper_list else ()
        skipped = (entry for section in self.document.sections if section.skip_reason and self.is_paper_list
                   for entry in section.entries)  # `## Useful Resources`: links, though not papers
        return (*(link for entry in self.entries for link in entry.links),
                *(link for entry in skipped for link in entry.links), *loose)

    @cached_property
    def arxiv_house_kind(self) -> str:
        """`abs` when the abstract page is the list's clear house form (CLEAR_MAJORITY of its arXiv links, and
        HOUSE_STYLE_LEAST of them), else `pdf`: a list that links PDFs as often keeps its PDF links."""
        kinds = Counter(m.group("kind").lower() for link in self.links if (m := arxiv_match(link.url)))
        pdf, total = kinds["pdf"], sum(kinds.values())
        return "pdf" if pdf >= HOUSE_STYLE_LEAST and total - pdf < CLEAR_MAJORITY * total else "abs"

    @cached_property
    def loose_venues(self) -> tuple[VenueYear, ...]:
        """`Venue Year` pairs of known venues in `loose_lines` (link targets blanked): what venue spelling and
        impossible years are checked on outside the entries kdlint reads; none in a file that lists no
        papers (`is_paper_list`)."""
        found = []
        for number, text in (self.loose_lines if self.is_paper_list else ()):
            if not any(ch.isdigit() for ch in text):
                continue
            outside = blank_link_targets(text)
            for v_start, v_end, y_start, y_end in self.vocabulary.venue_years(outside):
                found.append(VenueYear(venue=outside[v_start:v_end], year=outside[y_start:y_end],
                                       span=Span.on_line(number, v_start, y_end),
                                       venue_span=Span.on_line(number, v_start, v_end),
                                       year_span=Span.on_line(number, y_start, y_end)))
        return tuple(found)

    @cached_property
    def venue_pairs(self) -> tuple[VenueYear, ...]:
        """Every `Venue Year` pair: the entries', then (in a list of papers) the loose ones."""
        return (*(pair for entry in self.entries for pair in entry.venues), *self.loose_venues)

    @cached_property
    def _conventions(self) -> dict[tuple[str, ...], Conventions]:
        grouped: dict[tuple[str, ...], list[Entry]] = {}
        for entry in self.bold_entries:
            grouped.setdefault(entry.section, []).append(entry)
        return by_section(list(grouped.items()), self.settings.style)

    def conventions(self, entry: Entry) -> Conventions:
        """What the list's own house style expects of `entry` (`house_style`): the format rules report a
        missing part only where most entries give it."""
        return self._conventions[entry.section]

    @cached_property
    def duplicate_candidates(self) -> tuple[Entry, ...]:
        """The entries the duplicate rules compare: those outside news and highlights sections."""
        return tuple(entry for entry in self.entries if not in_news(entry))

    @cached_property
    def reports_cross_section(self) -> bool:
        """Whether duplicates across sections count: as configured, else unless the list cross-lists by design."""
        configured = self.settings.reports_cross_section_duplicates
        if configured is not None:
            return configured
        return not cross_listing_by_design(self.duplicate_candidates)

    @cached_property
    def titles(self) -> tuple[tuple[Entry, str], ...]:
        """The entries that have a title, each with its title's identity (`titles.identity`): what the
        duplicate rules compare."""
        return tuple((entry, identity(entry.title)) for entry in self.duplicate_candidates if entry.title)

    @cached_property
    def id_pairs(self) -> tuple[tuple[Entry, Entry, PaperId], ...]:
        """`duplicates.id_pairs`: the entries that share an identifier with an earlier one, which KD401 and
        KD404 divide between them."""
        return tuple(id_pairs(self.duplicate_candidates, self.reports_cross_section))

    @cached_property
    def known_venue_years(self) -> tuple[tuple[Entry, tuple[tuple[VenueYear, Venue, int], ...]], ...]:
        """For each entry that has any, its `Venue Year` pairs whose venue the vocabulary knows and whose year
        is well formed (or, for a venue written without a year, the year of its section), as (pair, venue,
        year): what the rules about venues and years compare."""
        found = []
        for entry in self.entries:
            known = []
            for pair in entry.venues:
                year = int(pair.year) if pair.year and pair.year_ok else None
                if year is None and pair.year and SHORT_YEAR.fullmatch(pair.year):
                    year = short_year(pair.year)  # `CVPR' 16`: the list's own way of writing 2016
                if year is None and pair.year is None and self.section_years_are_venue_years:
                    year = entry.section_year  # `[CVPR]` under `## 2018`: the section gives the year
                if pair.venue and year is not None:
                    match = self.venue(pair.venue)
                    if match is not None:
                        known.append((pair, match.venue, year))
            if known:
                found.append((entry, tuple(known)))
        return tuple(found)

    @cached_property
    def section_years_are_venue_years(self) -> bool:
        """Whether a section's year (`## 2018`, `<summary>2021</summary>`) is the year of the venues written
        without one under it: unless the list's own `Venue Year` pairs under year sections mostly disagree with
        their section's year (sections by arXiv year, venues of later publication), SECTION_YEAR_AGREEMENT."""
        agree = disagree = 0
        for entry in self.entries:
            if entry.section_year is None:
                continue
            for pair in entry.venues:
                if pair.venue and pair.year and pair.year_ok:
                    agree += int(pair.year) == entry.section_year
                    disagree += int(pair.year) != entry.section_year
        return agree >= SECTION_YEAR_AGREEMENT * (agree + disagree)

    @cached_property
    def venue_share(self) -> dict[tuple[str, ...], float]:
        """For each section (by path), the share of its entries that write a venue."""
        return {section.path: sum(bool(e.venues) for e in section.entries) / len(section.entries)
                for section in self.document.sections if section.entries}

    @cached_property
    def _venue_matches(self) -> dict[tuple[str, int | None], Match | None]:
        return {}

    def venue(self, written: str, year: int | None = None) -> Match | None:
        """`vocabulary.venues.lookup(written, year)`, remembered: a list writes a few dozen venues thousands
        of times."""
        key = (written, year)
        matches = self._venue_matches
        if key not in matches:
            matches[key] = self.vocabulary.venues.lookup(written, year)
        return matches[key]
