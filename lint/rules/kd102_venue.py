"""KD102 venue: an entry names no venue.

## What it does
Checks that a canonical-style entry says where the paper appeared, after its
title inside the bold text: `**Title, Venue Year**` (`arXiv Year` for a
preprint). Several pairs may follow each other: `CVPR 2019, TPAMI 2020`.
A missing venue is reported only where the list's own house style gives
venues (`kdlint.house_style`: at least half its entries), or when `style` is
configured.

## Why is this bad?
Readers filter a list by venue, and a missing venue hides whether a paper
was peer reviewed at all.

## Example
```markdown
- **Knowledge Distillation in Iterative Generative Models for Improved Sampling Speed**
```
Use instead:
```markdown
- **Knowledge Distillation in Iterative Generative Models for Improved Sampling Speed, arXiv 2021**
```

## Fix safety
No fix: only the author of the entry knows the venue. When the entry has an
arXiv link, KD103 offers `arXiv Year` as an unsafe fix.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..context import Context
from ..diagnostics import Diagnostic, Severity
from .base import Fixable, Rule


def check(ctx: Context) -> Iterator[Diagnostic]:
    for entry in ctx.bold_entries:
        if entry.title_span is None or any(pair.venue for pair in entry.venues) or not ctx.conventions(entry).venue:
            continue
        years = [pair for pair in entry.venues if pair.year]
        if years:
            yield RULE.diagnostic(f"year {years[0].year} has no venue before it", years[0].span)
        else:
            yield RULE.diagnostic("venue missing after the title (expected `Title, Venue Year`)",
                                  entry.bold_span or entry.title_span)


RULE = Rule(code="KD102", name="venue", summary="Entry names no venue",
            severity=Severity.ERROR, fixable=Fixable.NEVER, check=check, doc=__doc__ or "")
