"""Anchors and the table of contents (KD304): what an anchor is, which heading it names, what the fix keeps."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from conftest import shared_files

from kdlint.document import parse_document
from kdlint.engine import Linter
from kdlint.fixer import fix_source
from kdlint.rules.kd304_toc import Anchors, renumber
from kdlint.settings import Settings
from kdlint.source import SourceText
from kdlint.toc import anchor_only, anchors, explicit_id, github_text, html_anchors

KD304 = Linter.for_file(Settings(), Path("README.md"), select=["KD304"])


def kd304(text: str) -> list[str]:
    _, found = KD304.check(SourceText(text))
    return [f"{d.span.line}: {d.message} ({d.fix.applicability.value if d.fix else 'no fix'})" for d in found]


@pytest.mark.parametrize(("text", "expected"), [
    ('<a name="3DGS"></a>', ["3DGS"]),
    ("<a name='x'/>", ["x"]),
    ('<a name="80"/>', ["80"]),
    ("<a id=bare></a>", ["bare"]),
    ('<A NAME="Upper"></A>', ["Upper"]),
    ('<h2 id="resources">Resources</h2>', ["resources"]),
    ('<div align="center" id="top">', ["top"]),
    ('<a href="#x" title="id=y">x</a>', []),  # an attribute's value is not an attribute
    ('<div name="n"></div>', []),  # `name` makes an anchor on `<a>` only
    ('<a name="">', []),
    ("no tags here", []),
])
def test_html_anchors(text: str, expected: list[str]) -> None:
    assert html_anchors(text) == expected


def test_anchor_only_lines() -> None:
    assert anchor_only('<a name="Backbone"></a> ')
    assert anchor_only('<a name="a"></a><a id="b"></a>')
    assert not anchor_only('<a name="a"></a> Backbone')
    assert not anchor_only('<a href="#a">back</a>')
    assert not anchor_only("")


def test_explicit_ids() -> None:
    assert explicit_id("Data-Free Distillation {#data-free}") == "data-free"
    assert explicit_id("Data-Free {#data-free .wide}") == "data-free"
    assert explicit_id("Sets {of} things") is None


def test_github_anchors_read_no_image_alt_and_keep_edge_spaces() -> None:
    texts = ["Awesome-Quantization-Papers [![Awesome](https://awesome.re/badge.svg)](https://awesome.re)",
             "📊 Taxonomy", "Q&amp;A", "Vision", "Vision", "Vision"]
    assert anchors([github_text(t) for t in texts]) == [
        "awesome-quantization-papers-", "-taxonomy", "qa", "vision", "vision-1", "vision-2"]


def test_a_list_in_an_html_comment_is_not_the_table_of_contents() -> None:
    text = "# T\n\n<!--\n- [Old](#old)\n- [Older](#older)\n\n-->\n\n- [A](#a)\n- [B](#b)\n\n## A\n\n## B\n"
    doc = parse_document(SourceText(text))
    assert doc.toc is not None and doc.toc.first == 9


def anchors_of(text: str) -> Anchors:
    source = SourceText(text)
    linter = Linter()
    return Anchors(linter.context(source, linter.parse(source)))


def test_which_heading_an_html_anchor_names() -> None:
    found = anchors_of(
        "# T\n\n<a name=\"before\"></a>\n\n<a name=\"also\"></a>\n## One\n\n## Two <a id=\"inside\"></a>\n\n"
        "## Three\n<a name=\"after\"></a>\n\ntext <a name=\"loose\"></a> here\n\n`<a name=\"code\"></a>`\n"
        "<!-- <a name=\"comment\"></a> -->\n")
    named = {key: (t.line, t.heading.text if t.heading else None)
             for key in ["before", "also", "inside", "after", "loose", "one", "two-", "three"]
             if (t := found.resolve(key))}
    assert named == {"before": (6, "One"), "also": (6, "One"), "inside": (8, 'Two <a id="inside"></a>'),
                     "after": (10, "Three"), "loose": (13, None), "one": (6, "One"),
                     "two-": (8, 'Two <a id="inside"></a>'), "three": (10, "Three")}
    assert found.resolve("code") is None and found.resolve("comment") is None
    assert found.resolve("user-content-one") == found.resolve("one")  # GitHub's own prefix
    assert found.resolve("BEFORE") == found.resolve("before")  # without regard to case


def test_an_item_linking_an_anchor_in_a_section_leaves_its_heading_unreported() -> None:
    text = ("- [A](#a)\n- [Part of B](#b-part)\n\n## A\n\n## B\n\nSome text.\n\n<a name=\"b-part\"></a>\n\nMore.\n\n"
            "## C\n")
    assert kd304(text) == ["1: heading `C` (line 14) is missing from the table of contents (safe)"]


def test_headings_in_comments_are_not_expected_and_do_not_count_for_suffixes() -> None:
    text = "- [A](#a)\n- [B](#b)\n\n<!--\n## B\n-->\n\n## A\n\n## B\n"
    assert kd304(text) == []


def test_an_empty_heading_is_not_expected() -> None:
    assert kd304("- [A](#a)\n- [B](#b)\n\n## A\n\n## \n\n## B\n") == []


@pytest.mark.parametrize(("original", "out", "expected"), [
    (["1. [A](#a)", "2. [B](#b)"], ["2. [B](#b)", "1. [A](#a)"], ["1. [B](#b)", "2. [A](#a)"]),
    (["1. [A](#a)", "1. [B](#b)"], ["1. [B](#b)", "1. [A](#a)"], ["1. [B](#b)", "1. [A](#a)"]),  # all alike
    (["- [A](#a)", "- [B](#b)"], ["- [B](#b)", "- [A](#a)"], ["- [B](#b)", "- [A](#a)"]),
    (["1. [A](#a)", "   - [x](#x)", "2. [B](#b)"], ["2. [B](#b)", "1. [A](#a)", "   - [x](#x)"],
     ["1. [B](#b)", "2. [A](#a)", "   - [x](#x)"]),
])
def test_renumber(original: list[str], out: list[str], expected: list[str]) -> None:
    assert renumber(original, out) == expected


FILES = [p for p in shared_files() if p.suffix == ".md"]


@pytest.mark.skipif(not FILES, reason="../shared is not beside this clone")
@pytest.mark.parametrize("path", FILES, ids=[p.name[:40] for p in FILES])
def test_on_the_corpus_the_fix_keeps_every_item_that_links_somewhere(path: Path) -> None:
    source = SourceText.read(path)
    document, found = KD304.parse(source), KD304.check(source)[1]
    if document.toc is None:
        return
    reported = {d.span.line for d in found if "links to #" in d.message}
    for item in document.toc.items:
        if item.line in reported:  # the anchor really is nowhere outside code and comments
            assert f'"{item.anchor}"' not in source.text
    kept = Counter(source.line(item.line) for item in document.toc.items if item.line not in reported)
    for unsafe in (False, True):
        fixed = fix_source(source, KD304, unsafe=unsafe).source
        assert not kept - Counter(fixed.lines)


def test_an_anchor_on_a_line_with_text_just_before_a_heading_may_stand_for_it() -> None:
    text = "- [A](#a)\n- [B](#b-label)\n\n## A\n\n<a name=\"b-label\"></a> **B**\n\n## B\n\n## C\n"
    assert kd304(text) == ["1: heading `C` (line 10) is missing from the table of contents (safe)"]


def test_an_item_that_items_are_nested_under_is_reported_but_never_removed() -> None:
    text = "# T\n\n- [Papers](#papers)\n    - [A](#a)\n    - [B](#b)\n\n## A\n\n## B\n"
    assert kd304(text) == ["3: table of contents links to #papers, which no heading or anchor has (no fix)"]
    assert fix_source(SourceText(text), KD304, unsafe=True).source.text == text
