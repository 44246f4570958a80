"""The document model: entries, their parts, and exact spans."""

from __future__ import annotations

from kdlint.document import parse_document
from kdlint.model import LinkKind, PaperId, Placement
from kdlint.source import SourceText

CANONICAL = """\
# KD

- [Feature](#feature)
  - [Resources](#resources)
## Feature

- **Structured Knowledge Distillation for Dense Prediction, CVPR 2019, TPAMI 2020** [[PyTorch]](https://github.com/irfanICMLL/skd)
  - https://arxiv.org/abs/1903.04197v3
  - *Yifan Liu, Changyong Shun, Jingdong Wang and Chunhua Shen.*

- **Deep Mutual Learning, CVPR 2018** [[Paper]](https://openreview.net/forum?id=AbC-12_x) [[TensorFlow]](https://github.com/YingZhangDUT/Deep-Mutual-Learning)
  - *Ying Zhang, Tao Xiang.*

- **Model Compression, KDD 2006**
  - https://dl.acm.org/doi/abs/10.1145/1150402.1150464
  - *Cristian Bucilua, Rich Caruana.*

[ref]: https://example.org

## Resources

- **Acceptance rates** [[Link]](https://github.com/lixin4ever/Conference-Acceptance-Rate)
"""


def text_at(source: SourceText, span) -> str:
    assert span.line == span.end_line
    return source.line(span.line)[span.column - 1 : span.end_column - 1]


def parse(text: str):
    source = SourceText(text)
    return source, parse_document(source)


def test_entries_sections_and_skipped_sections() -> None:
    _source, doc = parse(CANONICAL)
    assert [e.line for e in doc.entries] == [7, 11, 14]
    assert [e.end_line for e in doc.entries] == [9, 12, 16]  # the link definition is not part of the entry
    assert {e.section for e in doc.entries} == {("KD", "Feature")}
    assert [s.title for s in doc.skipped_sections] == ["Resources"]
    assert [(h.line, h.level, h.text, h.anchor) for h in doc.headings] == [
        (1, 1, "KD", "kd"), (5, 2, "Feature", "feature"), (20, 2, "Resources", "resources")]
    assert doc.toc is not None and [(i.line, i.text, i.anchor) for i in doc.toc.items] == [(3, "Feature", "feature"), (4, "Resources", "resources")]


def test_title_and_venue_pairs_with_spans() -> None:
    source, doc = parse(CANONICAL)
    entry = doc.entries[0]
    assert entry.title == "Structured Knowledge Distillation for Dense Prediction"
    assert text_at(source, entry.title_span) == entry.title
    assert [(p.venue, p.year) for p in entry.venues] == [("CVPR", "2019"), ("TPAMI", "2020")]
    assert [text_at(source, p.venue_span) for p in entry.venues] == ["CVPR", "TPAMI"]
    assert [text_at(source, p.year_span) for p in entry.venues] == ["2019", "2020"]
    assert text_at(source, entry.bold_span).startswith("**Structured") and text_at(source, entry.bold_span).endswith("2020**")


def test_links_authors_and_identifiers() -> None:
    source, doc = parse(CANONICAL)
    first, second, third = doc.entries
    code = first.links[0]
    assert (code.label, code.kind, code.placement, code.double_brackets) == ("PyTorch", LinkKind.CODE, Placement.INLINE, True)
    assert text_at(source, code.label_span) == "PyTorch"
    assert text_at(source, code.url_span) == "https://github.com/irfanICMLL/skd"
    paper = first.paper_link
    assert paper is not None and paper.placement is Placement.SUB_BULLET and paper.span.line == 8
    assert first.paper_ids == (PaperId(kind="arxiv", value="1903.04197"),)
    assert first.authors is not None
    assert first.authors.names == ("Yifan Liu", "Changyong Shun", "Jingdong Wang", "Chunhua Shen")
    assert first.authors.last_separator == "and" and first.authors.ends_with_period and first.authors.italic
    assert text_at(source, first.authors.span) == "*Yifan Liu, Changyong Shun, Jingdong Wang and Chunhua Shen.*"
    inline = second.paper_link
    assert inline is not None and inline.placement is Placement.INLINE and inline.label == "Paper"
    assert second.paper_ids == (PaperId(kind="openreview", value="AbC-12_x"),)
    assert third.paper_ids == (PaperId(kind="doi", value="10.1145/1150402.1150464"),)
    assert [sub.kind for sub in third.sub_bullets] == ["paper-url", "authors"]


def test_venue_after_the_bold_title() -> None:
    source, doc = parse("## A\n\n- **TinyBERT: Distilling BERT**, arXiv 2019, [ :link: ](https://arxiv.org/abs/1909.10351)\n")
    (entry,) = doc.entries
    assert entry.title == "TinyBERT: Distilling BERT"
    assert [(p.venue, p.year) for p in entry.venues] == [("arXiv", "2019")]
    assert text_at(source, entry.venues[0].span) == "arXiv 2019"
    assert entry.paper_link is not None and entry.paper_link.label == " :link: "


def test_titles_with_commas_and_question_marks_keep_them() -> None:
    _, doc = parse("## A\n\n- **Do Deep Nets Really Need to be Deep?, NeurIPS 2014**\n"
                   "- **Learning, Fast and Slow, NeurIPS-workshop 2014**\n")
    assert [e.title for e in doc.entries] == ["Do Deep Nets Really Need to be Deep?", "Learning, Fast and Slow"]
    assert [e.venues[0].venue for e in doc.entries] == ["NeurIPS", "NeurIPS-workshop"]


def test_items_without_links_or_bold_are_not_entries() -> None:
    _, doc = parse("## A\n\n- just a note\n- [local](notes.md)\n- [anchor](#a)\n- [Paper](https://arxiv.org/abs/1503.02531), 2015\n")
    assert [e.line for e in doc.entries] == [6]
    assert doc.entries[0].title == "Paper"


def test_code_blocks_are_known() -> None:
    _, doc = parse("# T\n\n```\n- **x, CVPR 2019**\n```\n")
    assert doc.code_lines == frozenset({3, 4, 5})
    assert doc.entries == []
