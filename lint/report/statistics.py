"""`--statistics`: how many findings of each rule, and how many of them are fixable."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence

from ..rules import BY_CODE
from . import FileResult


def counts(results: Sequence[FileResult], unsafe: bool) -> list[tuple[str, int, int]]:
    total: Counter[str] = Counter()
    fixable: Counter[str] = Counter()
    for result in results:
        for d in result.diagnostics:
            total[d.code] += 1
            if d.fixable(unsafe):
                fixable[d.code] += 1
    return [(code, total[code], fixable[code]) for code in sorted(total, key=lambda c: (-total[c], c))]


def render(results: Sequence[FileResult], unsafe: bool = False, as_json: bool = False, legend: bool = True) -> str:
    """One line per rule: count, code, `[*]` (all fixable) or `[-]` (some), name; then what the marks mean."""
    rows = counts(results, unsafe)
    if as_json:
        return json.dumps([{"code": code, "name": BY_CODE[code].name, "count": n, "fixable": f}
                           for code, n, f in rows], indent=2) + "\n"
    width = max((len(str(n)) for _, n, _ in rows), default=1)
    lines = [f"{n:>{width}}\t{code}\t{'[*]' if f == n else '[-]' if f else '   '} {BY_CODE[code].name}"
             for code, n, f in rows]
    if legend:  # what the marks shown mean, as the text report's summary says what [*] means
        command = "kdlint fix --unsafe-fixes" if unsafe else "kdlint fix"
        shown = {"[*]" if f == n else "[-]" for _, n, f in rows if f}
        lines += [f"{mark} {how} fixable with `{command}`" for mark, how in (("[*]", "all"), ("[-]", "some"))
                  if mark in shown]
    return "".join(line + "\n" for line in lines)
