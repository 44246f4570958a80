"""KD902 unused-suppression: a suppression comment that suppresses nothing.

## What it does
Reports `kdlint-disable...` comments (or some of their codes) that covered no
finding of an enabled rule, and `kdlint-enable` comments that close no
`kdlint-disable`. It runs after every other rule, so it knows what each
suppression did.

## Why is this bad?
A stale suppression hides the next real finding on its line, and tells the
reader that something is wrong where nothing is.

## Example
```markdown
<!-- kdlint-disable-next-line KD108 -->
- **Relational Knowledge Distillation, CVPR 2019** [[PyTorch]](https://github.com/lenscloth/RKD)
```
Use instead:
```markdown
- **Relational Knowledge Distillation, CVPR 2019** [[PyTorch]](https://github.com/lenscloth/RKD)
```

## Fix safety
Safe: the comment is removed (with its line when it stands alone), or only its
unused codes are. Suppressions of rules that are not enabled are left alone:
they may serve another configuration.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..codes import matches
from ..context import Context
from ..diagnostics import Applicability, Diagnostic, Edit, Fix, Severity, Span, TextChange
from ..model import Pragma
from ..suppression import EVERY_RULE
from .base import Fixable, Rule


def removal(ctx: Context, pragma: Pragma) -> Edit:
    """Delete the comment: its whole line when it stands alone, else the comment and one space before it."""
    source, line = ctx.source, pragma.line
    if pragma.alone:
        if line < len(source.lines):
            return Edit.replace(Span(line=line, column=1, end_line=line + 1, end_column=1), "")
        if line > 1:
            previous = len(source.line(line - 1)) + 1
            return Edit.replace(Span(line=line - 1, column=previous, end_line=line,
                                     end_column=len(source.line(line)) + 1), "")
    text = source.line(line)
    start = pragma.span.column
    if start > 1 and text[start - 2] == " ":
        start -= 1
    return Edit.replace(Span(line=line, column=start, end_line=line, end_column=pragma.span.end_column), "")


def _safe(ctx: Context, message: str, edit: Edit) -> Fix:
    """The fix, declaring the comment text it removes or rewrites."""
    span, source = edit.span, ctx.source
    old = source.text[source.offset(span.line, span.column) : source.offset(span.end_line, span.end_column)]
    return Fix(applicability=Applicability.SAFE, message=message, edits=(edit,),
               changes=(TextChange(old, edit.content),))


def check(ctx: Context) -> Iterator[Diagnostic]:
    for index, pragma in enumerate(ctx.document.pragmas):
        comment = f"kdlint-{pragma.kind}" + (" " + " ".join(pragma.codes) if pragma.codes else "")
        if pragma.kind == "enable":
            if index in ctx.stray_enables:
                yield RULE.diagnostic(f"`{comment}` closes no kdlint-disable", pragma.span,
                                      _safe(ctx, "Remove the comment", removal(ctx, pragma)))
            continue
        used = ctx.pragma_use.get(index, frozenset())
        selectors = pragma.codes or (EVERY_RULE,)
        unused = [s for s in selectors if s not in used
                  and (s == EVERY_RULE or any(matches(s, code) for code in ctx.enabled))]
        if not unused:
            continue
        if len(unused) == len(selectors):
            yield RULE.diagnostic(f"`{comment}` suppresses nothing", pragma.span,
                                  _safe(ctx, "Remove the comment", removal(ctx, pragma)))
        else:
            kept = [s for s in pragma.codes if s not in unused]
            text = f"<!-- kdlint-{pragma.kind} {' '.join(kept)} -->"
            verb = "suppresses" if len(unused) == 1 else "suppress"
            yield RULE.diagnostic(f"`{comment}`: {', '.join(unused)} {verb} nothing", pragma.span,
                                  _safe(ctx, f"Keep only {' '.join(kept)}", Edit.replace(pragma.span, text)))


RULE = Rule(code="KD902", name="unused-suppression", summary="A suppression comment that suppresses nothing",
            severity=Severity.WARNING, fixable=Fixable.ALWAYS, check=check, doc=__doc__ or "")
