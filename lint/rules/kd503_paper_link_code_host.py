"""KD503 paper-link-code-host: a link labelled as the paper points at a code host.

## What it does
Reports paper links (the URL sub-bullet, or a link labelled `Paper`,
`arXiv`, `PDF` ...) whose host is a code host: github.com, gitlab.com,
bitbucket.org, gitee.com, codeberg.org.

## Why is this bad?
The reader who clicks "paper" expects the paper. A repository link in the
paper's place usually means the paper link was lost when the entry was
written, and kdlint cannot read the paper's identity from it.

## Example
```markdown
- **Decoupled Knowledge Distillation, CVPR 2022** [[Paper]](https://github.com/megvii-research/mdistiller)
```
Use instead:
```markdown
- **Decoupled Knowledge Distillation, CVPR 2022** [[Paper]](https://arxiv.org/abs/2203.08679) [[PyTorch]](https://github.com/megvii-research/mdistiller)
```

## Fix safety
No fix: the paper's URL has to be looked up.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..context import Context
from ..diagnostics import Diagnostic, Severity
from ..model import LinkKind
from ..urls import CODE_HOSTS, host_in, host_of
from .base import Fixable, Rule


def check(ctx: Context) -> Iterator[Diagnostic]:
    for link in (link for entry in ctx.entries for link in entry.links):  # what an entry calls its paper
        if link.kind is LinkKind.PAPER and host_in(link.url, CODE_HOSTS):
            yield RULE.diagnostic(f"paper link points at a code host ({host_of(link.url)})", link.url_span)


RULE = Rule(code="KD503", name="paper-link-code-host", summary="Paper link that points at a code host",
            severity=Severity.ERROR, fixable=Fixable.NEVER, check=check, doc=__doc__ or "")
