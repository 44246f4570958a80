"""The content guard: a fix makes exactly the changes it declares, read from the text, not from kdlint's parse."""

from __future__ import annotations

from collections.abc import Iterator

from kdlint.diagnostics import (
    Applicability,
    Change,
    Diagnostic,
    Edit,
    EntryRemoved,
    Fix,
    LinesMoved,
    Severity,
    Span,
    TextChange,
    TocItemsChanged,
    UrlChange,
    YearAdded,
)
from kdlint.engine import Linter
from kdlint.fixer import fix_source
from kdlint.rules import BY_CODE, Context, Fixable, Rule
from kdlint.source import SourceText

LIST = """\
## Papers

- **Deep Mutual Learning, CVPR 2018**
  - http://arxiv.org/abs/1706.00384
  - *Ying Zhang, Tao Xiang.*
- **Born Again Networks**
  - https://arxiv.org/abs/1805.04770
  - *Tommaso Furlanello, Zachary Lipton.* 2018
"""


def _fixing(text: str, span: Span, content: str, *changes: Change, more: tuple[Edit, ...] = ()) -> Rule:
    """A rule that offers one fix on `text` (and nothing once the text has changed)."""

    def check(ctx: Context) -> Iterator[Diagnostic]:
        if ctx.source.text == text:
            fix = Fix(applicability=Applicability.SAFE, message="test", edits=(Edit.replace(span, content), *more),
                      changes=changes)
            yield rule.diagnostic("test", span, fix)

    rule = Rule(code="KD999", name="test", summary="", severity=Severity.WARNING, fixable=Fixable.ALWAYS,
                check=check, doc="")
    return rule


def _refusal(rule: Rule, text: str = LIST) -> list[tuple[str, int, str]]:
    result = fix_source(SourceText(text), Linter(rules=(rule,)))
    if result.refused:
        assert result.source.text == text and result.applied == 0
    return [(d.code, d.span.line, reason) for d, reason in result.refused]


def _fixed(rule: Rule, text: str = LIST) -> str:
    result = fix_source(SourceText(text), Linter(rules=(rule,)))
    assert result.refused == []
    return result.source.text


def test_a_declared_url_change_is_applied() -> None:
    span = Span.on_line(4, 4, 8)
    rule = _fixing(LIST, span, "https", UrlChange("http://arxiv.org/abs/1706.00384", "https://arxiv.org/abs/1706.00384"))
    assert _fixed(rule) == LIST.replace("http://arxiv", "https://arxiv")


def test_a_url_change_that_also_drops_a_word_is_refused() -> None:
    # The URL is declared; the word `Mutual`, two lines up, is not.
    rule = _fixing(LIST, Span.on_line(4, 4, 8), "https",
                   UrlChange("http://arxiv.org/abs/1706.00384", "https://arxiv.org/abs/1706.00384"),
                   more=(Edit.replace(Span.on_line(3, 9, 16), ""),))
    assert _refusal(rule) == [("KD999", 4, "it would lose `Mutual`")]


def test_an_undeclared_rewording_is_refused() -> None:
    rule = _fixing(LIST, Span.on_line(3, 26, 30), "ICCV")
    assert _refusal(rule) == [("KD999", 3, "it would lose `CVPR` and add `ICCV`")]


def test_a_declared_rewording_must_be_there() -> None:
    assert _fixed(_fixing(LIST, Span.on_line(3, 26, 30), "ICCV", TextChange("CVPR", "ICCV"))) == LIST.replace(
        "CVPR", "ICCV")
    rule = _fixing(LIST, Span.on_line(3, 26, 30), "ICCV", TextChange("NIPS", "ICCV"))
    assert _refusal(rule) == [("KD999", 3, "it declares replacing `NIPS`, which is not there; it would lose `CVPR`")]


def test_a_title_rewritten_is_declared_as_the_whole_title() -> None:
    span = Span.on_line(3, 4, 24)  # `Deep Mutual Learning`
    rule = _fixing(LIST, span, "Deep mutual learning", TextChange("Deep Mutual Learning", "Deep mutual learning"))
    assert _fixed(rule) == LIST.replace("Deep Mutual Learning", "Deep mutual learning")
    rule = _fixing(LIST, span, "Deep mutual learning")
    assert _refusal(rule) == [("KD999", 3, "it would lose `Mutual`, `Learning` and add `mutual`, `learning`")]


def test_markup_alone_needs_no_declaration() -> None:
    rule = _fixing(LIST, Span.on_line(6, 4, 23), "Born Again Networks**, **x")  # words change: refused
    assert _refusal(rule) == [("KD999", 6, "it would add `x`")]
    rule = _fixing(LIST, Span.on_line(5, 4, 28), "_Ying Zhang, Tao Xiang._")
    assert _fixed(rule) == LIST.replace("*Ying Zhang, Tao Xiang.*", "_Ying Zhang, Tao Xiang._")


def test_a_year_is_added_only_to_an_entry_that_writes_none() -> None:
    # The second entry writes its year after the authors, where kdlint reads no venue pair.
    insert = Span(6, 24, 6, 24)
    rule = _fixing(LIST, insert, ", arXiv 2018", YearAdded("arXiv 2018", (6, 7, 8)))
    assert _refusal(rule) == [("KD999", 6, "it would add a year to an entry that writes one (line 8)")]
    rule = _fixing(LIST, insert, ", arXiv 2018", YearAdded("arXiv 2018", (6, 7)))
    assert _fixed(rule) == LIST.replace("Born Again Networks**", "Born Again Networks, arXiv 2018**")


def test_a_removed_entry_must_be_a_copy_of_the_kept_one() -> None:
    removal = Span(6, 1, 9, 1)
    rule = _fixing(LIST, removal, "", EntryRemoved(6, 8, 3, 5))
    assert _refusal(rule) == [("KD999", 6, "it would remove an entry that is not a copy of line 3")]
    copy = LIST + "- **Deep Mutual Learning, CVPR 2018**\n  - http://arxiv.org/abs/1706.00384\n  - *Ying Zhang, Tao Xiang.*\n"
    rule = _fixing(copy, Span(9, 1, 12, 1), "", EntryRemoved(9, 11, 3, 5))
    assert _fixed(rule, copy) == LIST


def test_moved_lines_must_come_back_unchanged() -> None:
    lines = LIST.splitlines()
    swapped = "\n".join([*lines[5:8], *lines[2:5]])
    whole = Span(3, 1, 8, len(lines[7]) + 1)
    assert _fixed(_fixing(LIST, whole, swapped, LinesMoved())) == "\n".join([*lines[:2], swapped]) + "\n"
    assert _refusal(_fixing(LIST, whole, swapped.replace("2018", "2019"), LinesMoved())) == [
        ("KD999", 3, "it would lose `2018`, `2018` and add `2019`, `2019`; it would change the lines it moves")]


def test_toc_items_added_removed_and_relinked_are_declared() -> None:
    text = "- [Old](#old)\n- [Papers](#paper)\n\n## Papers\n\n## Code\n"
    fixed = "- [Papers](#papers)\n- [Code](#code)\n"
    span = Span(1, 1, 2, len("- [Papers](#paper)") + 1)
    change = TocItemsChanged(added=("- [Code](#code)",), removed=("- [Old](#old)",),
                             relinked=(TextChange("paper", "papers"),))
    assert _fixed(_fixing(text, span, fixed.rstrip("\n"), change), text) == fixed + "\n## Papers\n\n## Code\n"
    undeclared = TocItemsChanged(added=("- [Code](#code)",), relinked=(TextChange("paper", "papers"),))
    assert _refusal(_fixing(text, span, fixed.rstrip("\n"), undeclared), text) == [
        ("KD999", 1, "it would lose `Old`, `old`")]


def test_a_fix_that_opens_a_code_block_is_refused() -> None:
    # Its own words are kept, but the text after it would become code: the pass reading catches it.
    text = "- **A, CVPR 2018** x\n\n```\nprint()\n```\n"
    rule = _fixing(text, Span.on_line(1, 19, 20), "x\n```")
    assert _refusal(rule, text) == [("KD999", 1, "it would lose content (code or HTML changed: 'print()')")]


def test_a_title_holding_bold_text_gets_no_second_year() -> None:
    # The case: a misparse of the title must not let KD103 add `arXiv 2015` before `NIPS 2017`.
    text = ("## Papers\n\n- **Title **with bold** inside, NIPS 2017**\n"
            "  - https://arxiv.org/abs/1503.02531\n  - *Ann Author.*\n")
    result = fix_source(SourceText(text), Linter(rules=(BY_CODE["KD103"],)), unsafe=True)
    assert result.source.text == text


def test_no_duplicate_is_removed_where_indented_code_would_join_the_list_before_it() -> None:
    # Removing the second heading entry would make the tab-indented `1` a paragraph of the list item.
    link = "[[paper]](https://arxiv.org/abs/1001.00000)"
    text = f"## Distillation\n\n### Knowledge {link}\n\n- **Knowledge**\n\n### Knowledge {link}\n\t1\n"
    linter = Linter(rules=(BY_CODE["KD401"],))
    result = fix_source(SourceText(text), linter, unsafe=True)
    assert result.source.text == text and result.refused == []
    assert [(d.code, d.span.line, d.fix) for d in result.remaining] == [("KD401", 7, None)]


def test_no_duplicate_is_removed_when_indented_text_of_its_item_follows() -> None:
    # The tab-indented `1` continues the second item; removing the item's first line would make it code.
    link = "[[paper]](https://arxiv.org/abs/1001.00000)"
    text = f"## Distillation\n\n- **Knowledge, CVPR 2014**\n\n### Knowledge {link}\n\n- **Knowledge, CVPR 2014**\n\n\t1\n"
    result = fix_source(SourceText(text), Linter(rules=(BY_CODE["KD402"],)), unsafe=True)
    assert result.source.text == text and result.refused == []
    assert [(d.code, d.span.line, d.fix) for d in result.remaining] == [("KD402", 7, None)]


def test_no_entry_is_moved_when_indented_text_of_its_item_follows() -> None:
    # KD303 would move the first line of the item to 2021 and leave the tab-indented `1` behind as code.
    text = ("## 2021\n\n- **Knowledge**, arXiv 2020, [ :link: ](https://arxiv.org/abs/1001.00000)\n\n## 2019\n\n"
            "- [Knowledge](https://arxiv.org/abs/1001.00000), Ann Author, 2021\n\n\t1\n")
    result = fix_source(SourceText(text), Linter(rules=(BY_CODE["KD303"],)), unsafe=True)
    assert result.source.text == text and result.refused == []
    assert [(d.code, d.span.line, d.fix) for d in result.remaining] == [("KD303", 3, None), ("KD303", 7, None)]


def test_a_blank_line_read_as_code_may_move() -> None:
    # The final tab-only line holds nothing: moving the entries above it loses no code.
    text = "## 2021\n\n- **A, CVPR 2021**\n\n## 2019\n\n- **B, CVPR 2021**\n\n- **C, CVPR 2019**\n\t"
    result = fix_source(SourceText(text), Linter(rules=(BY_CODE["KD303"],)), unsafe=True)
    assert result.refused == []
    assert result.source.text == "## 2021\n\n- **A, CVPR 2021**\n\n- **B, CVPR 2021**\n\n## 2019\n\n- **C, CVPR 2019**\n\t"


def test_no_entry_is_moved_after_an_entry_that_indented_text_follows() -> None:
    # Appended after the heading entry, the moved item would take the tab-indented code into itself.
    link = "[[paper]](https://arxiv.org/abs/1001.00000)"
    text = (f"## 2021\n\n- **A, CVPR 2019**\n\n- **B, CVPR 2021**\n\n## 2019\n\n- **C, CVPR 2019**\n\n"
            f"### Knowledge {link}\n\t#-|a\n")
    result = fix_source(SourceText(text), Linter(rules=(BY_CODE["KD303"],)), unsafe=True)
    assert result.source.text == text and result.refused == []
    assert [(d.code, d.span.line, d.fix) for d in result.remaining] == [("KD303", 3, None)]
