"""KD301 unsorted: entries out of order within their list.

## What it does
Checks that the entries of each list keep the list's order: by `year`
(ascending, as most knowledge-distillation lists do), `-year` (newest first),
or `title` (case-insensitive, a leading parenthetical such as `(FitNets)`
ignored). The `sort` setting names the order; without it kdlint infers it
from the document when the document is clearly sorted one way, and checks
nothing otherwise; a numbered list (`1.`, `2.`, ...) keeps the order of its
numbers and is checked only when `sort` is configured. Entries without the
key (no year, no title) are never moved and never reported; ties keep their
order. A year is a fact only where the entry writes it (`Venue Year`): the
year an arXiv identifier was issued never orders an entry.

It reports the fewest entries whose moving sorts the list: those outside the
longest run of entries already in order.

## Why is this bad?
A sorted list is how readers find "the papers of 2021"; one entry out of
place is a paper they will not find.

## Example
```markdown
- **Relational Knowledge Distillation, CVPR 2019**
- **FitNets: Hints for Thin Deep Nets, ICLR 2015**
```
Use instead:
```markdown
- **FitNets: Hints for Thin Deep Nets, ICLR 2015**
- **Relational Knowledge Distillation, CVPR 2019**
```

## Fix safety
Safe: the fix moves whole entry blocks (the bullet, its sub-bullets and
notes) into sorted order in one edit per list, a stable sort, with nothing
inside a block changed; the blank lines between entries stay where they are.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator

from .. import blocks
from ..context import Context
from ..diagnostics import Applicability, Diagnostic, Fix, Severity
from ..model import Entry
from ..ordering import Group, every_keyed_groups, infer_sort, keyed_groups, longest_in_order, sort_value
from .base import Fixable, Rule

DESCRIBE = {"year": "by year, oldest first", "-year": "by year, newest first", "title": "by title"}


NUMBERED = re.compile(r"^[ \t]*\d{1,9}[.)][ \t]")


def check(ctx: Context) -> Iterator[Diagnostic]:
    key, groups = _order(ctx)
    for keyed in groups:
        if ctx.settings.sort is None and _numbered(ctx, keyed):
            continue  # `1.`, `2.`, ...: the numbers are the order the list keeps, whatever the years say
        yield from _check_group(ctx, key, keyed)


def _numbered(ctx: Context, keyed: Group) -> bool:
    return sum(bool(NUMBERED.match(ctx.source.line(entry.line))) for entry, _ in keyed) * 2 > len(keyed)


def _order(ctx: Context) -> tuple[str, list[Group]]:
    """The key the list keeps (configured, else inferred; "none" for no order) and its keyed groups."""
    if ctx.settings.sort == "none":
        return "none", []
    if ctx.settings.sort:
        return ctx.settings.sort, keyed_groups(ctx.document, ctx.settings.sort)
    every = every_keyed_groups(ctx.document)
    key = infer_sort(ctx.document, every)
    return key, every.get(key, [])


def _check_group(ctx: Context, key: str, keyed: Group) -> Iterator[Diagnostic]:
    values = [v for _, v in keyed]
    keep = longest_in_order(values)
    if len(keep) == len(keyed):
        return
    slots = [e for e, _ in keyed]
    order = [e for e, _ in sorted(keyed, key=lambda pair: pair[1])]  # stable: ties keep their order
    edit, moved = blocks.reorder(ctx.source, slots, order)
    fix = Fix(applicability=Applicability.SAFE, message=f"Sort the list {DESCRIBE[key]}", edits=(edit,),
              changes=(moved,))
    kept = [pair for i, pair in enumerate(keyed) if i in keep]
    kept_values = [v for _, v in kept]
    for i, (entry, value) in enumerate(keyed):
        if i not in keep:
            shown = sort_value(entry, key)
            yield RULE.diagnostic(_message(shown, value, kept, kept_values, key), entry.title_span or entry.span, fix)


def _message(value: int | str | None, comparable: int | str, kept: list[tuple[Entry, int | str]],
             kept_values: list[int | str], key: str) -> str:
    """Where the entry belongs among the entries already in order (whose values never decrease)."""
    not_after = bisect_right(kept_values, comparable)
    where = f"after line {kept[not_after - 1][0].line}" if not_after else f"before line {kept[0][0].line}"
    shown = f" ({value})" if key != "title" else ""
    return f"entry{shown} out of order: the list is sorted {DESCRIBE[key]}, so it belongs {where}"


RULE = Rule(code="KD301", name="unsorted", summary="Entries out of order within their list",
            severity=Severity.WARNING, fixable=Fixable.ALWAYS, check=check, doc=__doc__ or "")
