"""KD107 layout: an entry laid out differently from the rest of its document.

## What it does
Learns the document's own conventions from its canonical-style entries and
reports the entries that break them:
- the order of the sub-bullets (paper URL before or after the authors);
- where the paper link stands (inline `[[Paper]](url)` or on its own line);
- whether the author list ends with a period;
- `and` or a comma before the last author.

The majority of the document's entries decides; a tie decides nothing.

## Why is this bad?
A list reads as a table: when one entry in ten is laid out differently, the
eye stumbles, and contributors copy whichever entry they happened to see.

## Example
In a list whose author lines end with a period:
```markdown
  - *Borui Zhao, Quan Cui, Renjie Song, Yiyu Qiu, Jiajun Liang*
```
Use instead:
```markdown
  - *Borui Zhao, Quan Cui, Renjie Song, Yiyu Qiu, Jiajun Liang.*
```

## Fix safety
Safe where the edit is mechanical and keeps every name and URL: adding or
removing the final period (not after an initial such as `J.`), `and` versus
a comma before the last author, and swapping two adjacent one-line
sub-bullets. Moving an inline paper link onto its own line is left to you.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator

from ..context import Context
from ..diagnostics import Applicability, Change, Diagnostic, Edit, Fix, LinesMoved, Severity, Span, TextChange
from ..model import Entry, Placement
from ..readers.parts import last_and
from .base import Fixable, Rule

# The lookahead right after the comma, not after the spaces: tried after each of them, it is quadratic.
LAST_COMMA = re.compile(r",(?=[^,]*$)\s*")
INITIAL = re.compile(r"(?:^|[\s.])\w\.$")
WITH_PERIOD = "a period after the last author"
WITH_AND = "`and` before the last author"


def _order(entry: Entry) -> str | None:
    kinds = [sub.kind for sub in entry.sub_bullets if sub.kind in ("paper-url", "authors")]
    if len(kinds) != 2:
        return None
    return "the paper URL before the authors" if kinds[0] == "paper-url" else "the authors before the paper URL"


def _placement(entry: Entry) -> str | None:
    link = entry.paper_link
    if link is None:
        return None
    return "the paper link inline" if link.placement is Placement.INLINE else "the paper link on a line of its own"


def _period(entry: Entry) -> str | None:
    if entry.authors is None:
        return None
    return WITH_PERIOD if entry.authors.ends_with_period else "no period after the last author"


def _separator(entry: Entry) -> str | None:
    if entry.authors is None or entry.authors.last_separator is None:
        return None
    return WITH_AND if entry.authors.last_separator == "and" else "a comma before the last author"


FEATURES: tuple[Callable[[Entry], str | None], ...] = (_order, _placement, _period, _separator)


def _safe(message: str, edit: Edit, *changes: Change) -> Fix:
    return Fix(applicability=Applicability.SAFE, message=message, edits=(edit,), changes=changes)


def _fix(ctx: Context, entry: Entry, feature: Callable[[Entry], str | None], want: str) -> Fix | None:
    authors = entry.authors
    if feature is _period and authors is not None:
        body = authors.text.rstrip()
        line, col = authors.text_span.line, authors.text_span.column
        if want == WITH_PERIOD:
            return _safe("Add the final period", Edit.insert(line, col + len(body), "."))
        if body.endswith("."):
            if INITIAL.search(body):
                return None
            return _safe("Remove the final period", Edit.replace(Span(line=line, column=col + len(body) - 1,
                                                                      end_line=line, end_column=col + len(body)), ""))
        end = authors.span.end_column
        period = Span(line=line, column=end - 1, end_line=line, end_column=end)
        return _safe("Remove the final period", Edit.replace(period, ""))
    if feature is _separator and authors is not None:
        core = authors.text.rstrip()
        core = core[:-1] if core.endswith(".") else core
        line, col = authors.text_span.line, authors.text_span.column
        m, content = (LAST_COMMA.search(core), " and ") if want == WITH_AND else (last_and(core), ", ")
        if m is None:
            return None
        span = Span(line=line, column=col + m.start(), end_line=line, end_column=col + m.end())
        return _safe(f"Write `{content.strip() or ','}` before the last author", Edit.replace(span, content),
                     TextChange(m.group(), content))
    if feature is _order:
        subs = [sub.line for sub in entry.sub_bullets if sub.kind in ("paper-url", "authors")]
        first, second = subs
        if second != first + 1:
            return None
        a, b = ctx.source.line(first), ctx.source.line(second)
        return _safe("Swap the paper URL and author lines",
                     Edit.replace(Span(line=first, column=1, end_line=second, end_column=len(b) + 1), b + "\n" + a),
                     LinesMoved((second, first)))
    return None


def _span(ctx: Context, entry: Entry, feature: Callable[[Entry], str | None]) -> Span:
    if feature in (_period, _separator) and entry.authors is not None:
        return entry.authors.span
    if feature is _placement and entry.paper_link is not None:
        return entry.paper_link.span
    subs = [sub.line for sub in entry.sub_bullets if sub.kind in ("paper-url", "authors")]
    return Span(line=subs[0], column=1, end_line=subs[-1], end_column=len(ctx.source.line(subs[-1])) + 1)


def check(ctx: Context) -> Iterator[Diagnostic]:
    entries = ctx.bold_entries
    rows = [[feature(entry) for feature in FEATURES] for entry in entries]  # one pass over a long list, not four
    for column, feature in enumerate(FEATURES):
        values = [row[column] for row in rows]
        counts = Counter(value for value in values if value is not None)
        ranked = counts.most_common(2)
        if len(ranked) < 2 or ranked[0][1] == ranked[1][1]:
            continue
        want, most = ranked[0]
        total = sum(counts.values())
        for entry, value in zip(entries, values):
            if value is not None and value != want:
                yield RULE.diagnostic(f"this entry has {value}; {most} of {total} entries in this document have {want}",
                                      _span(ctx, entry, feature), _fix(ctx, entry, feature, want))


RULE = Rule(code="KD107", name="layout", summary="Entry layout differs from the rest of the document",
            severity=Severity.WARNING, fixable=Fixable.SOMETIMES, check=check, doc=__doc__ or "")
