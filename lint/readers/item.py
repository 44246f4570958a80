"""An entry written as a list item, an entry heading or a paragraph: its first line read by the first layout
of `LAYOUTS` that recognises it, the lines under it by `body`.

Not every item is a paper: `- **2024-2-20**: we added ...` is news, and an item
with neither a bold title, a web link nor a known `Venue Year` is prose.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from ..diagnostics import Span
from ..model import Entry, Layout, Link, LinkKind, PaperId
from ..urls import paper_ids
from ..vocabulary import DEFAULT, Vocabulary
from . import bold, dated, inline, plain
from .body import read_body
from .head import Head, HeadReader
from .parts import HEADING_MARKER, LIST_MARKER

# The layouts of a first line, tried in order; the plain one reads any line.
LAYOUTS: tuple[HeadReader, ...] = (bold.READER, dated.READER, inline.READER, plain.READER)

BRACKET_TAG = re.compile(r"\[[^\[\]]{1,40}\]")
DATE = re.compile(r"^\d{4}[-/.]\d{1,2}(?:[-/.]\d{1,2})?$")
SHORTCODE = re.compile(r":[a-z0-9_+-]{1,30}:[ \t]*")  # `:fire:`


def read_item(lines: Sequence[str], first: int, last: int, section: tuple[str, ...],
              vocab: Vocabulary = DEFAULT, group: int = 0) -> Entry | None:
    """Lines ``first..last`` (1-based, inclusive) of a list item, an entry heading or a paragraph, as an
    entry; None when they are not a paper."""
    text = lines[first - 1]
    marker = LIST_MARKER.match(text) or HEADING_MARKER.match(text)
    heading = marker is not None and marker.re is HEADING_MARKER
    start = marker.end() if marker else len(text) - len(text.lstrip())
    layouts = LAYOUTS
    start = _after_marks(text, start)
    opening = bold.BOLD.match(text, start)
    if opening is not None:
        inner = (opening.group("inner") or opening.group("inner2")).strip()
        if DATE.match(inner):
            return None  # `- **2024-2-20**: we added ...` is news, not a paper
        if BRACKET_TAG.fullmatch(inner) and text[opening.end():].strip():
            # `- **[R-CNN]** Rich feature hierarchies ...`: a bold tag before the title, not a bold title.
            rest = text[opening.end():]
            start = opening.end() + len(rest) - len(rest.lstrip())
            layouts = tuple(reader for reader in LAYOUTS if reader.layout is not Layout.BOLD)
    head = _read_head(layouts, text, first, start, vocab)
    body = read_body(lines, first + 1, last, vocab, head.authors)
    links = [*head.links, *body.links]
    if head.layout is not Layout.BOLD and not heading \
            and not any(link.url.startswith(("http://", "https://")) for link in links) \
            and not any(pair.venue for pair in (*head.venues, *body.venues)):
        return None  # neither a bold title, a web link, nor a known `Venue Year`: not a paper
    # (A heading reaches here only when the document read it as an entry: by its link, its venue, or its
    # list's way of writing entry headings.)
    return Entry(
        line=first,
        end_line=last,
        span=Span(line=first, column=1, end_line=last, end_column=len(lines[last - 1]) + 1),
        section=section,
        group=group,
        heading=heading,
        style=Layout.HEADING if heading else head.layout,
        date=head.date,
        marker_end=head.content_start,
        bold=head.layout is Layout.BOLD,
        title=head.title,
        title_span=head.title_span,
        bold_span=head.bold_span,
        venues=(*head.venues, *body.venues),
        links=tuple(links),
        authors=body.authors,
        sub_bullets=tuple(body.sub_bullets),
        paper_ids=tuple(_identifiers(head, links)),
    )


def _after_marks(text: str, start: int) -> int:
    """`- 🌟 **Title**`, `- :fire: **Title**`: the column of a bold title after emoji or `:shortcode:` marks, else
    `start` (marks before any other title stay part of it)."""
    at = start
    while at < len(text):
        shortcode = SHORTCODE.match(text, at)
        if shortcode is not None:
            at = shortcode.end()
        elif unicodedata.category(text[at]) in ("So", "Sk", "Cf", "Mn") and not text[at].isalnum():
            at += 1  # a pictograph, with its variation selector or joiner
        else:
            break
        while at < len(text) and text[at] in " \t":
            at += 1
    return at if at > start and bold.BOLD.match(text, at) else start


def _read_head(layouts: Sequence[HeadReader], text: str, line: int, start: int, vocab: Vocabulary) -> Head:
    for reader in layouts:
        head = reader.read(text, line, start, vocab)
        if head is not None:
            return head
    raise AssertionError("the plain layout reads every line")


def _identifiers(head: Head, links: Sequence[Link]) -> list[PaperId]:
    """The identifiers written as text, then those of every link that is not code, each once."""
    ids: list[PaperId] = list(dict.fromkeys(head.written_ids))
    for link in links:
        if link.kind is not LinkKind.CODE:
            for pid in paper_ids(link.url):
                if pid not in ids:
                    ids.append(pid)
    return ids
