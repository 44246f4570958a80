"""Vocabularies: the tables shipped in the package (schema/ in the source tree),
extended by a list's own configuration."""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache, cached_property
from itertools import islice

from .schema import table
from .venues import VenueIndex

_YEAR = re.compile(r"(?<=[ \t])(?:19|20)\d\d(?![\w/-]|\.\w)")  # `CVPR 2024.` ends a sentence; `2019.11` no year
_WORD = re.compile(r"[^\s,;:()\[\]]+")
_YEAR_FIRST = re.compile(r"(?<![\w.,/-])(?:19|20)\d\d(?=[ \t])")
# Matched right after a venue: its last character is no space (or the next one is none), so `(?<![ \t])`
# changes no match, and keeps a search linear on a run of spaces.
_YEAR_AFTER = re.compile(r"(?<![ \t])[ \t]+(?:19|20)\d\d(?!\w)")


@cache
def shipped_code_labels() -> dict[str, tuple[str, ...]]:
    return {canonical: tuple(variants) for canonical, variants in table("code_labels.toml")["labels"].items()}


def spelling_table(labels: Mapping[str, tuple[str, ...] | list[str]]) -> dict[str, str]:
    """Every known spelling, case-folded, to its canonical label."""
    spellings: dict[str, str] = {}
    for canonical, variants in labels.items():
        spellings[canonical.casefold()] = canonical
        for variant in variants:
            spellings[variant.casefold()] = canonical
    return spellings


@cache
def _default_venues() -> VenueIndex:
    return VenueIndex.build()


@dataclass(frozen=True)
class Vocabulary:
    """What the parser and the rules know of labels and venues for one list."""

    code_labels: Mapping[str, str] = field(default_factory=lambda: spelling_table(shipped_code_labels()))
    extra_venues: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # name -> aliases
    extra_kinds: Mapping[str, str | None] = field(default_factory=dict)
    keep_historical_names: bool = False  # NIPS 2017 stays NIPS 2017

    @classmethod
    def extended(cls, code_labels: Mapping[str, list[str]], venues: Mapping[str, tuple[list[str], str | None]],
                 keep_historical_names: bool = False) -> Vocabulary:
        labels = {**shipped_code_labels(), **{k: tuple(v) for k, v in code_labels.items()}}
        return cls(code_labels=spelling_table(labels),
                   extra_venues={name: tuple(aliases) for name, (aliases, _) in venues.items()},
                   extra_kinds={name: kind for name, (_, kind) in venues.items()},
                   keep_historical_names=keep_historical_names)

    @cached_property
    def venues(self) -> VenueIndex:
        if not self.extra_venues:
            return _default_venues()
        return VenueIndex.build(self.extra_venues, self.extra_kinds)

    @cached_property
    def _longest_spelling(self) -> int:
        return max(len(s.split()) for s in self.venues.spellings())

    def venue_years(self, text: str, start: int = 0) -> list[tuple[int, int, int, int]]:
        """`Venue Year` pairs in free text, for entries in styles without a fixed venue place.

        Anchored on the years: for each year, the longest run of words before it
        (a comma may stand between them: `ICCV, 2023`) that spells a known venue. Returns (venue start, venue
        end, year start, year end) offsets.
        """
        found = []
        # The words before each year are the last few of one scan that moves on with the years: scanning
        # again from `start` for every year is quadratic on a line of many years. A year follows a space
        # or a tab, which no word holds, so no word of the scan runs on past the year's start.
        words_after = _WORD.finditer(text, start)
        window: deque[re.Match[str]] = deque(maxlen=self._longest_spelling)
        pending = next(words_after, None)
        for year in _YEAR.finditer(text, start):
            while pending is not None and pending.start() < year.start():
                window.append(pending)
                pending = next(words_after, None)
            words = list(window)
            if not words or text[words[-1].end() : year.start()].strip(" \t") not in ("", ","):
                continue  # `CVPR 2024` or `CVPR, 2024`; anything else between them is not one pair
            for first in range(len(words)):
                begin = words[first].start()
                while begin < words[-1].end() and text[begin] in "*_":
                    begin += 1  # `*CVPR 2017*`: the venue in italics
                if begin > start and (text[begin - 1].isalnum() or text[begin - 1] in "-"):
                    continue
                if self.venues.lookup(text[begin : words[-1].end()]) is not None:
                    found.append((begin, words[-1].end(), year.start(), year.end()))
                    break
        return found

    def years_before_venues(self, text: str, start: int = 0) -> list[tuple[int, int, int, int]]:
        """`Year Venue` written backwards (`2022 JMI`), not followed by a year of its own: the same offsets."""
        found = []
        for year in _YEAR_FIRST.finditer(text, start):
            # Only the first few words after the year: not every word to the end of the text, for every year.
            words = list(islice(_WORD.finditer(text, year.end()), self._longest_spelling))
            if not words or text[year.end() : words[0].start()].strip(" \t"):
                continue
            for last in range(len(words) - 1, -1, -1):
                end = words[last].end()
                written = text[words[0].start() : end].rstrip(",.;:\\")  # `\[2024 TPAMI\]`: an escaped bracket
                if self.venues.lookup(written) is None:
                    continue
                # Matched in place: a copy of the rest of the text for every year is quadratic.
                if not _YEAR_AFTER.match(text, words[0].start() + len(written)):
                    found.append((words[0].start(), words[0].start() + len(written), year.start(), year.end()))
                break
        return found


DEFAULT = Vocabulary()
