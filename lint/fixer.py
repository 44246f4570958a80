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
from .diagnostics import Diagnostic, Edit, EntryRemoved, LinesMoved, UrlChange
from .engine import Linter
from .model import Document
from .preserve import Reading, losses, reading, retitled, snapshot, undeclared
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


@dataclass(frozen=True)
class _Move:
    """A fix that writes the whole lines `first..last` in another order (`LinesMoved.order`): the fixes on
    those lines travel with them, in the same pass."""

    start: int  # offsets of its one edit
    end: int
    first: int  # its lines
    order: tuple[int, ...]

    def line_of(self, source: SourceText, start: int, end: int) -> int | None:
        """The line of this move that holds the range ``start:end`` whole (its line end included), if any."""
        if not (self.start <= start <= end <= self.end):
            return None
        number = bisect_right(source.starts, start)
        line_end = source.starts[number - 1] + len(source.lines[number - 1])
        return number if end <= line_end else None


def _move(source: SourceText, diagnostic: Diagnostic) -> _Move | None:
    """The fix of `diagnostic` as a move of whole lines, when it is one edit that writes exactly the lines it
    declares in the order it declares (else the fixer treats it as any other edit)."""
    fix = diagnostic.fix
    if fix is None or len(fix.edits) != 1:
        return None
    order = next((c.order for c in fix.changes if isinstance(c, LinesMoved) and c.order), ())
    span = fix.edits[0].span
    if (not order or span.column != 1 or span.end_line > source.line_count
            or span.end_column != len(source.line(span.end_line)) + 1
            or sorted(order) != list(range(span.line, span.end_line + 1))
            or fix.edits[0].content != "\n".join(source.lines[n - 1] for n in order)):
        return None
    start, end = _offsets(source, fix.edits[0])
    return _Move(start, end, span.line, order)


def select_fixes(source: SourceText, found: Sequence[Diagnostic]) -> list[Pick]:
    """The fixes of one pass, in document order: the moves of whole lines first, then the other fixes, each
    skipped when it overlaps one already taken, unless its edits lie within lines a move carries."""
    with_fixes = [(d, d.fix) for d in found if d.fix is not None and d.fix.edits]
    ordered = sorted(with_fixes, key=lambda pair: min(e.span.sort_key() for e in pair[1].edits))
    moves: list[_Move] = []
    chosen: list[tuple[int, Pick]] = []
    move_ranges, taken = _Taken(), _Taken()
    newline = source.newline
    for diagnostic, fix in ordered:
        move = _move(source, diagnostic)
        r = (move.start, move.end) if move else (0, 0)
        if move is None or move_ranges.clashes(r):
            continue
        move_ranges.add(r)
        moves.append(move)
        chosen.append((move.start, (diagnostic, [(move.start, move.end, _lines(fix.edits[0].content, newline))])))
    moves.sort(key=lambda m: m.start)
    starts = [m.start for m in moves]
    moving = {id(pick[0]) for _, pick in chosen}
    for diagnostic, fix in ordered:
        if id(diagnostic) in moving:
            continue
        ranges = [_offsets(source, edit) for edit in fix.edits]
        if _self_overlapping(ranges) or any(taken.clashes(r) for r in ranges):
            continue
        if any(_carrier(moves, starts, source, r) is None and move_ranges.clashes(r) for r in ranges):
            continue
        for r in ranges:
            taken.add(r)
        content = [_lines(e.content, newline) for e in fix.edits]
        chosen.append((min(r[0] for r in ranges), (diagnostic, [(r[0], r[1], c) for r, c in zip(ranges, content)])))
    chosen.sort(key=lambda item: item[0])
    return [pick for _, pick in chosen]


def _lines(content: str, newline: str) -> str:
    """An edit's text with the list's own line ending."""
    return content.replace("\r\n", "\n").replace("\n", newline)


def _carrier(moves: Sequence[_Move], starts: Sequence[int], source: SourceText, r: tuple[int, int]) -> _Move | None:
    """The move (of `moves`, sorted, their `starts`) that carries the edit of range `r`, if one does."""
    i = bisect_right(starts, r[0]) - 1
    return moves[i] if i >= 0 and moves[i].line_of(source, *r) is not None else None


def compose(source: SourceText, picks: Sequence[Pick]) -> list[tuple[int, int, str]]:
    """The edits of `picks` as one sweep applies them: an edit on a line that a move of the same picks
    carries is made on that line, which the move then writes in its new place."""
    moves: dict[int, _Move] = {}
    for diagnostic, _ in picks:
        move = _move(source, diagnostic)
        if move is not None:
            moves[move.start] = move
    if not moves:
        return [edit for _, edits in picks for edit in edits]
    ordered = sorted(moves.values(), key=lambda m: m.start)
    starts = [m.start for m in ordered]
    carried: dict[int, list[tuple[int, int, str]]] = {}  # line -> edits within it, offsets from its start
    edits: list[tuple[int, int, str]] = []
    for diagnostic, pick_edits in picks:
        move = _move(source, diagnostic)
        if move is not None and moves.get(move.start) == move:
            continue
        for start, end, content in pick_edits:
            carrier = _carrier(ordered, starts, source, (start, end))
            if carrier is None:
                edits.append((start, end, content))
                continue
            number = carrier.line_of(source, start, end)
            assert number is not None
            base = source.starts[number - 1]
            carried.setdefault(number, []).append((start - base, end - base, content))
    newline = source.newline
    for move in ordered:
        lines = [apply_edits(source.lines[n - 1], carried.get(n, [])) for n in move.order]
        edits.append((move.start, move.end, newline.join(lines)))
    return edits


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
    # brings (an unused suppression) start another pass. One document is alive
    # at a time: a pass keeps what the text before it holds (`preserve.Reading`),
    # not its document, while the fixed text is parsed.
    findings = linter.findings(source, linter.parse(source))
    original: Reading | None = None  # what the first text holds, read when a pass needs it
    checked = False  # whether the fixed text is the whole text a pass's trial found to lose nothing
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
        trial = _Trial(source, reading(source, findings.ctx.document), linter)
        original = original or trial.before
        del findings  # the trial parses the fixed text
        bad = trial.culprits([pick for pick, problems in declared if not problems])
        for pick, problems in declared:
            if problems or pick in bad:
                refused.append((pick[0], "; ".join(problems) or _lost(trial.problems([pick]))))
                refusing.add(_identity(pick[0]))
        chosen = [pick for pick, problems in declared if not problems and pick not in bad]
        if not chosen:  # the refused fixes are left out of the next selection
            findings = linter.findings(source, linter.parse(source))
            continue
        passes += 1
        applied += len(chosen)
        codes.update(diagnostic.code for diagnostic, _ in chosen)
        dropped += _dropped(chosen)
        rewrites.update(_rewrites(chosen))
        retitles.update(_retitles(chosen))
        text = apply_edits(source.text, compose(source, chosen))
        if text == source.text:
            findings = linter.findings(source, linter.parse(source))
            break
        source = source.replace(text)
        document = trial.clean(text)
        checked = document is not None
        findings = linter.findings(source, document or linter.parse(source))
        del document
    found = findings.finish()
    document = findings.ctx.document
    # One pass whose whole text its trial checked needs no second look; after several, the end is checked
    # against the start once more, as a last guard.
    if applied and original is not None and not (passes == 1 and checked):
        problems = losses(snapshot(original, rewrites, retitles),
                          snapshot(reading(source, document), rewrites, retitles), dropped)
        if problems:
            raise ContentLossError("; ".join(problems))
    # A refused fix is not offered again as if `kdlint fix` could apply it.
    found = [replace(d, fix=None) if _identity(d) in refusing else d for d in found]
    return FixResult(source=source, applied=applied, passes=passes, remaining=found, document=document,
                     rewrites=rewrites, codes=codes, dropped=dropped, refused=refused)


@dataclass(frozen=True)
class OneFix:
    """A finding's fix on its own: the edits `kdlint fix` makes for it (offsets into the text, content in the
    list's line endings), or why it would refuse it (`refused`, and no edits)."""

    edits: list[tuple[int, int, str]]
    refused: str | None = None


def fix_one(source: SourceText, linter: Linter, document: Document, diagnostic: Diagnostic) -> OneFix:
    """The fix of `diagnostic` applied alone to `source` (whose parse by `linter` is `document`), guarded as
    `kdlint fix` guards a pass: refused when its edits overlap each other, when it changes what it does not
    declare, or when it loses content. The language server's quick fixes are these."""
    with collector.paused():
        picks = select_fixes(source, [diagnostic])
        if not picks:
            return OneFix([], "its edits overlap each other")
        problems = undeclared_by(source, picks[0])
        if problems:
            return OneFix([], "; ".join(problems))
        lost = _Trial(source, reading(source, document), linter).problems(picks)
        return OneFix([], _lost(lost)) if lost else OneFix(compose(source, picks))


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
    """Fixes of one pass tried on the text before it (`before` is what that text holds): which of them lose
    content (`preserve`)."""

    def __init__(self, source: SourceText, before: Reading, linter: Linter) -> None:
        self.source, self.before, self.linter = source, before, linter
        self._clean: tuple[str, Document] | None = None  # the last text tried that loses nothing, parsed

    def problems(self, picks: Sequence[Pick]) -> list[str]:
        rewrites, retitles, dropped = _rewrites(picks), _retitles(picks), _dropped(picks)
        text = apply_edits(self.source.text, compose(self.source, picks))
        if text == self.source.text:
            return []
        source = self.source.replace(text)
        document = self.linter.parse(source)
        found = losses(snapshot(self.before, rewrites, retitles),
                       snapshot(reading(source, document), rewrites, retitles), dropped)
        if not found:
            self._clean = (text, document)
        return found

    def clean(self, text: str) -> Document | None:
        """The document of `text`, when this trial found that whole text to lose nothing."""
        return self._clean[1] if self._clean is not None and self._clean[0] == text else None

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
