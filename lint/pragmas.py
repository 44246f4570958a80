"""Suppression comments inside the Markdown.

    <!-- kdlint-disable-next-line KD201 -->   the next line
    <!-- kdlint-disable KD3 -->               from here ...
    <!-- kdlint-enable KD3 -->                ... to here (no codes: every open disable)
    <!-- kdlint-disable-file -->              the whole file

Codes are rule codes or prefixes (`KD3`), separated by spaces or commas; no
codes means every rule. A comment that starts `<!-- kdlint` but is none of
these is a malformed pragma (KD901), never silently ignored.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from .diagnostics import Span
from .model import BadPragma, Pragma
from .selection import SelectorError, check_selector

COMMENT_OPEN, COMMENT_CLOSE = "<!--", "-->"
# Matched on the stripped comment: the kind, then a space or the end; the codes are the rest, stripped.
# (A lazy `(.*?)\s*$` for the codes tried the end of the comment from every character of a run of spaces,
# and a leading `\s*` does the same in a search: quadratic.)
PRAGMA = re.compile(r"kdlint-(disable-next-line|disable-file|disable|enable)(?!\S)")
KINDS = ("disable-next-line", "disable-file", "disable", "enable")


def _comments(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each `<!-- ... -->` on a line, as `<!--(.*?)-->` would find them, in linear time.

    The regular expression tries every `<!--` against the rest of the line, so a line of thousands of
    unclosed `<!--` is quadratic; once no `-->` follows, no later `<!--` can close either.
    """
    pos = 0
    while (start := text.find(COMMENT_OPEN, pos)) >= 0:
        close = text.find(COMMENT_CLOSE, start + len(COMMENT_OPEN))
        if close < 0:
            return
        pos = close + len(COMMENT_CLOSE)
        yield start, pos


def scan(lines: Iterable[tuple[int, str]]) -> tuple[list[Pragma], list[BadPragma]]:
    """Pragmas on the given (number, text) lines, which exclude code blocks."""
    good: list[Pragma] = []
    bad: list[BadPragma] = []
    for number, text in lines:
        if "kdlint" not in text or "<!--" not in text:
            continue
        # A pragma stands alone when only whitespace is around it: found once per line, not by copying
        # what is before and after each of the comments on it.
        lead, tail = len(text) - len(text.lstrip()), len(text.rstrip())
        for start, end in _comments(text):
            body = text[start + len(COMMENT_OPEN) : end - len(COMMENT_CLOSE)].strip()
            if not body.startswith("kdlint"):
                continue
            span = Span.on_line(number, start, end)
            parsed = PRAGMA.match(body)
            if parsed is None:
                word = body.split()[0]
                bad.append(BadPragma(span=span, reason=f"unknown pragma `{word}` (expected one of "
                                     + ", ".join(f"kdlint-{k}" for k in KINDS) + ")"))
                continue
            codes: list[str] = []
            problem = None
            for raw in re.split(r"[\s,]+", body[parsed.end() :].lstrip()):
                if not raw:
                    continue
                try:
                    codes.append(check_selector(raw))
                except SelectorError as exc:
                    problem = str(exc)
                    break
            if problem:
                bad.append(BadPragma(span=span, reason=problem))
                continue
            alone = start <= lead and end >= tail
            good.append(Pragma(kind=parsed.group(1), codes=tuple(codes), span=span, alone=alone))
    return good, bad
