"""`kdlint export`: exact JSON, CSV and BibTeX of a small list, the schema, keys, escaping, and real lists."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import bibtexparser
import jsonschema
import pytest
from conftest import FIXTURES, shared_files

from kdlint.cli import main
from kdlint.engine import Linter
from kdlint.export import ExportRecord, IdentifierRecord, VenueRecord, records, render
from kdlint.export.bibtex import balanced, entry_fields, escape, keys
from kdlint.export.csv_format import COLUMNS
from kdlint.export.json_format import json_schema
from kdlint.files import read
from kdlint.schemas import schema_text

REPO = Path(__file__).resolve().parent.parent
EXPORT = FIXTURES / "export"
SCHEMA = REPO / "schema" / "export.schema.json"
EXPECTED = {"json": "list.json", "csv": "list.csv", "bibtex": "list.bib"}


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def in_fixtures(monkeypatch: pytest.MonkeyPatch) -> None:
    """Run from the fixture's folder, so that records name it `list.md` as the expected files do."""
    monkeypatch.chdir(EXPORT)


@pytest.mark.parametrize("fmt", list(EXPECTED))
def test_each_format_of_the_fixture_list_is_exactly_as_expected(fmt: str, in_fixtures: None, capsys) -> None:
    code, out, err = run(capsys, "export", "list.md", "--format", fmt)
    assert (code, err) == (0, "")
    assert out == (EXPORT / EXPECTED[fmt]).read_text(encoding="utf-8")


def test_output_file_holds_what_stdout_would(in_fixtures: None, tmp_path: Path, capsys) -> None:
    target = tmp_path / "papers.bib"
    code, out, err = run(capsys, "export", "list.md", "--format", "bibtex", "-o", str(target))
    assert (code, out, err) == (0, "", "")
    assert target.read_text(encoding="utf-8") == (EXPORT / "list.bib").read_text(encoding="utf-8")


def test_standard_input(capsys, monkeypatch: pytest.MonkeyPatch) -> None:
    data = (EXPORT / "list.md").read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    code, out, _ = run(capsys, "export", "-", "--format", "csv")
    assert code == 0
    lines = out.splitlines()
    assert len(lines) == 7 and lines[1].startswith("-,10,Knowledge Distillation > Papers > Pioneering,bold,")


def test_missing_file_is_one_line_and_exit_2(tmp_path: Path, capsys) -> None:
    missing = tmp_path / "nope.md"
    code, out, err = run(capsys, "export", str(missing), "--format", "json")
    assert (code, out) == (2, "")
    assert err == f"kdlint: error: {missing}: no such file\n"


def test_format_is_required_and_checked(capsys) -> None:
    code, _, err = run(capsys, "export", str(EXPORT / "list.md"), "--format", "yaml")
    assert code == 2 and len(err.splitlines()) == 1 and "yaml" in err
    code, _, err = run(capsys, "export", str(EXPORT / "list.md"))
    assert code == 2 and "--format" in err


def test_export_schema_file_is_current() -> None:
    assert SCHEMA.read_text() == schema_text(json_schema()), (
        "regenerate: python -m kdlint.export > schema/export.schema.json")


def test_fixture_json_validates_against_the_schema() -> None:
    jsonschema.validate(json.loads((EXPORT / "list.json").read_text()), json.loads(SCHEMA.read_text()))


def test_only_entries_of_paper_sections_are_exported() -> None:
    linter = Linter()
    found = records("list.md", linter.parse(read(str(EXPORT / "list.md"))), linter.vocabulary)
    assert [r.line for r in found] == [10, 14, 18, 23, 27, 31]  # not the table of contents, nor Resources


# --- BibTeX: escaping, keys, entry types ---------------------------------------------------------------------


@pytest.mark.parametrize(("title", "escaped"), [
    ("The {Student} & the 1% Teacher", r"The {\textbraceleft}Student{\textbraceright} \& the 1\% Teacher"),
    ("Unbalanced { and } } braces", r"Unbalanced {\textbraceleft} and {\textbraceright} {\textbraceright} braces"),
    (r"Back\slash #1 $5 a_b ~x^y", r"Back{\textbackslash}slash \#1 \$5 a\_b {\textasciitilde}x{\textasciicircum}y"),
    ("F$^{2}$-NeRF in 360$^{\\circ}$", "F$^{2}$-NeRF in 360$^{\\circ}$"),  # inline math is kept as LaTeX
    ("From $5 to $10", r"From \$5 to \$10"),  # dollars, not math
    ("Bad math $x^{2$ here", r"Bad math \$x{\textasciicircum}{\textbraceleft}2\$ here"),
    ("Math with a comment $50%$", r"Math with a comment \$50\%\$"),
])
def test_escape(title: str, escaped: str) -> None:
    assert escape(title) == escaped
    assert balanced(escaped)


def test_bibtex_output_with_special_characters_parses_back_to_the_escaped_title() -> None:
    title = r"A {b} } c & d % e # f \ g"
    rec = _record(title=title, authors=("Ann Lee",), venues=(VenueRecord("ICML", "ICML", "conference", "2020"),))
    library = bibtexparser.parse_string(render([rec], "bibtex"))
    assert not library.failed_blocks
    (entry,) = library.entries
    assert entry.fields_dict["title"].value == escape(title)
    assert balanced(entry.fields_dict["title"].value)


def _record(title: str | None = "Deep Learning", authors: tuple[str, ...] = ("Yann LeCun",),
            venues: tuple[VenueRecord, ...] = (), identifiers: tuple[IdentifierRecord, ...] = (),
            paper_url: str | None = None) -> ExportRecord:
    return ExportRecord(path="x.md", line=1, end_line=1, section=("A",), layout="bold", title=title, venues=venues,
                        authors=authors, paper_url=paper_url, links=(), identifiers=identifiers)


def test_keys_fall_back_when_parts_are_missing_and_take_suffixes_in_order() -> None:
    nature = (VenueRecord("Nature", "Nature", "journal", "2015"),)
    found = [
        _record(venues=nature),  # lecun2015deep
        _record(venues=nature, title="Deep Nets"),  # lecun2015deepa
        _record(venues=nature, title="The Deep End"),  # lecun2015deepb: "the" is a stop word
        _record(authors=(), venues=nature),  # anon2015deep
        _record(venues=()),  # no year: lecundeep
        _record(title=None, authors=(), venues=()),  # nothing at all
        _record(title=None, authors=(), venues=()),
        _record(authors=("José Núñez Jr.",), title="Über Alles", venues=nature),  # ASCII, no suffix of the name
    ]
    assert keys(found) == ["lecun2015deep", "lecun2015deepa", "lecun2015deepb", "anon2015deep", "lecundeep", "anon",
                           "anona", "nunez2015uber"]


def test_a_suffix_never_takes_another_entry_s_own_key() -> None:
    found = [_record(authors=("A Smith",), title=None, venues=()), _record(authors=("A Smith",), title=None, venues=()),
             _record(authors=("A Smitha",), title=None, venues=())]
    assert keys(found) == ["smith", "smithb", "smitha"]


def test_suffixes_go_on_past_z() -> None:
    assert keys([_record()] * 28)[-2:] == ["lecundeepz", "lecundeepaa"]


@pytest.mark.parametrize(("venues", "entry_type", "venue_field"), [
    ((VenueRecord("CVPR", "CVPR", "conference", "2019"), VenueRecord("TPAMI", "TPAMI", "journal", "2020")),
     "inproceedings", ("booktitle", "CVPR")),
    ((VenueRecord("arXiv", "arXiv", "preprint", "2018"), VenueRecord("T-PAMI", "TPAMI", "journal", "2020")),
     "article", ("journal", "TPAMI")),
    ((VenueRecord("CVPRW", "CVPR Workshop", "workshop", "2020"),), "inproceedings", ("booktitle", "CVPR Workshop")),
    ((VenueRecord("Tiny Workshop", None, None, "2020"),), "misc", ("howpublished", "Tiny Workshop")),
    ((VenueRecord("bioRxiv", "bioRxiv", "preprint", "2021"),), "misc", ("howpublished", "bioRxiv")),
    ((VenueRecord(None, None, None, "2021"),), "misc", None),
    ((), "misc", None),
])
def test_entry_type_follows_the_venue_kind(venues: tuple[VenueRecord, ...], entry_type: str,
                                          venue_field: tuple[str, str] | None) -> None:
    kind, fields = entry_fields(_record(venues=venues))
    assert kind == entry_type
    named = dict(fields)
    assert [(name, named[name]) for name in ("booktitle", "journal", "howpublished") if name in named] == (
        [venue_field] if venue_field else [])


def test_arxiv_preprints_are_eprints_and_dois_stay_verbatim() -> None:
    arxiv = _record(venues=(VenueRecord("arXiv", "arXiv", "preprint", "2015"),),
                    identifiers=(IdentifierRecord("arxiv", "1503.02531"), IdentifierRecord("doi", "10.1/a_b%c")),
                    paper_url="https://example.org/a_b%20c#x")
    assert entry_fields(arxiv) == ("misc", [
        ("title", "Deep Learning"), ("author", "Yann LeCun"), ("year", "2015"), ("doi", "10.1/a_b%c"),
        ("eprint", "1503.02531"), ("archivePrefix", "arXiv"), ("url", "https://example.org/a_b%20c#x")])


def test_author_names_that_bibtex_would_split_are_braced() -> None:
    _, fields = entry_fields(_record(authors=("Ann Lee", "Research and Development Team", "Smith, J.", "Bo & Co")))
    assert dict(fields)["author"] == r"Ann Lee and {Research and Development Team} and {Smith, J.} and Bo \& Co"


# --- start-up: each format imports only what it needs ----------------------------------------------------------


@pytest.mark.parametrize(("fmt", "absent"), [("csv", ("pydantic", "bibtexparser")), ("bibtex", ("pydantic",)),
                                             ("json", ("bibtexparser",))])
def test_each_format_imports_only_its_own_library(fmt: str, absent: tuple[str, ...], tmp_path: Path) -> None:
    listing = tmp_path / "list.md"
    listing.write_bytes((EXPORT / "list.md").read_bytes())
    code = ("import sys; from kdlint.cli import main\n"
            f"code = main(['export', {str(listing)!r}, '--format', {fmt!r}, '-o', {str(tmp_path / 'out')!r}])\n"
            f"print(code, sorted({{m.split('.')[0] for m in sys.modules}} & {set(absent)!r}))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=tmp_path)
    assert done.stdout.splitlines()[-1] == "0 []", done.stdout + done.stderr


# --- real lists ------------------------------------------------------------------------------------------------

FILES = shared_files()


@pytest.mark.parametrize("path", FILES, ids=[p.name[:40] for p in FILES])
def test_real_lists_export_valid_json_and_bibtex_that_parses_back(path: Path) -> None:
    linter = Linter()
    found = records(str(path), linter.parse(read(str(path))), linter.vocabulary)
    data = json.loads(render(found, "json"))
    jsonschema.validate(data, json.loads(SCHEMA.read_text()))
    assert len(data) == len(found)

    library = bibtexparser.parse_string(render(found, "bibtex"))
    assert not library.failed_blocks
    assert [entry.key for entry in library.entries] == keys(found)
    assert len(set(keys(found))) == len(found)
    unbalanced = [(entry.key, field.key) for entry in library.entries for field in entry.fields
                  if not balanced(field.value)]
    assert not unbalanced

    rows = list(csv.reader(io.StringIO(render(found, "csv"))))
    assert len(rows) == len(found) + 1 and rows[0] == list(COLUMNS)
