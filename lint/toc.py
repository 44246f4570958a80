"""Headings' anchors as GitHub makes them, and the table of contents a list keeps.

GitHub's anchor for a heading: its rendered text, lower-cased, with every
character that is not a letter, mark, number, `_`, space or `-` dropped, and
spaces turned into hyphens; a repeated anchor gets `-1`, `-2`, ... in
document order.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence

from mistletoe import span_token

TOC_ITEM = re.compile(r"^(?P<indent>[ \t]*)(?P<marker>[-*+]|\d{1,9}[.)])[ \t]+"
                      r"\[(?P<text>[^\[\]]*(?:\[[^\[\]]*\][^\[\]]*)*)\]\(#(?P<anchor>[^()\s]*)\)[ \t]*$")


def plain_text(tokens: Iterable[object]) -> str:
    """The text a reader sees of inline tokens: links by their text, emphasis and code unwrapped."""
    parts: list[str] = []
    for token in tokens:
        if isinstance(token, (span_token.RawText, span_token.InlineCode)):
            if isinstance(token, span_token.InlineCode):
                parts.append(token.children[0].content if token.children else "")  # type: ignore[attr-defined]
            else:
                parts.append(token.content)
        elif isinstance(token, span_token.LineBreak):
            parts.append(" ")
        elif isinstance(token, span_token.HTMLSpan):
            continue
        else:
            parts.append(plain_text(getattr(token, "children", None) or ()))
    return "".join(parts)


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
