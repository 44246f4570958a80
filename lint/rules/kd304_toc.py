"""KD304 toc: the table of contents does not match the headings.

## What it does
Finds the table of contents (the first list made only of links to anchors in
the document, outside HTML comments) and compares it with the headings at the
levels it lists:
- a link to an anchor nothing in the document has;
- a heading missing from it;
- its order differing from the document's.

An anchor is a heading's as GitHub makes it (its text lower-cased,
punctuation dropped, spaces to hyphens, `-1`, `-2` for repeated headings), an
explicit `{#id}` after a heading's text, an `<a name="...">` or `<a id="...">`,
or an `id="..."` on any HTML element (`<h2 id="...">`), anywhere outside code
and HTML comments; compared without regard to case, as GitHub resolves them.
An HTML anchor names a heading when it is in it, or on a line of its own just
before it (or just after it): `<a name="NeRF"></a>` then `## NeRF`. An item
whose link leads anywhere is never reported. Headings before the table are
expected in it only when it links one of them (a list's title), and the
table's own heading never; a heading whose section holds an HTML anchor the
table links (or the heading right after one) is not reported missing, since
that item may be the one meant for it.

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
The fix edits the table in place. Every item whose link leads somewhere is
kept as written (its text, its link, its indent and bullet; a numbered table
that counts up is renumbered), in the document order of what it links. An
item that links nowhere is linked to the heading whose text it has when
exactly one heading no other item lists has that text, and removed when every
heading of its text is listed by another item. A new item for each missing
heading goes before the first item that leads past it, in the indent and
bullet of its level, linked the way the table links (by the heading's
hand-written anchor when most items are, else by GitHub's). All of that is
safe, unless an item links nowhere and names no heading: it may stand for a
section kdlint cannot see, or for a missing heading under an old name, and
its place is unknown. Then the safe fix only relinks and removes as above,
and adding, moving and removing that item are the unsafe fix. An item with
items nested under it is never removed (they would move with it, and an item
indented four spaces after a blank line is code): it is reported with no
fix. A fix that would not keep every resolving item as written is offered as
unsafe.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from enum import Enum
from itertools import pairwise
from urllib.parse import unquote

from ..context import Context
from ..diagnostics import Applicability, Diagnostic, Edit, Fix, Severity, Span, TextChange, TocItemsChanged
from ..model import Heading, Toc, TocItem
from ..toc import (
    TOC_ITEM,
    anchor_only,
    anchors,
    explicit_id,
    github_text,
    html_anchors,
    plain_from_markdown,
    without_explicit_id,
)
from .base import Fixable, Rule

TOC_TITLES = frozenset({"table of contents", "contents", "toc", "content", "table of content"})
GITHUB_PREFIX = "user-content-"  # GitHub's prefix for the ids it renders: `#user-content-x` reaches `x` too


def _is_toc_title(heading: Heading) -> bool:
    return " ".join(re.sub(r"[^\w\s]", " ", heading.plain).split()).casefold() in TOC_TITLES


def _heading_words(heading: Heading) -> str:
    return " ".join(without_explicit_id(heading.plain).split()).casefold()


def _item_words(item: TocItem) -> str:
    return " ".join(plain_from_markdown(item.text).split()).casefold()


@dataclass(frozen=True, slots=True)
class Target:
    """Where an anchor leads: a heading (its slug, its `{#id}`, an HTML anchor in it or just before or after it),
    or else the line of the HTML anchor."""

    line: int
    heading: Heading | None


class Anchors:
    """Every anchor of the document, outside code and HTML comments, and what it leads to.

    Anchors are compared without regard to case, as GitHub resolves them; an anchor written twice leads to
    its first place in the document. A heading in an HTML comment is not shown, so it has no anchor and
    counts in no `-1` suffix.
    """

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        protected = ctx.protected
        self.headings = [h for h in ctx.document.headings if not protected.in_comment(h.line)]
        self._by_line = {h.line: h for h in self.headings}
        found: list[tuple[int, str, Heading | None, bool]] = []  # line, anchor, heading, written by hand
        self.slugs: dict[int, str] = {}  # heading line -> GitHub's anchor
        for heading, slug in zip(self.headings, anchors([github_text(h.text) for h in self.headings])):
            self.slugs[heading.line] = slug
            found.append((heading.line, slug, heading, False))
            custom = explicit_id(heading.text)
            if custom:
                found.append((heading.line, custom, heading, True))
        source, code = ctx.source, ctx.document.code_lines
        for number in range(1, source.line_count + 1):
            raw = source.line(number)
            if "<" not in raw or number in code:
                continue
            lowered = raw.lower()
            if "id" not in lowered and "name" not in lowered:
                continue
            text = protected.mask(number, tags=False)
            names = html_anchors(text)
            if not names:
                continue
            beside = self._by_line.get(number) or (self._beside(number) if anchor_only(text) else None)
            found.extend((number, name, beside, True) for name in names)
        found.sort(key=lambda f: f[0])
        self._targets: dict[str, Target] = {}
        self.written: dict[int, str] = {}  # heading line -> the first anchor written for it by hand
        for line, name, target, by_hand in found:
            self._targets.setdefault(name.casefold(), Target(target.line if target else line, target))
            if by_hand and target is not None:
                self.written.setdefault(target.line, name)

    def _quiet(self, number: int) -> bool:
        """A blank line, or one of nothing but anchors, between an anchor and its heading."""
        text = self.ctx.source.line(number)
        return not text.strip() or (number not in self.ctx.document.code_lines
                                    and anchor_only(self.ctx.protected.mask(number, tags=False)))

    def _beside(self, number: int) -> Heading | None:
        """The heading a line of anchors names: the next line that says anything, when it is a heading, else
        the one before, when that is a heading."""
        total = self.ctx.source.line_count
        after = number + 1
        while after <= total and after not in self._by_line and self._quiet(after):
            after += 1
        if after in self._by_line:
            return self._by_line[after]
        before = number - 1
        while before >= 1 and before not in self._by_line and self._quiet(before):
            before -= 1
        return self._by_line.get(before)

    def resolve(self, anchor: str) -> Target | None:
        key = unquote(anchor).casefold()
        found = self._targets.get(key)
        if found is None and key.startswith(GITHUB_PREFIX):
            found = self._targets.get(key[len(GITHUB_PREFIX):])
        return found

    def link_for(self, heading: Heading, by_hand: bool) -> str:
        """The anchor a new item links a heading by: the one written for it, in a list that links so."""
        written = self.written.get(heading.line)
        if by_hand and written is not None and self.resolve(written) == Target(heading.line, heading):
            return written
        return self.slugs[heading.line]


class Kind(Enum):
    RESOLVES = "resolves"  # its link leads to a heading or an anchor: kept as written
    RELINK = "relink"  # links nowhere; its text is that of the one heading no item lists: linked to it
    COPY = "copy"  # links nowhere; its text is that of headings other items list: removed
    UNKNOWN = "unknown"  # links nowhere, names no heading kdlint can tell: removed only by the unsafe fix


@dataclass(frozen=True, slots=True)
class Item:
    item: TocItem
    kind: Kind
    target: Target | None  # where it leads; for RELINK, the heading it is to link
    link: str = ""  # RELINK: the anchor it is to link
    nesting: bool = False  # items are nested under it: removed, it would move them (four spaces make code)

    @property
    def removable(self) -> bool:
        return self.kind in (Kind.COPY, Kind.UNKNOWN) and not self.nesting


def _width(item: TocItem) -> int:
    return len(item.indent.expandtabs(4))


def _key(anchor: str) -> str:
    return unquote(anchor).casefold()


def read(toc: Toc, found: Anchors) -> tuple[list[Item], list[Heading], bool]:
    """The table's items as kdlint can prove them, the headings missing from it, and whether it links its
    headings by anchors written by hand (`<a name>`, `{#id}`) rather than by GitHub's."""
    targets = [found.resolve(item.anchor) for item in toc.items]
    covered = {t.heading.line for t in targets if t is not None and t.heading is not None}
    # An anchor in a section's text names no heading: the heading whose section holds it (or the next one,
    # when only blank lines come between) may be what its item stands for, so it is not proven missing.
    starts = [h.line for h in found.headings if not h.entry]
    lines = found.ctx.source.lines
    maybe: set[int] = set()
    for target in targets:
        if target is not None and target.heading is None:
            at = bisect_right(starts, target.line)
            maybe.update(starts[max(at - 1, 0) : at])
            if at < len(starts) and not any(line.strip() for line in lines[target.line : starts[at] - 1]):
                maybe.add(starts[at])
    items: list[Item] = []
    for index, (item, target) in enumerate(zip(toc.items, targets)):
        if target is not None:
            items.append(Item(item, Kind.RESOLVES, target))
            continue
        words = _item_words(item)
        named = [h for h in found.headings if words and _heading_words(h) == words]
        free = [h for h in named if h.line not in covered and h.line not in maybe]
        if len(free) == 1:
            covered.add(free[0].line)
            items.append(Item(item, Kind.RELINK, Target(free[0].line, free[0])))
        else:
            nesting = index + 1 < len(toc.items) and _width(toc.items[index + 1]) > _width(item)
            kind = Kind.COPY if named and all(h.line in covered for h in named) else Kind.UNKNOWN
            items.append(Item(item, kind, None, nesting=nesting))
    leading = [(i.item, i.target.heading) for i in items
               if i.kind is Kind.RESOLVES and i.target is not None and i.target.heading is not None]
    by_hand = 2 * sum(_key(item.anchor).removeprefix(GITHUB_PREFIX) != found.slugs[h.line].casefold()
                      for item, h in leading) > len(leading)
    items = [Item(i.item, i.kind, i.target, found.link_for(i.target.heading, by_hand))
             if i.kind is Kind.RELINK and i.target is not None and i.target.heading is not None else i for i in items]
    listed = [i.target.heading for i in items if i.target is not None and i.target.heading is not None]
    levels = {h.level for h in listed if not h.entry}
    missing = [h for h in found.headings if h.level in levels and not h.entry and not _is_toc_title(h)
               and _heading_words(h) and h.line > toc.last and h.line not in covered and h.line not in maybe]
    return items, missing, by_hand


def _prefix(line: str) -> str:
    return line[: line.index("[")]


NUMBER = re.compile(r"^(?P<indent>[ \t]*)(?P<number>\d{1,9})(?=[.)][ \t])")


def _numbered_runs(lines: list[str]) -> list[list[tuple[int, re.Match[str] | None]]]:
    """The table's items as runs of siblings (line index, its number if it has one), nesting by indent."""
    stack: list[tuple[int, list[tuple[int, re.Match[str] | None]]]] = []
    runs: list[list[tuple[int, re.Match[str] | None]]] = []
    for index, line in enumerate(lines):
        item = TOC_ITEM.match(line)
        if item is None:
            continue
        width = len(item.group("indent").expandtabs(4))
        while stack and stack[-1][0] > width:
            stack.pop()
        if not stack or stack[-1][0] < width:
            stack.append((width, []))
            runs.append(stack[-1][1])
        stack[-1][1].append((index, NUMBER.match(line)))
    return runs


def renumber(original: list[str], out: list[str]) -> list[str]:
    """`out` numbered as the table was: when each run of numbered siblings counted up by one (`1.`, `2.`,
    ...), every run counts up again from where the table's first run began; a table that numbers every item
    alike (`1.` throughout), or uses bullets, keeps its markers as they are."""
    numbers = [[m for _, m in run] for run in _numbered_runs(original) if any(run_m for _, run_m in run)]
    if not numbers or any(None in run for run in numbers):
        return out  # bullets only, or bullets and numbers in one run
    if any(int(b.group("number")) != int(a.group("number")) + 1 for run in numbers for a, b in pairwise(run)
           if a is not None and b is not None):
        return out
    first = numbers[0][0]
    start = int(first.group("number")) if first is not None else 1
    changed = list(out)
    runs = _numbered_runs(out)
    nested = len(runs) > 1
    for run in runs:
        if all(m is None for _, m in run):
            continue
        for offset, (index, m) in enumerate(run):
            if m is None:
                return out
            number = str(start + offset)
            if nested and len(number) != len(m.group("number")):
                return out  # a wider number would move the items nested under it
            changed[index] = m.group("indent") + number + out[index][m.end():]
    return changed


def _unnumbered(line: str) -> str:
    return NUMBER.sub(lambda m: m.group("indent") + "0", line)


def build(ctx: Context, toc: Toc, items: list[Item], missing: list[Heading], found: Anchors, by_hand: bool,
          drop_unknown: bool) -> tuple[list[str], TocItemsChanged]:
    """The table's lines: its items (each with the blank lines after it) in the document order of what they
    lead to, and a new item per missing heading, before the first item that leads past it, in the prefix
    (indent, bullet, spacing) of the items of its level. While an item that links nowhere stays, no item
    moves: where it belongs is not known. With the lines, what they add, remove and relink."""
    lines = ctx.source.lines
    added: list[str] = []
    removed: list[str] = []
    relinked: list[TextChange] = []
    kept: list[tuple[Item, list[str]]] = []
    prefixes: dict[int, str] = {}  # heading level -> the prefix of its first item
    for index, entry in enumerate(items):
        stop = toc.items[index + 1].line if index + 1 < len(toc.items) else toc.last + 1
        chunk = list(lines[entry.item.line - 1 : stop - 1])
        if entry.target is not None and entry.target.heading is not None:
            prefixes.setdefault(entry.target.heading.level, _prefix(chunk[0]))
        if entry.removable and (entry.kind is Kind.COPY or drop_unknown):
            removed.append("\n".join(chunk))
            continue
        if entry.kind is Kind.RELINK:
            m = TOC_ITEM.match(chunk[0])
            assert m is not None
            relinked.append(TextChange(m.group("anchor"), entry.link))
            chunk[0] = chunk[0][: m.start("anchor")] + entry.link + chunk[0][m.end("anchor") :]
        kept.append((entry, chunk))
    if all(entry.target is not None for entry, _ in kept):
        kept.sort(key=lambda k: k[0].target.line if k[0].target is not None else 0)
    fallback = _prefix(lines[toc.items[0].line - 1])
    before: dict[int, list[str]] = {}  # index in kept (len(kept): the end) -> the new items to go before it
    for heading in missing:
        at = next((i for i, (entry, _) in enumerate(kept) if entry.target is not None
                   and entry.target.line > heading.line), len(kept))
        prefix = prefixes.get(heading.level, fallback)
        item = f"{prefix}[{without_explicit_id(heading.plain).strip()}](#{found.link_for(heading, by_hand)})"
        before.setdefault(at, []).append(item)
        added.append(item)
    out: list[str] = []
    for index, (_, chunk) in enumerate(kept):
        out.extend(before.get(index, ()))
        out.extend(chunk)
    while out and not out[-1].strip():
        out.pop()
    out.extend(before.get(len(kept), ()))
    changes = TocItemsChanged(added=tuple(added), removed=tuple(removed), relinked=tuple(relinked))
    return renumber(list(lines[toc.items[0].line - 1 : toc.last]), out), changes


def _fix(ctx: Context, toc: Toc, items: list[Item], built: tuple[list[str], TocItemsChanged], unsafe: bool,
         message: str) -> Fix | None:
    lines = ctx.source.lines
    out, changes = built
    first, last = toc.items[0].line, toc.last
    if out == list(lines[first - 1 : last]):
        return None
    # What the fix promises: every item that leads somewhere is still there, as written (renumbered at most).
    kept = Counter(_unnumbered(lines[i.item.line - 1]) for i in items if i.kind is Kind.RESOLVES)
    proven = not kept - Counter(_unnumbered(line) for line in out)
    safe = proven and not unsafe
    edit = Edit.replace(Span(line=first, column=1, end_line=last, end_column=len(lines[last - 1]) + 1), "\n".join(out))
    return Fix(applicability=Applicability.SAFE if safe else Applicability.UNSAFE, message=message, edits=(edit,),
               changes=(changes,))


def check(ctx: Context) -> Iterator[Diagnostic]:
    toc = ctx.document.toc
    if toc is None:
        return
    found = Anchors(ctx)
    items, missing, by_hand = read(toc, found)
    findings: list[tuple[str, Span, bool | None]] = []  # message, span, whether only the unsafe fix mends it
    # (None: no fix does, an item nested items hang from)
    unknown = any(entry.kind is Kind.UNKNOWN for entry in items)
    for entry in items:
        if entry.kind is not Kind.RESOLVES:
            text = ctx.source.line(entry.item.line)
            findings.append((f"table of contents links to #{entry.item.anchor}, which no heading or anchor has",
                             Span.on_line(entry.item.line, len(entry.item.indent), len(text.rstrip())),
                             None if entry.nesting else entry.kind is Kind.UNKNOWN))
    first = toc.items[0].line
    whole = Span.on_line(first, 0, len(ctx.source.line(first)))
    for heading in missing:
        title = without_explicit_id(heading.plain).strip()
        findings.append((f"heading `{title}` (line {heading.line}) is missing from the table of contents", whole,
                         unknown))
    order = [entry.target.line for entry in items if entry.kind is Kind.RESOLVES and entry.target is not None]
    stuck = any(entry.target is None and not entry.removable for entry in items)  # no fix can put it in order
    if order != sorted(order):  # (put in order by the safe fix only when every item has its place)
        findings.append(("table of contents lists the headings in another order than the document", whole,
                         None if stuck else unknown))
    if not findings:
        return
    # While an item links nowhere and names no heading, it may be the one meant for a missing heading, and its
    # place is not known: the safe fix then only relinks and removes what is proven, and adds and moves nothing.
    keep = _fix(ctx, toc, items, build(ctx, toc, items, [] if unknown else missing, found, by_hand,
                                       drop_unknown=False), False, "Update the table of contents")
    drops = any(entry.removable and entry.kind is Kind.UNKNOWN for entry in items)
    drop = _fix(ctx, toc, items, build(ctx, toc, items, missing, found, by_hand, drop_unknown=True), True,
                "Update the table of contents" + (", removing the items that link nowhere" if drops else "")
                ) if unknown else None
    for message, span, only_unsafe in findings:
        yield RULE.diagnostic(message, span, None if only_unsafe is None else drop if only_unsafe else keep or drop)


RULE = Rule(code="KD304", name="toc", summary="Table of contents out of sync with the headings",
            severity=Severity.WARNING, fixable=Fixable.SOMETIMES, check=check, doc=__doc__ or "")
