"""KD104 paper-link: an entry has no link to the paper.

## What it does
Checks that a canonical-style entry links to the paper itself: a sub-bullet
holding the paper URL, or an inline `[[Paper]](url)` on the title line,
where the list's own house style links its papers (`kdlint.house_style`), or
when `style` is configured.

## Why is this bad?
A list entry that cannot be followed to the paper is a dead end, and without
the URL kdlint cannot tell the paper's arXiv id, DOI or OpenReview id, so
duplicates and impossible years go unnoticed.

## Example
```markdown
- **Holistic Weighted Distillation for Semantic Segmentation, ICME 2023** [[Pytorch]](https://github.com/zju-SWJ/HWD)
  - *Wujie Sun, Defang Chen, Can Wang.*
```
Use instead:
```markdown
- **Holistic Weighted Distillation for Semantic Segmentation, ICME 2023** [[PyTorch]](https://github.com/zju-SWJ/HWD)
  - https://ieeexplore.ieee.org/document/10219719
  - *Wujie Sun, Defang Chen, Can Wang.*
```

## Fix safety
No fix: kdlint does not look papers up.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..diagnostics import Diagnostic, Severity
from .base import Context, Fixable, Rule


def check(ctx: Context) -> Iterator[Diagnostic]:
    for entry in ctx.bold_entries:
        if entry.paper_link is None and ctx.conventions(entry).paper_link:
            span = entry.bold_span or entry.title_span or entry.span
            yield RULE.diagnostic("no paper link (expected a sub-bullet with the paper URL, or [[Paper]](url))", span)


RULE = Rule(code="KD104", name="paper-link", summary="Entry has no link to the paper",
            severity=Severity.ERROR, fixable=Fixable.NEVER, check=check, doc=__doc__ or "")
