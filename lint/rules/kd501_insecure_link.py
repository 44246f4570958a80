"""KD501 insecure-link: an `http://` link to a host that serves https.

## What it does
Reports links in entries that use `http://` for hosts known to serve https:
arxiv.org, github.com, openaccess.thecvf.com, proceedings.neurips.cc,
openreview.net, aclanthology.org, proceedings.mlr.press, doi.org and more.

## Why is this bad?
Plain http can be tampered with on the way, and browsers warn about it.
These hosts redirect to https anyway, so the link only costs a round trip.

## Example
```markdown
  - http://arxiv.org/abs/1503.02531
```
Use instead:
```markdown
  - https://arxiv.org/abs/1503.02531
```

## Fix safety
Safe: the host serves the same page over https.

A non-canonical arXiv link (`http://arxiv.org/pdf/...`) is left to KD502,
whose fix rewrites the whole URL, https included.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..context import Context
from ..diagnostics import Applicability, Diagnostic, Edit, Fix, Severity, Span, UrlChange
from ..urls import HTTPS_HOSTS, arxiv_match, host_of, house_arxiv
from .base import Fixable, Rule


def check(ctx: Context) -> Iterator[Diagnostic]:
    for link in ctx.links:
        if link.url[:7].lower() != "http://":
            continue
        host = host_of(link.url)
        if host not in HTTPS_HOSTS:
            continue
        arxiv = arxiv_match(link.url)
        if arxiv and link.url[7:] != house_arxiv(arxiv, ctx.arxiv_house_kind)[8:]:
            continue  # KD502 rewrites the whole URL, https included
        start = link.url_span
        scheme = Span(line=start.line, column=start.column, end_line=start.line, end_column=start.column + 4)
        fixed = "https" + link.url[4:]
        fix = Fix(applicability=Applicability.SAFE, message="Use https", edits=(Edit.replace(scheme, "https"),),
                  changes=(UrlChange(old=link.url, new=fixed),))
        yield RULE.diagnostic(f"insecure link: {host} serves https", link.url_span, fix)


RULE = Rule(code="KD501", name="insecure-link", summary="http:// link to a host that serves https",
            severity=Severity.WARNING, fixable=Fixable.ALWAYS, check=check, doc=__doc__ or "")
