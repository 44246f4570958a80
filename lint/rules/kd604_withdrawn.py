"""KD604 withdrawn: an arXiv paper its authors have withdrawn.

## What it does
`kdlint verify` only. Reports an entry whose arXiv identifier's record says
the paper was withdrawn.

## Why is this bad?
A withdrawn paper's authors no longer stand by it; a curated list should
say so, or drop it.

## Example
```markdown
- **A Withdrawn Result, arXiv 2019** [[Paper]](https://arxiv.org/abs/1901.00001)
```
Use instead: drop the entry, or mark it as withdrawn.

## Fix safety
No fix: `kdlint verify` never deletes an entry.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..context import Context
from ..diagnostics import Diagnostic, Severity
from .base import Fixable, Rule


def check(ctx: Context) -> Iterator[Diagnostic]:
    if ctx.metadata is None:
        return
    for entry in ctx.entries:
        found = ctx.metadata.record(entry)
        if found is not None and found[1].withdrawn:
            yield RULE.diagnostic(f"{found[0]} was withdrawn by its authors", entry.title_span or entry.span)


RULE = Rule(code="KD604", name="withdrawn", summary="arXiv paper withdrawn by its authors (verify)",
            severity=Severity.WARNING, fixable=Fixable.NEVER, check=check, doc=__doc__ or "")
