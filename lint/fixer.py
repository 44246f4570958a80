"""Apply fixes: text edits, bottom-up, in passes until nothing changes.

Within a pass, a fix whose edits overlap (or touch the insertion point of) an
edit already taken is skipped, never merged, and left for the next pass.
After the last pass the result is checked against the original with
`preserve`; a fix that would lose content is refused as a whole.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from .checker import check_source
from .diagnostics import Applicability, Diagnostic, Edit, Fix
from .model import Document
from .preserve import losses, snapshot
from .rules import RULES, Rule
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


def select_fixes(source: SourceText, fixes: Sequence[Fix]) -> list[tuple[Fix, list[tuple[int, int, str]]]]:
    """The fixes of one pass: in document order, skipping any that overlap one already taken."""
    taken: list[tuple[int, int]] = []
    chosen = []
    newline = source.newline
    for fix in sorted(fixes, key=lambda f: min(e.span.sort_key() for e in f.edits)):
        ranges = [_offsets(source, edit) for edit in fix.edits]
        if any(_overlaps(r, t) for r in ranges for t in taken):
            continue
        if any(_overlaps(r, s) for i, r in enumerate(ranges) for s in ranges[i + 1 :]):
            continue
        taken.extend(ranges)
        content = [e.content.replace("\r\n", "\n").replace("\n", newline) for e in fix.edits]
        chosen.append((fix, [(r[0], r[1], c) for r, c in zip(ranges, content)]))
    return chosen


def apply_edits(text: str, edits: Sequence[tuple[int, int, str]]) -> str:
    """Apply non-overlapping offset edits, last first so earlier offsets stay valid."""
    for start, end, content in sorted(edits, key=lambda e: (e[0], e[1]), reverse=True):
        text = text[:start] + content + text[end:]
    return text


def wanted(diagnostic: Diagnostic, unsafe: bool) -> bool:
    fix = diagnostic.fix
    return fix is not None and (unsafe or fix.applicability is Applicability.SAFE)


def fix_source(source: SourceText, rules: Sequence[Rule] = RULES, unsafe: bool = False) -> FixResult:
    """Fix `source` to a fixpoint; raise ContentLossError rather than lose content."""
    document, found = check_source(source, rules)
    original, original_doc = source, document
    applied = passes = 0
    rewrites: dict[str, str] = {}
    while passes < MAX_PASSES:
        fixes = [d.fix for d in found if d.fix is not None and wanted(d, unsafe)]
        if not fixes:
            break
        chosen = select_fixes(source, fixes)
        if not chosen:
            break
        passes += 1
        applied += len(chosen)
        for fix, _ in chosen:
            for change in fix.url_changes:
                rewrites[change.old] = change.new
        text = apply_edits(source.text, [edit for _, edits in chosen for edit in edits])
        if text == source.text:
            break
        source = source.replace(text)
        document, found = check_source(source, rules)
    if applied:
        problems = losses(snapshot(original, original_doc, rewrites), snapshot(source, document, rewrites))
        if problems:
            raise ContentLossError("; ".join(problems))
    return FixResult(source=source, applied=applied, passes=passes, remaining=found, document=document,
                     rewrites=rewrites)
