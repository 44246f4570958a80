"""textdiff.unified_diff: its hunks turn `a` into `b`, in difflib's format (with GNU diff's
no-newline marker), on any edit."""

from __future__ import annotations

import difflib
import random
import re

import pytest
from growth import LIMIT, growth

from kdlint import textdiff
from kdlint.textdiff import unified_diff

HUNK = re.compile(r"@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@\n")


def _start(first: str, count: str | None) -> tuple[int, int]:
    """A hunk range as (0-based index of its first line, count)."""
    size = 1 if count is None else int(count)
    return (int(first) if size == 0 else int(first) - 1), size


def apply(a: list[str], diff: list[str], n: int = 3) -> list[str]:
    """Apply a unified diff to `a`, checking every line it claims about `a` and its hunk headers."""
    if not diff:
        return list(a)
    assert diff[0] == "--- a/x\n" and diff[1] == "+++ b/x\n"
    assert all(line.endswith("\n") for line in diff), "a diff line runs on into the next"
    out: list[str] = []
    position = 0  # next line of a to copy
    k = 2
    while k < len(diff):
        match = HUNK.fullmatch(diff[k])
        assert match, f"not a hunk header: {diff[k]!r}"
        a_start, a_count = _start(match[1], match[2])
        b_start, b_count = _start(match[3], match[4])
        assert a_start >= position, "hunks overlap or go backwards"
        out.extend(a[position:a_start])
        position = a_start
        assert len(out) == b_start, "the new side's start does not match"
        k += 1
        body: list[str] = []
        while k < len(diff) and not diff[k].startswith("@@"):
            if diff[k] == textdiff.NO_NEWLINE:  # the line before it has no newline in its file
                assert body and body[-1].endswith("\n"), "a marker without a line before it"
                body[-1] = body[-1][:-1]
            else:
                body.append(diff[k])
            k += 1
        for line in body:
            tag, text = line[0], line[1:]
            if tag in " -":
                assert a[position] == text, f"line {position + 1} of a is {a[position]!r}, not {text!r}"
                position += 1
            if tag in " +":
                out.append(text)
            assert tag in " -+"
        assert sum(line[0] in " -" for line in body) == a_count
        assert sum(line[0] in " +" for line in body) == b_count
        check_context(body, n, a_start)
    out.extend(a[position:])
    return out


def check_context(body: list[str], n: int, a_start: int) -> None:
    """Context is n lines at a hunk's edges (fewer only at the start of the file), at most 2n inside."""
    runs: list[tuple[str, int]] = []
    for line in body:
        tag = "c" if line[0] == " " else "x"
        if runs and runs[-1][0] == tag:
            runs[-1] = (tag, runs[-1][1] + 1)
        else:
            runs.append((tag, 1))
    assert any(tag == "x" for tag, _ in runs), "a hunk without a change"
    leading = runs[0][1] if runs[0][0] == "c" else 0
    trailing = runs[-1][1] if runs[-1][0] == "c" else 0
    assert leading == min(n, a_start + leading)
    assert trailing <= n
    inner = runs[1:-1]
    assert all(size <= 2 * n for tag, size in inner if tag == "c")


def diff(a: list[str], b: list[str], n: int = 3) -> list[str]:
    return list(unified_diff(a, b, "a/x", "b/x", n=n))


def difflib_diff(a: list[str], b: list[str], n: int = 3) -> list[str]:
    """difflib's diff with a line that has no newline ended and marked, as GNU diff prints it."""
    out: list[str] = []
    for line in difflib.unified_diff(a, b, "a/x", "b/x", n=n):
        out += [line] if line.endswith("\n") else [line + "\n", textdiff.NO_NEWLINE]
    return out


def lines(words: list[str]) -> list[str]:
    return [w + "\n" for w in words]


def random_edit(rng: random.Random, a: list[str], fresh: list[str]) -> list[str]:
    """`a` after one random edit: insertion, deletion, replacement, a moved block or a reversed block."""
    b = list(a)
    i = rng.randint(0, len(b))
    j = rng.randint(i, min(len(b), i + rng.randint(0, 12)))
    kind = rng.choice(["insert", "delete", "replace", "move", "reverse", "duplicate"])
    new = [fresh.pop() for _ in range(rng.randint(1, 5))] if fresh else ["new\n"]
    if kind == "insert":
        b[i:i] = new
    elif kind == "delete":
        del b[i:j]
    elif kind == "replace":
        b[i:j] = new
    elif kind == "move":
        block = b[i:j]
        del b[i:j]
        at = rng.randint(0, len(b))
        b[at:at] = block
    elif kind == "reverse":
        b[i:j] = b[i:j][::-1]
    else:
        b[i:i] = b[i:j]
    return b


def random_case(rng: random.Random) -> tuple[list[str], list[str]]:
    vocabulary = rng.choice([3, 10, 1000])  # small vocabularies repeat lines a lot
    a = [f"line {rng.randrange(vocabulary)}\n" for _ in range(rng.choice([0, 1, 2, 5, 30, 120]))]
    fresh = [f"fresh {k}\n" for k in range(200)]
    b = list(a)
    for _ in range(rng.randint(0, 6)):
        b = random_edit(rng, b, fresh)
    for side in rng.choice([(), (a,), (b,), (a, b)]):
        if side:
            side[-1] = side[-1].rstrip("\n")  # no newline at the end of the file
    return a, b


@pytest.mark.parametrize("seed", range(400))
def test_hunks_turn_a_into_b(seed: int) -> None:
    rng = random.Random(seed)
    a, b = random_case(rng)
    n = rng.choice([0, 1, 3, 5])
    produced = diff(a, b, n)
    assert apply(a, produced, n) == b
    assert (produced == []) == (a == b)


@pytest.mark.parametrize("seed", range(40))
def test_large_gaps_without_anchors_are_replaced_correctly(seed: int, monkeypatch: pytest.MonkeyPatch) -> None:
    rng = random.Random(seed)
    monkeypatch.setattr(textdiff, "SMALL_GAP", rng.choice([0, 4, 50]))
    a, b = random_case(rng)
    assert apply(a, diff(a, b), 3) == b


def test_equal_inputs_give_no_output() -> None:
    assert diff([], []) == []
    text = lines(["x", "y", "x", "z"])
    assert diff(text, list(text)) == []
    assert diff(["no newline"], ["no newline"]) == []


def test_empty_sides() -> None:
    text = lines(["x", "y"])
    assert diff([], text) == ["--- a/x\n", "+++ b/x\n", "@@ -0,0 +1,2 @@\n", "+x\n", "+y\n"]
    assert diff(text, []) == ["--- a/x\n", "+++ b/x\n", "@@ -1,2 +0,0 @@\n", "-x\n", "-y\n"]


def test_a_missing_final_newline_is_a_change_and_marked() -> None:
    a, b = lines(["x", "y"]), ["x\n", "y"]
    assert diff(a, b) == difflib_diff(a, b) == [
        "--- a/x\n", "+++ b/x\n", "@@ -1,2 +1,2 @@\n", " x\n", "-y\n", "+y\n", "\\ No newline at end of file\n"]
    assert diff(b, a) == [
        "--- a/x\n", "+++ b/x\n", "@@ -1,2 +1,2 @@\n", " x\n", "-y\n", "\\ No newline at end of file\n", "+y\n"]


def test_an_unchanged_last_line_without_newline_is_marked_once_as_context() -> None:
    a, b = ["x\n", "y\n", "z"], ["X\n", "y\n", "z"]
    assert diff(a, b) == [
        "--- a/x\n", "+++ b/x\n", "@@ -1,3 +1,3 @@\n", "-x\n", "+X\n", " y\n", " z\n", "\\ No newline at end of file\n"]


@pytest.mark.parametrize("seed", range(150))
def test_distinct_lines_match_difflib_exactly(seed: int) -> None:
    """With every line distinct the pairing is unambiguous, so the text must be difflib's to the byte."""
    rng = random.Random(seed)
    a = lines([f"line {k}" for k in range(rng.randint(0, 150))])
    b = list(a)
    fresh = (f"new {k}\n" for k in range(10_000))
    for _ in range(rng.choice([1, 1, 2, 4, 8])):
        i = rng.randint(0, len(b))
        j = min(len(b), i + rng.randint(0, 4))
        b[i:j] = [next(fresh) for _ in range(rng.randint(0 if j > i else 1, 3))]
    if rng.random() < 0.3 and b and a:
        b[-1] = b[-1].rstrip("\n")
    n = rng.choice([0, 1, 2, 3, 4])
    assert diff(a, b, n) == difflib_diff(a, b, n)


@pytest.mark.parametrize("gap", [5, 6, 7, 8])
def test_hunks_merge_when_at_most_2n_lines_apart(gap: int) -> None:
    a = lines([f"l{k}" for k in range(30)])
    b = list(a)
    b[10] = "changed\n"
    b[11 + gap] = "changed too\n"
    produced = diff(a, b)
    assert produced == difflib_diff(a, b)
    assert sum(line.startswith("@@") for line in produced) == (1 if gap <= 6 else 2)


def test_a_moved_block_costs_only_the_block() -> None:
    a = lines([f"l{k}" for k in range(100)])
    b = a[:20] + a[30:80] + a[20:30] + a[80:]
    produced = diff(a, b)
    assert apply(a, produced) == b
    assert sum(line.startswith("-") and not line.startswith("---") for line in produced) == 10


def _reversed_sections(sections: int) -> tuple[list[str], list[str]]:
    """`sections` sections of 100 entries, and the same with every section's entries in reverse order."""
    rng = random.Random(1)
    a: list[str] = []
    b: list[str] = []
    for section in range(sections):
        block = [[f"- entry {section}.{k} {rng.random()}\n", f"  - url {section}.{k}\n", "\n"] for k in range(100)]
        a += [f"## {section}\n"] + [line for entry in block for line in entry]
        b += [f"## {section}\n"] + [line for entry in reversed(block) for line in entry]
    return a, b


def test_reversed_blocks_of_a_long_list_are_exact_and_linear() -> None:
    """difflib is quadratic here; the pairing must grow linearly (tests/growth.py) and never recurse deeply."""
    a, b = _reversed_sections(200)
    assert apply(a, diff(a, b)) == b
    measured = growth(lambda pair: diff(*pair), _reversed_sections, 2)
    assert measured.ratio < LIMIT, str(measured)


@pytest.mark.parametrize(("a", "b"), [("x y x y x y", "y x y x y x"), ("a b a b c c", "c b a c a b"), ("p p q q", "q q p p")])
def test_small_inputs_without_unique_lines_pair_like_difflib(a: str, b: str) -> None:
    """No line occurs once, so there is no anchor: a small gap is paired by difflib's matcher, not replaced."""
    old, new = lines(a.split()), lines(b.split())
    assert diff(old, new) == difflib_diff(old, new)
