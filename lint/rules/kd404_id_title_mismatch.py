"""KD404 id-title-mismatch: one paper identifier under two different titles.

## What it does
Reports an entry that shares a paper identifier with an earlier entry whose
title is different: "renamed paper or wrong link". Both lines are named.

## Why is this bad?
In real lists most such pairs are a paper renamed between its preprint and
its publication, listed twice; the rest are a link copied from the entry
above. Either way one of the two entries is wrong.

## Example
```markdown
- **Deep Mutual Learning, CVPR 2018** [[Paper]](https://arxiv.org/abs/1804.03235)
- **Large scale distributed neural network training through online distillation, ICLR 2018** [[Paper]](https://arxiv.org/abs/1804.03235)
```
Use instead: the right link for each (Deep Mutual Learning is 1706.00384).

## Fix safety
No fix: kdlint cannot tell which of the two is wrong.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..context import Context
from ..diagnostics import Diagnostic, Severity
from ..duplicates import same_title
from .base import Fixable, Rule


def check(ctx: Context) -> Iterator[Diagnostic]:
    for earlier, later, pid in ctx.id_pairs:
        if not earlier.title or not later.title or same_title(earlier, later):
            continue  # KD401
        yield RULE.diagnostic(f"{pid} is also the link of line {earlier.line} under another title "
                              f"(`{earlier.title}`): a renamed paper or a wrong link", later.title_span or later.span,
                              related=(earlier.span,))


RULE = Rule(code="KD404", name="id-title-mismatch", summary="One identifier under two titles",
            severity=Severity.ERROR, fixable=Fixable.NEVER, check=check, doc=__doc__ or "")
