"""Unified diffs of long line lists, in near-linear time and memory.

`kdlint fix --diff` shows what fixing a whole list changes. When a fix
reorders sections, blocks of lines move, and `difflib.unified_diff` is
quadratic on such input: its longest-match search rescans the same lines
again and again (4.6 s for a 10,000-entry list, far longer at 50,000).

This module pairs lines by patience diff instead: strip the common head and
tail, anchor on lines that occur exactly once on each side, keep the longest
run of anchors that is in the same order on both sides, and treat the gaps
between anchors the same way. A gap with no such anchors goes to
`difflib.SequenceMatcher` only when it is small; a large one is shown as
replaced. Gaps wait on an explicit stack, so no input can exhaust the call
stack. The text it prints is what `difflib.unified_diff` prints for the same
pairing (the same headers, hunk headers, context and line prefixes) with one
difference: a last line without a newline is ended and followed by
``\\ No newline at end of file``, as GNU diff and git print it. difflib prints
such a line as it is, so the next line of the diff runs on after it, and
`patch` and `git apply` reject the result ("malformed patch").

`file_diff` is the whole patch of one file, bytes to bytes, as `fix --diff`
prints it: lines are split after each LF only (what `patch` and `git apply`
count; a CR stays in its line, a form feed or U+2028 does not end one), the
BOM is part of the first line, and the headers name the file as `patch -p0`
and `git apply -p0` expect (`header_name`).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from difflib import SequenceMatcher
from pathlib import Path

from .ordering import longest_in_order

SMALL_GAP = 40_000  # at most this many (a line, b line) pairs in a gap handed to SequenceMatcher

Change = tuple[int, int, int, int]  # a[i1:i2] became b[j1:j2]; lines around it are equal
NO_NEWLINE = "\\ No newline at end of file\n"
_C_ESCAPES = {"\a": "\\a", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\v": "\\v", "\f": "\\f", "\r": "\\r",
              '"': '\\"', "\\": "\\\\"}


def file_diff(old: bytes, new: bytes, name: str, n: int = 3) -> bytes:
    """The unified diff that turns the UTF-8 file `old` into `new`, headed with `name` on both sides; b"" if equal."""
    a, b = split_lines(old.decode("utf-8")), split_lines(new.decode("utf-8"))
    label = quote_name(name)
    return "".join(unified_diff(a, b, label, label, n)).encode("utf-8")


def split_lines(text: str) -> list[str]:
    """`text` cut after each LF, the LF kept: the lines `patch` and `git apply` see ("" has none)."""
    lines = text.split("\n")
    last = lines.pop()
    return [line + "\n" for line in lines] + ([last] if last else [])


def header_name(path: str, cwd: Path | None = None) -> str:
    """`path` as a diff header names it: relative to `cwd` (the current directory), with forward slashes.

    `patch -p0` and `git apply -p0` run from `cwd` find the file by this name.
    A file outside `cwd` keeps the path it was given; both tools refuse an
    absolute name or one with `..`, so run kdlint from a directory above the file.
    """
    where = Path(path)
    if where.is_absolute():
        root = Path.cwd() if cwd is None else cwd
        for candidate, base in ((where, root), (where.resolve(), root.resolve())):
            if candidate.is_relative_to(base):
                return candidate.relative_to(base).as_posix()
    return where.as_posix()


def quote_name(name: str) -> str:
    """A header's file name as git writes it: C-quoted when it holds a quote, a backslash or a control
    character, and followed by a tab when it holds a space (so `patch` does not end the name there)."""
    if any(ch in _C_ESCAPES or ord(ch) < 0x20 or ord(ch) == 0x7F for ch in name):
        body = "".join(_C_ESCAPES.get(ch) or (f"\\{ord(ch):03o}" if ord(ch) < 0x20 or ord(ch) == 0x7F else ch)
                       for ch in name)
        return f'"{body}"'
    return name + "\t" if " " in name else name


def unified_diff(a: Sequence[str], b: Sequence[str], fromfile: str = "", tofile: str = "",
                 n: int = 3) -> Iterator[str]:
    """The lines of a unified diff from `a` to `b`, with `n` lines of context; none if equal."""
    found = changes(a, b)
    if not found:
        return
    yield f"--- {fromfile}\n"
    yield f"+++ {tofile}\n"
    for hunk in _hunks(found, n):
        yield from _hunk_lines(a, b, hunk, found, n)


def changes(a: Sequence[str], b: Sequence[str]) -> list[Change]:
    """Where `a` and `b` differ: the runs a[i1:i2] that became b[j1:j2], in order, with equal lines between."""
    return _changes(_pairing(a, b), len(a), len(b))


def _pairing(a: Sequence[str], b: Sequence[str]) -> list[int]:
    """For each line of `a`, the index of the equal line of `b` it is paired with, or -1.

    Paired indices increase along `a`, so the pairs never cross.
    """
    pair = [-1] * len(a)
    gaps = [(0, len(a), 0, len(b))]
    while gaps:
        alo, ahi, blo, bhi = gaps.pop()
        while alo < ahi and blo < bhi and a[alo] == b[blo]:
            pair[alo] = blo
            alo += 1
            blo += 1
        while alo < ahi and blo < bhi and a[ahi - 1] == b[bhi - 1]:
            ahi -= 1
            bhi -= 1
            pair[ahi] = bhi
        if alo == ahi or blo == bhi:
            continue
        pairs = _unique_pairs(a, b, alo, ahi, blo, bhi)
        keep = longest_in_order([j for _, j in pairs])  # the j are distinct: non-decreasing is increasing
        anchors = [pair for k, pair in enumerate(pairs) if k in keep]
        if anchors:
            for i, j in anchors:
                pair[i] = j
                gaps.append((alo, i, blo, j))
                alo, blo = i + 1, j + 1
            gaps.append((alo, ahi, blo, bhi))
        elif (ahi - alo) * (bhi - blo) <= SMALL_GAP:
            matcher = SequenceMatcher(None, a[alo:ahi], b[blo:bhi], autojunk=False)
            for i, j, size in matcher.get_matching_blocks():
                for k in range(size):
                    pair[alo + i + k] = blo + j + k
    return pair


def _unique_pairs(a: Sequence[str], b: Sequence[str], alo: int, ahi: int, blo: int, bhi: int) -> list[tuple[int, int]]:
    """(i, j) for each line found once in a[alo:ahi] and once in b[blo:bhi], in order of i."""
    in_a: dict[str, int] = {}  # line -> its index, or -1 when it occurs more than once
    for i in range(alo, ahi):
        line = a[i]
        in_a[line] = -1 if line in in_a else i
    in_b: dict[str, int] = {}
    for j in range(blo, bhi):
        line = b[j]
        if in_a.get(line, -1) >= 0:
            in_b[line] = -1 if line in in_b else j
    # A dict keeps keys in first-seen order, and a line seen once was first seen at its index.
    return [(i, in_b[line]) for line, i in in_a.items() if i >= 0 and in_b.get(line, -1) >= 0]


def _changes(pair: list[int], size_a: int, size_b: int) -> list[Change]:
    """The maximal runs of unpaired lines between paired ones, in order."""
    changes: list[Change] = []
    i = j = 0  # the first line of each side after the last pair
    for ai, bj in enumerate(pair):
        if bj < 0:
            continue
        if ai > i or bj > j:
            changes.append((i, ai, j, bj))
        i, j = ai + 1, bj + 1
    if i < size_a or j < size_b:
        changes.append((i, size_a, j, size_b))
    return changes


def _hunks(changes: list[Change], n: int) -> Iterator[tuple[int, int]]:
    """(first, last) indices into `changes` of each hunk: changes at most 2n equal lines apart share one."""
    first = 0
    for k in range(1, len(changes)):
        if changes[k][0] - changes[k - 1][1] > 2 * n:
            yield first, k - 1
            first = k
    yield first, len(changes) - 1


def _hunk_lines(a: Sequence[str], b: Sequence[str], hunk: tuple[int, int], changes: list[Change],
                n: int) -> Iterator[str]:
    first, last = hunk
    equal_before = changes[first][0] - (changes[first - 1][1] if first else 0)
    equal_after = (changes[last + 1][0] if last + 1 < len(changes) else len(a)) - changes[last][1]
    before, after = min(n, equal_before), min(n, equal_after)
    a_start, a_end = changes[first][0] - before, changes[last][1] + after
    b_start, b_end = changes[first][2] - before, changes[last][3] + after
    yield f"@@ -{_range(a_start, a_end)} +{_range(b_start, b_end)} @@\n"
    context_from = a_start
    for i1, i2, j1, j2 in changes[first : last + 1]:
        yield from _marked(" ", a[context_from:i1])
        yield from _marked("-", a[i1:i2])
        yield from _marked("+", b[j1:j2])
        context_from = i2
    yield from _marked(" ", a[context_from:a_end])


def _marked(prefix: str, lines: Sequence[str]) -> Iterator[str]:
    """`lines` with `prefix`; a line without a newline (the last of its side) is ended and marked."""
    for line in lines:
        if line.endswith("\n"):
            yield prefix + line
        else:
            yield prefix + line + "\n"
            yield NO_NEWLINE


def _range(start: int, end: int) -> str:
    """A hunk header's range: 1-based first line and count; an empty range names the line before it."""
    count = end - start
    if count == 1:
        return str(start + 1)
    if count == 0:
        return f"{start},0"
    return f"{start + 1},{count}"
