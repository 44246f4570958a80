"""`kdlint review --prepare`: lint the changed Markdown files of the checked-out head into a payload."""

from __future__ import annotations

import subprocess
from collections.abc import Sequence
from pathlib import Path

from ..settings import ConfigFinder
from ..diagnostics import Applicability, Diagnostic
from ..engine import Linter
from ..files import MARKDOWN_SUFFIXES
from ..fingerprint import Fingerprinter
from ..fixer import apply_edits, select_fixes
from ..gitdiff import FileChange, changes, check_revision, repository_root
from ..source import InputError, SourceText
from .payload import MAX_MESSAGE, MAX_SUGGESTION, ReviewFinding, ReviewPayload

COMMENT_CONTEXT = 3  # GitHub's diff context: review comments may sit on these lines too


def _git(args: list[str], root: Path) -> str:
    done = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise InputError(f"git {' '.join(args)} failed: {done.stderr.strip() or done.returncode}")
    return done.stdout


def changed_markdown(root: Path, base: str) -> list[str]:
    """Markdown files added, copied, modified or renamed since `base` (repository-relative)."""
    out = _git(["diff", "--name-only", "--diff-filter=ACMR", "-z", base, "--"], root)
    return sorted(p for p in out.split("\0") if p and Path(p).suffix.lower() in MARKDOWN_SUFFIXES)


def suggestion(source: SourceText, d: Diagnostic) -> tuple[int, int, str] | None:
    """(first line, last line, replacement text of those whole lines) for a safe fix, else None."""
    fix = d.fix
    if fix is None or fix.applicability is not Applicability.SAFE or not fix.edits:
        return None
    first = min(e.span.line for e in fix.edits)
    last = max(e.span.end_line for e in fix.edits)
    chosen = select_fixes(source, [d])
    if not chosen:
        return None
    fixed = source.replace(apply_edits(source.text, chosen[0][1]))
    grown = len(fixed.lines) - len(source.lines)
    new_last = last + grown
    if new_last < first:
        return None  # the fix deletes whole lines; a suggestion cannot express that cleanly
    return first, last, "\n".join(fixed.lines[first - 1 : new_last])


def review_findings(relative: str, source: SourceText, linter: Linter, change: FileChange) -> list[ReviewFinding]:
    """The findings of one file on the lines the pull request changed, each with its suggestion."""
    document, found = linter.check(source)
    fingerprint = Fingerprinter(source, document)
    findings = []
    for d in found:
        if not d.touches(change.added):
            continue
        start, end, text = d.span.line, d.span.end_line, None
        offered = suggestion(source, d)
        if offered is not None and len(offered[2]) <= MAX_SUGGESTION:
            start, end, text = offered
        in_diff = all(line in change.hunks for line in range(start, end + 1))
        findings.append(ReviewFinding(path=Path(relative).as_posix(), start_line=start, end_line=end, code=d.code,
                                      name=d.name, message=d.message[:MAX_MESSAGE], severity=d.severity,
                                      fingerprint=fingerprint(d), in_diff=in_diff, suggestion=text))
    return findings


def prepare(base: str, paths: Sequence[str] = (), config: Path | None = None, cwd: Path | None = None) -> ReviewPayload:
    root = repository_root((cwd or Path.cwd()).resolve())
    fork = check_revision(root, base)
    head = _git(["rev-parse", "HEAD"], root).strip()
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
