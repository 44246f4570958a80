"""KD104 paper-link: an entry has no link to the paper.

## What it does
Checks that a canonical-style entry links to the paper itself: a sub-bullet
holding the paper URL, or an inline `[[Paper]](url)` on the title line,
where the list's own house style links its papers (`kdlint.house_style`), or
when `style` is configured. An entry whose links stand in raw HTML right below
it, or in a line wrapped in HTML tags (`<div align="center">[[Paper](url)]`),
has them where kdlint does not read them as the entry's and is not reported.

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

from ..context import Context
from ..diagnostics import Diagnostic, Severity
from ..model import Entry
from .base import Fixable, Rule


def check(ctx: Context) -> Iterator[Diagnostic]:
    for entry in ctx.bold_entries:
        if entry.paper_link is None and ctx.conventions(entry).paper_link and not _links_in_html_below(ctx, entry):
            span = entry.bold_span or entry.title_span or entry.span
            yield RULE.diagnostic("no paper link (expected a sub-bullet with the paper URL, or [[Paper]](url))", span)


def _links_in_html_below(ctx: Context, entry: Entry) -> bool:
    """Whether the raw HTML right after `entry` (HTML blocks and lines that open with a tag, blank lines
    between them aside) holds a link."""
    html = ctx.document.html_lines
    number = entry.end_line + 1
    while number <= ctx.source.line_count:
        text = ctx.source.line(number)
        if text.strip() and number not in html and not text.lstrip().startswith("<"):
            return False
        if "](http" in text or "href=" in text:
            return True
        number += 1
    return False


RULE = Rule(code="KD104", name="paper-link", summary="Entry has no link to the paper",
            severity=Severity.ERROR, fixable=Fixable.NEVER, check=check, doc=__doc__ or "")
