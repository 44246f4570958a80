"""The inline layout: the title is the paper's link, what follows it on the line says the rest.

    - [Distilling the Knowledge in a Neural Network](https://arxiv.org/abs/1503.02531), NeurIPS 2014
    - [Learning Without Forgetting](https://arxiv.org/abs/1606.09282), Zhizhong Li, Derek Hoiem, 2016
    - [Masked Generative Distillation](https://arxiv.org/abs/2205.01529) (ECCV 2022) [[code]](https://github.com/a/b)
"""

from __future__ import annotations

from ..diagnostics import Span
from ..model import Authors, Layout, Link, LinkKind, Placement, VenueYear
from ..urls import CODE_HOSTS, host_in
from ..vocabulary import Vocabulary
from .free_text import blank_links, lone_year, text_venues
from .head import Head, HeadReader
from .parts import LINK, find_links, looks_like_names, parse_authors


def read(text: str, line: int, start: int, vocab: Vocabulary) -> Head | None:
    return read_after(text, line, start, vocab, [], names=True)


def read_after(text: str, line: int, start: int, vocab: Vocabulary, venues: list[VenueYear],
               names: bool) -> Head | None:
    """The head from `start` on when it opens with `[Title](url)`; `venues` are those read before `start`
    (the dated layout's); `names`: whether authors may follow the link."""
    lead = LINK.match(text, start)
    if lead is None or lead.group("label").startswith("[") or not lead.group("label").strip():
        return None
    links = paper_first(find_links(text, line, Placement.INLINE, start, vocab), lead.start())
    s, e = _title_within(lead.group("label"))
    s, e = s + lead.start("label"), e + lead.start("label")
    head = Head(layout=Layout.INLINE, content_start=start, links=links, title=text[s:e],
                title_span=Span.on_line(line, s, e), venues=list(venues))
    outside = blank_links(text)
    head.written_ids, _ = text_venues(outside, line, start, links, vocab, head.venues)
    if names:
        stop = head.venues[0].span.column - 1 if head.venues and head.venues[0].span.column - 1 > lead.end() \
            else len(text)
        head.authors = _inline_names(outside, lead.end(), stop, line)
    if not head.venues and (year := lone_year(outside, line, start)) is not None:
        head.venues.append(year)
    return head


def _title_within(label: str) -> tuple[int, int]:
    """Where the title is in a link's label: inside `**...**` or `__...__` (`[**Title.**](url)`, without the
    full stop a bold title ends with), else the label less its surrounding spaces."""
    start, end = len(label) - len(label.lstrip()), len(label.rstrip())
    for marker in ("**", "__"):
        if end - start > 2 * len(marker) and label.startswith(marker, start) and label.endswith(marker, 0, end):
            inner = label[start + len(marker) : end - len(marker)]
            if inner.strip() and marker not in inner:
                start += len(marker) + len(inner) - len(inner.lstrip())
                end -= len(marker) + len(inner) - len(inner.rstrip())
                if label[end - 1] == "." and label[end - 2] != ".":
                    end -= 1
            break
    return start, end


def paper_first(links: list[Link], column: int) -> list[Link]:
    """The link at `column` (0-based) is the paper's, whatever its words (`... for Code ...`), unless it
    points at a code host."""
    return [link._replace(kind=LinkKind.PAPER)
            if link.span.column - 1 == column and not host_in(link.url, CODE_HOSTS) else link for link in links]


def _names(text: str, start: int, stop: int) -> tuple[int, str] | None:
    """`, Ann Author, Ben Author, 2016` after an inline link: (column, names), without a trailing year."""
    tail = text[start:stop]
    body = tail.lstrip(" \t")
    if not body.startswith(","):
        return None
    body = body[1:].rstrip(" \t,")
    if len(body) >= 4 and body[-4:].isdigit() and body[-4:-2] in ("19", "20"):
        body = body[:-4].rstrip(" \t,")
    names = body.strip(" \t")
    if not names or "[" in names or "]" in names or not looks_like_names(names, least=1):
        return None
    return start + tail.index(names), names


def _inline_names(outside: str, start: int, stop: int, line: int) -> Authors | None:
    found = _names(outside, start, stop)
    if found is None:
        return None
    col, names = found
    return parse_authors(names, line, col, False, False)


READER = HeadReader(Layout.INLINE, read)
