"""`kdlint add`, offline: a paper written in each layout's own style, and hostile metadata written literally.

Each fixture in tests/fixtures/add is a small list in one layout of the corpus
(shared/corpus/LAYOUTS.md); `NAME.expected.md` is that list with REVIEW added.
Hostile titles and authors must show as written (mistletoe's HTML of the new
text holds them as text, and no tag of theirs) and read back, through kdlint's
own parser, to the same title and authors.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from dataclasses import replace
from pathlib import Path

import mistletoe
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kdlint.add_plan import AddPlan, plan_add
from kdlint.document import parse_document
from kdlint.engine import Linter
from kdlint.entry_form import CANONICAL
from kdlint.entry_render import form_of, read_back, reads_as, render_entry
from kdlint.literal_text import Place, clean, displayed, literal
from kdlint.model import Entry, Layout
from kdlint.online.record import Paper, Service
from kdlint.paper_facts import facts
from kdlint.source import SourceText

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "add"
NAMES = sorted(p.stem for p in FIXTURES.glob("*.md") if not p.name.endswith(".expected.md"))

REVIEW = Paper(service=Service.DBLP, source_key="conf/cvpr/ChenLZJ21", title="Distilling Knowledge via Knowledge Review",
               authors=("Pengguang Chen", "Shu Liu", "Hengshuang Zhao", "Jiaya Jia"), year=2021, venue="CVPR",
               arxiv_id="2104.09044")

# The layout each fixture's new entry is written in, and whether its authors stand where kdlint reads them.
WRITTEN = {
    "bold": (Layout.BOLD, True), "bold_inline_link": (Layout.BOLD, True), "bold_venue_after": (Layout.BOLD, False),
    "card": (Layout.CARD, True), "dated": (Layout.DATED, False), "heading": (Layout.HEADING, False),
    "inline": (Layout.INLINE, True), "inline_numbered": (Layout.INLINE, False), "paragraph": (Layout.BOLD, False),
    "plain_details": (Layout.PLAIN, True), "plain_quoted": (Layout.PLAIN, False),
    "plain_venue_label": (Layout.PLAIN, False), "table": (Layout.TABLE, False), "table_year": (Layout.TABLE, False),
}

HOSTILE_TITLES = [
    "A **bold** _claim_ about [links](https://example.org) and `code`",
    "# Not a Heading",
    "- Not a Bullet",
    "1. Not a Numbered Item",
    "<script>alert(1)</script> & Friends &amp; Co",
    "::set-output name=x::Workflow Commands in Titles",
    "Pipes | in | a Title",
    "Line\nbreak\r\nand\ttab\x07bell\u202eswapped",
    "Ends with a backslash \\",
    "Trailing hash #",
    "Results on CVPR 2020, ICCV 2019",
    '"Why Should I Trust You?": Explaining the Predictions',
    "~~Struck~~ and ~tilde~ and $x_1$ math",
    "[CVPR] Tagged: arXiv:1503.02531 as text",
    "*",
]
HOSTILE_AUTHORS = ("Ann *Star* Author", "Bob [B] Builder", "Carl Smith, Jr.", "D & E Team", "<b>Eve</b> Doe",
                   "Łukasz Kaiser")


def _fixture(name: str) -> str:
    return (FIXTURES / f"{name}.md").read_text(encoding="utf-8")


def _plan(text: str, paper: Paper, section: str | None = None) -> AddPlan:
    linter = Linter()
    found = plan_add(text, linter.parse(SourceText(text)), paper, section, linter)
    assert isinstance(found, AddPlan), found.message
    return found


def _new_entry(found: AddPlan) -> Entry:
    document = parse_document(SourceText(found.text))
    return next(e for s in document.sections for e in s.entries if e.line == found.line)


@pytest.mark.parametrize("name", NAMES)
def test_each_layout_gets_the_entry_in_its_own_style(name: str) -> None:
    found = _plan(_fixture(name), REVIEW)
    assert found.text == (FIXTURES / f"{name}.expected.md").read_text(encoding="utf-8")
    assert (found.layout, found.learnt) == (WRITTEN[name][0], True)
    assert "\n".join(found.entry) in found.text


def test_every_fixture_has_its_expected_file_and_layout() -> None:
    assert set(NAMES) == set(WRITTEN)
    assert all((FIXTURES / f"{name}.expected.md").is_file() for name in NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_the_added_entry_brings_no_new_findings(name: str) -> None:
    text = _fixture(name)
    found = _plan(text, REVIEW)
    _, before = Linter().check(SourceText(text))
    _, after = Linter().check(SourceText(found.text))
    own = range(found.line, found.line + len(found.entry))
    assert [d for d in after if d.span.line in own] == []
    assert Counter(d.code for d in after) == Counter(d.code for d in before)


@pytest.mark.parametrize("title", HOSTILE_TITLES, ids=range(len(HOSTILE_TITLES)))
@pytest.mark.parametrize("name", NAMES)
def test_hostile_metadata_is_written_literally_and_reads_back(name: str, title: str) -> None:
    paper = replace(REVIEW, title=title, authors=HOSTILE_AUTHORS)
    found = _plan(_fixture(name), paper)
    entry = _new_entry(found)
    assert entry.title is not None and displayed(entry.title) == clean(title)
    names = tuple(displayed(n) for n in entry.authors.names) if entry.authors else ()
    if found.learnt and not WRITTEN[name][1]:
        assert names == ()  # the layout writes no authors where kdlint reads them
    else:
        assert names == tuple(clean(a) for a in HOSTILE_AUTHORS)
    shown = mistletoe.markdown(found.text)
    assert "<script" not in shown and "<b>" not in shown
    assert clean(title) in html.unescape(re.sub(r"<[^>]+>", "", shown))


@pytest.mark.parametrize("name", NAMES)
def test_a_title_only_strict_escaping_reads_right_still_keeps_the_layout(name: str) -> None:
    found = _plan(_fixture(name), replace(REVIEW, title="Results of the NTIRE 2020 Challenge, CVPR 2020"))
    assert found.learnt
    assert displayed(_new_entry(found).title or "") == "Results of the NTIRE 2020 Challenge, CVPR 2020"


def test_the_canonical_form_is_convert_s_for_a_section_without_entries() -> None:
    text = "# List\n\n## Papers\n\nNothing yet.\n"
    found = _plan(text, REVIEW, section="Papers")
    assert found.text == ("# List\n\n## Papers\n\nNothing yet.\n\n"
                          "- **Distilling Knowledge via Knowledge Review, CVPR 2021**\n"
                          "  - https://arxiv.org/abs/2104.09044\n"
                          "  - *Pengguang Chen, Shu Liu, Hengshuang Zhao, Jiaya Jia.*\n")
    assert (found.layout, found.learnt, found.reason) == (Layout.BOLD, False, "given")


def test_a_preprint_is_listed_as_arxiv_with_the_list_s_spelling() -> None:
    text = _fixture("inline_numbered")
    found = _plan(text, replace(REVIEW, venue=None))
    assert found.entry[-1].endswith("_Pengguang Chen, Shu Liu, Hengshuang Zhao, Jiaya Jia._ Arxiv 2021.")


def test_a_venue_is_spelled_as_the_list_spells_it_and_unknown_ones_must_read_as_venues() -> None:
    text = "## Papers\n\n- **A, NIPS 2016**\n- **B, NIPS 2017**\n- **C, NeurIPS 2019**\n"
    document = parse_document(SourceText(text))
    assert facts(replace(REVIEW, venue="NeurIPS", year=2016), document, Linter().vocabulary).venue == "NIPS"
    assert facts(replace(REVIEW, venue="NeurIPS", year=2021), document, Linter().vocabulary).venue == "NeurIPS"
    assert facts(replace(REVIEW, venue="Proc. of [Things], vol 3"), document, Linter().vocabulary).venue is None


def test_the_link_is_the_arxiv_page_then_the_doi_then_openreview_and_never_an_unsafe_url() -> None:
    document = parse_document(SourceText(""))
    vocab = Linter().vocabulary
    assert facts(REVIEW, document, vocab).url == "https://arxiv.org/abs/2104.09044"
    doi = replace(REVIEW, arxiv_id=None, doi="10.1109/CVPR46437.2021.00497", url="http://dx.doi.org/x")
    assert facts(doi, document, vocab).url == "https://doi.org/10.1109/cvpr46437.2021.00497"
    openreview = replace(REVIEW, arxiv_id=None, openreview_id="N0uJGWDw21d")
    assert facts(openreview, document, vocab).url == "https://openreview.net/forum?id=N0uJGWDw21d"
    hostile = replace(REVIEW, arxiv_id="2104.09044) [x](javascript:alert(1)", url="javascript:alert(1)")
    assert facts(hostile, document, vocab).url is None


@pytest.mark.parametrize("place", list(Place))
@pytest.mark.parametrize("text", [clean(t) for t in HOSTILE_TITLES] + ["a_b_c", "__init__", "Q&A", "&#42;"])
def test_literal_text_displays_as_itself(place: Place, text: str) -> None:
    for strict in (False, True):
        assert displayed(literal(text, place, strict)) == text


def test_clean_drops_control_characters_and_joins_lines() -> None:
    assert clean(" Two\nlines\r\nand\ta\x00null\x1b[31m\u202e \u2028end ") == "Two lines and anull[31m end"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(title=st.text(min_size=1, max_size=60), name=st.sampled_from(["bold", "plain_quoted", "table", "card"]))
def test_any_title_renders_as_an_entry_that_reads_back(title: str, name: str) -> None:
    if not clean(title):
        return
    text = _fixture(name)
    document = parse_document(SourceText(text))
    section = next(s for s in document.sections if s.holds_papers)
    paper = replace(REVIEW, title=title)
    written = facts(paper, document, Linter().vocabulary)
    rendered = render_entry(written, form_of(section, SourceText(text).lines), None)
    assert displayed(rendered.entry.title or "") == clean(title)


def test_read_back_and_reads_as_see_a_misread_entry() -> None:
    written = facts(REVIEW, parse_document(SourceText("")), Linter().vocabulary)
    rendered = render_entry(written, CANONICAL)
    entry = read_back(["- **Something Else, CVPR 2021**"])
    assert entry is not None and rendered.entry.title == "Distilling Knowledge via Knowledge Review"
    from kdlint.entry_render import Written

    assert not reads_as(entry, written, Written([], venue=True, year=True, url=False, authors=False))


def test_a_table_with_an_authors_column_writes_hostile_names_in_their_cell() -> None:
    text = ("## Papers\n\n| Title | Authors | Venue | Year |\n|---|---|---|---|\n"
            "| Deep Mutual Learning | Ying Zhang, Tao Xiang | CVPR | 2018 |\n"
            "| Relational Knowledge Distillation | Wonpyo Park, Dongju Kim | CVPR | 2019 |\n")
    authors = ("Pipe | Person", "Back\\slash Name", "Ann *Star* Author")
    found = _plan(text, replace(REVIEW, title="A | Table * Title", authors=authors))
    assert found.entry == ("| A \\| Table &#42; Title | Pipe \\| Person, Back&#92;slash Name, Ann &#42;Star&#42; Author "
                           "| CVPR | 2021 |",)
    entry = _new_entry(found)
    assert displayed(entry.title or "") == "A | Table * Title"
    assert entry.authors is not None and tuple(displayed(n) for n in entry.authors.names) == authors
