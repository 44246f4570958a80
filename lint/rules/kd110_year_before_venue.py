"""KD110 year-before-venue: a year written before its venue.

## What it does
Reports a year followed by a known venue, `2022 JMI`, where every list
writes the venue first: `JMI 2022`. (Canonical-style entries put the pair
after the title's comma, where this cannot happen.)

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

from ..diagnostics import Applicability, Diagnostic, Edit, Fix, Severity, Span
from .base import Context, Fixable, Rule


def check(ctx: Context) -> Iterator[Diagnostic]:
    for entry in ctx.entries:
        for pair in entry.venues:
            if pair.venue is None or pair.year is None or pair.venue_span is None or pair.year_span is None:
                continue
            if pair.year_span.column > pair.venue_span.column or pair.year_span.line != pair.venue_span.line:
                continue
            between = ctx.source.line(pair.year_span.line)[pair.year_span.end_column - 1 : pair.venue_span.column - 1]
            if between.strip():
                continue  # a year column before a venue column: two cells, not one misordered pair
            span = Span(line=pair.year_span.line, column=pair.year_span.column, end_line=pair.venue_span.line,
                        end_column=pair.venue_span.end_column)
            fix = Fix(applicability=Applicability.SAFE, message=f"Write `{pair.venue} {pair.year}`",
                      edits=(Edit.replace(span, f"{pair.venue} {pair.year}"),))
            yield RULE.diagnostic(f"year before its venue: write `{pair.venue} {pair.year}`", span, fix)


RULE = Rule(code="KD110", name="year-before-venue", summary="Year written before its venue",
            severity=Severity.WARNING, fixable=Fixable.ALWAYS, check=check, doc=__doc__ or "")
