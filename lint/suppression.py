"""Apply suppression pragmas to findings, and record which pragma suppressed what."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .diagnostics import Diagnostic
from .model import Pragma

EVERY_RULE = ""  # the selector a pragma without codes stands for


@dataclass(frozen=True)
class Suppressor:
    pragma: int  # index into the document's pragmas
    selectors: tuple[str, ...]  # (EVERY_RULE,) for a pragma without codes
    first: int
    last: int  # inclusive; a large number for "to the end"


def _overlap(a: Sequence[str], b: Sequence[str]) -> bool:
    return any(x.startswith(y) or y.startswith(x) for x in a for y in b)


def suppressors(pragmas: Sequence[Pragma]) -> tuple[list[Suppressor], set[int]]:
    """The line ranges each pragma covers, and the `enable` pragmas that close nothing."""
    end = 1 << 30
    found: list[Suppressor] = []
    # The open disables, and those of them with each code: an `enable` with codes looks at the codes in
    # use (valid codes are the prefixes of the rules' codes, a few dozen) and not at every open disable,
    # which is quadratic on thousands of disables. Dicts keep the order and remove in constant time.
    open_disables: dict[int, None] = {}
    open_by_code: dict[str, dict[int, None]] = {}
    closes: dict[int, int] = {}
    stray: set[int] = set()
    for index, pragma in enumerate(pragmas):
        if pragma.kind == "disable":
            open_disables[index] = None
            for code in pragma.codes:
                open_by_code.setdefault(code, {})[index] = None
        elif pragma.kind == "enable":
            if pragma.codes:
                closed = list(dict.fromkeys(i for code, disables in open_by_code.items()
                                            if disables and _overlap((code,), pragma.codes) for i in disables))
            else:
                closed = list(open_disables)
            if not closed:
                stray.add(index)
            for i in closed:
                del open_disables[i]
                for code in pragmas[i].codes:
                    open_by_code[code].pop(i, None)
                closes[i] = pragma.line
    for index, pragma in enumerate(pragmas):
        selectors = pragma.codes or (EVERY_RULE,)
        if pragma.kind == "disable-file":
            found.append(Suppressor(index, selectors, 1, end))
        elif pragma.kind == "disable-next-line":
            found.append(Suppressor(index, selectors, pragma.line + 1, pragma.line + 1))
        elif pragma.kind == "disable":
            found.append(Suppressor(index, selectors, pragma.line, closes.get(index, end)))
    return found, stray


def _matching(code: str) -> tuple[str, ...]:
    """Every selector that `codes.matches` accepts for a rule code: `ALL` and its prefixes, EVERY_RULE too."""
    return ("ALL", *(code[:length] for length in range(len(code) + 1)))


def _merged(ranges: Iterable[tuple[int, int]]) -> tuple[list[int], list[int]]:
    """The lines some of the (first, last) ranges cover, as disjoint ranges: their firsts and lasts, to bisect."""
    firsts: list[int] = []
    lasts: list[int] = []
    for first, last in sorted(ranges):
        if lasts and first <= lasts[-1] + 1:
            lasts[-1] = max(lasts[-1], last)
        else:
            firsts.append(first)
            lasts.append(last)
    return firsts, lasts


def apply(found: Sequence[Diagnostic],
          pragmas: Sequence[Pragma]) -> tuple[list[Diagnostic], dict[int, frozenset[str]], frozenset[int]]:
    """Findings no pragma covers; for each pragma the selectors that suppressed something; stray enables."""
    if not pragmas:
        return list(found), {}, frozenset()
    ranges, stray = suppressors(pragmas)
    # A list may hold thousands of pragmas and of findings: rather than try every range on every finding,
    # a finding looks up the few selectors that match its code in the lines each selector covers, and a
    # range is used when a finding its selector matches lies in it, found by bisecting those lines.
    by_selector: dict[str, list[Suppressor]] = {}
    for s in ranges:
        for selector in dict.fromkeys(s.selectors):
            by_selector.setdefault(selector, []).append(s)
    covered = {selector: _merged((s.first, s.last) for s in group) for selector, group in by_selector.items()}
    suppressed_lines: dict[str, list[int]] = {}
    kept: list[Diagnostic] = []
    for diagnostic in found:
        line = diagnostic.span.line
        hit = False
        for selector in _matching(diagnostic.code):
            if selector not in covered:
                continue
            firsts, lasts = covered[selector]
            k = bisect_right(firsts, line) - 1
            if k >= 0 and lasts[k] >= line:
                suppressed_lines.setdefault(selector, []).append(line)
                hit = True
        if not hit:
            kept.append(diagnostic)
    use: dict[int, set[str]] = {}
    for selector, group in by_selector.items():
        lines = sorted(suppressed_lines.get(selector, ()))
        for s in group:
            k = bisect_left(lines, s.first)
            if k < len(lines) and lines[k] <= s.last:
                use.setdefault(s.pragma, set()).add(selector)
    return kept, {k: frozenset(v) for k, v in use.items()}, frozenset(stray)
