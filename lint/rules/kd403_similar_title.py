"""KD403 similar-title: nearly the same title twice.

## What it does
Reports an entry whose normalised title is nearly the same as an earlier
one's (rapidfuzz ratio at or above `title-similarity`, 95 by default) without
being equal: a typo, a plural, a dropped word. The message names the earlier
line and the similarity. Titles are never compared all against all: only
titles sharing a rare word are.

## Why is this bad?
Near-identical titles are usually one paper entered twice, once with a typo.

## Example
```markdown
- **Distilling Knowledge via Knowledge Review, CVPR 2021**
...
- **Distilling Knowledge via Knowledge Reviews, CVPR 2021**
```
Use instead: keep one entry.

## Fix safety
No fix: similar titles can be different papers (a paper and its sequel).
"""

from __future__ import annotations

from collections.abc import Iterator

from ..context import Context
from ..diagnostics import Diagnostic, Severity
from ..duplicates import shared_ids, similar_pairs
from .base import Fixable, Rule


def check(ctx: Context) -> Iterator[Diagnostic]:
    for earlier, later, score in similar_pairs(ctx.titles, ctx.reports_cross_section, ctx.settings.title_similarity):
        if shared_ids(earlier, later):
            continue  # KD401/KD404 speak of this pair
        yield RULE.diagnostic(f"title nearly the same as line {earlier.line}'s ({score:.0f}% alike): "
                              f"`{earlier.title}`", later.title_span or later.span, related=(earlier.span,))


RULE = Rule(code="KD403", name="similar-title", summary="Nearly the same title twice",
            severity=Severity.WARNING, fixable=Fixable.NEVER, check=check, doc=__doc__ or "")
