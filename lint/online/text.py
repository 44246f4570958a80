"""Text from a metadata service made safe to hold, and made comparable.

`clean` is applied to every string a service gives (titles, names, venues):
control characters and the invisible bidirectional controls go, runs of white
space (line breaks of a hard-wrapped Atom title included) become one space.
Nothing else changes: Markdown, HTML or `::` in a title are data, escaped by
whoever renders them. `title_key` and `family_name` are for matching only.
"""

from __future__ import annotations

import re
import unicodedata

# Bidirectional embeddings, overrides and isolates: they reorder what a terminal or a diff shows.
_BIDI = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f")
_DBLP_NUMBER = re.compile(r" \d{4}$")  # DBLP tells namesakes apart with a number: "Kaiming He 0001"
_NOT_WORD = re.compile(r"[^0-9a-z]+")


def clean(text: str) -> str:
    """`text` without control characters, its white space collapsed to single spaces, stripped."""
    kept = []
    for char in text:
        if char.isspace():
            kept.append(" ")
        elif unicodedata.category(char) != "Cc" and char not in _BIDI:
            kept.append(char)
    return " ".join("".join(kept).split())


def author_name(text: str) -> str:
    """A cleaned author name, without the DBLP disambiguation number."""
    return _DBLP_NUMBER.sub("", clean(text))


def fold(text: str) -> str:
    """Lower-case ASCII letters and digits separated by single spaces: accents, case and punctuation gone."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(_NOT_WORD.sub(" ", plain).split())


def title_key(title: str) -> str:
    """A title as it is compared: folded, without DBLP's closing period or any other punctuation."""
    return fold(title)


def title_similarity(first: str, second: str) -> float:
    """How alike two titles are, 0-100 (rapidfuzz's ratio of their `title_key`s)."""
    from rapidfuzz import fuzz  # here: only the published-version search compares titles

    return float(fuzz.ratio(title_key(first), title_key(second)))


def name_tokens(name: str) -> tuple[str, ...]:
    """The folded words of an author's name."""
    return tuple(fold(author_name(name)).split())


def same_person(first: str, second: str) -> bool:
    """Whether two spellings of an author's name can be one person: the family name (the last word) of one
    is a word of the other ("Lei Jimmy Ba" and "Jimmy Ba"; "Pengguang Chen" and "Chen Pengguang")."""
    one, other = name_tokens(first), name_tokens(second)
    if not one or not other:
        return False
    return one[-1] in other or other[-1] in one
