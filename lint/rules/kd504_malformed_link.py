"""KD504 malformed-link: a link whose scheme is misspelt, broken or missing.

## What it does
Reports links in entries whose target cannot lead where it was meant to:
- a misspelt scheme, one edit (a letter added, dropped, replaced or two
  swapped) away from `http` or `https`: `ttps://`,
  `htps://`, `hhttps://`;
- a broken separator: `https//`, `https:/`, `https:\\\\`, `https:github.com`;
- a broken scheme doubled onto a good one: `https://https//github.com/...`
  (a doubled scheme written in full, `https://https://`, is KD106's);
- no scheme at all before a host that serves https: `github.com/org/repo`,
  `arxiv.org/abs/1503.02531`.

Only a target whose broken scheme is followed by a host name (`name.tld`) is
reported, so relative links to the repository's own files are never taken
for broken ones.

## Why is this bad?
GitHub leaves `ttps://...` as a link nowhere and renders `github.com/org/repo`
as a link to a file of the list's own repository, which does not exist. The
reader gets a 404; the author, who saw the URL written out, rarely notices.

## Example
```markdown
- **Distilling the Knowledge in a Neural Network, NeurIPS-workshop 2014** [[Code]](ttps://github.com/peterliht/knowledge-distillation-pytorch)
```
Use instead:
```markdown
- **Distilling the Knowledge in a Neural Network, NeurIPS-workshop 2014** [[Code]](https://github.com/peterliht/knowledge-distillation-pytorch)
```

## Fix safety
A misspelt or broken scheme before a host has one reading, so its fix is
safe: the scheme is written `https://` (`http://` when the broken one has no
`s`, as `htp://`; KD501 then says whether the host serves https). A missing
scheme is fixed only for hosts known to serve https, and unsafely: kdlint
cannot see whether the repository really has a path of that name.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..context import Context
from ..diagnostics import Applicability, Diagnostic, Edit, Fix, Severity, Span, UrlChange
from ..urls import HTTPS_HOSTS
from ..words import edit_distance
from .base import Fixable, Rule

# A host name (`name.tld`). Possessive, and never begun inside a word: a search stays linear on any input.
HOST = r"(?:[A-Za-z0-9-]++\.)++[A-Za-z]{2,}+"
# A scheme and its separator, up to a host name: `ttps://`, `https//`, `https:/`, `https:\\`, `https:`.
SCHEME = re.compile(r"(?<![A-Za-z])(?P<scheme>[A-Za-z]{2,7}+)(?P<separator>:[/\\]{0,3}+|[/\\]{1,3}+)"
                    r"(?=" + HOST + r"(?:[/:?#]|$))")
GOOD = re.compile(r"https?://", re.IGNORECASE)
NO_SCHEME = re.compile(r"(?<![A-Za-z0-9.-])(?P<host>" + HOST + r")(?=[/?#]|$)")
WANTED = ("http", "https")


def broken_scheme(url: str, start: int = 0) -> re.Match[str] | None:
    """The scheme at `start` of `url` when it is meant as http(s) but written wrong, else None."""
    m = SCHEME.match(url, start)
    if m is None:
        return None
    scheme = m.group("scheme").lower()
    if scheme in WANTED:
        return m if m.group("separator") != "://" else None
    return m if any(edit_distance(scheme, wanted) == 1 for wanted in WANTED) else None


def repaired(scheme: str) -> str:
    return "https://" if "s" in scheme.lower() else "http://"


def check(ctx: Context) -> Iterator[Diagnostic]:
    for link in ctx.links:
        url, where = link.url, link.url_span
        good = GOOD.match(url)
        broken = broken_scheme(url, good.end() if good else 0)
        if broken is not None:
            written = url[: broken.end()]
            scheme = repaired(good.group() if good and "s" in good.group().lower() else broken.group("scheme"))
            span = Span(line=where.line, column=where.column, end_line=where.line,
                        end_column=where.column + broken.end())
            fixed = scheme + url[broken.end():]
            fix = Fix(applicability=Applicability.SAFE, message=f"Write the scheme `{scheme}`",
                      edits=(Edit.replace(span, scheme),), changes=(UrlChange(old=url, new=fixed),))
            yield RULE.diagnostic(f"malformed link: `{written}` is not a scheme; `{scheme}` is meant", where, fix)
            continue
        if good or ":" in url.split("/", 1)[0]:
            continue
        bare = NO_SCHEME.match(url)
        if bare is None or not (bare.group("host").lower() in HTTPS_HOSTS or url.lower().startswith("www.")):
            continue
        host = bare.group("host")
        message = f"malformed link: `{host}/...` has no scheme, so GitHub reads it as a path in this repository"
        if host.lower() not in HTTPS_HOSTS:
            yield RULE.diagnostic(message + "; write its `https://` or `http://`", where)
            continue
        fix = Fix(applicability=Applicability.UNSAFE, message="Write the scheme `https://`",
                  edits=(Edit.insert(where.line, where.column, "https://"),),
                  changes=(UrlChange(old=url, new="https://" + url),))
        yield RULE.diagnostic(message, where, fix)


RULE = Rule(code="KD504", name="malformed-link", summary="Link whose scheme is misspelt, broken or missing",
            severity=Severity.ERROR, fixable=Fixable.SOMETIMES, check=check, doc=__doc__ or "")
