"""KD203 impossible-year: a venue and year that cannot go together.

## What it does
Checks each known venue's year against the vocabulary: not before the
venue's first year, not after next year, and in step with its rhythm — ICCV
meets in odd years, ECCV, ICPR and COLING in even years. Venues whose rhythm
is not known for sure are checked for the range only.

## Why is this bad?
`ECCV 2025` does not exist: either the venue or the year is wrong, and a
reader looking for the paper will not find it there.

## Example
```markdown
- **Masked Generative Distillation, ECCV 2021**
```
Use instead:
```markdown
- **Masked Generative Distillation, ECCV 2022**
```

## Fix safety
No fix: kdlint cannot tell whether the venue or the year is wrong.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator

from ..context import Context
from ..diagnostics import Diagnostic, Severity
from ..model import VenueYear
from ..venues import Venue
from .base import Fixable, Rule

RHYTHM = {"odd-years": 1, "even-years": 0}


def check(ctx: Context) -> Iterator[Diagnostic]:
    next_year = datetime.date.today().year + 1
    for pair, venue, year in _known(ctx):
        if venue.first_year is not None and year < venue.first_year:
            yield RULE.diagnostic(f"{venue.name} {year} is before the first {venue.name} ({venue.first_year})",
                                  pair.span)
        elif year > next_year:
            yield RULE.diagnostic(f"{venue.name} {year} lies in the future", pair.span)
        else:
            rhythm = venue.periodicity_for(year)
            if rhythm in RHYTHM and year % 2 != RHYTHM[rhythm]:
                parity = "odd" if rhythm == "odd-years" else "even"
                yield RULE.diagnostic(f"{venue.name} is held in {parity} years only; there is no "
                                      f"{venue.name} {year}", pair.span)


def _known(ctx: Context) -> Iterator[tuple[VenueYear, Venue, int]]:
    """The known venues with a well-formed year: the entries', then those written outside entries."""
    for _, known in ctx.known_venue_years:
        yield from known
    for pair in ctx.loose_venues:
        if pair.venue and pair.year and pair.year_ok and (match := ctx.venue(pair.venue)) is not None:
            yield pair, match.venue, int(pair.year)


RULE = Rule(code="KD203", name="impossible-year", summary="Venue and year that cannot go together",
            severity=Severity.ERROR, fixable=Fixable.NEVER, check=check, doc=__doc__ or "")
