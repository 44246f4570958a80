"""Metadata written into a list as Markdown that shows it literally, and read back.

A title or an author name from a metadata service is text, not Markdown: a
`*` in it is a star, not emphasis; `<script>` is seven characters, not a tag;
a leading `1. ` or `# ` is words, not a list or a heading. `clean` makes one
line of it (control characters dropped, line breaks and runs of spaces one
space); `literal` writes it so that GitHub shows exactly that text and
kdlint's own readers (`kdlint.readers`) read it back whole; `displayed` is the
text a reader sees, backslash escapes and character references resolved, so
that `displayed(literal(text)) == text`.

Markdown's own escapes are used where kdlint's readers read them (`\\_`,
`\\~`, `\\#`); a character reference where a reader's pattern would stop at
the backslashed character (`*`, `[`, `]` and the backtick are `&#42;`,
`&#91;`, `&#93;` and `&#96;`; `<` and `>` are `&lt;` and `&gt;`). `::`, the
opening of a GitHub Actions workflow command, is written `:\\:`.
"""

from __future__ import annotations

import html
import re
from enum import Enum

# Control characters (C0 and C1, line breaks among them) and the bidirectional overrides and isolates,
# which can make a line show other text than it holds.
CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
WHITESPACE_CONTROL = re.compile("[\t\n\v\f\r\x1c-\x1f\x85]")
# What Markdown reads as an escape or a character reference: resolved by `displayed`.
ESCAPE_OR_REFERENCE = re.compile(r"\\(?P<char>[!-/:-@\[-`{-~])"
                                 r"|(?P<ref>&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});)")
REFERENCE_AHEAD = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
# A line that would open a block: `# Title`, `- Title`, `---`, `===`, `1. Title`, `1) Title`.
BLOCK_OPENING = re.compile(r"^(?:#|[-+=]|\d{1,9}[.)](?=[ \t]|$))")
# In free text a reader finds venues and years anywhere (`kdlint.readers.free_text`): a year, a short year
# (`CVPR' 16`) and an arXiv identifier written as text (`arXiv:1503.02531`).
YEAR_LIKE = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
FREE_TITLE_TAIL = " \t-:,.|*_[("  # what the plain reader trims off the end of a title (`_plain_title`)

ALWAYS = {"*": "&#42;", "[": "&#91;", "]": "&#93;", "`": "&#96;", "<": "&lt;", ">": "&gt;", "~": "\\~"}
QUOTES = {'"': "&quot;", "“": "&#8220;", "”": "&#8221;"}


class Place(Enum):
    """Where the text stands: what else its place makes special."""

    TEXT = "text"  # inside bold, a link's label, an author list: delimited by the markup around it
    FREE = "free"  # a title written as plain text, found by what surrounds it (the plain and heading layouts)
    CELL = "cell"  # a table cell: a pipe ends it
    NAMES = "names"  # one author's name in a list of them (a comma, `and` or `&` would split it), or in a cell


def clean(text: str) -> str:
    """`text` as one line: control characters dropped, line breaks and every run of spaces one space."""
    return " ".join(CONTROL.sub("", WHITESPACE_CONTROL.sub(" ", text)).split())


def literal(text: str, place: Place = Place.TEXT, strict: bool = False) -> str:
    """`text` (already `clean`) as Markdown that shows it as it is at `place`.

    `strict` also hides what a reader of free text would take for a venue, a
    year or an identifier (the first digit of a year, the colon of `arXiv:`)
    and the quote marks it would take for a quoted title: for a title the
    plain layout's reader misreads otherwise.
    """
    out: list[str] = []
    for i, char in enumerate(text):
        before = text[i - 1] if i else ""
        after = text[i + 1] if i + 1 < len(text) else ""
        out.append(_char(char, before, after, text, i, place, strict))
    written = "".join(out)
    opening = BLOCK_OPENING.match(written)
    if opening is not None:  # the text opens a line in some layouts (a card's title, a heading)
        at = opening.end() - 1
        written = written[:at] + "\\" + written[at:]
    if place is Place.FREE and written and written[-1] in FREE_TITLE_TAIL:
        written = written[:-1] + f"&#{ord(written[-1])};"
    if written.endswith("#") and not written.endswith("\\#"):
        written = written[:-1] + "\\#"  # `### Title #`: a closing sequence of a heading
    return written


def _char(char: str, before: str, after: str, text: str, i: int, place: Place, strict: bool) -> str:
    """One character of `literal`'s text, with its neighbours."""
    if char == "\\":
        return "&#92;" if place in (Place.CELL, Place.NAMES) else "\\\\"
    if char in ALWAYS:
        return ALWAYS[char]
    if char == "_":
        return "_" if before.isalnum() and after.isalnum() else "&#95;"  # inside a word it emphasises nothing
    if char == "&":
        if place is Place.NAMES or REFERENCE_AHEAD.match(text, i):
            return "&amp;"
        return "&"
    if char == "|" and place in (Place.CELL, Place.NAMES):
        return "\\|"
    if char == ":":
        if before == ":" or (strict and text[max(i - 5, 0) : i].casefold() == "arxiv"):
            return "\\:"
        if text.startswith("//", i + 1):
            return "&#58;"  # `https://`: a bare URL to kdlint's readers
        return ":"
    if place is Place.NAMES:
        if char == ",":
            return "&#44;"
        if char == "a" and text.startswith("and ", i) and before in ("", " "):
            return "&#97;"  # ` and ` inside one name
    if place is Place.FREE:
        if char in QUOTES:
            return QUOTES[char]
        if char == "!" and i == 0:
            return "&#33;"
        if strict and char.isdigit() and YEAR_LIKE.match(text, i):
            return f"&#{ord(char)};"
        if strict and char == "'" and text[i + 1 : i + 3].isdigit():
            return "&#39;"
    return char


def displayed(text: str) -> str:
    """The text Markdown shows for `text`: backslash escapes and character references resolved (the rest of
    its markup is the caller's to remove)."""
    def resolve(m: re.Match[str]) -> str:
        char = m.group("char")
        return char if char is not None else html.unescape(m.group("ref"))

    return ESCAPE_OR_REFERENCE.sub(resolve, text)
