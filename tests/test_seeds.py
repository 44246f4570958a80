"""Acceptance on the seed lists in ../shared/seeds (skipped when ../shared is absent)."""

from __future__ import annotations

import re

import pytest
from conftest import seed

from kdlint.cli import main
from kdlint.engine import Linter
from kdlint.fixer import fix_source
from kdlint.ordering import entry_year
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


def test_seed_001_renamed_paper_and_alphabetical_order() -> None:
    from kdlint.ordering import infer_sort

    source = SourceText.read(seed(1))
    document, found = Linter().check(source)
    assert len(document.entries) == 99  # every `### ...` line of seed 001, counted with grep
    (kd404,) = [d for d in found if d.code == "KD404"]
    assert kd404.span.line == 87 and "arxiv:2011.13256" in kd404.message and "line 66" in kd404.message
    assert infer_sort(document) == "title"
    fixed = fix_source(source).source
    fixed_doc, again = Linter().check(fixed)
    assert infer_sort(fixed_doc) == "title" and not [d for d in again if d.code == "KD301"]
    titles = [e.title for e in fixed_doc.entries if e.section[-1] == "2023"]
    assert titles == sorted(titles, key=str.casefold)


def test_seed_004_one_identifier_under_two_titles() -> None:
    _, found = Linter().check(SourceText.read(seed(4)))
    (kd404,) = [d for d in found if d.code == "KD404"]
    assert kd404.span.line == 10 and "arxiv:1804.03235" in kd404.message and "line 7" in kd404.message


@pytest.mark.parametrize("unsafe", [False, True])
def test_seed_000_after_fix_is_sorted_complete_and_its_toc_in_sync(unsafe: bool) -> None:
    source = SourceText.read(seed(0))
    before, _ = Linter().check(source)
    result = fix_source(source, unsafe=unsafe)
    after, found = Linter().check(result.source)
    assert not [d for d in found if d.code in ("KD301", "KD304")]
    assert len(after.entries) == len(before.entries) == 46
    assert sorted(e.title for e in after.entries) == sorted(e.title for e in before.entries)
    rewrite = result.rewrites.get
    assert sorted(rewrite(link.url, link.url) for e in before.entries for link in e.links) == sorted(
        link.url for e in after.entries for link in e.links)
    for section in after.sections:
        years = [y for e in section.entries if (y := entry_year(e)) is not None]
        assert years == sorted(years), section.title
