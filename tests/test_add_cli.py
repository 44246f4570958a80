"""`kdlint add` end to end against the local fakes of the metadata services (tests/online_fakes.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from online_fakes import FakeServices, serve

from kdlint.cli import main

LIST = """\
# Papers

## Knowledge Distillation

- **Distilling the Knowledge in a Neural Network, arXiv 2015**
  - https://arxiv.org/abs/1503.02531
  - *Geoffrey Hinton, Oriol Vinyals, Jeff Dean.*

- **Relational Knowledge Distillation, CVPR 2019**
  - https://arxiv.org/abs/1904.05068
  - *Wonpyo Park, Dongju Kim, Yan Lu, Minsu Cho.*

## Diffusion Models

- **Denoising Diffusion Probabilistic Models, NeurIPS 2020**
  - https://arxiv.org/abs/2006.11239
  - *Jonathan Ho, Ajay Jain, Pieter Abbeel.*
"""

KD_REVIEW = """\
- **Distilling Knowledge via Knowledge Review, CVPR 2021**
  - https://arxiv.org/abs/2104.09044
  - *Pengguang Chen, Shu Liu, Hengshuang Zhao, Jiaya Jia.*
"""


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[FakeServices]:
    monkeypatch.chdir(tmp_path)
    Path("list.md").write_text(LIST, encoding="utf-8")
    with serve(monkeypatch) as running:
        yield running


def add(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, list[str]]:
    code = main(["add", *args])
    out, err = capsys.readouterr()
    return code, out, err.splitlines()


def test_a_preprint_is_added_with_its_published_venue_where_its_title_belongs(
        fake: FakeServices, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = add(capsys, "arxiv:2104.09044", "list.md")
    assert (code, out) == (0, "")
    assert err == ["kdlint add: published: CVPR 2021 (DBLP conf/cvpr/ChenLZJ21)",
                   "kdlint add: list.md:13: into 'Knowledge Distillation' (title match 1.00), in the section's own "
                   "style"]
    expected = LIST.replace("\n## Diffusion Models", "\n" + KD_REVIEW + "\n## Diffusion Models")
    assert Path("list.md").read_text(encoding="utf-8") == expected
    assert main(["check", "--isolated", "--select", "KD1,KD2,KD4", "list.md"]) == 0  # the new entry is clean
    code, _, err = add(capsys, "https://arxiv.org/abs/2104.09044v1", "list.md")
    assert code == 1 and err == ["kdlint add: arxiv:2104.09044: already in the list at line 13: "
                                 "'Distilling Knowledge via Knowledge Review'"]


def test_dry_run_prints_the_diff_and_writes_nothing(fake: FakeServices, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = add(capsys, "https://arxiv.org/abs/2202.00512v2", "list.md", "--dry-run")
    assert code == 0
    assert out == ("--- list.md\n+++ list.md\n@@ -15,3 +15,7 @@\n"
                   " - **Denoising Diffusion Probabilistic Models, NeurIPS 2020**\n"
                   "   - https://arxiv.org/abs/2006.11239\n"
                   "   - *Jonathan Ho, Ajay Jain, Pieter Abbeel.*\n"
                   "+\n"
                   "+- **Progressive Distillation for Fast Sampling of Diffusion Models, ICLR 2022**\n"
                   "+  - https://arxiv.org/abs/2202.00512\n"
                   "+  - *Tim Salimans, Jonathan Ho.*\n")
    assert Path("list.md").read_text(encoding="utf-8") == LIST


def test_the_section_can_be_named(fake: FakeServices, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = add(capsys, "arxiv:2202.00512", "list.md", "--section", "knowledge distillation", "--dry-run")
    assert code == 0 and "into 'Knowledge Distillation' (given)" in err[-1]
    assert out.index("+- **Progressive Distillation") < out.index(" ## Diffusion Models")
    code, _, err = add(capsys, "arxiv:2202.00512", "list.md", "--section", "Nowhere")
    assert code == 2 and len(err) == 1 and "Nowhere" in err[0]


def test_a_paper_already_listed_by_identifier_is_refused_before_anything_is_asked(
        fake: FakeServices, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = add(capsys, "https://arxiv.org/pdf/1904.05068v2", "list.md")
    assert code == 1
    assert err == ["kdlint add: arxiv:1904.05068: already in the list at line 9: 'Relational Knowledge Distillation'"]
    assert fake.requests == []
    assert Path("list.md").read_text(encoding="utf-8") == LIST


def test_unknown_bad_and_unreachable_identifiers_are_one_line_and_exit_2(
        fake: FakeServices, capsys: pytest.CaptureFixture[str]) -> None:
    for args in (["bogus", "list.md"], ["arxiv:2104.09044", "missing.md"], ["arxiv:2104.09044", "-"]):
        code, _, err = add(capsys, *args)
        assert code == 2 and len(err) == 1, (args, err)
    code, _, err = add(capsys, "arxiv:1901.99999", "list.md")
    assert (code, err) == (2, ["kdlint: error: arxiv:1901.99999: not found (arXiv has no paper arXiv:1901.99999)"])
    fake.fail("arxiv", "503", times=0)
    code, _, err = add(capsys, "arxiv:2301.01234", "list.md")
    assert (code, err) == (2, ["kdlint: error: arxiv:2301.01234: arXiv could not be asked (throttled (HTTP 503, "
                               "3 attempts))"])
    assert Path("list.md").read_text(encoding="utf-8") == LIST


def test_hostile_metadata_is_shown_literally(fake: FakeServices, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = add(capsys, "arxiv:2305.00005", "list.md", "--dry-run")
    assert code == 0
    added = [line[1:] for line in out.splitlines() if line.startswith("+- ")]
    assert added == ["- **&#42;&#42;Bold&#42;&#42; &lt;script&gt;alert(1)&lt;/script&gt; &#91;a&#93;(http&#58;//x.y) :\\: "
                     "Title, arXiv 2023**"]
    assert "<script>" not in out
