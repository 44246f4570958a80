"""KD304 toc: the table of contents does not match the headings.

## What it does
Finds the table of contents (the first list made only of links to anchors in
the document) and compares it with the headings at the levels it lists:
- a link to an anchor no heading has;
- a heading missing from it;
- its order differing from the headings'.

Anchors are GitHub's: the heading's text lower-cased, punctuation dropped,
spaces to hyphens, `-1`, `-2` for repeated headings; compared without regard
to case, as GitHub resolves them. HTML anchors (`<a name="...">`) count too.
Headings before the table are expected in it only when it links one of them
(a list's title), and the table's own heading never.

## Why is this bad?
A table of contents that links nowhere, or leaves out a section, is the first
thing a reader clicks and the first thing that looks broken.

## Example
```markdown
- [Feature Distillation](#feature-distilation)
- [Online Distillation](#online-distillation)

## Feature Distillation
## Online Distillation
## Data-Free Distillation
```
Use instead:
```markdown
- [Feature Distillation](#feature-distillation)
- [Online Distillation](#online-distillation)
- [Data-Free Distillation](#data-free-distillation)
```

## Fix safety
Safe: the fix regenerates the table's items in place, in its own bullet and
indent style, keeping the link text of every item whose heading it found.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import unquote

from ..diagnostics import Applicability, Diagnostic, Edit, Fix, Severity, Span
from ..model import Heading, Toc
from .base import Context, Fixable, Rule

HTML_ANCHOR = re.compile(r"<a\s[^>]*?\b(?:name|id)\s*=\s*[\"']([^\"']+)[\"']", re.IGNORECASE)
TOC_TITLES = frozenset({"table of contents", "contents", "toc", "content", "table of content"})


def _key(anchor: str) -> str:
    return unquote(anchor).casefold()


def _is_toc_title(heading: Heading) -> bool:
    return " ".join(re.sub(r"[^\w\s]", " ", heading.plain).split()).casefold() in TOC_TITLES


def expected_headings(toc: Toc, headings: tuple[Heading, ...]) -> list[Heading]:
    """The headings the table should list: at the levels it links, after it (or linked by it)."""
    linked = {_key(item.anchor) for item in toc.items}
    levels = {h.level for h in headings if _key(h.anchor) in linked and not h.entry}
    return [h for h in headings if h.level in levels and not h.entry and not _is_toc_title(h)
            and (h.line > toc.last or _key(h.anchor) in linked)]


def regenerate(ctx: Context, toc: Toc, wanted: list[Heading]) -> Edit:
    """The table's lines for `wanted`: an item that already links a heading is kept as written (with the
    blank lines after it); a new item copies the prefix (indent, bullet, spacing) of its depth."""
    lines = ctx.source.lines
    chunks: dict[str, list[str]] = {}
    for i, item in enumerate(toc.items):
        stop = toc.items[i + 1].line if i + 1 < len(toc.items) else toc.last + 1
        chunks.setdefault(_key(item.anchor), list(lines[item.line - 1 : stop - 1]))
    levels = sorted({h.level for h in wanted})
    widths = sorted({len(item.indent) for item in toc.items})
    prefixes: dict[int, str] = {}
    for item in toc.items:
        text = lines[item.line - 1]
        prefixes.setdefault(widths.index(len(item.indent)), text[: text.index("[")])
    out: list[str] = []
    for heading in wanted:
        kept = chunks.get(_key(heading.anchor))
        if kept is not None:
            out.extend(kept)
            continue
        depth = levels.index(heading.level)
        prefix = prefixes.get(depth) or (prefixes.get(1, "  - ")[: -len(prefixes.get(1, "  - ").lstrip())] * depth
                                         + prefixes.get(0, "- ").lstrip())
        out.append(f"{prefix}[{heading.plain.strip()}](#{heading.anchor})")
    while out and not out[-1].strip():
        out.pop()
    first, last = toc.items[0].line, toc.last
    return Edit.replace(Span(line=first, column=1, end_line=last, end_column=len(lines[last - 1]) + 1),
                        "\n".join(out))


def check(ctx: Context) -> Iterator[Diagnostic]:
    toc = ctx.document.toc
    if toc is None:
        return
    headings = ctx.document.headings
    known = {_key(h.anchor) for h in headings} | {_key(a) for a in HTML_ANCHOR.findall(ctx.source.text)}
    wanted = expected_headings(toc, headings)
    found: list[tuple[str, Span]] = []
    for item in toc.items:
        if _key(item.anchor) not in known:
            text = ctx.source.line(item.line)
            found.append((f"table of contents links to #{item.anchor}, which no heading has",
                          Span.on_line(item.line, len(item.indent), len(text.rstrip()))))
    linked = [_key(item.anchor) for item in toc.items]
    linked_set = set(linked)
    first = toc.items[0].line
    for heading in wanted:
        if _key(heading.anchor) not in linked_set:
            found.append((f"heading `{heading.plain.strip()}` (line {heading.line}) is missing from the table of "
                          "contents", Span.on_line(first, 0, len(ctx.source.line(first)))))
    if not found:
        in_toc = [_key(h.anchor) for h in wanted if _key(h.anchor) in linked_set]
        in_toc_set = set(in_toc)
        listed = [a for a in linked if a in in_toc_set]
        if listed != in_toc:
            found.append(("table of contents lists the headings in another order than the document",
                          Span.on_line(first, 0, len(ctx.source.line(first)))))
    if not found:
        return
    fix = Fix(applicability=Applicability.SAFE, message="Regenerate the table of contents",
              edits=(regenerate(ctx, toc, wanted),))
    for message, span in found:
        yield RULE.diagnostic(message, span, fix)


RULE = Rule(code="KD304", name="toc", summary="Table of contents out of sync with the headings",
            severity=Severity.WARNING, fixable=Fixable.ALWAYS, check=check, doc=__doc__ or "")
