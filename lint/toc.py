"""Headings' anchors as GitHub makes them, and the table of contents a list keeps.

GitHub's anchor for a heading: its rendered text, lower-cased, with every
character that is not a letter, mark, number, `_`, space or `-` dropped, and
spaces turned into hyphens; a repeated anchor gets `-1`, `-2`, ... in
document order.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence


TOC_ITEM = re.compile(r"^(?P<indent>[ \t]*)(?P<marker>[-*+]|\d{1,9}[.)])[ \t]+"
                      r"\[(?P<text>[^\[\]]*(?:\[[^\[\]]*\][^\[\]]*)*)\]\(#(?P<anchor>[^()\s]*)\)[ \t]*$")


_IMAGE = re.compile(r"!\[([^\[\]]*)\]\([^()]*\)")
_LINK = re.compile(r"\[([^\[\]]*)\]\([^()]*\)")
_TAG = re.compile(r"<[^<>]*>")
_MARKS = re.compile(r"(\*\*|__|\*|`|~~)")


def plain_from_markdown(text: str) -> str:
    """A heading's text as a reader sees it: images by their alt text, links by their text, HTML tags and
    emphasis and code marks dropped (single underscores stay: GitHub keeps them inside words)."""
    text = _IMAGE.sub(r"\1", text)
    text = _LINK.sub(r"\1", text)
    text = _TAG.sub("", text)
    return _MARKS.sub("", text)


def _keep(ch: str) -> bool:
    if ch in "_- ":
        return True
    return unicodedata.category(ch)[0] in "LMN"


def slug(text: str) -> str:
    return "".join(ch for ch in text.strip().lower() if _keep(ch)).replace(" ", "-")


def anchors(texts: Sequence[str]) -> list[str]:
    """Anchors for headings in document order, with GitHub's `-1`, `-2` for repeats."""
    seen: dict[str, int] = {}
    out = []
    for text in texts:
        base = slug(text)
        anchor = base
        while anchor in seen:
            seen[base] += 1
            anchor = f"{base}-{seen[base]}"
        seen[anchor] = 0
        seen.setdefault(base, 0)
        out.append(anchor)
    return out
