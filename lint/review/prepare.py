"""The review payload: `review_findings` (one file's findings on the changed lines, with suggestions), and
`kdlint review --prepare`, which lints the changed Markdown of a local checkout into a payload."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path

from .. import git
from ..config_files import ConfigFinder
from ..diagnostics import Diagnostic
from ..engine import Linter
from ..files import MARKDOWN_SUFFIXES
from ..fingerprint import Fingerprinter
from ..fixer import apply_edits, select_fixes
from ..gitdiff import FileChange, changes, check_revision, repository_root
from ..source import InputError, SourceText
from .payload import MAX_MESSAGE, MAX_SUGGESTION, ReviewFinding, ReviewPayload

COMMENT_CONTEXT = 3  # GitHub's diff context: review comments may sit on these lines too


def changed_markdown(root: Path, base: str) -> list[str]:
    """Markdown files added, copied, modified or renamed since `base` (repository-relative)."""
    out = git.output(["diff", "--name-only", "--diff-filter=ACMR", "-z", base, "--"], root)
    return sorted(p for p in out.split("\0") if p and Path(p).suffix.lower() in MARKDOWN_SUFFIXES)


def _safe_lines(d: Diagnostic) -> tuple[int, int] | None:
    """The lines a finding's safe fix edits, first to last; None without a safe fix."""
    fix = d.fix
    if fix is None or not d.fixable() or not fix.edits:
        return None
    return min(e.span.line for e in fix.edits), max(e.span.end_line for e in fix.edits)


def suggestion(source: SourceText, found: Sequence[Diagnostic]) -> tuple[int, int, str] | None:
    """(first line, last line, replacement text of those whole lines) for the safe fixes of `found` applied
    together, else None (a fix is not safe, two of them clash, or they delete whole lines)."""
    ranges = [_safe_lines(d) for d in found]
    if not found or any(r is None for r in ranges):
        return None
    first = min(r[0] for r in ranges if r is not None)
    last = max(r[1] for r in ranges if r is not None)
    chosen = select_fixes(source, found)
    if len(chosen) != len(found):
        return None
    fixed = source.replace(apply_edits(source.text, [edit for _, edits in chosen for edit in edits]))
    grown = len(fixed.lines) - len(source.lines)
    new_last = last + grown
    if new_last < first:
        return None  # the fix deletes whole lines; a suggestion cannot express that cleanly
    return first, last, "\n".join(fixed.lines[first - 1 : new_last])


def _groups(found: Sequence[Diagnostic]) -> list[list[Diagnostic]]:
    """The findings whose safe fixes edit overlapping lines, together (one suggestion block can hold only
    one replacement of a line); every other finding alone; in document order."""
    groups = [[d] for d in found if _safe_lines(d) is None]
    current: list[Diagnostic] = []
    last = 0
    for d, (first, end) in sorted(((d, r) for d in found if (r := _safe_lines(d)) is not None), key=lambda p: p[1]):
        if current and first <= last:
            current.append(d)
            last = max(last, end)
            continue
        if current:
            groups.append(current)
        current, last = [d], end
    if current:
        groups.append(current)
    return sorted(groups, key=lambda group: group[0].sort_key())


def review_findings(relative: str, source: SourceText, linter: Linter, change: FileChange) -> list[ReviewFinding]:
    """The findings of one file on the lines the pull request changed. The safe fixes that edit the same lines
    become one suggestion, on the first of their findings (which names the others); when they cannot be
    applied together, the first keeps its own and the others have none, so that no suggestion undoes another.
    A suggestion's text is part of its fingerprint: a re-run replaces a suggestion whose lines changed."""
    document, found = linter.check(source)
    fingerprint = Fingerprinter(source, document)
    findings = []
    for group in _groups([d for d in found if d.touches(change.added)]):
        offered = suggestion(source, group) or suggestion(source, group[:1])
        together = len(group) > 1 and offered is not None and offered == suggestion(source, group)
        for index, d in enumerate(group):
            start, end, text = d.span.line, d.span.end_line, None
            if index == 0 and offered is not None and len(offered[2]) <= MAX_SUGGESTION:
                start, end, text = offered
            also = [other.code for other in group[1:]] if index == 0 and text is not None and together else []
            in_diff = all(line in change.hunks for line in range(start, end + 1))
            identity = fingerprint(d)
            if text is not None:
                identity = hashlib.md5(f"{identity}\0{text}".encode()).hexdigest()
            findings.append(ReviewFinding(path=Path(relative).as_posix(), start_line=start, end_line=end,
                                          code=d.code, name=d.name, message=d.message[:MAX_MESSAGE],
                                          severity=d.severity, fingerprint=identity, in_diff=in_diff,
                                          suggestion=text, also_fixes=also))
    return findings


def prepare(base: str, paths: Sequence[str] = (), config: Path | None = None, cwd: Path | None = None) -> ReviewPayload:
    root = repository_root((cwd or Path.cwd()).resolve())
    fork = check_revision(root, base)
    head = git.output(["rev-parse", "HEAD"], root).strip()
    files = list(paths) or changed_markdown(root, fork)
    finder = ConfigFinder(config)
    findings: list[ReviewFinding] = []
    for relative in files:
        path = root / relative
        if not path.is_file():
            continue
        settings = finder.settings_for(path)
        if path.stat().st_size > settings.max_file_size:
            raise InputError(f"{relative}: more than max-file-size ({settings.max_file_size:,} bytes); not reviewed")
        source = SourceText.read(path)
        findings += review_findings(relative, source, Linter.for_file(settings, path),
                                    changes(path, base, context=COMMENT_CONTEXT))
    return ReviewPayload(head_sha=head, base=base, files=[Path(f).as_posix() for f in files], findings=findings)
