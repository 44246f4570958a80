"""Acceptance on the seed lists in ../shared/seeds (skipped when ../shared is absent)."""

from __future__ import annotations

import re

from conftest import seed

from kdlint.engine import Linter
from kdlint.cli import main
from kdlint.fixer import fix_source
from kdlint.source import SourceText


def lines_with(code: str, found) -> set[int]:
    return {d.span.line for d in found if d.code == code}


def test_seed_000_canonical_findings() -> None:
    source = SourceText.read(seed(0))
    document, found = Linter().check(source)
    assert lines_with("KD102", found) == {34, 46, 54, 58}
    assert lines_with("KD103", found) == {34, 46, 54, 58}
    assert lines_with("KD104", found) == {199, 212}
    labelled = {n for n, line in enumerate(source.lines, 1) if re.search(r"\[\[(Pytorch|Tensorflow)\]\]", line)}
    assert len(labelled) > 20 and lines_with("KD108", found) == labelled
    entry_lines = {n for e in document.entries for n in e.lines}
    trailing = {n for n in entry_lines if source.line(n) != source.line(n).rstrip() and source.line(n).strip()}
    assert len(trailing) > 20 and {d.span.line for d in found if d.message == "trailing whitespace"} == trailing
    assert [s.title for s in document.skipped_sections] == ["Useful Resources"]
    assert not [d for d in found if d.span.line >= 215]  # nothing inside "Useful Resources"
    assert len(document.entries) == 46


def test_seed_000_year_fix_from_arxiv(capsys) -> None:
    source = SourceText.read(seed(0))
    fixed = fix_source(source, unsafe=True).source
    assert "- **Fast Sampling of Diffusion Models via Operator Learning, arXiv 2022**" in fixed.text


def test_seed_000_verbose_names_the_skipped_section(capsys) -> None:
    path = seed(0)
    main(["check", "--verbose", str(path)])
    err = capsys.readouterr().err
    assert f"{path}:215: skipping section 'Useful Resources'" in err


def test_seed_004_versioned_arxiv_links_and_inline_paper_links() -> None:
    source = SourceText.read(seed(4))
    document, found = Linter().check(source)
    assert lines_with("KD502", found) == {13, 24, 27, 33}
    assert all(e.paper_link is not None and e.paper_link.label == "Paper" for e in document.entries)
    assert len(document.entries) == 9 and lines_with("KD104", found) == set()
    fixed = fix_source(source).source
    for number in (13, 24, 27, 33):
        assert re.search(r"\(https://arxiv\.org/abs/\d{4}\.\d{5}\)", fixed.line(number))
        assert not re.search(r"arxiv\.org/abs/\d{4}\.\d{5}v\d", fixed.line(number))
    assert lines_with("KD502", Linter().check(fixed)[1]) == set()
