"""KD204 url-contradiction: the paper URL names another venue or year.

## What it does
Reads the venue and year from paper URLs that state them unambiguously and
compares them with the entry's own venues:
- openaccess.thecvf.com `content_CVPR_2019`, `content/CVPR2023W` (workshop);
- proceedings.neurips.cc and papers.nips.cc `/paper/2021/`, `/paper_files/paper/2021/`;
- aclanthology.org `2023.acl-long.1`, `2022.emnlp-main.5`, `P19-1001`;
- ecva.net `eccv_2020`; proceedings.mlr.press volumes of ICML (v139 is ICML 2021);
- ijcai.org `proceedings/2021`.

An entry that also names a journal is left alone (a journal version often
links its conference paper); Findings papers and the NeurIPS Datasets and
Benchmarks track are compared by year only.

## Why is this bad?
The URL is the stronger evidence: the list then says something the paper's
own page contradicts, usually a copied year or a workshop paper listed as
the main conference.

## Example
```markdown
- **Relational Knowledge Distillation, CVPR 2020**
  - https://openaccess.thecvf.com/content_CVPR_2019/html/Park_Relational_Knowledge_Distillation_CVPR_2019_paper.html
```
Use instead:
```markdown
- **Relational Knowledge Distillation, CVPR 2019**
  - https://openaccess.thecvf.com/content_CVPR_2019/html/Park_Relational_Knowledge_Distillation_CVPR_2019_paper.html
```

## Fix safety
No fix: the list may be right and the link wrong.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..context import Context
from ..diagnostics import Diagnostic, Severity
from ..model import LinkKind
from ..urls import venue_from_url
from .base import Fixable, Rule


def check(ctx: Context) -> Iterator[Diagnostic]:
    for entry, known in ctx.known_venue_years:
        if any(venue.kind == "journal" for _, venue, _ in known):
            continue
        for link in entry.links:
            if link.kind is LinkKind.CODE:
                continue
            said = venue_from_url(link.url)
            if said is None:
                continue
            same_venue = [(p, v, y) for p, v, y in known
                          if v.name == said.venue or (not said.venue_certain and said.venue in (v.name, v.parent))]
            if any(y == said.year for _, _, y in same_venue):
                continue
            written = ", ".join(f"{v.name} {y}" for _, v, y in known)
            message = f"entry says {written}, but its paper URL says {said.venue} {said.year} ({said.evidence})"
            if same_venue:
                yield RULE.diagnostic(message, same_venue[0][0].span)
            elif said.venue_certain:
                yield RULE.diagnostic(message, known[0][0].span)
            break


RULE = Rule(code="KD204", name="url-contradiction", summary="Paper URL names another venue or year",
            severity=Severity.WARNING, fixable=Fixable.NEVER, check=check, doc=__doc__ or "")
