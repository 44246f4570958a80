"""KD601 record-title: an entry's title is not the title of the paper its identifier names.

## What it does
`kdlint verify` only. For an entry with a paper identifier (an arXiv, DOI or
OpenReview link), compares its title with the title the identifier's record
gives (arXiv, Crossref, OpenReview). Case, punctuation and spacing do not
count, nor a title that leaves out the record's subtitle or its leading name
(`Hints for Thin Deep Nets` for `FitNets: Hints for Thin Deep Nets`).
A title close to the record's is reported as renamed; one far from it as a
link to another paper.

## Why is this bad?
Papers are renamed between versions, and links are copied from the entry
above: either way the list names a paper its link does not lead to.

## Example
```markdown
- **Knowledge Distillation from Few Samples, arXiv 2018** [[Paper]](https://arxiv.org/abs/1812.01839)
```
Use instead (the record's title):
```markdown
- **Few Sample Knowledge Distillation for Efficient Network Compression, arXiv 2018** [[Paper]](https://arxiv.org/abs/1812.01839)
```

## Fix safety
Unsafe, and offered only for a renamed title: the record's title is the
paper's current name, but a list may keep the name it was published under.
A link to another paper gets no fix: kdlint cannot tell whether the title or
the link is wrong.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..context import Context
from ..diagnostics import Applicability, Diagnostic, Edit, Fix, Severity, TextChange
from ..titles import identity
from .base import Fixable, Rule

RENAMED = 60.0  # rapidfuzz ratio of the folded titles from which two titles are one paper renamed
MARKUP = frozenset("*_[]`<>|\\#")  # a record title with these is not written into the list by a fix


def same_paper_title(written: str, record: str) -> bool:
    """Equal once folded, or the record's title less its subtitle or its leading name."""
    a, b = identity(written), identity(record)
    if not a or a == b:
        return True
    return len(a.split()) >= 3 and (b.startswith(a + " ") or b.endswith(" " + a))


def check(ctx: Context) -> Iterator[Diagnostic]:
    if ctx.metadata is None:
        return
    from rapidfuzz import fuzz  # imported here: only verify runs this rule

    from ..metadata import SERVICE_NAMES

    for entry in ctx.entries:
        found = ctx.metadata.record(entry)
        if found is None or not entry.title or entry.title_span is None:
            continue
        pid, paper = found
        if same_paper_title(entry.title, paper.title):
            continue
        similarity = fuzz.ratio(identity(entry.title), identity(paper.title))
        if similarity < RENAMED:
            yield RULE.diagnostic(f"{pid} is another paper: `{paper.title}` ({SERVICE_NAMES[paper.service]}'s record)",
                                  entry.title_span)
            continue
        fix = None
        if not MARKUP.intersection(paper.title):
            fix = Fix(applicability=Applicability.UNSAFE, message=f"Write `{paper.title}`",
                      edits=(Edit.replace(entry.title_span, paper.title),),
                      changes=(TextChange(entry.title, paper.title),))
        yield RULE.diagnostic(f"title differs from {pid}'s record: `{paper.title}` (renamed?)", entry.title_span,
                              fix)


RULE = Rule(code="KD601", name="record-title", summary="title differs from the identifier's record (verify)",
            severity=Severity.WARNING, fixable=Fixable.SOMETIMES, check=check, doc=__doc__ or "")
