"""Headings' anchors as GitHub makes them, and the table of contents a list keeps.

GitHub's anchor for a heading: its rendered text, lower-cased, with every
character that is not a letter, mark, number, `_`, space or `-` dropped, and
spaces turned into hyphens; a repeated anchor gets `-1`, `-2`, ... in
document order.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Sequence

TOC_ITEM = re.compile(r"^(?P<indent>[ \t]*)(?P<marker>[-*+]|\d{1,9}[.)])[ \t]+"
                      r"\[(?P<text>[^\[\]]*(?:\[[^\[\]]*\][^\[\]]*)*)\]\(#(?P<anchor>[^()\s]*)[ \t]*\)[ \t]*$")


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


def github_text(text: str) -> str:
    """A heading's text as GitHub reads it for its anchor: as `plain_from_markdown`, except that an image
    adds nothing (its alt text is not text of the page: `# List [![Awesome](badge)](url)` is `list-`) and
    character references are read (`&amp;` is `&`)."""
    text = _IMAGE.sub("", text)
    text = _LINK.sub(r"\1", text)
    text = _TAG.sub("", text)
    return html.unescape(_MARKS.sub("", text))


_ASCII_DROPPED = re.compile(r"[^a-z0-9_\- ]+")  # in ASCII, the letters and digits are the L, M and N categories
_KEPT: dict[str, bool] = {}  # characters beyond ASCII, judged once per run


def _keep(ch: str) -> bool:
    kept = _KEPT.get(ch)
    if kept is None:
        kept = _KEPT[ch] = ch in "_- " or unicodedata.category(ch)[0] in "LMN"
    return kept


def slug(text: str) -> str:
    """GitHub's anchor for a heading whose text (`github_text`) is `text`: spaces at its ends count too:
    letters, marks, numbers, `_`, `-` and spaces kept (as `-`), everything else dropped."""
    lowered = text.lower()
    if lowered.isascii():
        return _ASCII_DROPPED.sub("", lowered).replace(" ", "-")
    return "".join(ch for ch in lowered if _keep(ch)).replace(" ", "-")


def anchors(texts: Sequence[str]) -> list[str]:
    """Anchors for headings (their `github_text`) in document order, with GitHub's `-1`, `-2` for repeats."""
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


# An HTML tag and its attributes, one at a time (a value in quotes may hold `>` or another attribute's name).
_OPEN_TAG = re.compile(r"<(?P<name>[A-Za-z][A-Za-z0-9-]*)(?P<attrs>(?:\s+[^\s\"'>/=]+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'"
                       r"|[^\s\"'=<>`]+))?)*)\s*/?>")
_ATTR = re.compile(r"(?P<key>[^\s\"'>/=]+)(?:\s*=\s*(?:\"(?P<dq>[^\"]*)\"|'(?P<sq>[^']*)'|(?P<bare>[^\s\"'=<>`]+)))?")
_ANCHOR_TAGS = re.compile(r"</?a\b[^<>]*>", re.IGNORECASE)
# `## Title {#custom-id}` (and `{#id .class}`): an explicit id, as Pandoc, kramdown and MkDocs write it.
EXPLICIT_ID = re.compile(r"\{[ \t]*#(?P<id>[^\s{}]+)[^{}]*\}[ \t]*$")


def html_anchors(text: str) -> list[str]:
    """The anchors the HTML tags of `text` make: every `id="..."`, and `name="..."` on `<a>`."""
    found = []
    for tag in _OPEN_TAG.finditer(text):
        is_a = tag.group("name").lower() == "a"
        for attr in _ATTR.finditer(tag.group("attrs")):  # one after another: a quoted value is read whole
            key = attr.group("key").lower()
            if key == "id" or (key == "name" and is_a):
                value = next((v for v in attr.group("dq", "sq", "bare") if v is not None), "")
                if value.strip():
                    found.append(value.strip())
    return found


def anchor_only(text: str) -> bool:
    """Whether `text` is nothing but `<a name=...></a>` anchors (and space)."""
    return "<" in text and not _ANCHOR_TAGS.sub("", text).strip() and bool(html_anchors(text))


def explicit_id(heading_text: str) -> str | None:
    m = EXPLICIT_ID.search(heading_text)
    return m.group("id") if m else None


def without_explicit_id(text: str) -> str:
    m = EXPLICIT_ID.search(text)
    return text[: m.start()].rstrip() if m else text
