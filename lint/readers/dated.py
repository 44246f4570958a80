"""The dated layout: a date (and the venue) in parentheses before the title.

    - (22.03.01, ICLR 2022) [Knowledge Distillation as Efficient Pre-training](https://arxiv.org/abs/2203.05180)
    - (22.03.01, 2022 ICLR) [Knowledge Distillation as Efficient Pre-training](https://arxiv.org/abs/2203.05180)
    - (CVPR 2021) [Distilling Knowledge via Knowledge Review](https://arxiv.org/abs/2104.09044) [[code]](https://github.com/a/b)

The rest of the line is read as the inline or plain layout reads it; authors
are never read after the title's link.
"""

from __future__ import annotations

import re

from ..model import Layout, VenueYear
from ..vocabulary import Vocabulary
from . import inline, plain
from .free_text import pair
from .head import Head, HeadReader
from .parts import parse_venue_segment

DATED = re.compile(r"\((?:(?P<date>\d{2}\.\d{2}\.\d{2})(?:,[ \t]*(?P<venue>[^()]*?))?"
                   r"|(?P<only>[^()]*?(?:19|20)\d\d))\)[ \t]*(?=\[)")


def read(text: str, line: int, start: int, vocab: Vocabulary) -> Head | None:
    dated = DATED.match(text, start)
    if dated is None:
        return None
    part = "venue" if dated.group("venue") is not None else "only" if dated.group("only") else None
    venues: list[VenueYear] = []
    found = parse_venue_segment(dated.group(part), line, dated.start(part), vocab=vocab) if part else None
    if found is not None:
        venues.append(found)
    elif part:  # `(22.03.01, 2022 ICLR)`
        venues.extend(pair(line, (v_start, v_end), (y_start, y_end), text) for v_start, v_end, y_start, y_end
                      in vocab.years_before_venues(text[: dated.end(part)], dated.start(part)))
    head = inline.read_after(text, line, dated.end(), vocab, venues, names=False) \
        or plain.read_after(text, line, dated.end(), vocab, venues)
    head.layout = Layout.DATED
    head.date = dated.group("date")
    return head


READER = HeadReader(Layout.DATED, read)
