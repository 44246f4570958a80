"""The lines under an entry's first line, read alike in every layout: links, the paper URL, the authors.

      - https://paper.url
      - *Author One, Author Two.*
      - 论文/Paper: https://...
      - Code: None
      - Feras A. Batarseh, Laura Freeman. *Journal of Big Data*
      [[code]](url) or any other line with links

The authors' line may end with the venue in italics: that pair is the
entry's too.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..diagnostics import Span
from ..model import Authors, Link, LinkKind, Placement, SubBullet, VenueYear
from ..vocabulary import Vocabulary
from .parts import (
    BARE_URL,
    LIST_MARKER,
    classify_label,
    find_links,
    looks_like_names,
    parse_authors,
    parse_venue_segment,
)

# `- 论文/Paper: https://...`, `- Code: None`: a link written as a labelled line.
LABELED_URL = re.compile(r"^[ \t]*[-*+][ \t]+(?P<label>[^:：\[\]()<>]{1,24}?)[ \t]*[:：][ \t]*"
                         r"(?:(?P<url>https?://\S+)|None|-|N/?A|TBD|[^\s\[\]][^\[\]]*https?://[^\[\]]*)?[ \t]*$",
                         re.IGNORECASE)
ITALIC = re.compile(r"^(?P<open>\*(?!\*)|_(?!_))(?P<text>.+?)(?P=open)(?P<after>\.?)$")
# `Ann Author, Ben Author. *NeurIPS 2021*`: the authors, then the venue in italics.
AUTHORS_VENUE = re.compile(r"^(?P<names>[^*\[\]]+?)\.[ \t]+\*(?P<venue>[^*\s][^*]*)\*\.?$")


@dataclass(slots=True)
class Body:
    links: list[Link] = field(default_factory=list)
    authors: Authors | None = None
    sub_bullets: list[SubBullet] = field(default_factory=list)
    venues: list[VenueYear] = field(default_factory=list)  # written after the authors


def read_body(lines: Sequence[str], first: int, last: int, vocab: Vocabulary, authors: Authors | None) -> Body:
    """Lines ``first..last`` (1-based, inclusive); `authors` are those the first line already gave."""
    body = Body(authors=authors)
    for number in range(first, last + 1):
        text = lines[number - 1]
        if text.strip():
            body.sub_bullets.append(_line(text, number, vocab, body))
    return body


def _line(text: str, number: int, vocab: Vocabulary, body: Body) -> SubBullet:
    """Read one line into `body`; its kind."""
    sub = LIST_MARKER.match(text)
    if not sub:
        body.links.extend(find_links(text, number, Placement.SUB_BULLET, 0, vocab))
        return SubBullet(line=number, kind="other")
    start = sub.end()
    rest = text[start:].rstrip()
    labeled = LABELED_URL.match(text)
    if labeled and labeled.group("url") and labeled.group("url").startswith("http"):
        label = labeled.group("label").strip()
        url_span = Span.on_line(number, labeled.start("url"), labeled.end("url"))
        label_start = labeled.start("label")
        body.links.append(Link(label=label, url=labeled.group("url"), kind=classify_label(label, vocab),
                               placement=Placement.SUB_BULLET, double_brackets=False, span=url_span,
                               label_span=Span.on_line(number, label_start, label_start + len(label)),
                               url_span=url_span))
        return SubBullet(line=number, kind="links")
    if BARE_URL.fullmatch(rest.strip("<>")) and " " not in rest:
        url_start = start + (1 if rest.startswith("<") else 0)
        url = rest.strip("<>")
        span = Span.on_line(number, url_start, url_start + len(url))
        body.links.append(Link(label="", url=url, kind=LinkKind.PAPER, placement=Placement.SUB_BULLET,
                               double_brackets=False, span=span, label_span=None, url_span=span))
        return SubBullet(line=number, kind="paper-url")
    italic = ITALIC.match(rest)
    if italic and body.authors is None and "](" not in rest:
        body.authors = parse_authors(italic.group("text"), number, start + 1, True, italic.group("after") == ".")
        return SubBullet(line=number, kind="authors")
    found = find_links(text, number, Placement.SUB_BULLET, start, vocab)
    if found:
        body.links.extend(found)
        return SubBullet(line=number, kind="links")
    with_venue = AUTHORS_VENUE.match(rest) if body.authors is None else None
    if with_venue is not None and looks_like_names(with_venue.group("names"), least=1):
        pair = parse_venue_segment(with_venue.group("venue"), number, start + with_venue.start("venue"), vocab=vocab)
        if pair is not None:
            body.authors = parse_authors(with_venue.group("names"), number, start, False, True)
            body.venues.append(pair)
            return SubBullet(line=number, kind="authors")
    if body.authors is None and looks_like_names(rest):  # under any title: its markup never decides
        body.authors = parse_authors(rest, number, start, False, False)
        return SubBullet(line=number, kind="authors")
    return SubBullet(line=number, kind="other")
