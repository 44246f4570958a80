"""Every seed style: read, detected, converted to the canonical one and read back, merged."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from conftest import seed

from kdlint.cli import main
from kdlint.convert import convert, merge, record
from kdlint.document import parse_document
from kdlint.engine import Linter
from kdlint.source import SourceText
from kdlint.vocabulary import DEFAULT

# Entries counted by hand: `^- \*\*` in 000 (49, less the 3 of "Useful Resources"), `^### ` in 001,
# `^- (` in 002, the 29 items under "Papers" plus the 2 talks under "Videos" in 003, `^- \*\*` in 004.
SEEDS = [(0, 46, "bold"), (1, 99, "heading"), (2, 16, "dated"), (3, 31, "inline"), (4, 9, "bold")]


@pytest.mark.parametrize(("number", "count", "style"), SEEDS)
def test_seed_entries_and_style(number: int, count: int, style: str) -> None:
    document = parse_document(SourceText.read(seed(number)))
    assert len(document.entries) == count
    assert Counter(s.style for s in document.sections if s.holds_papers).most_common(1)[0][0] == style
    assert {e.style for e in document.entries} == {style}


def records(source: SourceText) -> list[tuple]:
    document = parse_document(source)
    out = []
    for entry in document.entries:
        rec = record(entry, source, DEFAULT)
        assert rec is not None
        out.append((rec.title, tuple(rec.venues), rec.paper_url, tuple(rec.authors), tuple(sorted(u for _, u in rec.links))))
    return out


@pytest.mark.parametrize("number", [0, 1, 2, 3, 4])
def test_convert_round_trip(number: int) -> None:
    source = SourceText.read(seed(number))
    converted = source.replace(convert(source, parse_document(source), DEFAULT))
    after = parse_document(converted)
    assert {e.style for e in after.entries} == {"bold"}
    assert records(converted) == records(source)
    assert [h.text for h in after.headings if not h.entry] == [h.text for h in parse_document(source).headings if not h.entry]


def test_convert_leaves_out_what_a_style_lacks() -> None:
    source = SourceText.read(seed(2))
    text = convert(source, parse_document(source), DEFAULT)
    assert "- **Deep Mutual Learning, CVPR 2018**\n  - https://arxiv.org/abs/1706.00384\n\n> Proposed" in text
    assert "*" not in text.split("## Knowledge Distillation Papers")[1].split("- **")[1].split("\n")[1]
    _, found = Linter().check(source.replace(text))
    # No authors in the dated style, none invented; a list that gives no authors is not told they are missing.
    assert not any(e.authors for e in parse_document(source.replace(text)).entries)
    assert Counter(d.code for d in found)["KD105"] == 0


def test_convert_cli_writes_a_file(tmp_path: Path, capsys) -> None:
    out = tmp_path / "out.md"
    assert main(["convert", str(seed(4)), "--to", "bold", "-o", str(out)]) == 0
    assert out.read_text().count("- **") == 9
    assert capsys.readouterr().err == f"Converted 9 entries of {seed(4)} to the bold style.\n"


def test_merge_keeps_the_richer_record(  # the published venue, the authors, the code; one link per paper page
tmp_path: Path, capsys) -> None:
    a = tmp_path / "a.md"
    b = tmp_path / "b.md"
    a.write_text("## Online\n\n- (17.06.01, arXiv 2017) [Deep Mutual Learning](https://arxiv.org/abs/1706.00384)\n")
    b.write_text("## Online\n\n- **Deep Mutual Learning, CVPR 2018** [[TensorFlow]](https://github.com/x/dml)\n"
                 "  - https://arxiv.org/pdf/1706.00384v2.pdf\n  - *Ying Zhang, Tao Xiang.*\n\n"
                 "## Feature\n\n- **FitNets: Hints for Thin Deep Nets, ICLR 2015**\n  - https://arxiv.org/abs/1412.6550\n"
                 "  - *Adriana Romero, Yoshua Bengio.*\n")
    out = tmp_path / "merged.md"
    assert main(["merge", str(a), str(b), "-o", str(out), "--title", "KD"]) == 0
    assert out.read_text() == (
        "# KD\n\n## Online\n\n- **Deep Mutual Learning, CVPR 2018** [[TensorFlow]](https://github.com/x/dml)\n"
        "  - https://arxiv.org/abs/1706.00384\n"
        "  - *Ying Zhang, Tao Xiang.*\n\n## Feature\n\n- **FitNets: Hints for Thin Deep Nets, ICLR 2015**\n"
        "  - https://arxiv.org/abs/1412.6550\n  - *Adriana Romero, Yoshua Bengio.*\n")
    assert capsys.readouterr().err == ("Merged 3 entries of 2 lists into 2 entries in 2 sections "
                                       "(1 duplicate folded into their first entry).\n")


def test_merge_of_the_seeds_spells_venues_canonically() -> None:
    parsed = []
    for number in range(5):
        source = SourceText.read(seed(number))
        parsed.append((source, parse_document(source)))
    text, report = merge(parsed, DEFAULT, "Knowledge Distillation")
    assert report.read == 46 + 99 + 16 + 31 + 9 and report.merged > 20
    _, found = Linter().check(SourceText(text))
    assert not [d for d in found if d.code in ("KD202", "KD401", "KD402")]


def test_each_style_gets_its_own_conventions_checked() -> None:
    _, found = Linter().check(SourceText.read(seed(1)))
    codes = {(d.code, d.span.line) for d in found}
    assert ("KD106", 73) in codes  # [[[arXiv paper]]
    assert ("KD202", 68) in codes  # NIPS 2021
    assert ("KD110", 40) in codes  # 2022 JMI
    assert not {c for c, _ in codes} & {"KD101", "KD102", "KD104", "KD105", "KD107"}  # bold-style rules
    _, found = Linter().check(SourceText.read(seed(3)))
    assert [d.span.line for d in found if d.code == "KD301"] == [13]  # years 2016, 2016, 2015, 2016: FitNets
    assert not [d for d in found if d.code in ("KD101", "KD105")]
    _, found = Linter().check(SourceText.read(seed(2)))
    assert not [d for d in found if d.code in ("KD105", "KD107")]  # no italic authors asked of the dated style
