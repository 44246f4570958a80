"""KD205 arxiv-year: an arXiv preprint whose year is not its identifier's year.

## What it does
For an entry listed as an arXiv preprint (`arXiv 2019`) that links an arXiv
paper, compares the year with the year the identifier was issued: 2206.08491
was issued in 2022, cs/0601001 in 2006.

## Why is this bad?
A preprint's year is the year it appeared; another year, usually copied from
a neighbouring entry, misplaces it in a list sorted by year.

## Example
```markdown
- **Decoupled Knowledge Distillation, arXiv 2021**
  - https://arxiv.org/abs/2203.08679
```
Use instead:
```markdown
- **Decoupled Knowledge Distillation, arXiv 2022**
  - https://arxiv.org/abs/2203.08679
```

## Fix safety
Safe: the identifier fixes the year the preprint appeared.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..context import Context
from ..diagnostics import Applicability, Diagnostic, Edit, Fix, Severity, TextChange
from ..urls import arxiv_year
from .base import Fixable, Rule


def check(ctx: Context) -> Iterator[Diagnostic]:
    for entry, known in ctx.known_venue_years:
        preprints = [(pair, year) for pair, venue, year in known if venue.kind == "preprint"]
        if not preprints:
            continue
        arxiv = entry.arxiv_id
        issued = arxiv_year(arxiv) if arxiv else None
        if issued is None:
            continue
        for pair, year in preprints:
            if year == issued or pair.year_span is None or pair.year is None:
                continue
            fix = Fix(applicability=Applicability.SAFE, message=f"Write {issued}",
                      edits=(Edit.replace(pair.year_span, str(issued)),),
                      changes=(TextChange(pair.year, str(issued)),))
            yield RULE.diagnostic(f"arXiv:{arxiv} appeared in {issued}, not {pair.year}", pair.year_span, fix)


RULE = Rule(code="KD205", name="arxiv-year", summary="arXiv preprint year differs from its identifier's year",
            severity=Severity.WARNING, fixable=Fixable.ALWAYS, check=check, doc=__doc__ or "")
