"""Suppression comments: what each form covers, prefixes, and their interplay with fix."""

from __future__ import annotations

from pathlib import Path

from kdlint.cli import main
from kdlint.engine import Linter
from kdlint.fixer import fix_source
from kdlint.settings import Settings
from kdlint.source import SourceText

ENTRY = """\
- **Relational Knowledge Distillation, CVPR 2019** [[Pytorch]](https://github.com/lenscloth/RKD)
  - https://arxiv.org/abs/1904.05068v2
  - *Wonpyo Park, Dongju Kim, Yan Lu, Minsu Cho.*
"""


def found(text: str) -> list[str]:
    """Findings of every rule but the duplicate rules (the texts repeat one entry on purpose)."""
    _, diagnostics = Linter.for_file(Settings(ignore=["KD4"])).check(SourceText(text))
    return [f"{d.span.line}:{d.code}" for d in diagnostics]


def test_nothing_suppressed() -> None:
    assert found("## A\n\n" + ENTRY) == ["3:KD108", "4:KD502"]


def test_disable_next_line_covers_that_line_only() -> None:
    text = "## A\n\n<!-- kdlint-disable-next-line KD108 KD502 -->\n" + ENTRY
    # KD502 is on the line after next: that part of the pragma suppresses nothing.
    assert found(text) == ["3:KD902", "5:KD502"]


def test_disable_enable_range_with_prefix() -> None:
    text = "## A\n\n<!-- kdlint-disable KD5 -->\n" + ENTRY + "<!-- kdlint-enable KD5 -->\n\n" + ENTRY
    assert found(text) == ["4:KD108", "9:KD108", "10:KD502"]


def test_enable_without_codes_closes_every_disable() -> None:
    text = "## A\n\n<!-- kdlint-disable KD108 -->\n<!-- kdlint-disable KD502 -->\n" + ENTRY + "<!-- kdlint-enable -->\n" + ENTRY
    assert found(text) == ["9:KD108", "10:KD502"]


def test_disable_file_with_and_without_codes() -> None:
    assert found("<!-- kdlint-disable-file KD1 -->\n## A\n\n" + ENTRY) == ["5:KD502"]
    assert found("## A\n\n" + ENTRY + "\n<!-- kdlint-disable-file -->\n") == []


def test_pragmas_in_code_blocks_are_text() -> None:
    text = "## A\n\n```\n<!-- kdlint-disable-file -->\n<!-- kdlint-bogus -->\n```\n\n" + ENTRY
    assert found(text) == ["8:KD108", "9:KD502"]


def test_suppressions_of_rules_not_enabled_are_not_reported() -> None:
    text = "## A\n\n<!-- kdlint-disable-next-line KD503 -->\n" + ENTRY
    linter = Linter.for_file(Settings(ignore=["KD503"]))
    _, diagnostics = linter.check(SourceText(text))
    assert [d.code for d in diagnostics] == ["KD108", "KD502"]


def test_suppressed_findings_are_not_fixed_and_unused_pragmas_are_removed() -> None:
    text = ("## A\n\n<!-- kdlint-disable-next-line KD108 -->\n" + ENTRY
            + "\n<!-- kdlint-disable-next-line KD108 -->\n- **Deep Mutual Learning, CVPR 2018**\n"
              "  - https://arxiv.org/abs/1706.00384\n  - *Ying Zhang, Tao Xiang.*\n")
    fixed = fix_source(SourceText(text)).source.text
    assert fixed == ("## A\n\n<!-- kdlint-disable-next-line KD108 -->\n"
                     + ENTRY.replace("1904.05068v2", "1904.05068")
                     + "\n- **Deep Mutual Learning, CVPR 2018**\n"
                       "  - https://arxiv.org/abs/1706.00384\n  - *Ying Zhang, Tao Xiang.*\n")


def test_cli_fix_removes_a_stale_pragma(tmp_path: Path, capsys) -> None:
    path = tmp_path / "list.md"
    path.write_text("## A\n\n<!-- kdlint-disable-next-line KD108 -->\n" + ENTRY.replace("Pytorch", "PyTorch"))
    assert main(["check", str(path)]) == 1
    assert f"{path}:3:1: KD902 [*] `kdlint-disable-next-line KD108` suppresses nothing" in capsys.readouterr().out
    main(["fix", str(path)])
    assert "kdlint-disable" not in path.read_text()


def test_a_finding_is_looked_up_by_every_selector_that_matches_it() -> None:
    """suppression.apply looks a finding up by `_matching(code)`: it must hold each selector `matches` accepts."""
    from kdlint.codes import matches
    from kdlint.rules import RULES
    from kdlint.suppression import EVERY_RULE, _matching

    selectors = {"ALL", EVERY_RULE} | {rule.code[:length] for rule in RULES for length in range(2, len(rule.code) + 1)}
    for rule in RULES:
        accepted = {s for s in selectors if s == EVERY_RULE or matches(s, rule.code)}
        assert accepted <= set(_matching(rule.code))
