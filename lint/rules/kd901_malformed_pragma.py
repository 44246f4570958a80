"""KD901 malformed-pragma: a `<!-- kdlint... -->` comment kdlint cannot read.

## What it does
Reports HTML comments that start with `kdlint` but are not one of
`kdlint-disable-next-line`, `kdlint-disable`, `kdlint-enable` or
`kdlint-disable-file`, or that name something other than rule codes or
prefixes (`KD201`, `KD3`).

## Why is this bad?
A misspelled suppression suppresses nothing, and silently ignoring it would
leave the author believing it works.

## Example
```markdown
<!-- kdlint-disabel-next-line KD201 -->
<!-- kdlint-disable-next-line KD777 -->
```
Use instead:
```markdown
<!-- kdlint-disable-next-line KD201 -->
```

## Fix safety
No fix: kdlint cannot tell what was meant.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..context import Context
from ..diagnostics import Diagnostic, Severity
from .base import Fixable, Rule


def check(ctx: Context) -> Iterator[Diagnostic]:
    for bad in ctx.document.bad_pragmas:
        yield RULE.diagnostic(f"malformed kdlint pragma: {bad.reason}", bad.span)


RULE = Rule(code="KD901", name="malformed-pragma", summary="A kdlint comment kdlint cannot read",
            severity=Severity.ERROR, fixable=Fixable.NEVER, check=check, doc=__doc__ or "")
