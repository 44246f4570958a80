"""What a first line written as text says besides its title: venue pairs anywhere on it, an arXiv
identifier written as text, the venue as the label of the first link, a lone year.

The inline, plain and dated layouts share these; link targets are blanked
first (`blank_links`), so a URL's digits are never read as a year.
"""

from __future__ import annotations

import re

from ..diagnostics import Span
from ..model import Link, PaperId, VenueYear
from ..vocabulary import Vocabulary
from .parts import LINK

# A year written alone; not the first digits of an arXiv identifier (`arXiv:2009.11506`).
YEAR_TOKEN = re.compile(r"(?<![\w./:-])(?:19|20)\d{2}(?![\w/-]|\.\d)")
ARXIV_TEXT = re.compile(r"(?<![\w/])arXiv:[ \t]?(?P<id>\d{4}\.\d{4,5})(?:v\d+)?(?![\w.])", re.IGNORECASE)
SHORT_YEAR_VENUE = re.compile(r"(?<![\w'])(?P<venue>[A-Za-z][A-Za-z0-9-]{1,15}(?: [A-Za-z][A-Za-z0-9-]{1,15}){0,3})"
                              r"(?P<year>'[ \t]?\d\d)(?![\w'])")


def blank_links(text: str) -> str:
    """`text` with every Markdown link as spaces, every column in its place."""
    return LINK.sub(lambda m: " " * len(m.group()), text)


def pair(line: int, venue: tuple[int, int] | None, year: tuple[int, int] | None, text: str) -> VenueYear:
    """The `VenueYear` of the columns `venue` and `year` (0-based, end exclusive) of `text` on `line`."""
    edges = [edge for part in (venue, year) if part is not None for edge in part]
    return VenueYear(venue=text[venue[0]:venue[1]] if venue else None, year=text[year[0]:year[1]] if year else None,
                     span=Span.on_line(line, min(edges), max(edges)),
                     venue_span=Span.on_line(line, *venue) if venue else None,
                     year_span=Span.on_line(line, *year) if year else None)


def written_arxiv(outside: str, line: int, start: int) -> tuple[list[PaperId], list[VenueYear]]:
    """`Hinton et al. arXiv:1503.02531`: the identifiers written as text, and the preprint server as a venue."""
    ids: list[PaperId] = []
    venues: list[VenueYear] = []
    for written in ARXIV_TEXT.finditer(outside, start):
        ids.append(PaperId("arxiv", written.group("id")))
        venues.append(VenueYear(venue="arXiv", year=None, span=Span.on_line(line, written.start(), written.end()),
                                venue_span=Span.on_line(line, written.start(), written.start() + 5), year_span=None))
    return ids, venues


def label_venue(links: list[Link], vocab: Vocabulary) -> Link | None:
    """`- [[CVPR](url)] Title`: the first link, when its label is a known venue."""
    for link in links[:1]:
        if link.label_span is not None and vocab.venues.lookup(link.label.strip()) is not None:
            return link
    return None


def venue_pairs(outside: str, line: int, start: int, vocab: Vocabulary) -> list[VenueYear]:
    """The `Venue Year` (and `Year Venue`, `Venue' 16`) pairs of known venues in `outside` from `start` on."""
    pairs = vocab.venue_years(outside, start)
    taken = {y_start for _, _, y_start, _ in pairs}
    pairs += [p for p in vocab.years_before_venues(outside, start) if p[2] not in taken]
    for short in SHORT_YEAR_VENUE.finditer(outside, start):  # `**[CVPR' 16]**`, `NeurIPS Workshop'19`
        words = list(re.finditer(r"\S+", short.group("venue")))
        for word in words:  # the longest run of words before the year that names a known venue
            begin = short.start("venue") + word.start()
            if vocab.venues.lookup(outside[begin:short.end("venue")]) is not None:
                pairs.append((begin, short.end("venue"), *short.span("year")))
                break
    return [pair(line, (v_start, v_end), (y_start, y_end), outside)
            for v_start, v_end, y_start, y_end in sorted(pairs, key=lambda p: min(p[0], p[2]))]


def lone_year(outside: str, line: int, start: int) -> VenueYear | None:
    """The first year written alone from `start` on (not an arXiv identifier's digits)."""
    y = YEAR_TOKEN.search(outside, start)
    return pair(line, None, y.span(), outside) if y else None


def text_venues(outside: str, line: int, start: int, links: list[Link], vocab: Vocabulary,
                venues: list[VenueYear]) -> tuple[list[PaperId], Link | None]:
    """Add to `venues` what the text from `start` on gives (arXiv as text, a venue link label, the pairs);
    return the identifiers written as text and the link whose label is the venue."""
    ids, arxiv = written_arxiv(outside, line, start)
    venues.extend(arxiv)
    by_label = label_venue(links, vocab) if not venues else None
    if by_label is not None and by_label.label_span is not None:
        venues.append(VenueYear(venue=by_label.label.strip(), year=None, span=by_label.label_span,
                                venue_span=by_label.label_span, year_span=None))
    venues.extend(venue_pairs(outside, line, start, vocab))
    return ids, by_label
