"""KD303 wrong-year-section: an entry whose years contradict its year section.

## What it does
In lists grouped by year (`## 2022`), reports an entry none of whose years is
the year of its section: `CVPR 2021` under `## 2022`.

## Why is this bad?
The section promises the year; a reader counting "the papers of 2022" gets a
wrong count and does not find the paper under 2021.

## Example
```markdown
## 2022
- **Relational Knowledge Distillation, CVPR 2019**
```
Use instead: move the entry under `## 2019`.

## Fix safety
Unsafe, and offered only when a section for the entry's first year exists
beside this one: the entry's block moves to the end of that section. The
list may group by another year than the venue's (arXiv versus publication),
so check the move. An entry written as a heading is never moved: what
belongs to it under the heading (a list of its links, a table) is not part
of its block as kdlint reads it, and would stay behind; nor is an entry
followed by indented text (a paragraph of its item, left behind as code),
nor to a section whose last entry indented text follows (the moved entry
would take that text into its own item).
"""

from __future__ import annotations

from collections.abc import Iterator

from .. import blocks
from ..context import Context
from ..diagnostics import Applicability, Diagnostic, Fix, LinesMoved, Severity
from ..model import Section
from .base import Fixable, Rule
from .kd302_year_sections import YEAR_HEADING


def _year_of(section: Section) -> int | None:
    return int(section.title) if YEAR_HEADING.match(section.title.strip()) else None


def check(ctx: Context) -> Iterator[Diagnostic]:
    by_year: dict[tuple[tuple[str, ...], int], Section] = {}
    for section in ctx.document.sections:
        year = _year_of(section)
        if year is not None and section.holds_papers:
            by_year.setdefault((section.path[:-1], year), section)
    for section in ctx.document.sections:
        year = _year_of(section)
        if year is None or not section.holds_papers:
            continue
        for entry in section.entries:
            years = [int(p.year) for p in entry.venues if p.year_ok and p.year]
            if not years or year in years:
                continue
            target = by_year.get((section.path[:-1], years[0]))
            fix = None
            if (target is not None and target.entries and not entry.heading
                    and not blocks.followed_by_indented_text(ctx.source, entry)
                    and not blocks.followed_by_indented_text(ctx.source, target.entries[-1])):
                edits = (blocks.delete(ctx.source, entry),
                         blocks.append_after(ctx.source, target.entries[-1], entry,
                                             blocks.separator(ctx.source, target.entries)))
                fix = Fix(applicability=Applicability.UNSAFE, message=f"Move the entry under `{target.title}`",
                          edits=edits, changes=(LinesMoved(),))
            said = ", ".join(str(y) for y in years)
            yield RULE.diagnostic(f"entry of {said} stands under the year section {year}",
                                  entry.title_span or entry.span, fix)


RULE = Rule(code="KD303", name="wrong-year-section", summary="Entry whose years contradict its year section",
            severity=Severity.WARNING, fixable=Fixable.SOMETIMES, check=check, doc=__doc__ or "")
