"""KD101 title: an entry's title is missing or not bold.

## What it does
Checks that every entry of a canonical-style section starts with its title in
bold: `- **Title, Venue Year**`.

## Why is this bad?
The bold title is what a reader scans for, and what kdlint reads to find the
venue, the year and duplicates. An entry without it cannot be checked further.

## Example
```markdown
- FitNets: Hints for Thin Deep Nets, ICLR 2015 [[Theano]](https://github.com/adri-romsor/FitNets)
```
Use instead:
```markdown
- **FitNets: Hints for Thin Deep Nets, ICLR 2015** [[Theano]](https://github.com/adri-romsor/FitNets)
```

## Fix safety
When the title starts the item and is plain text (no emphasis, no
brackets), the fix wraps it in `**`, leaving the punctuation around it
outside. After a tag (`**[New]** Title`) there is no fix: a second bold run
is not read as the title, and a `**` next to another run would merge with
it. It is unsafe: kdlint cannot be sure where the title ends.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..context import Context
from ..diagnostics import Applicability, Diagnostic, Edit, Fix, Severity, Span
from ..readers.parts import LIST_MARKER
from .base import Fixable, Rule


def check(ctx: Context) -> Iterator[Diagnostic]:
    for entry in ctx.bold_entries:
        head = ctx.source.line(entry.line)
        if entry.bold:
            if not entry.title and entry.bold_span is not None:
                yield RULE.diagnostic("title missing inside the bold text", entry.bold_span)
            continue
        inline = [link for link in entry.links if link.span.line == entry.line]
        stop = inline[0].span.column - 1 if inline else len(head)
        text = head[entry.marker_end:stop]
        title = text.strip()
        if not title:
            yield RULE.diagnostic("title missing: the entry starts with a link",
                                  Span.on_line(entry.line, entry.marker_end, len(head)))
            continue
        start = entry.marker_end + text.index(title)
        span = Span.on_line(entry.line, start, start + len(title))
        if entry.title and entry.title_span is not None and entry.title_span.line == entry.line:
            # The title kdlint read, and the `Venue Year` pairs right after it: the canonical bold text.
            end = entry.title_span.end_column
            for pair in entry.venues:
                if pair.span.line == entry.line and pair.span.column >= end and pair.span.end_column - 1 <= stop:
                    end = max(end, pair.span.end_column)
            span = Span(line=entry.line, column=entry.title_span.column, end_line=entry.line, end_column=end)
            title = head[span.column - 1 : end - 1]
        fix = None
        # The canonical form starts the item with the bold title: after a tag (`**[New]** Title`), a second bold
        # run is not read as the title, and a `**` next to another run (`**[x]**, CVPR '19`) merges with it.
        marker = LIST_MARKER.match(head)
        first = not head[marker.end() if marker else 0 : span.column - 1].strip()
        after = head[span.end_column - 1 : span.end_column]
        if first and not any(ch in title for ch in "*_[]`<>") and after not in "*_":
            wrap = (Edit.insert(entry.line, span.column, "**"), Edit.insert(entry.line, span.end_column, "**"))
            fix = Fix(applicability=Applicability.UNSAFE, message="Wrap the title in `**`", edits=wrap)
        yield RULE.diagnostic("title is not bold", span, fix)


RULE = Rule(code="KD101", name="title", summary="Entry title missing or not bold",
            severity=Severity.ERROR, fixable=Fixable.SOMETIMES, check=check, doc=__doc__ or "")
