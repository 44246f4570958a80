"""Every regular expression in kdlint against adversarial input: time grows linearly, no catastrophic backtracking.

Growth, not a budget (tests/growth.py): each pattern runs on every input
family at N and at 8N characters. That first pass times each call once and
only picks out suspects, so that 50 patterns times 90 families stay quick; a
suspect is then timed as tests/growth.py does, its calls repeated until they
take long enough to time and the best of several turns counted, and must
grow well below quadratically.
"""

from __future__ import annotations

import importlib
import itertools
import pkgutil
import re
from collections.abc import Callable

import pytest
from growth import FACTOR, LIMIT, best_pair, repeated_growth

import kdlint

N = 2048  # characters of the small input; the large one has FACTOR times as many
RUNS = ["a", "A", " ", "\t", "[", "]", "(", ")", "*", "_", "`", ",", ".", "-", "1", ":", "/", "#", "@", "!",
        "<", ">", "'", '"', "\\", "|", "~", "=", "&", "%"]
PIECES = ["a ", "A, ", "[[", "]]", "](", "**", "*a", "_a", "aa.", "1 ", "19", "2019 ", "http://", "https://a",
          ".pdf", "v1", "a and ", ", and ", "(a", "a)", "<!--", "kdlint ", "CVPR ", "\\(", "## "]
# Shapes that the runs and pieces do not reach: a long run where a pattern must first get past a prefix,
# or must look past the run for what follows it.
SHAPES: list[tuple[str, str, str]] = [
    ("kdlint-disable a", " ", "b"),  # the codes of a pragma
    ("<!-- kdlint-disable ", "KD1 ", "-->"),
    ("a", " and a", ","),  # a last `and` that a comma follows
    (",", " ", ","),
    ("- **a", ", CVPR", "**"),
    ("- [a](http://x) ", "2020 ", ""),
    ("[", "a", "](http://x"),
]


def patterns() -> list[tuple[str, re.Pattern[str]]]:
    found: dict[str, re.Pattern[str]] = {}
    for info in pkgutil.walk_packages(kdlint.__path__, "kdlint."):
        module = importlib.import_module(info.name)
        for name, value in vars(module).items():
            if isinstance(value, re.Pattern) and isinstance(value.pattern, str):
                found.setdefault(f"{info.name}.{name}", value)
    return sorted(found.items())


PATTERNS = patterns()


def families() -> list[tuple[str, Callable[[int], str]]]:
    """(name, make) for each kind of adversarial input: make(n) is about n characters of it."""
    found: list[tuple[str, Callable[[int], str]]] = [(f"run {c!r}", lambda n, c=c: c * n) for c in RUNS]
    found += [(f"{p!r}...", lambda n, p=p: p * (n // len(p))) for p in PIECES]
    # a run that fails to match at its very end
    found += [(f"{p!r}... NUL", lambda n, p=p: p * (n // len(p)) + "\x00") for p in PIECES]
    found += [(f"{a!r}... {b!r}...", lambda n, a=a, b=b: a * (n // 2 // len(a)) + b * (n // 2 // len(b)))
              for a, b in itertools.pairwise(PIECES)]
    found += [(f"{head!r} {unit!r}... {tail!r}", lambda n, h=head, u=unit, t=tail: h + u * (n // len(u)) + t)
              for head, unit, tail in SHAPES]
    return found


FAMILIES = families()


def exercise(pattern: re.Pattern[str]) -> Callable[[str], None]:
    """Every way kdlint calls a pattern: search, match, and a scan of the whole text (finditer, as sub and
    split do)."""

    def call(text: str) -> None:
        pattern.search(text)
        pattern.match(text)
        for _ in pattern.finditer(text):
            pass

    return call


def test_the_patterns_are_found() -> None:
    names = {name for name, _ in PATTERNS}
    assert {"kdlint.readers.parts.LINK", "kdlint.readers.bold.BOLD", "kdlint.urls.ARXIV_URL",
            "kdlint.pragmas.PRAGMA", "kdlint.settings._SIZE", "kdlint.readers.parts.LAST_AND"} <= names
    assert len(PATTERNS) > 40


def test_a_quadratic_pattern_is_caught() -> None:
    """The test's own check: the pragma comment pattern kdlint used to have, on a line of unclosed comments."""
    call = exercise(re.compile(r"<!--(.*?)-->"))
    small, large = "<!--" * (N // 4), "<!--" * (FACTOR * N // 4)
    assert repeated_growth(call, small, large, N, runs=2).ratio > LIMIT


@pytest.mark.parametrize(("name", "pattern"), PATTERNS, ids=[name for name, _ in PATTERNS])
def test_pattern_is_linear(name: str, pattern: re.Pattern[str]) -> None:
    call = exercise(pattern)
    suspects = []
    for family, make in FAMILIES:
        small, large = make(N), make(FACTOR * N)
        t_small, t_large = best_pair(call, small, large, runs=2)
        if t_large > LIMIT * t_small:  # or noise: a single call on a short text takes microseconds
            suspects.append((family, small, large))
    slow = []
    for family, small, large in suspects:
        measured = repeated_growth(call, small, large, N)
        if measured.ratio > LIMIT:
            slow.append(f"{family}: {measured}")
    assert not slow, f"{name} grows faster than linearly:\n" + "\n".join(slow)
