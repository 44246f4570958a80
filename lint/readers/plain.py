"""The plain layout: the title as plain or quoted text, the venue pairs and links anywhere on the line.

    - Distilling the Knowledge in a Neural Network, NIPS 2014 [[paper]](https://arxiv.org/abs/1503.02531)
    - "Knowledge Distillation with the Reused Teacher Classifier", CVPR, 2022.
    - LeCun, Bengio, Hinton. "**Deep learning**." Nature (2015) [[pdf]](https://doi.org/10.1038/nature14539)
    **[14]** Hinton, G. E., et al. "**Improving neural networks by preventing co-adaptation**." arXiv:1207.0580 (2012).
    - [[CVPR](https://arxiv.org/abs/2104.09044)] Distilling Knowledge via Knowledge Review
    - Deep Residual Learning for Image Recognition | **[CVPR' 16]**

The reader every first line falls back to: a line it finds no title on still
gives its links, identifiers and venues.
"""

from __future__ import annotations

import re

from ..diagnostics import Span
from ..model import Layout, Link, Placement, VenueYear
from ..vocabulary import Vocabulary
from .free_text import blank_links, lone_year, text_venues
from .head import Head, HeadReader
from .inline import paper_first
from .parts import LINK, find_links

CODE_TAG = re.compile(r"[ \t]\[(?:__|\*\*)?`")
QUOTED_TITLE = re.compile(r"[\"“](?:\*\*)?(?P<title>[^\"“”*\n]{8,300}?)[.,]?(?:\*\*)?[.,]?[\"”]")


def read(text: str, line: int, start: int, vocab: Vocabulary) -> Head:
    return read_after(text, line, start, vocab, [])


def read_after(text: str, line: int, start: int, vocab: Vocabulary, venues: list[VenueYear]) -> Head:
    """The head from `start` on; `venues` are those read before `start` (the dated layout's)."""
    links = find_links(text, line, Placement.INLINE, start, vocab)
    lead = LINK.match(text, start)
    if lead is not None and not lead.group("label").startswith("["):
        links = paper_first(links, lead.start())  # `[](url) Title`: an empty title's link is still the paper's
    head = Head(layout=Layout.PLAIN, content_start=start, links=links, venues=list(venues))
    outside = blank_links(text)
    head.written_ids, by_label = text_venues(outside, line, start, links, vocab, head.venues)
    quoted = QUOTED_TITLE.search(text, start)
    if quoted is not None and (not head.venues or quoted.start() < head.venues[0].span.column - 1):
        # `"Title", ICCV, 2023.`, `Authors. "**Title**." Nature (2015)`: the quoted words are the title.
        head.title = quoted.group("title").strip()
        begin = quoted.start("title") + len(quoted.group("title")) - len(quoted.group("title").lstrip())
        head.title_span = Span.on_line(line, begin, begin + len(head.title))
    else:
        if by_label is not None:  # the title follows the venue's link and its closing bracket
            head.content_start = by_label.span.end_column - 1
            head.content_start += len(text[head.content_start:]) - len(text[head.content_start:].lstrip(" \t]"))
        _plain_title(text, line, head)
    if not head.venues and (year := lone_year(outside, line, start)) is not None:
        head.venues.append(year)
    return head


def _plain_title(text: str, line: int, head: Head) -> None:
    """`### Title Venue Year [[paper]](url)` or `* Title [[Paper]](url)`: the title is the plain text up to
    the venue or the first link."""
    start = head.content_start
    after: list[Link] = [link for link in head.links if link.span.column - 1 >= start]
    stops = [v.span.column - 1 for v in head.venues[:1] if v.span.column - 1 >= start]
    stops += [link.span.column - 1 for link in after[:1]]
    end = min(stops) if stops else len(text)
    tag = CODE_TAG.search(text, start, end)  # `Title. [__`seg.`__]`: tags after the title
    end = tag.start() if tag else end
    title = text[start:end].rstrip(" \t-:,.|*_[(")  # `Title | **[CVPR' 16]**`: the marks before the venue
    lead = len(title) - len(title.lstrip())
    if title.strip() and not title.lstrip().startswith(("[", "<", "!", "*", "_", "`")):
        head.title = title.strip()
        head.title_span = Span.on_line(line, start + lead, start + len(title))


READER = HeadReader(Layout.PLAIN, read)
