"""Sort keys of entries, and the order a list keeps.

`year` sorts by the entry's first valid year, ascending; `-year` descending;
`title` case-insensitively, ignoring a leading parenthetical such as
`(FitNets)`. Entries without the key take no part in ordering.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Mapping, Sequence
from itertools import groupby, pairwise
from operator import attrgetter

from .model import Document, Entry
from .titles import sort_key

KEYS = ("year", "-year", "title")
MIN_STEPS = 3  # neighbours that step up in order, needed before an order is inferred
MIN_SHARE = 0.8  # share of keyed entries already in year order
MIN_MARGIN = 0.4  # by which the year order must beat the opposite one
MIN_TITLE_SHARE = 0.9  # share of entries already in title order


Group = list[tuple[Entry, int | str]]  # the entries of one list that have the key, with their comparable values


def entry_year(entry: Entry) -> int | None:
    for pair in entry.venues:
        if pair.year and pair.year_ok:
            return int(pair.year)
    return None


def sort_value(entry: Entry, key: str) -> int | str | None:
    if key in ("year", "-year"):
        return entry_year(entry)
    if key == "title":
        return sort_key(entry.title) if entry.title else None
    raise ValueError(f"unknown sort key {key!r}")


def longest_in_order(values: Sequence[int | str]) -> set[int]:
    """Indexes of a longest non-decreasing subsequence (patience sorting, O(n log n))."""
    tails: list[int | str] = []
    tail_index: list[int] = []
    previous = [-1] * len(values)
    for i, value in enumerate(values):
        at = bisect_right(tails, value)
        if at == len(tails):
            tails.append(value)
            tail_index.append(i)
        else:
            tails[at] = value
            tail_index[at] = i
        previous[i] = tail_index[at - 1] if at else -1
    keep: set[int] = set()
    i = tail_index[-1] if tail_index else -1
    while i >= 0:
        keep.add(i)
        i = previous[i]
    return keep


def keyed_groups(document: Document, key: str) -> list[Group]:
    """For each list (group) of the paper sections, its entries that have the key, with their values: values
    that sort ascending for every key (years negated for `-year`)."""
    if key == "-year":
        return _negated(keyed_groups(document, "year"))
    if key not in KEYS:
        raise ValueError(f"unknown sort key {key!r}")
    groups = []
    for section in document.sections:
        if not section.holds_papers:
            continue
        for _, group in groupby(section.entries, key=attrgetter("group")):
            if key == "year":
                keyed: Group = [(e, v) for e in group if (v := entry_year(e)) is not None]
            else:
                keyed = [(e, sort_key(e.title)) for e in group if e.title]
            if len(keyed) >= 2:
                groups.append(keyed)
    return groups


def every_keyed_groups(document: Document) -> dict[str, list[Group]]:
    """`keyed_groups` for each of KEYS: what inferring the order reads."""
    year = keyed_groups(document, "year")
    return {"year": year, "-year": _negated(year), "title": keyed_groups(document, "title")}


def _negated(groups: list[Group]) -> list[Group]:
    return [[(entry, -value) for entry, value in group] for group in groups]  # type: ignore[operator]


def _share(groups: list[Group]) -> tuple[float, int]:
    """(share of keyed entries already in order, neighbours that step up rather than tie)."""
    kept = total = steps = 0
    for group in groups:
        values = [v for _, v in group]
        kept += len(longest_in_order(values))
        total += len(values)
        steps += sum(a < b for a, b in pairwise(values))  # type: ignore[operator]
    return (kept / total if total else 0.0), steps


def infer_sort(document: Document, groups: Mapping[str, list[Group]] | None = None) -> str:
    """The key the document is clearly sorted by, else "none"; `groups` are its `every_keyed_groups`.

    Clearly: most of its keyed entries already stand in order (the longest
    ordered run of each list), some neighbours step up rather than tie, and,
    for years, the opposite direction fits far worse: lists whose entries
    mostly share a year, or whose sections run different ways, give no order.
    """
    if groups is None:
        groups = every_keyed_groups(document)
    shares = {key: _share(groups[key]) for key in KEYS}
    candidates = []
    for key, (share, steps) in shares.items():
        if steps < MIN_STEPS:
            continue
        if key == "title":
            if share >= MIN_TITLE_SHARE:
                candidates.append((share, key))
            continue
        opposite = shares["-year" if key == "year" else "year"][0]
        if share >= MIN_SHARE and share - opposite >= MIN_MARGIN:
            candidates.append((share, key))
    return max(candidates)[1] if candidates else "none"
