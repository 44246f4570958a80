"""Every regular expression in kdlint against adversarial input: no catastrophic backtracking."""

from __future__ import annotations

import importlib
import pkgutil
import re
import time

import pytest

import kdlint

BUDGET = 0.5  # seconds per pattern, all inputs together
RUNS = ["a", "A", " ", "\t", "[", "]", "(", ")", "*", "_", "`", ",", ".", "-", "1", ":", "/", "#", "@", "!",
        "<", ">", "'", '"', "\\", "|", "~", "=", "&", "%"]
PIECES = ["a ", "A, ", "[[", "]]", "](", "**", "*a", "_a", "aa.", "1 ", "19", "2019 ", "http://", "https://a",
          ".pdf", "v1", "a and ", ", and ", "(a", "a)", "<!--", "kdlint ", "CVPR ", "\\(", "## "]
SIZE = 5000


def patterns() -> list[tuple[str, re.Pattern[str]]]:
    found: dict[str, re.Pattern[str]] = {}
    for info in pkgutil.walk_packages(kdlint.__path__, "kdlint."):
        module = importlib.import_module(info.name)
        for name, value in vars(module).items():
            if isinstance(value, re.Pattern) and isinstance(value.pattern, str):
                found.setdefault(f"{info.name}.{name}", value)
    return sorted(found.items())


PATTERNS = patterns()


def adversarial() -> list[str]:
    texts = [c * SIZE for c in RUNS] + [p * (SIZE // len(p)) for p in PIECES]
    texts += [p * (SIZE // len(p)) + "\x00" for p in PIECES]  # a run that fails to match at its very end
    texts += [a * (SIZE // 4) + b * (SIZE // 4) for a, b in zip(PIECES, PIECES[1:])]
    return texts


INPUTS = adversarial()


def test_the_patterns_are_found() -> None:
    names = {name for name, _ in PATTERNS}
    assert {"kdlint.entry_parser.LINK", "kdlint.entry_parser.BOLD", "kdlint.urls.ARXIV_URL",
            "kdlint.pragmas.PRAGMA", "kdlint.config._SIZE"} <= names
    assert len(PATTERNS) > 40


@pytest.mark.parametrize(("name", "pattern"), PATTERNS, ids=[name for name, _ in PATTERNS])
def test_pattern_is_linear_enough(name: str, pattern: re.Pattern[str]) -> None:
    start = time.perf_counter()
    for text in INPUTS:
        pattern.search(text)
        pattern.match(text)
        for _ in pattern.finditer(text):
            pass
    elapsed = time.perf_counter() - start
    assert elapsed < BUDGET, f"{name} took {elapsed:.2f}s on {len(INPUTS)} inputs of ~{SIZE} characters"
