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
from collections.abc import Iterable

from .diagnostics import Span
from .model import BadPragma, Pragma
from .selection import SelectorError, check_selector

COMMENT = re.compile(r"<!--(.*?)-->")
PRAGMA = re.compile(r"^\s*kdlint-(disable-next-line|disable-file|disable|enable)(?:\s+(.*?))?\s*$", re.DOTALL)
KINDS = ("disable-next-line", "disable-file", "disable", "enable")


def scan(lines: Iterable[tuple[int, str]]) -> tuple[list[Pragma], list[BadPragma]]:
    """Pragmas on the given (number, text) lines, which exclude code blocks."""
    good: list[Pragma] = []
    bad: list[BadPragma] = []
    for number, text in lines:
        if "kdlint" not in text or "<!--" not in text:
            continue
        for m in COMMENT.finditer(text):
            body = m.group(1)
            if not body.strip().startswith("kdlint"):
                continue
            span = Span.on_line(number, m.start(), m.end())
            parsed = PRAGMA.match(body)
            if parsed is None:
                word = body.strip().split()[0]
                bad.append(BadPragma(span=span, reason=f"unknown pragma `{word}` (expected one of "
                                     + ", ".join(f"kdlint-{k}" for k in KINDS) + ")"))
                continue
            codes: list[str] = []
            problem = None
            for raw in re.split(r"[\s,]+", parsed.group(2) or ""):
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
            alone = not text[: m.start()].strip() and not text[m.end() :].strip()
            good.append(Pragma(kind=parsed.group(1), codes=tuple(codes), span=span, alone=alone))
    return good, bad
