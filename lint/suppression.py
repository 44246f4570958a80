"""Apply suppression pragmas to findings, and record which pragma suppressed what."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .diagnostics import Diagnostic
from .model import Pragma
from .codes import matches

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
    open_disables: list[int] = []
    closes: dict[int, int] = {}
    stray: set[int] = set()
    for index, pragma in enumerate(pragmas):
        if pragma.kind == "disable":
            open_disables.append(index)
        elif pragma.kind == "enable":
            closed = [i for i in open_disables
                      if not pragma.codes or (pragmas[i].codes and _overlap(pragmas[i].codes, pragma.codes))]
            if not closed:
                stray.add(index)
            for i in closed:
                open_disables.remove(i)
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


def apply(found: Sequence[Diagnostic], pragmas: Sequence[Pragma]) -> tuple[list[Diagnostic], dict[int, frozenset[str]], frozenset[int]]:
    """Findings no pragma covers; for each pragma the selectors that suppressed something; stray enables."""
    if not pragmas:
        return list(found), {}, frozenset()
    ranges, stray = suppressors(pragmas)
    # A list may hold a disable-next-line for hundreds of lines: those are looked up by line, not scanned.
    one_line: dict[int, list[Suppressor]] = {}
    longer: list[Suppressor] = []
    for s in ranges:
        if s.first == s.last:
            one_line.setdefault(s.first, []).append(s)
        else:
            longer.append(s)
    use: dict[int, set[str]] = {}
    kept: list[Diagnostic] = []
    for diagnostic in found:
        line = diagnostic.span.line
        hit = False
        for s in (*one_line.get(line, ()), *longer):
            if s.first <= line <= s.last:
                for selector in s.selectors:
                    if selector == EVERY_RULE or matches(selector, diagnostic.code):
                        use.setdefault(s.pragma, set()).add(selector)
                        hit = True
        if not hit:
            kept.append(diagnostic)
    return kept, {k: frozenset(v) for k, v in use.items()}, frozenset(stray)
