"""KD110 year-before-venue: a year written before its venue.

## What it does
Reports a year followed by a known venue, `2022 JMI`, where every list
writes the venue first: `JMI 2022`. (Canonical-style entries put the pair
after the title's comma, where this cannot happen.) A list that writes at
least half its pairs year first keeps that as its house style and is not
told so.

## Why is this bad?
Venue and year are read, sorted and compared as a pair; written backwards,
the pair reads like part of the title to anyone scanning the list.

## Example
```markdown
### Knowledge Distillation with Ensembles of CNNs for Medical Image Segmentation 2022 JMI [[paper]](https://example.org)
```
Use instead:
```markdown
### Knowledge Distillation with Ensembles of CNNs for Medical Image Segmentation JMI 2022 [[paper]](https://example.org)
```

## Fix safety
Safe: the two words swap places; nothing else changes.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..context import Context
from ..diagnostics import Applicability, Diagnostic, Edit, Fix, Severity, Span, TextChange
from ..house_style import HOUSE_STYLE_LEAST
from ..model import VenueYear
from .base import Fixable, Rule


def _backwards(ctx: Context, pair: VenueYear) -> Span | None:
    """The span of `Year Venue` written as one run of text (not two table cells), or None."""
    if pair.venue is None or pair.year is None or pair.venue_span is None or pair.year_span is None:
        return None
    if pair.year_span.column > pair.venue_span.column or pair.year_span.line != pair.venue_span.line:
        return None
    between = ctx.source.line(pair.year_span.line)[pair.year_span.end_column - 1 : pair.venue_span.column - 1]
    if between.strip():
        return None  # a year column before a venue column: two cells, not one misordered pair
    return Span(line=pair.year_span.line, column=pair.year_span.column, end_line=pair.venue_span.line,
                end_column=pair.venue_span.end_column)


def check(ctx: Context) -> Iterator[Diagnostic]:
    pairs = [pair for entry in ctx.entries for pair in entry.venues if pair.venue and pair.year]
    backwards = [(pair, span) for pair in pairs if (span := _backwards(ctx, pair)) is not None]
    if len(backwards) >= HOUSE_STYLE_LEAST and len(backwards) * 2 >= len(pairs):
        return  # the list writes `[2024 TPAMI]` throughout: its house style, not a slip
    for pair, span in backwards:
        fix = Fix(applicability=Applicability.SAFE, message=f"Write `{pair.venue} {pair.year}`",
                  edits=(Edit.replace(span, f"{pair.venue} {pair.year}"),),
                  changes=(TextChange(f"{pair.year} {pair.venue}", f"{pair.venue} {pair.year}"),))
        yield RULE.diagnostic(f"year before its venue: write `{pair.venue} {pair.year}`", span, fix)


RULE = Rule(code="KD110", name="year-before-venue", summary="Year written before its venue",
            severity=Severity.WARNING, fixable=Fixable.ALWAYS, check=check, doc=__doc__ or "")
