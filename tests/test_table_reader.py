"""The table layout (kdlint.readers.table): one paper per row, columns named by the header."""

from __future__ import annotations

from kdlint.document import parse_document
from kdlint.engine import Linter
from kdlint.fixer import fix_source
from kdlint.model import LinkKind
from kdlint.readers.table import split_row
from kdlint.source import SourceText

TABLE = """## Papers

| Year | Title | Venue | Paper | Code |
| ---- | ----- | :---: | ----- | ---- |
| 2019 | **Relational Knowledge Distillation** | CVPR | [Link](https://arxiv.org/abs/1904.05068) | [Link](https://github.com/lenscloth/RKD) |
| 2025 | **An Impossible Paper** | ECCV | [Link](https://arxiv.org/abs/2501.00001) | - |
| 2019 | **Distilling Object Detectors** | NeurlPS | [Link](https://arxiv.org/abs/1906.03609) | - |
"""

DATED = """## Labeling

|  Title  |   Venue  |   Date   | Code |
|:--------|:--------:|:--------:|:--------:|
| ![Star](https://img.shields.io/github/stars/x/y.svg) <br> [**Evidence-Focused Fact Summarization**](https://arxiv.org/pdf/2403.02966.pdf) <br> | ECCV | 2023-12 | [Github](https://github.com/x/y) |
"""

RESULTS = """## Results

| Methods | Paper | Pub | Base | Novel |
| --- | --- | --- | --- | --- |
| ProDA | [Link](https://arxiv.org/abs/2205.03340) | CVPR 22 | 81.56 | 72.30 |
"""


def test_split_row_keeps_escaped_pipes_and_code_spans() -> None:
    text = r"| a \| b | `x|y` | c |"
    assert [text[s:e] for s, e in split_row(text)] == [r" a \| b ", " `x|y` ", " c "]


def test_a_table_row_is_an_entry_with_every_part_in_its_column() -> None:
    document = parse_document(SourceText(TABLE))
    first, _impossible, _misspelled = document.entries
    assert (first.line, first.style, first.title) == (5, "table", "Relational Knowledge Distillation")
    assert [(p.venue, p.year) for p in first.venues] == [("CVPR", "2019")]
    assert [(link.label, link.kind) for link in first.links] == [("Link", LinkKind.PAPER), ("Link", LinkKind.CODE)]
    assert [str(pid) for pid in first.paper_ids] == ["arxiv:1904.05068"]
    assert TABLE.splitlines()[4][first.title_span.column - 1 : first.title_span.end_column - 1] == first.title


def test_venue_rules_read_table_cells_and_fix_only_the_cell() -> None:
    _, found = Linter().check(SourceText(TABLE))
    assert [(d.code, d.span.line) for d in found if d.code.startswith("KD2")] == [("KD203", 6), ("KD202", 7)]
    fixed = fix_source(SourceText(TABLE)).source.text
    assert fixed == TABLE.replace("| NeurlPS |", "| NeurIPS |")


def test_a_date_column_is_not_the_venue_year() -> None:
    (entry,) = parse_document(SourceText(DATED)).entries
    assert entry.title == "Evidence-Focused Fact Summarization"  # the badge before it is not the title
    assert [(p.venue, p.year) for p in entry.venues] == [("ECCV", None)] and entry.date == "2023-12"
    _, found = Linter().check(SourceText(DATED))
    assert not [d for d in found if d.code in ("KD203", "KD102", "KD103", "KD104", "KD105")]


def test_a_results_table_is_not_a_list_of_papers() -> None:
    assert parse_document(SourceText(RESULTS)).entries == []


SECTION_YEARS = """## 2025

| Title | Venue | Paper |
| --- | --- | --- |
| Sparse Distillation | ECCV | [Link](https://arxiv.org/abs/2501.00001) |

## 2014 and Before

| Title | Venue | Paper |
| --- | --- | --- |
| Old Distillation | ICCV | [Link](https://arxiv.org/abs/1401.00001) |

<details><summary>Survey: 2023</summary>

- **A Survey of Distillation**, ECCV, [paper](https://arxiv.org/abs/2301.00001)

</details>
"""


def test_the_year_of_a_section_heading_or_summary_is_the_entry_year() -> None:
    document = parse_document(SourceText(SECTION_YEARS))
    assert [e.section_year for e in document.entries] == [2025, None, 2023]  # a range gives no year
    _, found = Linter().check(SourceText(SECTION_YEARS))
    assert [(d.code, d.span.line) for d in found if d.code in ("KD203", "KD103")] == [("KD203", 5), ("KD203", 15)]


def test_a_title_cell_ending_in_a_number_is_a_title_and_a_venue_with_its_year_is_not() -> None:
    # `Network 1001` is no venue with its year: the row is a paper; `SIGGRAPH 2014 [PDF](url)` has no title.
    text = ("## Papers\n\n| Title | Venue | Paper |\n|---|---|---|\n"
            "| Deep free network 1001 | ICCV 2011 | [paper](https://arxiv.org/abs/1110.00201) |\n"
            "| SIGGRAPH 2014 [PDF](https://example.org/a.pdf) | SIGGRAPH 2014 | [paper](https://example.org/b) |\n")
    (entry,) = parse_document(SourceText(text)).entries
    assert (entry.line, entry.title) == (5, "Deep free network 1001")
