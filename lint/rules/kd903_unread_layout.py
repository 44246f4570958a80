"""KD903 unread-layout: a section holds what look like papers in a layout kdlint cannot read.

## What it does
Counts, in each section, the lines outside the entries kdlint read that link
a paper by its identifier (arXiv, DOI, OpenReview, CVF, NeurIPS, ACL
Anthology, PMLR). When there are at least three of them, and more than the
entries kdlint read in that section, it says so once, on the first such line,
with their number.

## Why is this bad?
The entry rules (venue spelling, impossible years, duplicates, order) see
only the entries kdlint reads. Rather than guess per line and report three
"missing" findings on an entry it misread, kdlint tells once that it could
not read the layout, so the silence of the other rules on that section is not
taken for a clean bill. The link rules still check every link there.

## Example
```markdown
## Papers

Distilling the Knowledge in a Neural Network ~ https://arxiv.org/abs/1503.02531
FitNets: Hints for Thin Deep Nets ~ https://arxiv.org/abs/1412.6550
Deep Mutual Learning ~ https://arxiv.org/abs/1706.00384
```
Use instead: one of the layouts kdlint reads (see `kdlint check -v`), such
as the canonical one:
```markdown
- **Distilling the Knowledge in a Neural Network, arXiv 2015**
  - https://arxiv.org/abs/1503.02531
```

## Fix safety
No fix: only a person can say how the list means its entries to be read.
Silence it for a section with `<!-- kdlint-disable-next-line KD903 -->`
above the line it names, or for a list with `ignore = ["KD903"]`.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator

from ..context import Context
from ..diagnostics import Diagnostic, Severity, Span
from ..model import CONFIGURED
from ..urls import paper_ids
from .base import Fixable, Rule

LEAST = 3  # fewer unread paper lines than this in a section are strays, not a layout


def check(ctx: Context) -> Iterator[Diagnostic]:
    sections = ctx.document.sections
    starts = [s.line for s in sections]
    unread: dict[int, list[int]] = {}  # index of the section -> its unread lines that link a paper
    for link in ctx.loose_links:
        number = link.span.line
        if paper_ids(link.url):
            numbers = unread.setdefault(bisect_right(starts, number) - 1, [])
            if not numbers or numbers[-1] != number:
                numbers.append(number)
    for where, numbers in sorted(unread.items()):
        section = sections[where]
        if section.skip_reason == CONFIGURED or len(numbers) < LEAST or len(numbers) <= len(section.entries):
            continue
        first = numbers[0]
        text = ctx.source.line(first)
        shown = " ".join(text.split())
        shown = shown if len(shown) <= 60 else shown[:57] + "..."
        name = f"section `{section.title}`" if section.title else "the text before the first heading"
        yield RULE.diagnostic(
            f"{len(numbers)} lines of {name} link papers in a layout kdlint cannot read as entries "
            f"(this one: `{shown}`); the entry rules do not check them",
            Span.on_line(first, len(text) - len(text.lstrip()), len(text.rstrip())))


RULE = Rule(code="KD903", name="unread-layout", summary="Papers in a layout kdlint cannot read",
            severity=Severity.WARNING, fixable=Fixable.NEVER, check=check, doc=__doc__ or "")
