"""KD105 authors: an entry's author list is missing or not italic.

## What it does
Checks that a canonical-style entry has a sub-bullet with its authors in
italics: `  - *Adriana Romero, Nicolas Ballas, Yoshua Bengio.*`
A missing author list is reported only where the list's own house style
gives authors (`kdlint.house_style`: at least half its entries), or when
`style` is configured: a list that never names authors is not told so on
every entry.

## Why is this bad?
Authors are how readers recognise a paper and how a list tells two papers
with similar titles apart. Italics keep the author line visually distinct
from the links above it.

## Example
```markdown
- **FitNets: Hints for Thin Deep Nets, ICLR 2015**
  - https://arxiv.org/abs/1412.6550
  - Adriana Romero, Nicolas Ballas, Yoshua Bengio.
```
Use instead:
```markdown
- **FitNets: Hints for Thin Deep Nets, ICLR 2015**
  - https://arxiv.org/abs/1412.6550
  - *Adriana Romero, Nicolas Ballas, Yoshua Bengio.*
```

## Fix safety
A plain author line is wrapped in `*`; the fix is safe because it changes
only the emphasis, never a name. A missing author list has no fix.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..context import Context
from ..diagnostics import Applicability, Diagnostic, Edit, Fix, Severity
from .base import Fixable, Rule


def check(ctx: Context) -> Iterator[Diagnostic]:
    for entry in ctx.bold_entries:
        authors = entry.authors
        if authors is None:
            if not ctx.conventions(entry).authors:
                continue  # the list does not give authors
            yield RULE.diagnostic("author list missing (expected a sub-bullet `*Author One, Author Two.*`)",
                                  entry.bold_span or entry.title_span or entry.span)
        elif not authors.italic and authors.line != entry.line:  # names on the title line are another style
            span = authors.span
            fix = None
            if not any(ch in authors.text for ch in "*_`"):
                fix = Fix(applicability=Applicability.SAFE, message="Wrap the author list in `*`",
                          edits=(Edit.insert(span.line, span.column, "*"),
                                 Edit.insert(span.line, span.end_column, "*")))
            yield RULE.diagnostic("author list is not italic", span, fix)


RULE = Rule(code="KD105", name="authors", summary="Entry authors missing or not italic",
            severity=Severity.ERROR, fixable=Fixable.SOMETIMES, check=check, doc=__doc__ or "")
