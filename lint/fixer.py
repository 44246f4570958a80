"""Apply fixes: text edits, all of a pass in one sweep, in passes until nothing changes.

Within a pass, a fix whose edits overlap (or touch the insertion point of) an
edit already taken is skipped, never merged, and left for the next pass.
Each fix is checked on its own against the changes it declares
(`preserve.undeclared`), and each pass against the text before it
(`preserve.losses`): when the pass would lose content, the fixes that cause
it are found by halving the pass (a few parses, not one per fix). A fix that
fails either check is refused, with the reason, and the others are applied.
The end result is checked against the original once more, as a last guard.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from . import collector
from .diagnostics import Diagnostic, Edit, EntryRemoved, UrlChange
from .engine import Linter
from .model import Document
from .preserve import losses, retitled, snapshot, undeclared
from .source import SourceText

MAX_PASSES = 10


class ContentLossError(Exception):
    """The fixed text would lose content; nothing may be written."""


@dataclass
class FixResult:
    source: SourceText  # the fixed text
    applied: int  # fixes applied over all passes
    passes: int
    remaining: list[Diagnostic]  # findings left in the fixed text
    document: Document
    rewrites: dict[str, str] = field(default_factory=dict)
    codes: Counter[str] = field(default_factory=Counter)  # fixes applied, by rule code
    dropped: int = 0  # duplicate entries removed
    refused: list[tuple[Diagnostic, str]] = field(default_factory=list)  # fixes not applied: they lose content

    @property
    def changed(self) -> bool:
        return self.applied > 0


def _offsets(source: SourceText, edit: Edit) -> tuple[int, int]:
    span = edit.span
    return source.offset(span.line, span.column), source.offset(span.end_line, span.end_column)


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    if a[0] == a[1] or b[0] == b[1]:  # an insertion clashes with anything at or around its point
        return a[0] <= b[1] and b[0] <= a[1]
    return a[0] < b[1] and b[0] < a[1]


class _Taken:
    """Ranges already taken, none overlapping another, kept sorted by start.

    Because no two overlap, starts are distinct and ends never decrease along
    the list, so only the few ranges just before the query's end can clash:
    a lookup is a bisection plus a short walk back, not a scan of all ranges.
    """

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ranges: list[tuple[int, int]] = []

    def clashes(self, r: tuple[int, int]) -> bool:
        i = bisect_right(self.starts, r[1])  # ranges starting after r's end cannot clash
        while i > 0:
            i -= 1
            t = self.ranges[i]
            if t[1] < r[0]:  # ends never decrease, so every earlier range ends before r too
                return False
            if _overlaps(r, t):
                return True
        return False

    def add(self, r: tuple[int, int]) -> None:
        i = bisect_right(self.starts, r[0])
        self.starts.insert(i, r[0])
        self.ranges.insert(i, r)


def _self_overlapping(ranges: list[tuple[int, int]]) -> bool:
    own = _Taken()
    for r in ranges:
        if own.clashes(r):
            return True
        own.add(r)
    return False


Pick = tuple[Diagnostic, list[tuple[int, int, str]]]  # a chosen fix: its diagnostic, its edits as offsets


def select_fixes(source: SourceText, found: Sequence[Diagnostic]) -> list[Pick]:
    """The fixes of one pass: in document order, skipping any that overlap one already taken."""
    taken = _Taken()
    chosen = []
    newline = source.newline
    with_fixes = [(d, d.fix) for d in found if d.fix is not None and d.fix.edits]
    for diagnostic, fix in sorted(with_fixes, key=lambda pair: min(e.span.sort_key() for e in pair[1].edits)):
        ranges = [_offsets(source, edit) for edit in fix.edits]
        if any(taken.clashes(r) for r in ranges) or _self_overlapping(ranges):
            continue
        for r in ranges:
            taken.add(r)
        content = [e.content.replace("\r\n", "\n").replace("\n", newline) for e in fix.edits]
        chosen.append((diagnostic, [(r[0], r[1], c) for r, c in zip(ranges, content)]))
    return chosen


def apply_edits(text: str, edits: Sequence[tuple[int, int, str]]) -> str:
    """Apply non-overlapping offset edits in one sweep over the text.

    Edits at one point go in the order that applying them last first, one by
    one, would give. Overlapping edits are a caller's error: ValueError.
    """
    ordered = sorted(edits, key=lambda e: (e[0], e[1]), reverse=True)
    ordered.reverse()
    pieces: list[str] = []
    done = 0  # text before this offset is already in pieces
    for start, end, content in ordered:
        if start < done:
            raise ValueError(f"overlapping edits at offset {start}")
        pieces.append(text[done:start])
        pieces.append(content)
        done = end
    pieces.append(text[done:])
    return "".join(pieces)


def fix_source(source: SourceText, linter: Linter | None = None, unsafe: bool = False) -> FixResult:
    """Fix `source` to a fixpoint; raise ContentLossError rather than lose content.

    The collector stays paused between passes too, as in `Linter.check`: the
    documents of two passes are alive at once and would be walked again and
    again while fixes are selected, applied and checked for lost content.
    """
    with collector.paused():
        return _fix_source(source, linter or Linter(), unsafe)


def _fix_source(source: SourceText, linter: Linter, unsafe: bool) -> FixResult:
    # Between passes only the rules that can fix something run; the others run
    # once nothing is left to fix (on the last parse), and whatever fixes that
    # brings (an unused suppression) start another pass.
    document = linter.parse(source)
    original, original_doc = source, document
    findings = linter.findings(source, document)
    applied = passes = 0
    rewrites: dict[str, str] = {}
    retitles: dict[str, str] = {}  # titles rewritten on purpose (declared `TextChange`s)
    codes: Counter[str] = Counter()
    dropped = 0  # duplicate entries removed on purpose
    refused: list[tuple[Diagnostic, str]] = []
    refusing: set[tuple[str, int, int, str]] = set()
    while passes < MAX_PASSES:
        chosen = _offered(source, findings.found, unsafe, refusing)
        if not chosen and not findings.complete:
            chosen = _offered(source, findings.finish(), unsafe, refusing)
        if not chosen:
            break
        declared = [(pick, undeclared_by(source, pick)) for pick in chosen]
        trial = _Trial(source, document, linter)
        bad = trial.culprits([pick for pick, problems in declared if not problems])
        for pick, problems in declared:
            if problems or pick in bad:
                refused.append((pick[0], "; ".join(problems) or _lost(trial.problems([pick]))))
                refusing.add(_identity(pick[0]))
        chosen = [pick for pick, problems in declared if not problems and pick not in bad]
        if not chosen:
            continue  # the refused fixes are left out of the next selection
        passes += 1
        applied += len(chosen)
        codes.update(diagnostic.code for diagnostic, _ in chosen)
        dropped += _dropped(chosen)
        rewrites.update(_rewrites(chosen))
        retitles.update(_retitles(chosen))
        text = apply_edits(source.text, [edit for _, edits in chosen for edit in edits])
        if text == source.text:
            break
        source = source.replace(text)
        document = trial.parsed.get(text) or linter.parse(source)
        findings = linter.findings(source, document)
    found = findings.finish()
    if applied:
        problems = losses(snapshot(original, original_doc, rewrites, retitles),
                          snapshot(source, document, rewrites, retitles), dropped)
        if problems:
            raise ContentLossError("; ".join(problems))
    # A refused fix is not offered again as if `kdlint fix` could apply it.
    found = [replace(d, fix=None) if _identity(d) in refusing else d for d in found]
    return FixResult(source=source, applied=applied, passes=passes, remaining=found, document=document,
                     rewrites=rewrites, codes=codes, dropped=dropped, refused=refused)


def _offered(source: SourceText, found: Sequence[Diagnostic], unsafe: bool,
             refusing: set[tuple[str, int, int, str]]) -> list[Pick]:
    """The fixes of the next pass: those `kdlint fix` applies (`unsafe` or not) and has not refused."""
    return select_fixes(source, [d for d in found if d.fixable(unsafe) and _identity(d) not in refusing])


def _lost(problems: list[str]) -> str:
    if not problems:
        return "it would lose content together with another fix of the same pass"
    return f"it would lose content ({'; '.join(problems)})"


def _identity(diagnostic: Diagnostic) -> tuple[str, int, int, str]:
    """A finding as the next pass finds it again, when its fix was refused and so nothing moved."""
    return (diagnostic.code, diagnostic.span.line, diagnostic.span.column, diagnostic.message)




def _rewrites(picks: Sequence[Pick]) -> dict[str, str]:
    return {change.old: change.new for diagnostic, _ in picks if diagnostic.fix
            for change in diagnostic.fix.changes if isinstance(change, UrlChange)}


def _retitles(picks: Sequence[Pick]) -> dict[str, str]:
    return retitled(change for diagnostic, _ in picks if diagnostic.fix for change in diagnostic.fix.changes)


def _dropped(picks: Sequence[Pick]) -> int:
    return sum(isinstance(change, EntryRemoved) for diagnostic, _ in picks if diagnostic.fix
               for change in diagnostic.fix.changes)


def undeclared_by(source: SourceText, pick: Pick) -> list[str]:
    """What the fix of `pick` changes beyond what it declares, read on the lines its edits touch."""
    diagnostic, edits = pick
    assert diagnostic.fix is not None
    text = source.text
    pieces: list[tuple[int, int, list[tuple[int, int, str]]]] = []  # whole lines, and the edits within them
    for start, end, content in sorted(edits):
        first = text.rfind("\n", 0, start) + 1
        last = text.find("\n", end)
        last = len(text) if last < 0 else last
        if pieces and first <= pieces[-1][1]:
            pieces[-1] = (pieces[-1][0], max(last, pieces[-1][1]), [*pieces[-1][2], (start, end, content)])
        else:
            pieces.append((first, last, [(start, end, content)]))
    before = [text[first:last] for first, last, _ in pieces]
    after = [apply_edits(text[first:last], [(s - first, e - first, c) for s, e, c in inside])
             for first, last, inside in pieces]
    return undeclared(source, diagnostic.fix.changes, "\n".join(before), "\n".join(after))


class _Trial:
    """Fixes of one pass tried on the text before it: which of them lose content (`preserve`)."""

    def __init__(self, source: SourceText, document: Document, linter: Linter) -> None:
        self.source, self.document, self.linter = source, document, linter
        self.parsed: dict[str, Document] = {}  # the parse of each text tried, for the pass that keeps it

    def problems(self, picks: Sequence[Pick]) -> list[str]:
        rewrites, retitles, dropped = _rewrites(picks), _retitles(picks), _dropped(picks)
        text = apply_edits(self.source.text, [edit for _, edits in picks for edit in edits])
        if text == self.source.text:
            return []
        source = self.source.replace(text)
        document = self.parsed.setdefault(text, self.linter.parse(source))
        return losses(snapshot(self.source, self.document, rewrites, retitles),
                      snapshot(source, document, rewrites, retitles), dropped)

    def culprits(self, picks: list[Pick]) -> list[Pick]:
        """The picks that lose content: none when all of them together lose none; else found by halves (a
        loss only two halves together cause refuses both)."""
        if not picks or not self.problems(picks):
            return []
        if len(picks) == 1:
            return picks
        half = len(picks) // 2
        found = self.culprits(picks[:half]) + self.culprits(picks[half:])
        return found or picks
