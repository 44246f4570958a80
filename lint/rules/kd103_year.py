"""KD103 year: an entry's year is missing or malformed.

## What it does
Checks that every venue of a canonical-style entry is followed by a
four-digit year (`CVPR 2019`), and that an entry without any venue still
gives its year. A missing year is reported only where the list's own house
style gives years (`kdlint.house_style`), or when `style` is configured, and
never for an entry whose section heading gives its year (`## 2021`); a
malformed one always.

## Why is this bad?
The year orders the list and tells a reader how recent a method is;
`CVPR'19`, `CVPR 19` and `CVPR 20019` defeat sorting and searching.

## Example
```markdown
- **Fast Sampling of Diffusion Models via Operator Learning**
  - https://arxiv.org/abs/2211.13449
```
Use instead:
```markdown
- **Fast Sampling of Diffusion Models via Operator Learning, arXiv 2022**
  - https://arxiv.org/abs/2211.13449
```

## Fix safety
Unsafe, and offered only when kdlint has evidence: a two-digit year (`'19`)
becomes `2019`; otherwise the year the entry's arXiv identifier was issued
(2211.13449 gives 2022) is inserted, with `arXiv` as the venue when the entry
names none. A paper often appears at a venue a year after its preprint, so
check the result. No year or venue is ever added to an entry that writes a
year anywhere on its lines, in a venue pair or not (`| **[CVPR' 20]** |`, `"Title", NeurIPS, 2019`):
there kdlint misread where the entry keeps it, and an insertion would give
the entry two.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..context import Context, blank_link_targets, short_year
from ..diagnostics import Applicability, Change, Diagnostic, Edit, Fix, Severity, TextChange, YearAdded
from ..model import Entry
from ..preserve import YEAR_WRITTEN
from ..urls import arxiv_year
from .base import Fixable, Rule


def _year_written(ctx: Context, entry: Entry) -> bool:
    """Whether the entry's text, links aside, writes a year anywhere (in a venue pair kdlint read or not): then
    no fix adds one."""
    return any(YEAR_WRITTEN.search(blank_link_targets(ctx.source.line(number))) for number in entry.lines)


def _unsafe(message: str, edit: Edit, change: Change) -> Fix:
    return Fix(applicability=Applicability.UNSAFE, message=message, edits=(edit,), changes=(change,))


def _arxiv_year(entry: Entry) -> tuple[str | None, int | None]:
    """The entry's arXiv identifier and the year it was issued, which a fix can use."""
    arxiv = entry.arxiv_id
    return arxiv, (arxiv_year(arxiv) if arxiv else None)


def check(ctx: Context) -> Iterator[Diagnostic]:
    for entry in ctx.bold_entries:
        if entry.title_span is None:
            continue
        if not entry.venues:
            if not ctx.conventions(entry).year or entry.section_year is not None:
                continue  # the list does not give years
            arxiv, year = _arxiv_year(entry)
            fix = None
            if year is not None and entry.bold_span is not None and not _year_written(ctx, entry):
                end = entry.bold_span
                fix = _unsafe(f"Add `, arXiv {year}` (the year of arXiv:{arxiv})",
                              Edit.insert(end.line, end.end_column - 2, f", arXiv {year}"),
                              YearAdded(f"arXiv {year}", tuple(entry.lines)))
            yield RULE.diagnostic("year missing after the title", entry.bold_span or entry.title_span, fix)
            continue
        for pair in entry.venues:
            if pair.year is None:
                if not ctx.conventions(entry).year or entry.section_year is not None:
                    continue
                arxiv, year = _arxiv_year(entry)
                fix = None
                if year is not None and pair.venue_span is not None and not _year_written(ctx, entry):
                    fix = _unsafe(f"Add the year {year} of arXiv:{arxiv}",
                                  Edit.insert(pair.venue_span.line, pair.venue_span.end_column, f" {year}"),
                                  YearAdded(str(year), tuple(entry.lines)))
                yield RULE.diagnostic(f"year missing after venue `{pair.venue}`", pair.span, fix)
            elif not pair.year_ok and pair.year_span is not None:
                arxiv, year = _arxiv_year(entry)
                line = ctx.source.line(pair.year_span.line)
                space = "" if line[pair.year_span.column - 2] == " " else " "
                digits = pair.year.lstrip("' \t")  # `CVPR'19`, `CVPR' 19`
                fix = None
                if len(digits) == 2 and digits.isdigit():
                    full = str(short_year(digits))
                    fix = _unsafe(f"Write the year as {full}", Edit.replace(pair.year_span, space + full),
                                  TextChange(pair.year, full))
                elif year is not None:
                    fix = _unsafe(f"Use the year {year} of arXiv:{arxiv}",
                                  Edit.replace(pair.year_span, f"{space}{year}"), TextChange(pair.year, str(year)))
                yield RULE.diagnostic(f"malformed year `{pair.year}` (expected four digits, like 2019)",
                                      pair.year_span, fix)


RULE = Rule(code="KD103", name="year", summary="Entry year missing or malformed",
            severity=Severity.ERROR, fixable=Fixable.SOMETIMES, check=check, doc=__doc__ or "")
