"""The card layout: a paragraph of a short name, the venue and one link per line, then the title and the
authors as a list of their own.

    Mimic. *CVPR 2017*.
    \\[[CVF](https://openaccess.thecvf.com/...)\\]
    \\[[arXiv](http://arxiv.org/abs/1906.03609)\\]
    <[GitHub](https://github.com/twangnh/Distilling-Object-Detectors)>
    \\- A fully convolutional feature mimic framework ...

    - Mimicking Very Efficient Network for Object Detection
    - Quanquan Li and Shengying Jin and Junjie Yan

The first line is read as the plain layout reads a line (its venue pairs),
the link lines and the list as any entry's body; the title is the list's
first item, not the short name.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from ..diagnostics import Span
from ..model import Entry, Layout
from ..vocabulary import Vocabulary
from .item import read_item
from .parts import LIST_MARKER

# One link alone on its line, bare or in escaped brackets or angle brackets: `\[[CVF](url)\]`, `<[GitHub](url)>`.
LINK_LINE = re.compile(r"^[ \t]*(?:\\?\[|<)?\[[^\[\]]{1,40}\]\(https?://[^()\s]+\)(?:\\?\]|>)?[ \t]*$")
DESCRIPTION = re.compile(r"^[ \t]*\\-[ \t]")  # `\- A fine-grained feature imitation method ...`
MAX_NAME = 80  # the first line is a short name and a venue, not a sentence


def is_card(lines: Sequence[str], first: int, last: int, title_first: int, title_last: int) -> bool:
    """Whether the paragraph ``first..last`` and the list ``title_first..title_last`` after it make a card:
    a short first line without links, then only link lines (one or more) and description lines; the list
    one or two items without links."""
    head = lines[first - 1]
    if len(head.strip()) > MAX_NAME or "](" in head or "://" in head or not head.strip():
        return False
    rest = [lines[n - 1] for n in range(first + 1, last + 1) if lines[n - 1].strip()]
    if not any(LINK_LINE.match(text) for text in rest):
        return False
    if not all(LINK_LINE.match(text) or DESCRIPTION.match(text) for text in rest):
        return False
    items = [lines[n - 1] for n in range(title_first, title_last + 1) if lines[n - 1].strip()]
    return 1 <= len(items) <= 2 and all(LIST_MARKER.match(text) and "](" not in text for text in items)


def read_card(lines: Sequence[str], first: int, last: int, title_line: int, section: tuple[str, ...],
              vocab: Vocabulary, group: int) -> Entry | None:
    """The card on lines ``first..last``, its title on `title_line` (the list's first item)."""
    entry = read_item(lines, first, last, section, vocab, group)
    if entry is None:
        return None
    text = lines[title_line - 1]
    marker = LIST_MARKER.match(text)
    start = marker.end() if marker else 0
    title = text[start:].strip()
    if not title:
        return replace(entry, style=Layout.CARD, title=None, title_span=None)
    begin = start + len(text[start:]) - len(text[start:].lstrip())
    return replace(entry, style=Layout.CARD, title=title,
                   title_span=Span.on_line(title_line, begin, begin + len(title)))
