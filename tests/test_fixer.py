"""Fix application: bottom-up edits, overlaps, passes, newlines, and the content check."""

from __future__ import annotations

import random
from collections.abc import Iterator

import pytest

from kdlint.diagnostics import Applicability, Diagnostic, Edit, Fix, LinesMoved, Severity, Span
from kdlint.engine import Linter
from kdlint.fixer import apply_edits, compose, fix_source, select_fixes
from kdlint.rules import Context, Fixable, Rule
from kdlint.settings import Settings
from kdlint.source import SourceText

ENTRY = """\
## Papers

- **Deep Mutual Learning, CVPR 2018** [[Pytorch]](https://github.com/x/y)
  - https://arxiv.org/pdf/1706.00384v2.pdf
  - *Ying Zhang, Tao Xiang.*
"""


def safe(*edits: Edit) -> Fix:
    return Fix(applicability=Applicability.SAFE, message="test", edits=edits)


def finding(*edits: Edit) -> Diagnostic:
    return Diagnostic(code="KD999", name="test", message="test", severity=Severity.WARNING,
                      span=edits[0].span, fix=safe(*edits))


def test_apply_edits_bottom_up() -> None:
    assert apply_edits("abcdef", [(0, 1, "X"), (3, 3, "-"), (5, 6, "")]) == "Xbc-de"


def test_overlapping_fixes_are_skipped_not_merged() -> None:
    source = SourceText("abcdef\n")
    first = finding(Edit.replace(Span.on_line(1, 0, 3), "X"))
    overlapping = finding(Edit.replace(Span.on_line(1, 2, 4), "Y"))
    touching = finding(Edit.replace(Span.on_line(1, 3, 4), "Z"))
    insert_inside = finding(Edit.insert(1, 2, "I"))
    chosen = select_fixes(source, [overlapping, first, touching, insert_inside])
    assert [fix for fix, _ in chosen] == [first, touching]


def test_two_insertions_at_one_point_clash() -> None:
    source = SourceText("ab\n")
    a, b = finding(Edit.insert(1, 2, "1")), finding(Edit.insert(1, 2, "2"))
    assert [fix for fix, _ in select_fixes(source, [a, b])] == [a]


def test_inserted_newlines_follow_the_document() -> None:
    source = SourceText("a\r\nb\r\n")
    ((_, edits),) = select_fixes(source, [finding(Edit.insert(1, 2, "\nx"))])
    assert edits == [(1, 1, "\r\nx")]


def test_fix_reaches_a_fixpoint_in_passes() -> None:
    result = fix_source(SourceText(ENTRY))
    assert result.source.text == ENTRY.replace("Pytorch", "PyTorch").replace(
        "https://arxiv.org/pdf/1706.00384v2.pdf", "https://arxiv.org/abs/1706.00384")
    assert result.applied == 2
    assert result.remaining == []
    assert fix_source(result.source).applied == 0


def test_unsafe_fixes_only_when_asked() -> None:
    text = ENTRY.replace("CVPR 2018", "CVPR'18")
    assert "CVPR'18" in fix_source(SourceText(text)).source.text
    assert "CVPR 2018" in fix_source(SourceText(text), unsafe=True).source.text


def _losing_rule() -> Rule:
    def check(ctx: Context) -> Iterator[Diagnostic]:
        for entry in ctx.document.entries:
            if entry.authors:
                span = Span(line=entry.authors.line, column=1, end_line=entry.authors.line,
                            end_column=len(ctx.source.line(entry.authors.line)) + 1)
                yield rule.diagnostic("drop the authors", span, safe(Edit.replace(span, "  - *Somebody Else.*")))

    rule = Rule(code="KD999", name="loser", summary="", severity=Severity.ERROR, fixable=Fixable.ALWAYS,
                check=check, doc="")
    return rule


def test_a_fix_that_loses_content_is_refused_and_the_others_are_applied() -> None:
    from kdlint.rules import BY_CODE
    result = fix_source(SourceText(ENTRY), Linter(rules=(_losing_rule(), BY_CODE["KD108"], BY_CODE["KD502"])))
    assert result.source.text == ENTRY.replace("Pytorch", "PyTorch").replace(
        "https://arxiv.org/pdf/1706.00384v2.pdf", "https://arxiv.org/abs/1706.00384")
    assert [(d.code, d.span.line, reason) for d, reason in result.refused] == [
        ("KD999", 5, "it would lose `Ying`, `Zhang`, `Tao` and add `Somebody`, `Else`")]
    assert [(d.code, d.span.line) for d in result.remaining] == [("KD999", 5)]  # what is really left
    assert result.applied == 2


def test_an_undeclared_url_change_is_refused() -> None:
    def check(ctx: Context) -> Iterator[Diagnostic]:
        span = Span.on_line(4, 4, 15)
        if ctx.source.line(4)[4:15] == "https://arx":
            yield rule.diagnostic("x", span, safe(Edit.replace(span, "https://evil")))

    rule = Rule(code="KD998", name="sneaky", summary="", severity=Severity.ERROR, fixable=Fixable.ALWAYS,
                check=check, doc="")
    result = fix_source(SourceText(ENTRY), Linter(rules=(rule,)))
    assert result.source.text == ENTRY and result.applied == 0
    assert [(d.code, reason) for d, reason in result.refused] == [
        ("KD998", "it would lose `https://arxiv.org/pdf/1706.00384v2.pdf` and add "
                  "`https://eviliv.org/pdf/1706.00384v2.pdf`")]


def _one_at_a_time(text: str, edits: list[tuple[int, int, str]]) -> str:
    """The reference: splice edits in one by one, last first."""
    for start, end, content in sorted(edits, key=lambda e: (e[0], e[1]), reverse=True):
        text = text[:start] + content + text[end:]
    return text


@pytest.mark.parametrize("seed", range(50))
def test_apply_edits_in_one_sweep_equals_one_at_a_time(seed: int) -> None:
    rng = random.Random(seed)
    text = "".join(rng.choice("ab\n") for _ in range(rng.randint(0, 80)))
    cuts = sorted(rng.sample(range(len(text) + 1), min(len(text) + 1, rng.randint(0, 12))))
    edits = []
    for start, end in zip(cuts[::2], cuts[1::2]):  # disjoint ranges, some touching
        edits.append((start, end, rng.choice(["", "X", "YY\n"])))
        if rng.random() < 0.4:
            edits.append((start, start, f"<{len(edits)}>"))  # insertions at a replaced range's start
        if rng.random() < 0.3:
            edits.append((end, end, f"[{len(edits)}]"))
            edits.append((end, end, f"({len(edits)})"))  # two insertions at one point
    rng.shuffle(edits)
    assert apply_edits(text, edits) == _one_at_a_time(text, edits)


def test_apply_edits_refuses_overlapping_edits() -> None:
    with pytest.raises(ValueError, match="overlapping"):
        apply_edits("abcdef", [(0, 3, "X"), (2, 4, "Y")])


def _pairwise_selection(source: SourceText, found: list[Diagnostic]) -> list[Diagnostic]:
    """The reference: compare every range with every range taken before it."""
    def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
        if a[0] == a[1] or b[0] == b[1]:
            return a[0] <= b[1] and b[0] <= a[1]
        return a[0] < b[1] and b[0] < a[1]

    taken: list[tuple[int, int]] = []
    chosen = []
    for d in sorted(found, key=lambda d: min(e.span.sort_key() for e in d.fix.edits)):
        ranges = [(source.offset(e.span.line, e.span.column), source.offset(e.span.end_line, e.span.end_column))
                  for e in d.fix.edits]
        if any(overlaps(r, t) for r in ranges for t in taken):
            continue
        if any(overlaps(r, s) for i, r in enumerate(ranges) for s in ranges[i + 1 :]):
            continue
        taken.extend(ranges)
        chosen.append(d)
    return chosen


@pytest.mark.parametrize("seed", range(60))
def test_select_fixes_takes_what_a_pairwise_check_takes(seed: int) -> None:
    rng = random.Random(seed)
    source = SourceText("".join("x" * rng.randint(0, 12) + "\n" for _ in range(6)))

    def edit() -> Edit:
        line = rng.randint(1, 6)
        column = rng.randint(1, len(source.line(line)) + 1)
        if rng.random() < 0.3:
            return Edit.insert(line, column, "I")
        end_line = rng.randint(line, min(6, line + 1))
        low = column if end_line == line else 1
        end_column = rng.randint(low, len(source.line(end_line)) + 1)
        return Edit.replace(Span(line, column, end_line, end_column), "R")

    found = [finding(*(edit() for _ in range(rng.choice([1, 1, 1, 2, 3])))) for _ in range(rng.randint(1, 25))]
    assert [d for d, _ in select_fixes(source, found)] == _pairwise_selection(source, found)


UNSORTED = """\
## Papers

- **Paper A, CVPR 2018** [[Pytorch]](https://github.com/a/a)
  - http://arxiv.org/abs/1801.00001
- **Paper C, ICCV 2021** [[Code]](https://github.com/c/c)
  - https://arxiv.org/abs/2101.00003v2
- **Paper B, NIPS 2019** [[Code]](https://github.com/b/b)
  - https://arxiv.org/abs/1901.00002
- **Paper D, ECCV 2022**
  - https://arxiv.org/abs/2201.00004
"""


def test_a_reorder_carries_the_fixes_on_the_lines_it_moves_in_one_pass() -> None:
    result = fix_source(SourceText(UNSORTED), Linter(settings=Settings(sort="year")))
    assert result.source.text == """\
## Papers

- **Paper A, CVPR 2018** [[PyTorch]](https://github.com/a/a)
  - https://arxiv.org/abs/1801.00001
- **Paper B, NeurIPS 2019** [[Code]](https://github.com/b/b)
  - https://arxiv.org/abs/1901.00002
- **Paper C, ICCV 2021** [[Code]](https://github.com/c/c)
  - https://arxiv.org/abs/2101.00003
- **Paper D, ECCV 2022**
  - https://arxiv.org/abs/2201.00004
"""
    assert (result.passes, sorted(result.codes.items())) == (
        1, [("KD108", 1), ("KD202", 1), ("KD301", 1), ("KD501", 1), ("KD502", 1)])


def moved(first: int, order: tuple[int, ...], content: str, source: SourceText) -> Diagnostic:
    last = max(order)
    span = Span(first, 1, last, len(source.line(last)) + 1)
    fix = Fix(applicability=Applicability.SAFE, message="move", edits=(Edit.replace(span, content),),
              changes=(LinesMoved(order),))
    return Diagnostic(code="KD998", name="move", message="move", severity=Severity.WARNING, span=span, fix=fix)


def test_compose_makes_each_carried_edit_on_its_line_in_the_new_place() -> None:
    source = SourceText("a1\nb2\nc3\nd4\n")
    move = moved(1, (3, 1, 2), "c3\na1\nb2", source)
    on_a, on_c = finding(Edit.insert(1, 3, "!")), finding(Edit.replace(Span.on_line(3, 0, 1), "C"))
    outside = finding(Edit.replace(Span.on_line(4, 0, 1), "D"))
    across = finding(Edit.replace(Span(1, 2, 2, 1), ""))  # joins two moved lines: not carried
    chosen = select_fixes(source, [on_a, across, move, on_c, outside])
    assert [d for d, _ in chosen] == [move, on_a, on_c, outside]
    assert apply_edits(source.text, compose(source, chosen)) == "C3\na1!\nb2\nD4\n"
    without_move = [pick for pick in chosen if pick[0] is not move]
    assert apply_edits(source.text, compose(source, without_move)) == "a1!\nb2\nC3\nD4\n"


def test_a_move_whose_content_is_not_the_order_it_declares_carries_nothing() -> None:
    source = SourceText("a1\nb2\nc3\n")
    move = moved(1, (3, 1, 2), "c3\nb2\na1", source)  # says c, a, b; writes c, b, a
    on_a = finding(Edit.insert(1, 3, "!"))
    assert [d for d, _ in select_fixes(source, [move, on_a])] == [move]
    assert compose(source, select_fixes(source, [move, on_a])) == [(0, 8, "c3\nb2\na1")]
