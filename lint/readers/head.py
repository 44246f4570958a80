"""What a layout reader makes of an entry's first line: the `Head`, and the `HeadReader` that reads it.

An entry is its first line (a list item, an entry heading or an opening
paragraph line), which says how the entry is written, and the lines under it
(`body`), read alike in every layout. A head reader recognises one layout from
the first line and reads the title, the venue pairs and the links written on
it; `kdlint.readers.LAYOUTS` tries them in order.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import NamedTuple

from ..diagnostics import Span
from ..model import Authors, Layout, Link, PaperId, VenueYear
from ..vocabulary import Vocabulary


@dataclass(slots=True, kw_only=True)
class Head:
    """What the first line of an entry says, each part with its span."""

    layout: Layout
    content_start: int  # column (0-based) where the entry's own text starts: after the marker and any tag
    links: list[Link]
    title: str | None = None
    title_span: Span | None = None
    bold_span: Span | None = None  # the whole **...** of a bold title, markers included
    venues: list[VenueYear] = field(default_factory=list)
    authors: Authors | None = None  # authors written on the first line (`[Title](url), Ann Author, 2016`)
    written_ids: list[PaperId] = field(default_factory=list)  # identifiers written as text (`arXiv:1503.02531`)
    date: str | None = None  # the `yy.mm.dd` of the dated layout


class HeadReader(NamedTuple):
    """One layout: `read(text, line, start, vocab)` gives the `Head` of a first line written so, else None.

    `text` is the whole source line, `line` its 1-based number, `start` the
    column after the list or heading marker.
    """

    layout: Layout
    read: Callable[[str, int, int, Vocabulary], Head | None]
