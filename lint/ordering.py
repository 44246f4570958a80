"""Sort keys of entries, and the order a list keeps.

`year` sorts by the entry's first valid year, ascending; `-year` descending;
`title` case-insensitively, ignoring a leading parenthetical such as
`(FitNets)`. Entries without the key take no part in ordering.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .model import Document, Entry

LEADING_PARENTHETICAL = re.compile(r"^\s*[(\[][^)\]]*[)\]]\s*")
KEYS = ("year", "-year", "title")
MIN_PAIRS = 5  # comparable neighbours needed before an order is inferred
MIN_SHARE = 0.9  # share of neighbours in order


def entry_year(entry: Entry) -> int | None:
    for pair in entry.venues:
        if pair.year_ok and pair.year:
            return int(pair.year)
    return None


def title_key(title: str) -> str:
    return " ".join(LEADING_PARENTHETICAL.sub("", title).split()).casefold()


def sort_value(entry: Entry, key: str) -> int | str | None:
    if key in ("year", "-year"):
        return entry_year(entry)
    if key == "title":
        return title_key(entry.title) if entry.title else None
    raise ValueError(f"unknown sort key {key!r}")


def in_order(a: int | str, b: int | str, key: str) -> bool:
    return a >= b if key == "-year" else a <= b  # type: ignore[operator]


def order_share(sections: Sequence[Sequence[Entry]], key: str) -> tuple[int, int]:
    """(neighbour pairs in `key` order, neighbour pairs with the key), over entries that have it."""
    good = total = 0
    for entries in sections:
        values = [v for v in (sort_value(e, key) for e in entries) if v is not None]
        for a, b in zip(values, values[1:]):
            if a == b:
                continue  # ties say nothing about the order
            total += 1
            good += in_order(a, b, key)
    return good, total


def infer_sort(document: Document) -> str:
    """The key the document is clearly sorted by, else "none"."""
    sections = [s.entries for s in document.sections if s.holds_papers]
    best, best_share = "none", 0.0
    for key in KEYS:
        good, total = order_share(sections, key)
        if total >= MIN_PAIRS and good / total >= MIN_SHARE and good / total > best_share:
            best, best_share = key, good / total
    return best
