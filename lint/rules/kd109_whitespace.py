"""KD109 whitespace: trailing spaces on entry lines, and whitespace-only lines.

## What it does
Reports spaces and tabs at the end of an entry's lines, and lines anywhere
in the document (outside code blocks) that hold nothing but whitespace. Two
or more trailing spaces before a line that continues the same paragraph or
item are a hard line break, which lists use on purpose (the title on one
line, its links on the next): those are not reported.

## Why is this bad?
Invisible characters make every later diff noisy, and two trailing spaces
are a Markdown hard line break that nobody meant to write.

## Example
```markdown
- **Relational Knowledge Distillation, CVPR 2019**␠␠
```
Use instead:
```markdown
- **Relational Knowledge Distillation, CVPR 2019**
```

## Fix safety
Safe: the whitespace is removed, which changes nothing on the page.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..context import Context
from ..diagnostics import Applicability, Diagnostic, Edit, Fix, Severity, Span
from ..readers.parts import LIST_MARKER
from .base import Fixable, Rule


def _hard_break(ctx: Context, number: int, text: str) -> bool:
    if number >= ctx.source.line_count or not text.endswith("  "):
        return False
    following = ctx.source.line(number + 1)
    return bool(following.strip()) and not LIST_MARKER.match(following)


def check(ctx: Context) -> Iterator[Diagnostic]:
    source, code = ctx.source, ctx.document.code_lines
    entry_lines = {n for entry in ctx.entries for n in entry.lines}
    for number in range(1, source.line_count + 1):
        if number in code:
            continue
        text = source.line(number)
        stripped = text.rstrip(" \t")
        if len(stripped) == len(text):
            continue
        span = Span.on_line(number, len(stripped), len(text))
        if not stripped:
            fix = Fix(applicability=Applicability.SAFE, message="Empty the line", edits=(Edit.replace(span, ""),))
            yield RULE.diagnostic("whitespace-only line", span, fix)
        elif number in entry_lines and not _hard_break(ctx, number, text):
            fix = Fix(applicability=Applicability.SAFE, message="Remove the trailing whitespace",
                      edits=(Edit.replace(span, ""),))
            yield RULE.diagnostic("trailing whitespace", span, fix)


RULE = Rule(code="KD109", name="whitespace", summary="Trailing whitespace on entry lines, whitespace-only lines",
            severity=Severity.WARNING, fixable=Fixable.ALWAYS, check=check, doc=__doc__ or "")
