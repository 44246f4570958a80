"""KD602 record-authors: an entry's authors are not those of the paper its identifier names.

## What it does
`kdlint verify` only. For an entry with authors and a paper identifier,
compares its authors with those of the identifier's record (the family
name of one spelling a word of the other: `K. He`, `He Kaiming` and `Kaiming
He` are one person). Reported when the first authors differ and fewer than half of the
entry's authors are among the record's: a swapped author list, not a
spelling or an abridged list (`He et al.`, `K. He, X. Zhang` are fine).

## Why is this bad?
Author lines are copied from the entry above more often than they are
typed; a wrong one credits other people with the paper.

## Example
```markdown
- **Deep Residual Learning for Image Recognition, CVPR 2016** [[Paper]](https://arxiv.org/abs/1512.03385)
  - *Geoffrey Hinton, Oriol Vinyals, Jeff Dean*
```
Use instead:
```markdown
  - *Kaiming He, Xiangyu Zhang, Shaoqing Ren, Jian Sun*
```

## Fix safety
No fix: the record's author names are not always written the way the list
writes names.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..context import Context
from ..diagnostics import Diagnostic, Severity
from .base import Fixable, Rule

SHOWN = 3  # the record's authors named in the message
NOT_NAMES = frozenset({"et", "al", "others", "etc", "and"})  # `et al.`, `and others`: no one's name


def check(ctx: Context) -> Iterator[Diagnostic]:
    if ctx.metadata is None:
        return
    from ..online.text import name_tokens, same_person

    for entry in ctx.entries:
        found = ctx.metadata.record(entry)
        if found is None or entry.authors is None:
            continue
        pid, paper = found
        written = [name for name in entry.authors.names if not NOT_NAMES.issuperset(name_tokens(name))]
        recorded = list(paper.authors)
        if not written or not recorded or same_person(written[0], recorded[0]):
            continue
        shared = sum(any(same_person(name, other) for other in recorded) for name in written)
        if 2 * shared >= len(written):
            continue
        names = ", ".join(paper.authors[:SHOWN]) + (", ..." if len(paper.authors) > SHOWN else "")
        yield RULE.diagnostic(f"authors differ from {pid}'s record: {names}", entry.authors.text_span)


RULE = Rule(code="KD602", name="record-authors", summary="authors differ from the identifier's record (verify)",
            severity=Severity.WARNING, fixable=Fixable.NEVER, check=check, doc=__doc__ or "")
