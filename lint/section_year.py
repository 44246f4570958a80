"""The year a list gives a whole section: `## 2016`, `### 2024 ECCV`, `<summary>Survey: 2024</summary>`.

Lists that group papers by year often write the year only in the heading (or
in the `<summary>` of a `<details>` block) and not in each entry; the entry's
record then carries that year (`Entry.section_year`), so the venue-year rules
work on such lists too. A heading that names a range (`2014 and Before`,
`2019-2020`) gives no year.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence

YEAR_TEXT = re.compile(r"^(?:[^\W\d][\w&.'’ ]{0,40}?[:\s]\s*)?(?P<year>(?:19|20)\d\d)(?:\s+[^\W\d][\w&.'’ ]{0,40})?$")
RANGE = re.compile(r"before|earlier|older|prior|after|later|\band\b|\bor\b|[-–~/]", re.IGNORECASE)
SUMMARY = re.compile(r"<summary>(?P<text>.*?)</summary>", re.IGNORECASE)
TAG = re.compile(r"<[^<>]*>")
MAX_DEPTH = 8  # `<details>` blocks nested deeper than this around an entry are not looked through


def year_of(text: str) -> int | None:
    """The one year a heading or summary text names, markup aside; None for a range or no year."""
    plain = " ".join(TAG.sub(" ", text).replace("*", " ").replace("`", " ").split()).strip(" #")
    m = YEAR_TEXT.match(plain)
    if m is None or RANGE.search(plain):
        return None
    return int(m.group("year"))


def summary_years(lines: Sequence[str]) -> list[tuple[int, int, int]]:
    """(first line, last line, year) of each `<details>` block whose `<summary>` names one year."""
    found = []
    open_at: list[tuple[int, int | None]] = []  # (line, year) of the blocks not closed yet
    for number, text in enumerate(lines, 1):
        if "<" not in text:
            continue
        lower = text.lower()
        for _ in range(lower.count("<details")):
            open_at.append((number, None))
        m = SUMMARY.search(text)
        if m and open_at and open_at[-1][1] is None:
            open_at[-1] = (open_at[-1][0], year_of(m.group("text")))
        for _ in range(lower.count("</details>")):
            if open_at:
                first, year = open_at.pop()
                if year is not None:
                    found.append((first, number, year))
    found.extend((first, len(lines), year) for first, year in open_at if year is not None)
    return sorted(found)


class SectionYears:
    """The year in effect at each line: the innermost `<details>` summary, else the nearest year heading."""

    def __init__(self, lines: Sequence[str]) -> None:
        self.blocks = summary_years(lines)
        self.starts = [first for first, _, _ in self.blocks]

    def at(self, line: int, path: Sequence[str]) -> int | None:
        i = bisect_right(self.starts, line)
        for _ in range(MAX_DEPTH):  # blocks nest; the innermost one that holds the line wins
            if i == 0:
                break
            i -= 1
            first, last, year = self.blocks[i]
            if first <= line <= last:
                return year
        for title in reversed(path):
            heading_year = year_of(title)
            if heading_year is not None:
                return heading_year
        return None
