"""KD302 year-sections: year sections out of order.

## What it does
In lists grouped by year (`## 2023`, `## 2022`, ...), checks that sibling year
headings follow one direction, the one most of them already follow (newest
first in most lists), and reports the headings outside the longest run in
that order.

## Why is this bad?
Readers scroll to a year; a year section out of place is one they skip.

## Example
```markdown
## 2023
## 2021
## 2022
```
Use instead:
```markdown
## 2023
## 2022
## 2021
```

## Fix safety
No fix: moving whole sections is left to you.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator

from ..context import Context
from ..diagnostics import Diagnostic, Severity, Span
from ..model import Heading
from ..ordering import longest_in_order
from .base import Fixable, Rule

YEAR_HEADING = re.compile(r"^(?:19|20)\d\d$")


def year_runs(headings: tuple[Heading, ...]) -> list[list[Heading]]:
    """Sibling year headings: same level, no heading of a higher level between them."""
    runs: list[list[Heading]] = []
    current: list[Heading] = []
    for heading in headings:
        if heading.entry:
            continue
        if YEAR_HEADING.match(heading.plain.strip()):
            if current and current[0].level != heading.level:
                runs.append(current)
                current = []
            current.append(heading)
        elif current and heading.level <= current[0].level:
            runs.append(current)
            current = []
    if current:
        runs.append(current)
    return [run for run in runs if len(run) >= 2]


def check(ctx: Context) -> Iterator[Diagnostic]:
    for run in year_runs(ctx.document.headings):
        years = [int(h.plain.strip()) for h in run]
        pairs = list(itertools.pairwise(years))
        descending = sum(a > b for a, b in pairs) >= sum(a < b for a, b in pairs)
        keep = longest_in_order([-y for y in years] if descending else years)
        direction = "newest first" if descending else "oldest first"
        for i, heading in enumerate(run):
            if i not in keep:
                text = ctx.source.line(heading.line)
                yield RULE.diagnostic(f"year section {years[i]} is out of order: these sections run {direction}",
                                      Span.on_line(heading.line, 0, len(text.rstrip())))


RULE = Rule(code="KD302", name="year-sections", summary="Year sections out of order",
            severity=Severity.WARNING, fixable=Fixable.NEVER, check=check, doc=__doc__ or "")
