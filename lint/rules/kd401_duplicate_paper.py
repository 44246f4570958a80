"""KD401 duplicate-paper: the same paper listed twice, by identifier.

## What it does
Reports an entry that shares a paper identifier (arXiv id, DOI, OpenReview
id, CVF / NeurIPS / ACL Anthology / PMLR paper page) and its title with an
earlier entry, across sections too; the message names the earlier entry's
line. With `allow-cross-section-duplicates = true`, only duplicates within
one section are reported. Two titles under one identifier are KD404's.

## Why is this bad?
A paper listed twice inflates the list, and the two copies drift apart as
one of them gets corrected and the other does not.

## Example
```markdown
- **Deep Mutual Learning, CVPR 2018**
  - https://arxiv.org/abs/1706.00384
...
- **Deep Mutual Learning, CVPR 2018**
  - https://arxiv.org/pdf/1706.00384v2.pdf
```
Use instead: keep one of them.

## Fix safety
Unsafe, and offered only when the two entries stand in one section (a list
may cross-list a paper on purpose) and read the same letter for letter,
spacing aside: the later copy is removed. Not offered when indented text follows
the copy: it belongs to the copy's item, or it is code that would join the
block before.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..context import Context
from ..diagnostics import Diagnostic, Severity
from ..duplicates import removal, same_title
from .base import Fixable, Rule


def check(ctx: Context) -> Iterator[Diagnostic]:
    for earlier, later, pid in ctx.id_pairs:
        if earlier.title and later.title and not same_title(earlier, later):
            continue  # KD404
        yield RULE.diagnostic(f"same paper as line {earlier.line} ({pid})", later.title_span or later.span,
                              removal(ctx.source, earlier, later), related=(earlier.span,))


RULE = Rule(code="KD401", name="duplicate-paper", summary="The same paper twice, by identifier",
            severity=Severity.ERROR, fixable=Fixable.SOMETIMES, check=check, doc=__doc__ or "")
