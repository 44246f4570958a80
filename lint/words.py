"""Counts in messages, in the singular or the plural as the count wants: `1 section`, `2 sections`."""

from __future__ import annotations


def plural(count: int, word: str, many: str | None = None) -> str:
    """`count` and `word`, plural unless the count is 1: `1 entry`, `0 entries`, `3 findings`."""
    if count == 1:
        return f"{count} {word}"
    if many is None:
        many = word[:-1] + "ies" if word.endswith("y") and word[-2:-1] not in "aeiou" else word + "s"
    return f"{count} {many}"
