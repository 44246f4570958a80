"""KD502 arxiv-form: an arXiv link that is not `https://arxiv.org/abs/ID`.

## What it does
Reports arXiv links over plain http (together with another difference; http
alone is KD501's finding), to the PDF (`/pdf/1503.02531.pdf`), to the HTML view, to
a version (`1805.11761v2`) or through a mirror host (`export.arxiv.org`).

## Why is this bad?
The abstract page without a version is the paper's stable home: it always
shows the latest version and links to every other one. Mixed forms also
hide duplicates from a reader scanning the list.

## Example
```markdown
- **Collaborative Learning for Deep Neural Networks, NeurIPS 2018** [[Paper]](https://arxiv.org/abs/1805.11761v2)
```
Use instead:
```markdown
- **Collaborative Learning for Deep Neural Networks, NeurIPS 2018** [[Paper]](https://arxiv.org/abs/1805.11761)
```

A PDF link is reported only where the abstract page is the list's clear house
form (CLEAR_MAJORITY of its arXiv links, HOUSE_STYLE_LEAST of them at least).
A list that links PDFs as often (or mostly) keeps that as its house style:
there only a version, plain http or a mirror host is reported,
and the fix keeps the PDF form (`https://arxiv.org/pdf/ID`, with `.pdf` when
the link had it).

## Fix safety
Safe: the canonical URL names the same paper.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..context import Context
from ..diagnostics import Applicability, Diagnostic, Edit, Fix, Severity, UrlChange
from ..urls import arxiv_match, house_arxiv
from .base import Fixable, Rule


def check(ctx: Context) -> Iterator[Diagnostic]:
    house = ctx.arxiv_house_kind
    for link in ctx.links:
        m = arxiv_match(link.url)
        if m is None:
            continue
        kind = m.group("kind").lower()
        keeps_house_form = house == "pdf" and kind == "pdf"
        canonical = house_arxiv(m, house)
        # A difference in the scheme alone is KD501's finding, not this one.
        if link.url.split("://", 1)[1] == canonical.split("://", 1)[1]:
            continue
        what = []
        if m.group("scheme").lower() == "http":
            what.append("plain http")
        if kind != "abs" and not keeps_house_form:
            what.append(f"{m.group('kind').upper()} view")
        if m.group("version"):
            what.append(f"version {m.group('version')}")
        if m.group("host").lower() != "arxiv.org":
            what.append(f"host {m.group('host')}")
        reason = ", ".join(what) or "another form"
        fix = Fix(applicability=Applicability.SAFE, message=f"Use {canonical}",
                  edits=(Edit.replace(link.url_span, canonical),),
                  changes=(UrlChange(old=link.url, new=canonical),))
        yield RULE.diagnostic(f"non-canonical arXiv link ({reason}); use {canonical}", link.url_span, fix)


RULE = Rule(code="KD502", name="arxiv-form", summary="arXiv link not in the form https://arxiv.org/abs/ID",
            severity=Severity.WARNING, fixable=Fixable.ALWAYS, check=check, doc=__doc__ or "")
