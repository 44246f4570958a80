"""`kdlint add`, offline: the section chosen, the place in it, papers refused as already listed, and the proof
that nothing else changed; every list of ../shared takes a paper without a crash."""

from __future__ import annotations

import difflib
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import shared_files

from kdlint.add_plan import AddPlan, AddRefused, plan_add
from kdlint.document import parse_document
from kdlint.engine import Linter
from kdlint.entry_insert import InsertionError, verify
from kdlint.literal_text import displayed
from kdlint.model import Layout
from kdlint.online.record import Paper, Service
from kdlint.paper_facts import facts
from kdlint.section_choice import SectionNotFound, choose_section, paper_sections, shown_name
from kdlint.settings import Settings
from kdlint.source import InputError, SourceText

REVIEW = Paper(service=Service.DBLP, source_key="conf/cvpr/ChenLZJ21", title="Distilling Knowledge via Knowledge Review",
               authors=("Pengguang Chen", "Shu Liu", "Hengshuang Zhao", "Jiaya Jia"), year=2021, venue="CVPR",
               arxiv_id="2104.09044")
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "add"


def _add(text: str, paper: Paper = REVIEW, section: str | None = None, linter: Linter | None = None) -> AddPlan:
    linter = linter or Linter()
    found = plan_add(text, linter.parse(SourceText(text)), paper, section, linter)
    assert isinstance(found, AddPlan), found.message
    return found


def _refused(text: str, paper: Paper) -> AddRefused:
    found = plan_add(text, parse_document(SourceText(text)), paper)
    assert isinstance(found, AddRefused)
    return found


def _only_inserted(old: str, new: str, entry: tuple[str, ...]) -> bool:
    """Whether `new` is `old` with lines inserted, and those are the entry's lines and blank ones."""
    before, after = old.splitlines(keepends=True), new.splitlines(keepends=True)
    matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    added: list[str] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        if tag != "insert" and not (tag == "replace" and [line.rstrip("\r\n") for line in before[i1:i2]]
                                    == [line.rstrip("\r\n") for line in after[j1:j1 + i2 - i1]]):
            return False
        added += after[j1:j2] if tag == "insert" else after[j1 + i2 - i1 : j2]
    return [line.rstrip("\r\n") for line in added if line.strip()] == [line for line in entry if line.strip()]


BY_YEAR = """# List

## Papers

- **FitNets: Hints for Thin Deep Nets, ICLR 2015**
- **Deep Mutual Learning, CVPR 2018**
- **Relational Knowledge Distillation, CVPR 2019**
- **Contrastive Representation Distillation, ICLR 2020**
- **Decoupled Knowledge Distillation, CVPR 2022**
"""

NEWEST_FIRST = """## Papers

- [Decoupled Knowledge Distillation](https://arxiv.org/abs/2203.08679), CVPR 2022
- [Contrastive Representation Distillation](https://arxiv.org/abs/1910.10699), ICLR 2020
- [Relational Knowledge Distillation](https://arxiv.org/abs/1904.05068), CVPR 2019
- [Deep Mutual Learning](https://arxiv.org/abs/1706.00384), CVPR 2018
"""

BY_TITLE = """## Papers

### Contrastive Representation Distillation ICLR 2020 [[paper]](https://arxiv.org/abs/1910.10699)
### Decoupled Knowledge Distillation CVPR 2022 [[paper]](https://arxiv.org/abs/2203.08679)
### FitNets Hints for Thin Deep Nets ICLR 2015 [[paper]](https://arxiv.org/abs/1412.6550)
### Relational Knowledge Distillation CVPR 2019 [[paper]](https://arxiv.org/abs/1904.05068)
"""


def test_a_list_sorted_oldest_first_gets_the_entry_at_its_year() -> None:
    found = _add(BY_YEAR)
    assert found.order == "year"
    assert found.text == BY_YEAR.replace(
        "- **Decoupled", "- **Distilling Knowledge via Knowledge Review, CVPR 2021**\n- **Decoupled")
    assert found.line == 9


def test_a_list_sorted_newest_first_gets_the_entry_at_its_year() -> None:
    found = _add(NEWEST_FIRST)
    assert found.order == "-year"
    assert found.text == NEWEST_FIRST.replace(
        "- [Contrastive", "- [Distilling Knowledge via Knowledge Review](https://arxiv.org/abs/2104.09044), CVPR 2021\n"
                          "- [Contrastive")


def test_a_list_sorted_by_title_gets_the_entry_at_its_title() -> None:
    found = _add(BY_TITLE)
    assert found.order == "title"
    assert found.text == BY_TITLE.replace(
        "### FitNets", "### Distilling Knowledge via Knowledge Review CVPR 2021 [[paper]](https://arxiv.org/abs/2104.09044)"
                       "\n### FitNets")


def test_an_entry_of_a_year_already_listed_goes_after_the_entries_of_that_year() -> None:
    text = BY_YEAR.replace("Decoupled Knowledge Distillation, CVPR 2022", "Decoupled Knowledge Distillation, CVPR 2021")
    text += "- **Masked Generative Distillation, ECCV 2022**\n"
    found = _add(text)
    assert found.text.splitlines()[9] == "- **Distilling Knowledge via Knowledge Review, CVPR 2021**"


def test_the_sort_setting_overrides_what_the_list_looks_like() -> None:
    found = _add(BY_YEAR, linter=Linter(settings=Settings(sort="none")))
    assert found.order == "none"
    assert found.text == BY_YEAR + "- **Distilling Knowledge via Knowledge Review, CVPR 2021**\n"
    found = _add(BY_TITLE.replace("### Contrastive", "### Zebra"), linter=Linter(settings=Settings(sort="title")))
    assert found.order == "title"
    assert found.line == 5


UNSORTED = BY_YEAR.replace("ICLR 2015", "ICLR 2023").replace("CVPR 2019", "CVPR 2016")


def test_an_unsorted_list_gets_the_entry_at_its_end() -> None:
    text = UNSORTED
    found = _add(text)
    assert found.order == "none"
    assert found.text == text + "- **Distilling Knowledge via Knowledge Review, CVPR 2021**\n"


def test_a_numbered_list_gets_the_next_number_at_its_end_whatever_its_years() -> None:
    text = "## Papers\n\n" + "".join(f"{n}. **Paper Number {n}, CVPR {2010 + n}**\n" for n in range(1, 10))
    found = _add(text)
    assert found.order == "none"
    assert found.text.endswith("9. **Paper Number 9, CVPR 2019**\n10. **Distilling Knowledge via Knowledge Review, "
                               "CVPR 2021**\n")


def test_the_section_is_chosen_by_title_match_and_the_score_is_given() -> None:
    text = (FIXTURES / "bold.md").read_text(encoding="utf-8")
    found = _add(text)
    assert (found.section, found.reason, found.score) == ("Feature Distillation", "title match 0.50", 0.5)


def test_the_section_is_chosen_by_its_name_in_any_case_or_by_its_words() -> None:
    text = (FIXTURES / "bold.md").read_text(encoding="utf-8")
    found = _add(text, section="applications")
    assert (found.section, found.reason, found.score) == ("Applications", "given", None)
    assert found.text.endswith("Manmohan Chandraker.*\n- **Distilling Knowledge via Knowledge Review, CVPR 2021**\n"
                               "  - https://arxiv.org/abs/2104.09044\n"
                               "  - *Pengguang Chen, Shu Liu, Hengshuang Zhao, Jiaya Jia.*\n")
    emoji = text.replace("## Applications", "## 🚀 Applications")
    assert _add(emoji, section="Applications").section == "🚀 Applications"


def test_an_unknown_section_is_an_input_error_that_names_the_closest() -> None:
    text = (FIXTURES / "bold.md").read_text(encoding="utf-8")
    with pytest.raises(SectionNotFound, match="no section named 'Aplications'; the closest: 'Applications'"):
        _add(text, section="Aplications")
    with pytest.raises(InputError, match="the sections that hold papers: 'Feature Distillation', 'Applications'"):
        _add(text, section="Zebra husbandry")


def test_without_a_match_the_first_or_only_paper_section_takes_it_and_news_never_does() -> None:
    document = parse_document(SourceText(BY_YEAR))
    assert choose_section(document, "Zebra Husbandry").reason == "only paper section"
    news = "## News\n\n- **Knowledge Review Distilling Via, CVPR 2021**\n\n" + BY_YEAR + "\n## More\n\n- **X, CVPR 2020**\n"
    document = parse_document(SourceText(news))
    assert [shown_name(s) for s in paper_sections(document)] == ["Papers", "More"]
    chosen = choose_section(document, "Zebra Husbandry")
    assert (shown_name(chosen.section), chosen.reason) == ("Papers", "first paper section")
    with pytest.raises(SectionNotFound, match="no section of the list holds papers"):
        choose_section(parse_document(SourceText("# Empty\n")), "Anything")


def test_a_year_section_takes_the_papers_of_its_year() -> None:
    text = (FIXTURES / "plain_venue_label.md").read_text(encoding="utf-8")
    assert _add(text, replace(REVIEW, year=2020)).section == "2020"
    details = (FIXTURES / "plain_details.md").read_text(encoding="utf-8")
    found = _add(details, replace(REVIEW, year=2020))
    lines = found.text.splitlines()
    assert lines[found.line - 1].startswith("- Distilling Knowledge via Knowledge Review.")
    assert "Survey: 2020" in "\n".join(lines[:found.line]) and lines[found.line + 2] == "</details>"


ARXIV_LISTED = """## Papers

- **Relational Knowledge Distillation, CVPR 2019**
  - https://arxiv.org/pdf/1904.05068v2.pdf
- **Knowledge Distillation: A Survey, IJCV 2021** [[Paper]](https://doi.org/10.1007/S11263-021-01453-Z)
- **Bag of Instances Aggregation Boosts Self-supervised Distillation, ICLR 2022** [[Paper]](https://openreview.net/forum?id=N0uJGWDw21d)
"""


def test_a_paper_already_listed_is_refused_by_arxiv_id() -> None:
    found = _refused(ARXIV_LISTED, replace(REVIEW, title="Another Title", arxiv_id="1904.05068"))
    assert (found.line, found.title, found.matched) == (3, "Relational Knowledge Distillation", "arxiv:1904.05068")
    assert found.message == ("already in the list at line 3: 'Relational Knowledge Distillation' "
                             "(the same arXiv id 1904.05068)")


def test_a_paper_already_listed_is_refused_by_doi_and_by_openreview_id() -> None:
    found = _refused(ARXIV_LISTED, replace(REVIEW, title="Other", arxiv_id=None, doi="10.1007/s11263-021-01453-z"))
    assert found.message == ("already in the list at line 5: 'Knowledge Distillation: A Survey' "
                             "(the same DOI 10.1007/s11263-021-01453-z)")
    found = _refused(ARXIV_LISTED, replace(REVIEW, title="Other", arxiv_id=None, openreview_id="N0uJGWDw21d"))
    assert (found.line, found.matched) == (6, "openreview:N0uJGWDw21d")


def test_a_paper_already_listed_is_refused_by_its_title_folded() -> None:
    found = _refused(ARXIV_LISTED, replace(REVIEW, title="relational knowledge-distillation", arxiv_id="2999.00001"))
    assert found.message == "already in the list at line 3: 'Relational Knowledge Distillation' (the same title)"


def test_a_paper_listed_only_as_news_is_added() -> None:
    text = "## News\n\n- **Distilling Knowledge via Knowledge Review, CVPR 2021**\n\n" + BY_YEAR
    assert _add(text).section == "Papers"


def test_line_endings_and_a_missing_final_newline_are_kept() -> None:
    crlf = BY_YEAR.replace("\n", "\r\n")
    found = _add(crlf)
    assert found.text == crlf.replace("- **Decoupled",
                                      "- **Distilling Knowledge via Knowledge Review, CVPR 2021**\r\n- **Decoupled")
    bare = UNSORTED.rstrip("\n")
    assert _add(bare).text == bare + "\n- **Distilling Knowledge via Knowledge Review, CVPR 2021**"


def test_a_table_keeps_its_rows_together_and_its_header() -> None:
    text = (FIXTURES / "table_year.md").read_text(encoding="utf-8")
    found = _add(text)
    lines = found.text.splitlines()
    rows = [i for i, line in enumerate(lines) if line.startswith("|")]
    assert rows == list(range(rows[0], rows[-1] + 1)) and len(rows) == 7
    assert lines[found.line - 1].startswith("| 2021 | **Distilling Knowledge via Knowledge Review** |")


def test_code_html_and_the_table_of_contents_are_never_entered() -> None:
    text = """# List

- [Papers](#papers)
- [Tools](#tools)

## Papers

- **Relational Knowledge Distillation, CVPR 2019**
- **Contrastive Representation Distillation, ICLR 2020**

```markdown
- **An Example Entry In Code, CVPR 2019**
```

<div>
<p>A note in HTML.</p>
</div>

## Tools
"""
    found = _add(text)
    assert found.text == text.replace("ICLR 2020**\n", "ICLR 2020**\n- **Distilling Knowledge via Knowledge Review, "
                                                       "CVPR 2021**\n", 1)
    given = _add(text, section="Tools")
    assert given.text == text + "\n- **Distilling Knowledge via Knowledge Review, CVPR 2021**\n  - " \
                                "https://arxiv.org/abs/2104.09044\n  - *Pengguang Chen, Shu Liu, Hengshuang Zhao, " \
                                "Jiaya Jia.*\n"


def test_an_entry_after_another_list_takes_another_bullet_so_that_it_does_not_join_it() -> None:
    text = "## Cards\n\nFGFI. *CVPR 2019*.\n\\[[arXiv](https://arxiv.org/abs/1906.03609)\\]\n\n" \
           "- Distilling Object Detectors With Fine-Grained Feature Imitation\n- Tao Wang and Li Yuan\n"
    found = _add(text, replace(REVIEW, arxiv_id=None, url=None))  # a card needs a link: the canonical form
    assert (found.layout, found.learnt) == (Layout.BOLD, False)
    assert found.entry[0] == "* **Distilling Knowledge via Knowledge Review, CVPR 2021**"
    assert _only_inserted(text, found.text, found.entry)


def test_verify_fails_loudly_when_the_rest_of_the_list_would_change() -> None:
    old = SourceText(BY_YEAR)
    document = parse_document(old)
    section = next(s for s in document.sections if s.holds_papers)
    written = facts(REVIEW, document, Linter().vocabulary)
    broken = SourceText(BY_YEAR.replace("Deep Mutual Learning", "Deep Mutual Learning Renamed").replace(
        "- **Decoupled", "- **Distilling Knowledge via Knowledge Review, CVPR 2021**\n- **Decoupled"))
    with pytest.raises(InsertionError, match="title lost: 'Deep Mutual Learning'"):
        verify(old, document, broken, parse_document(broken), 9, section, written)
    with pytest.raises(InsertionError, match="reads 'Relational Knowledge Distillation'"):
        verify(old, document, broken, parse_document(broken), 7, section, written)


def test_a_paper_without_a_title_is_an_input_error() -> None:
    with pytest.raises(InputError, match="gives no title"):
        plan_add(BY_YEAR, parse_document(SourceText(BY_YEAR)), replace(REVIEW, title=" \n\x00 "))


FILES = shared_files()


@pytest.mark.skipif(not FILES, reason="../shared is not beside this clone")
@pytest.mark.parametrize("path", FILES, ids=[p.name[:40] for p in FILES])
def test_every_shared_list_takes_a_paper_and_reads_back(path: Path) -> None:
    source = SourceText.read(path)
    linter = Linter()
    document = linter.parse(source)
    paper = replace(REVIEW, title="A Fixed Paper for Every List: Adding Without Breaking", arxiv_id="2401.00001",
                    year=2024)
    sections = paper_sections(document)
    names: list[str | None] = [None] if sections else [next(s for s in document.sections if s.title).title]
    if sections:  # and one section of each other layout, by its name
        chosen = choose_section(document, paper.title, None, paper.year, paper.venue).section.style
        names += list({s.style: s.title for s in reversed(sections) if s.style is not chosen}.values())
    for name in names:
        found = plan_add(source.text, document, paper, name, linter)
        assert isinstance(found, AddPlan)
        entries = parse_document(SourceText(found.text)).sections
        entry = next(e for s in entries for e in s.entries if e.line == found.line)
        assert displayed(entry.title or "") == paper.title
        assert _only_inserted(source.text, found.text, found.entry)


def test_a_list_numbered_1_throughout_keeps_numbering_so() -> None:
    text = "## Papers\n\n1. **Deep Mutual Learning, CVPR 2018**\n1. **Relational Knowledge Distillation, CVPR 2019**\n"
    assert _add(text).entry == ("1. **Distilling Knowledge via Knowledge Review, CVPR 2021**",)


def test_an_entry_of_a_nested_list_is_indented_as_its_list() -> None:
    text = ("## Foundation Models\n\n- **GPT**\n"
            "    - **Improving Language Understanding by Generative Pre-Training**, OpenAI 2018, "
            "[ :link: ](https://cdn.openai.com/gpt-1.pdf)\n"
            "    - **Language Models are Few-Shot Learners**, NeurIPS 2020, [ :link: ](https://arxiv.org/abs/2005.14165)\n")
    found = _add(text)
    assert found.learnt
    assert found.text == text + ("    - **Distilling Knowledge via Knowledge Review**, CVPR 2021, "
                                 "[ :link: ](https://arxiv.org/abs/2104.09044)\n")
