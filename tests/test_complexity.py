"""Hostile lists that used to take minutes or gigabytes: checking them grows linearly with their size.

Each construction is checked at n and at 8n (tests/growth.py): a linear
check takes about 8 times as long on the larger list, a quadratic one 64
times. The comment on each says what made it quadratic.
"""

from __future__ import annotations

import contextlib
import os
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import pytest
from growth import FACTOR, LIMIT, growth

from kdlint.cli import main
from kdlint.engine import Linter
from kdlint.source import SourceText

HEADING_ENTRY = "### Title CVPR 2020 [[paper]](https://arxiv.org/abs/2001.00001)\n\nA note about it.\n\n"
ENTRY = "- **Title, CVPR 2020** [[Code]](https://github.com/a/b)\n  - https://arxiv.org/abs/2001.00001\n"

CONSTRUCTIONS: dict[str, tuple[Callable[[int], str], int]] = {
    # Vocabulary.venue_years scanned every word from the start again for each year, years_before_venues
    # every word to the end (and copied the rest of the line).
    "1 many years after a link": (lambda n: "- [T](http://x) " + "2020 " * n + "\n", 500),
    "2 many venue-year pairs": (lambda n: "* T " + "CVPR 2020 " * n + "\n", 250),
    # split_title copied what was left of the bold title, and inserted at the front, for each pair. The
    # copies are quick: a long title makes them show at a size a test can afford.
    "3 a bold title of many venues": (lambda n: "- **T" + ", CVPR" * n + "**\n", 1000),
    "3 a long bold title of many venues": (lambda n: "- **" + "T" * (50 * n) + ", CVPR" * n + "**\n", 2000),
    "3 an unclosed bold title of many venues": (lambda n: "- **T" + ", CVPR" * n + "\n", 20000),
    # suppression.apply tried every disable on every finding; each enable scanned every open disable.
    "4 many disables": (lambda n: "<!-- kdlint-disable KD1 -->\n" * n, 500),
    "4 many disables between findings": (lambda n: "<!-- kdlint-disable KD2 -->\n \n" * n, 500),
    "4 many disables and enables of other codes": (
        lambda n: "<!-- kdlint-disable KD1 -->\n" * n + "<!-- kdlint-enable KD2 -->\n" * n, 250),
    # pragmas.COMMENT, `<!--(.*?)-->`, tried every `<!--` against the rest of the line.
    "5 unclosed pragma comments": (lambda n: "<!-- kdlint-" * n + "\n", 5000),
    "5 pragma codes far apart": (lambda n: "<!-- kdlint-disable KD1" + " " * n + "KD2 -->\n", 20000),
    # parse_document copied the rest of the blocks, and searched each note's place, for each entry heading.
    "6 heading entries with notes": (lambda n: HEADING_ENTRY * n, 250),
    "6 heading entries with many notes": (lambda n: (HEADING_ENTRY + "A note.\n\n" * 16) * n, 200),
    # The lookahead to the end of the line for the last `and` (parse_authors, KD107) at every `and`; the
    # author separators tried from every space of a run.
    "last-author separators": (lambda n: ENTRY + "  - *A" + " and B" * n + ", C.*\n", 2000),
    "spaces between authors": (lambda n: ENTRY + "  - *A" + " " * n + "B.*\n", 20000),
    "spaces between inline authors": (lambda n: "- [T](http://x), A" + " " * n + "B\n", 20000),
    "7 whitespace-only lines": (lambda n: " \n" * n, 2000),
}


def check(text: str) -> None:
    Linter().check(SourceText(text))


@pytest.mark.parametrize("name", CONSTRUCTIONS)
def test_check_time_grows_linearly(name: str) -> None:
    make, n = CONSTRUCTIONS[name]
    measured = growth(check, make, n)
    assert measured.ratio < LIMIT, f"{name}: {measured}"


def peak(call: Callable[[], object]) -> int:
    """The most memory `call` held at once, in bytes (tracemalloc: Python's own allocations)."""
    tracemalloc.start()
    try:
        call()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


WHITESPACE_LINES = 2_000
# One finding with its fix (about 400 bytes) and the line table take about 500 bytes a line; "a few
# hundred" is the bound, with room for other Python versions' object sizes.
MOST_BYTES_PER_LINE = 800


def test_memory_grows_linearly_on_whitespace_only_lines() -> None:
    check(" \n" * 10)  # imports and caches are not the list's memory
    small = peak(lambda: check(" \n" * WHITESPACE_LINES))
    large = peak(lambda: check(" \n" * (FACTOR * WHITESPACE_LINES)))
    assert large / small < FACTOR * 1.5, f"{small} bytes at {WHITESPACE_LINES} lines, {large} at {FACTOR}x"
    assert large / (FACTOR * WHITESPACE_LINES) < MOST_BYTES_PER_LINE


def test_the_command_holds_no_more_than_the_findings(tmp_path: Path) -> None:
    """`kdlint check` prints its report as it goes: a finding on each of many lines costs the findings'
    memory, not that again for the report held whole."""
    path = tmp_path / "blank.md"
    path.write_text(" \n" * (FACTOR * WHITESPACE_LINES))
    text = path.read_text()
    check(text)
    library = peak(lambda: check(text))
    with open(os.devnull, "w") as devnull, contextlib.redirect_stdout(devnull):
        main(["check", "--isolated", str(path)])
        command = peak(lambda: main(["check", "--isolated", str(path)]))
    assert command < library * 1.1, f"the command held {command} bytes, the check alone {library}"
