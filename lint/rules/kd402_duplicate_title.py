"""KD402 duplicate-title: the same title twice.

## What it does
Reports an entry whose title equals an earlier entry's once case,
punctuation, Unicode forms and spacing are folded (`Knowledge Distillation: A
Survey` and `knowledge distillation - a survey`), when the two do not share
an identifier (that is KD401's). The message names the earlier line, one in
the same section when there is one. An entry that links only a recording
(YouTube, Vimeo, SlidesLive ...) is a talk about a paper, not a copy of it.
A title of SHORT_TITLE words or fewer names many works (`Deep learning`, the
book and the Nature review): it counts only when the two entries also name
the same venues, in the same years.

## Why is this bad?
The same title twice is the same paper listed twice, often once as the
preprint and once as the published version.

## Example
```markdown
- **Knowledge Distillation: A Survey, IJCV 2021**
  - https://link.springer.com/article/10.1007/s11263-021-01453-z
...
- **Knowledge distillation - a survey, arXiv 2020**
  - https://arxiv.org/abs/2006.05525
```
Use instead: keep one entry, with both links if they matter.

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
from ..duplicates import removal, shared_ids, title_pairs
from ..model import Entry
from ..titles import identity
from .base import Fixable, Rule

SHORT_TITLE = 2  # words; `Deep learning`, `Attention`


def check(ctx: Context) -> Iterator[Diagnostic]:
    for earlier, later in title_pairs(ctx.titles, ctx.reports_cross_section):
        if shared_ids(earlier, later):
            continue  # KD401
        if len(identity(later.title or "").split()) <= SHORT_TITLE and not _same_pairs(earlier, later):
            continue
        yield RULE.diagnostic(f"same title as line {earlier.line}", later.title_span or later.span,
                              removal(ctx.source, earlier, later), related=(earlier.span,))


def _same_pairs(earlier: Entry, later: Entry) -> bool:
    """Whether both entries name venues, and the same ones in the same years."""
    def pairs(entry: Entry) -> set[tuple[str, str | None]]:
        return {(pair.venue.casefold(), pair.year) for pair in entry.venues if pair.venue}
    return bool(pairs(earlier)) and pairs(earlier) == pairs(later)


RULE = Rule(code="KD402", name="duplicate-title", summary="The same title twice",
            severity=Severity.ERROR, fixable=Fixable.SOMETIMES, check=check, doc=__doc__ or "")
