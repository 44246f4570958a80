"""What a new entry says about its paper: a service's metadata (`kdlint.online.record.Paper`) as a list writes it.

The title and the names are one line each (`literal_text.clean`); the venue is
spelled the way the list already spells it (its most common spelling of that
venue, else the vocabulary's canonical name), or `arXiv` for a preprint with an
arXiv identifier; the paper link is the arXiv abstract page, else the DOI's
page, else the OpenReview forum, else the service's URL when it is a plain
web address. A venue kdlint's readers would not read back as one is left out
rather than written as part of the title.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from urllib.parse import quote

from .literal_text import clean
from .model import Document, PaperId
from .online.record import Paper
from .readers.parts import BARE_URL, parse_venue_segment
from .urls import canonical_arxiv, paper_ids
from .venues import Venue, fold
from .vocabulary import Vocabulary

ARXIV_ID = re.compile(r"^(?:\d{4}\.\d{4,5}|[a-z][a-z\-]*(?:\.[A-Z]{2})?/\d{7})$")
DOI = re.compile(r"^10\.\d{4,9}/\S+$")
OPENREVIEW_ID = re.compile(r"^[\w\-]{1,64}$")
PREPRINT_VENUE = "arXiv"
SAFE_URL = re.compile(r"^https?://[^\s<>()\[\]\"'`*_\\]+$")


@dataclass(frozen=True, slots=True, kw_only=True)
class PaperFacts:
    """The parts of a new entry, as shown text (not yet Markdown: `kdlint.literal_text.literal` writes them)."""

    title: str
    authors: tuple[str, ...]
    venue: str | None  # spelled as the list spells it; None when neither a venue nor a preprint server is known
    year: int | None
    url: str | None  # the paper link
    arxiv_id: str | None
    ids: tuple[PaperId, ...]  # what kdlint reads from the link and the service's identifiers

    @property
    def venue_year(self) -> str:
        """`Venue Year`, `Venue`, `Year` or nothing."""
        return " ".join(part for part in (self.venue, str(self.year) if self.year else None) if part)


def facts(paper: Paper, document: Document, vocab: Vocabulary) -> PaperFacts:
    """`paper` as a new entry of `document` writes it."""
    arxiv = paper.arxiv_id if paper.arxiv_id and ARXIV_ID.match(paper.arxiv_id) else None
    doi = paper.doi.lower() if paper.doi and DOI.match(paper.doi) else None
    openreview = paper.openreview_id if paper.openreview_id and OPENREVIEW_ID.match(paper.openreview_id) else None
    links = [canonical_arxiv(arxiv) if arxiv else None,
             f"https://doi.org/{quote(doi, safe='/:;.-')}" if doi else None,
             f"https://openreview.net/forum?id={openreview}" if openreview else None,
             paper.url if paper.url and SAFE_URL.match(paper.url) and BARE_URL.fullmatch(paper.url) else None]
    url = next((link for link in links if link), None)
    ids: list[PaperId] = []
    for link in links:
        for pid in paper_ids(link) if link else ():
            if pid not in ids:
                ids.append(pid)
    year = paper.year if paper.year and 1000 <= paper.year <= 2999 else None
    return PaperFacts(title=clean(paper.title), authors=tuple(name for name in map(clean, paper.authors) if name),
                      venue=_venue(paper, arxiv, year, document, vocab), year=year, url=url, arxiv_id=arxiv,
                      ids=tuple(ids))


def _venue(paper: Paper, arxiv: str | None, year: int | None, document: Document, vocab: Vocabulary) -> str | None:
    written = clean(paper.venue) if paper.venue else (PREPRINT_VENUE if arxiv else "")
    if not written:
        return None
    known = vocab.venues.lookup(written, year)
    if known is not None:
        written = _spelling(known.venue, year, spellings(document, vocab).get(known.venue.name, []), vocab)
    pair = parse_venue_segment(f"{written} {year}" if year else written, 1, 0, in_title=True, vocab=vocab)
    if pair is None or pair.venue != written or (year is not None and pair.year != str(year)):
        return None  # not something a reader takes for a venue: left out rather than read into the title
    return written


def _spelling(venue: Venue, year: int | None, written: list[str], vocab: Vocabulary) -> str:
    """The list's most common spelling of `venue` that is right for `year` (not an earlier name the venue no
    longer had: `NIPS` for 2019), else its canonical name."""
    for spelling in written:
        old = any(fold(rename.name) == fold(spelling) for rename in venue.renamed_from)
        known = vocab.venues.lookup(spelling, year)
        if not old or (known is not None and known.historical):
            return spelling
    return venue.name


def spellings(document: Document, vocab: Vocabulary) -> dict[str, list[str]]:
    """For each known venue the list names, its spellings there, most common first (canonical name ->
    spellings)."""
    written: defaultdict[str, Counter[str]] = defaultdict(Counter)
    for entry in document.entries:
        for pair in entry.venues:
            if pair.venue:
                known = vocab.venues.lookup(pair.venue)
                if known is not None:
                    written[known.venue.name][pair.venue] += 1
    return {name: [spelling for spelling, _ in counts.most_common()] for name, counts in written.items()}
