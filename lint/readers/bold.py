"""The bold layout: the title in bold, the venue pairs inside it or after it.

    - **Knowledge Distillation by On-the-Fly Native Ensemble, NeurIPS 2018** [[Code]](https://github.com/a/b)
    - **Relational Knowledge Distillation**, CVPR 2019, [[paper]](https://arxiv.org/abs/1904.05068)
    **Sequence-Level Knowledge Distillation** (EMNLP 2016) <br />

The canonical layout, the one `kdlint convert` writes: `**Title, Venue
Year, Venue Year**`, then the paper URL and the italic authors as sub-bullets.
"""

from __future__ import annotations

import re

from ..diagnostics import Span
from ..model import Layout, Link, Placement, VenueYear
from ..vocabulary import Vocabulary
from .head import Head, HeadReader
from .parts import find_links, parse_venue_segment, split_title

BOLD = re.compile(r"\*\*(?P<inner>[^*]+(?:\*(?!\*)[^*]*)*)\*\*|__(?P<inner2>[^_]+)__")
AROUND_PAIR = re.compile(r"<br\s*/?>|[()]|^\s*\.|\.(?=\s*$)", re.IGNORECASE)


def read(text: str, line: int, start: int, vocab: Vocabulary) -> Head | None:
    m = BOLD.match(text, start)
    if m is None:
        return None
    inner_name = "inner" if m.group("inner") is not None else "inner2"
    inner = m.group(inner_name)
    links = find_links(text, line, Placement.INLINE, m.end(), vocab)
    venues = _pairs_after(text, line, m.end(), links, vocab)
    if venues:  # `**Title**, Venue Year, [link](url)`: pairs after the bold leave the title whole
        title = inner.strip()
        lead = len(inner) - len(inner.lstrip())
        title_span = Span.on_line(line, m.start(inner_name) + lead, m.start(inner_name) + lead + len(title))
    else:
        title, title_span, venues = split_title(inner, line, m.start(inner_name), vocab)
    return Head(layout=Layout.BOLD, content_start=start, links=links, title=title, title_span=title_span,
                bold_span=Span.on_line(line, m.start(), m.end()), venues=venues)


def _pairs_after(text: str, line: int, end: int, links: list[Link], vocab: Vocabulary) -> list[VenueYear]:
    """The comma-separated `Venue Year` pairs between the bold title (ending at `end`) and the first link."""
    venues = []
    stop = links[0].span.column - 1 if links else len(text)
    offset = end
    for segment in text[end:stop].split(","):
        # `**Title** (EMNLP 2022) <br />`: parentheses and a line break around the pair, blanked in place.
        found = parse_venue_segment(segment, line, offset, vocab=vocab)
        if found is None:
            blanked = parse_venue_segment(AROUND_PAIR.sub(lambda x: " " * len(x.group()), segment), line, offset,
                                          vocab=vocab)
            found = blanked if blanked is not None and blanked.venue is not None else None
        if found is not None:
            venues.append(found)
        offset += len(segment) + 1
    return venues


READER = HeadReader(Layout.BOLD, read)
