"""Layouts read as entries: the readers' registry and examples, groups under plain labels, paragraph titles
with labelled link lists."""

from __future__ import annotations

import pytest

from kdlint.document import parse_document
from kdlint.engine import Linter
from kdlint.model import Layout, LinkKind
from kdlint.readers import bold, dated, inline, plain
from kdlint.readers.item import LAYOUTS, read_item
from kdlint.source import SourceText
from kdlint.vocabulary import DEFAULT

GROUPS = """## 76.Editing(编辑)

* Image Editing(图像编辑)
  * [Imagic: Text-Based Real Image Editing With Diffusion Models](http://arxiv.org/abs/2210.09276)
  * 基于样本的图像编辑
    * [Paint by Example: Exemplar-based Image Editing](https://arxiv.org/abs/2211.13227)<br>:star:[code](https://github.com/x/y)
* Detection:
  * [Deep Mutual Learning](https://arxiv.org/abs/1706.00384)
"""

PARAGRAPHS = """## 目标检测/Object Detection

**Run, Don't Walk: Chasing Higher FLOPS for Faster Neural Networks**

- 论文/Paper:https://arxiv.org/abs/2303.03667
- 代码/Code:https://github.com/JierunChen/FasterNet

**Learning Audio-Visual Source Localization**

- 论文/Paper: http://arxiv.org/pdf/2303.11302
- 代码/Code: None

## Vision-Language

**Logit Distillation**

* Embedding the Teacher: Distilling Preferences [[Paper]](https://arxiv.org/abs/2510.00001)
* LLaVA-MoD: Making LLaVA Tiny [[Paper]](https://arxiv.org/abs/2408.15881)
"""


def test_items_nested_under_plain_labels_are_each_an_entry() -> None:
    entries = parse_document(SourceText(GROUPS)).entries
    assert [(e.line, e.title) for e in entries] == [
        (4, "Imagic: Text-Based Real Image Editing With Diffusion Models"),
        (6, "Paint by Example: Exemplar-based Image Editing"),
        (8, "Deep Mutual Learning"),
    ]


def test_a_bold_paragraph_and_its_labelled_links_are_one_entry() -> None:
    entries = parse_document(SourceText(PARAGRAPHS)).entries
    assert [(e.line, e.end_line, e.title) for e in entries[:2]] == [
        (3, 6, "Run, Don't Walk: Chasing Higher FLOPS for Faster Neural Networks"),
        (8, 11, "Learning Audio-Visual Source Localization"),
    ]
    first = entries[0]
    assert [(link.label, link.kind) for link in first.links] == [("论文/Paper", LinkKind.PAPER),
                                                                 ("代码/Code", LinkKind.CODE)]
    assert first.paper_link is not None and first.paper_link.url == "https://arxiv.org/abs/2303.03667"
    # A bold paragraph over items that carry titles of their own is a group label, not a title.
    assert [e.line for e in entries[2:]] == [17, 18]


def test_paragraph_entries_are_not_duplicates_of_each_other() -> None:
    _, found = Linter().check(SourceText(PARAGRAPHS))
    assert not [d for d in found if d.code in ("KD402", "KD401", "KD101", "KD104")]
    assert [(d.code, d.span.line) for d in found if d.code == "KD502"] == [("KD502", 10)]


HEADINGS = """## Conference Papers

### 2024 ECCV

##### • HandDAGT: A Denoising Adaptive Graph Transformer for 3D Hand Pose Estimation. [\\[PDF\\]](https://www.ecva.net/papers/eccv_2024/papers_ECCV/papers/12018.pdf)
_Wencan Cheng, Eunji Kim, Jong Hwan Ko_

##### • Physics-aware Hand-object Interaction Denoising
_Haowen Luo, Yunze Liu, Li Yi_

##### Notes
"""


def test_a_heading_written_as_the_list_writes_entry_headings_is_an_entry_without_a_link() -> None:
    document = parse_document(SourceText(HEADINGS))
    assert [(e.line, e.style, e.section_year) for e in document.entries] == [(5, "heading", 2024), (8, "heading", 2024)]
    assert [h.text for h in document.headings if not h.entry] == ["Conference Papers", "2024 ECCV", "Notes"]


PARAGRAPH_ENTRIES = """## 1.1 Survey

**[1]** LeCun, Yann, Yoshua Bengio, and Geoffrey Hinton. "**Deep learning**." Nature 521.7553 (2015): 436-444. [[pdf]](http://www.cs.toronto.edu/~hinton/absps/NatureDeepReview.pdf) **(Three Giants' Survey)**

**[2]** He, Kaiming, et al. "**Deep residual learning for image recognition**." arXiv preprint arXiv:1512.03385 (2015). [[pdf]](https://arxiv.org/pdf/1512.03385v1.pdf)

## Ground Truth Guided

FGFI. *CVPR 2019*.
\\[[CVF](http://openaccess.thecvf.com/content_CVPR_2019/html/Wang_Distilling_Object_Detectors_CVPR_2019_paper.html)\\]
\\[[arXiv](http://arxiv.org/abs/1906.03609)\\]

- "CLAMP-ViT: Contrastive Data-Free Learning for Adaptive Post-Training Quantization of ViTs", ECCV, 2024. [[paper](https://arxiv.org/abs/2407.05266)]
"""


def test_paragraph_entries_and_quoted_titles() -> None:
    entries = parse_document(SourceText(PARAGRAPH_ENTRIES)).entries
    assert [(e.line, e.end_line, e.title) for e in entries] == [
        (3, 3, "Deep learning"),  # a numbered reference with a quoted title: a web link is enough
        (5, 5, "Deep residual learning for image recognition"),
        (9, 11, "FGFI"),  # no title list after it: not a card, a paragraph entry named by its first line
        (13, 13, "CLAMP-ViT: Contrastive Data-Free Learning for Adaptive Post-Training Quantization of ViTs"),
    ]
    assert [(p.venue, p.year) for p in entries[2].venues] == [("CVPR", "2019")]
    assert [(p.venue, p.year) for p in entries[3].venues] == [("ECCV", "2024")]


def test_a_file_without_papers_gets_no_findings() -> None:
    changelog = ("# Changelog\n\nSee http://github.com/o/r/releases for the downloads.\n\n## 1.2\n\n"
                 "- Moved the docs to http://github.com/o/r/wiki ([#12](http://github.com/o/r/pull/12))\n"
                 "- Fixed a typo in the README, thanks to [@ada](http://github.com/ada)\n")
    assert Linter().check(SourceText(changelog))[1] == []


def test_venue_as_link_label_and_in_parentheses_after_a_bold_title() -> None:
    text = ("## 2018\n\n"
            "- [[CVPR](http://openaccess.thecvf.com/content_cvpr_2018/papers/Wang_Deep_CVPR_2018_paper.pdf)] "
            "Deep Parametric Continuous Convolutional Neural Networks. [__`seg.`__ __`aut.`__]\n"
            "- [[NIPS](https://papers.nips.cc/paper/7362)] PointCNN: Convolution On X-Transformed Points. "
            "[[tensorflow](https://github.com/yangyanli/PointCNN)]\n\n"
            "## Surveys\n\n"
            "2. **Fixing Model Bugs with Natural Language Patches**. (EMNLP 2022) <br />\n"
            "   Shikhar Murty, Christopher D. Manning.\n"
            "   [[paper](https://arxiv.org/abs/2211.03318)]\n")
    entries = parse_document(SourceText(text)).entries
    assert [(e.title, [(p.venue, p.year) for p in e.venues], e.section_year) for e in entries] == [
        ("Deep Parametric Continuous Convolutional Neural Networks", [("CVPR", None)], 2018),
        ("PointCNN: Convolution On X-Transformed Points", [("NIPS", None)], 2018),
        ("Fixing Model Bugs with Natural Language Patches", [("EMNLP", "2022")], None),
    ]
    _, found = Linter().check(SourceText(text))
    assert [(d.code, d.span.line) for d in found if d.code == "KD202"] == [("KD202", 4)]  # NIPS 2018: NeurIPS


READER_MODULES = (bold, dated, inline, plain)
EXAMPLES = [(module.READER.layout, line[4:]) for module in READER_MODULES for line in (module.__doc__ or "").splitlines()
            if line.startswith("    ") and line.strip()]


def test_every_text_layout_has_one_reader_and_plain_reads_the_rest() -> None:
    assert [reader.layout for reader in LAYOUTS] == [Layout.BOLD, Layout.DATED, Layout.INLINE, Layout.PLAIN]
    assert {module.READER for module in READER_MODULES} == set(LAYOUTS)
    assert plain.read("no title, no venue, no link", 1, 0, DEFAULT) is not None


@pytest.mark.parametrize(("layout", "line"), EXAMPLES, ids=[f"{layout}-{i}" for i, (layout, _) in enumerate(EXAMPLES)])
def test_each_reader_reads_the_examples_of_its_documentation(layout: Layout, line: str) -> None:
    """The examples in a reader's docstring are entries of its layout, with a title free of markup."""
    entry = read_item([line], 1, 1, ("Papers",))
    assert entry is not None and entry.style is layout
    assert entry.title and not set(entry.title) & set("[]*\"`"), entry.title
    assert entry.venues


def test_a_bold_tag_before_the_title_is_not_a_bold_title() -> None:
    entry = read_item(["- **[R-CNN]** Rich feature hierarchies for accurate object detection, CVPR 2014 "
                       "[[paper]](https://arxiv.org/abs/1311.2524)"], 1, 1, ("Papers",))
    assert entry is not None and entry.style is Layout.PLAIN and not entry.bold
    assert entry.title == "Rich feature hierarchies for accurate object detection"
    assert [(v.venue, v.year) for v in entry.venues] == [("CVPR", "2014")]


def test_a_dated_bold_item_is_news_not_a_paper() -> None:
    assert read_item(["- **2024-2-20**: we added [ten papers](https://example.org/news)"], 1, 1, ("News",)) is None


def test_an_entry_heading_has_the_heading_layout_whatever_its_first_line() -> None:
    entry = read_item(["### Deep Mutual Learning CVPR 2018 [[paper]](https://arxiv.org/abs/1706.00384)"], 1, 1,
                      ("Papers",))
    assert entry is not None and entry.style is Layout.HEADING and entry.heading
    assert entry.title == "Deep Mutual Learning"


CARDS = r"""## Feature Distillation

FGFI. *CVPR 2019*.
\[[CVF](https://openaccess.thecvf.com/content_CVPR_2019/html/Wang_Distilling_CVPR_2019_paper.html)\]
\[[arXiv](http://arxiv.org/abs/1906.03609)\]
<[GitHub](https://github.com/twangnh/Distilling-Object-Detectors)>
\- A fine-grained feature imitation method.

- Distilling Object Detectors With Fine-Grained Feature Imitation
- Tao Wang and Li Yuan and Xiaopeng Zhang and Jiashi Feng

TADF.
\[[arXiv](http://arxiv.org/abs/2006.13108)\]

- Distilling Object Detectors with Task Adaptive Regularization

Not a card: a sentence that goes on and on about distillation, far longer than a short name and a venue.
\[[arXiv](http://arxiv.org/abs/2006.13109)\]

- A list item after it
"""


def test_a_card_is_one_entry_titled_by_the_list_after_it() -> None:
    doc = parse_document(SourceText(CARDS))
    assert [(e.line, e.end_line, e.style) for e in doc.entries] == [(3, 10, Layout.CARD), (12, 15, Layout.CARD)]
    first, second = doc.entries
    assert first.title == "Distilling Object Detectors With Fine-Grained Feature Imitation"
    assert first.title_span is not None and (first.title_span.line, first.title_span.column) == (9, 3)
    assert [(v.venue, v.year) for v in first.venues] == [("CVPR", "2019")]
    assert first.authors is not None and first.authors.names[0] == "Tao Wang" and first.authors.line == 10
    assert [link.label for link in first.links] == ["CVF", "arXiv", "GitHub"]
    assert first.arxiv_id == "1906.03609"
    assert second.title == "Distilling Object Detectors with Task Adaptive Regularization" and second.authors is None


NUMBERED_REFERENCES = """## 1.1 Survey

**[0]** Bengio, Yoshua, Ian J. Goodfellow, and Aaron Courville. "**Deep learning**." An MIT Press book. (2015). [[html]](http://www.deeplearningbook.org/) :star::star::star:

**[1]** LeCun, Yann, et al. "**Gradient-based learning applied to document recognition**." Proc. IEEE (1998). [[pdf]](http://yann.lecun.com/exdb/publis/pdf/lecun-01a.pdf)

**[2]** A numbered note without a quoted title [[html]](http://example.org/)
"""


def test_a_numbered_reference_paragraph_with_a_quoted_title_needs_only_a_web_link() -> None:
    doc = parse_document(SourceText(NUMBERED_REFERENCES))
    assert [(e.line, e.title) for e in doc.entries] == [
        (3, "Deep learning"), (5, "Gradient-based learning applied to document recognition")]
    assert [p.year for p in doc.entries[0].venues] == ["2015"]


HTML_CARDS = """## List of Publications

### 2025
<table><tr>
<td width="150px">
<a href="https://arxiv.org/pdf/2512.13397" target="_blank"><img src="thumb.jpg" width="140px"></a>
</td>
<td>

#### rNCA: Self-Repairing Segmentation Masks
Published on **2025-12-15** by

Malte **Silbernagel**, Albert **Alonso**

[Arxiv](https://arxiv.org/abs/2512.13397) | [Code](https://github.com/maltesilber/rnca)

<details>
<summary><b>Abstract</b></summary>
Accurately predicting topologically correct masks remains a difficult task.
</details>

</td>
</tr><tr>
<td width="150px">
</td>
<td>

#### Conditional Morphogenesis
Published on **2025-12-09** by

[Arxiv](https://arxiv.org/abs/2512.08360)

</td>
</tr>
</table>

### Plain heading after the table
"""


def test_a_heading_that_opens_an_html_table_cell_is_a_paper_card_ending_at_the_cell() -> None:
    doc = parse_document(SourceText(HTML_CARDS))
    assert [(e.line, e.end_line, e.style, e.title) for e in doc.entries] == [
        (10, 20, Layout.HEADING, "rNCA: Self-Repairing Segmentation Masks"),
        (28, 31, Layout.HEADING, "Conditional Morphogenesis")]
    assert doc.entries[0].section == ("List of Publications", "2025") and doc.entries[0].section_year == 2025
    assert [link.kind for link in doc.entries[0].links] == [LinkKind.PAPER, LinkKind.CODE]
    assert [s.title for s in doc.sections][-1] == "Plain heading after the table"


BY_ARXIV_YEAR = """## Robustness

<details>
<summary>Robustness: 2020</summary>

- Certified Robustness via Randomized Smoothing. [[paper]](https://arxiv.org/abs/2002.00001)
  - Ann Author, Ben Author. *NeurIPS 2021*
- Robust Training at Scale. [[paper]](https://arxiv.org/abs/2003.00002)
  - Cid Author. *ICLR 2022*
- Communication-Efficient Federated Learning. [[paper]](https://arxiv.org/abs/2004.00003)
  - Chaouki Ben Issaid, Anis Elgabli, Mehdi Bennis. *TMLR*
- Robust Models Transfer Better. [[paper]](https://arxiv.org/abs/2005.00004)
  - Dee Author. *ICML 2020*

</details>
"""


def test_a_venue_after_the_authors_is_read_and_a_section_of_arxiv_years_gives_it_no_year() -> None:
    """The sections hold papers by arXiv year (three of four pairs disagree with theirs), so `*TMLR*` under
    `Robustness: 2020` is not TMLR 2020, which would be before the first TMLR."""
    document, found = Linter().check(SourceText(BY_ARXIV_YEAR))
    assert [[(p.venue, p.year, p.span.line) for p in e.venues] for e in document.entries] == [
        [("NeurIPS", "2021", 7)], [("ICLR", "2022", 9)], [("TMLR", None, 11)], [("ICML", "2020", 13)]]
    assert [e.authors.names for e in document.entries if e.authors][2] == ("Chaouki Ben Issaid", "Anis Elgabli",
                                                                         "Mehdi Bennis")
    assert [e.section_year for e in document.entries] == [2020] * 4
    assert not [d for d in found if d.code == "KD203"]
    agreeing = BY_ARXIV_YEAR.replace("*NeurIPS 2021*", "*NeurIPS 2020*").replace("*ICLR 2022*", "*ICLR 2020*")
    assert [(d.code, d.span.line) for d in Linter().check(SourceText(agreeing))[1] if d.code == "KD203"] == [
        ("KD203", 11)]


def test_emoji_and_shortcodes_before_a_bold_title_are_marks_not_the_title() -> None:
    for line, start in (("- 🌟 **MME-Survey: A Comprehensive Survey, arXiv 2024** [[paper]](https://arxiv.org/abs/2411.15296)", 4),
                        ("- :fire: **Deep Mutual Learning, CVPR 2018**", 9)):
        entry = read_item([line], 1, 1, ("Papers",))
        assert entry is not None and entry.style is Layout.BOLD and entry.marker_end == start
    plain = read_item(["- 🔥 Plain title [[paper]](https://arxiv.org/abs/2411.15296)"], 1, 1, ("Papers",))
    assert plain is not None and plain.style is Layout.PLAIN and plain.title == "🔥 Plain title"
