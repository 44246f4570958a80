"""`--output-format rdjson`: reviewdog's DiagnosticResult, valid against its schema, columns in UTF-8 bytes."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from conftest import FIXTURES
from report_cases import LIST, check, finding, result, workdir

from kdlint.diagnostics import Applicability, Edit, Fix, Span
from kdlint.report import rdjson

__all__ = ["workdir"]

VALIDATOR = jsonschema.Draft4Validator(json.loads((FIXTURES / "schemas" / "DiagnosticResult.json").read_text()),
                                       format_checker=jsonschema.FormatChecker())
SOURCE = {"name": "kdlint", "url": "https://github.com/kdlint/kdlint"}


def report(out: str) -> dict:
    parsed = json.loads(out)
    VALIDATOR.validate(parsed)
    return parsed


def position(line: int, column: int) -> dict:
    return {"line": line, "column": column}


def span(line: int, column: int, end_line: int, end_column: int) -> dict:
    return {"start": position(line, column), "end": position(end_line, end_column)}


KD108 = {"message": "code label `Pytorch` is spelled `PyTorch`",
         "location": {"path": "list.md", "range": span(3, 54, 3, 61)}, "severity": "WARNING",
         "code": {"value": "KD108"}, "suggestions": [{"range": span(3, 54, 3, 61), "text": "PyTorch"}]}
KD102 = {"message": "venue missing after the title (expected `Title, Venue Year`)",
         "location": {"path": "list.md", "range": span(7, 3, 7, 62)}, "severity": "ERROR", "code": {"value": "KD102"}}
KD103 = {"message": "year missing after the title", "location": {"path": "list.md", "range": span(7, 3, 7, 62)},
         "severity": "ERROR", "code": {"value": "KD103"}}


def test_the_schema_rejects_a_severity_reviewdog_does_not_know() -> None:
    assert not VALIDATOR.is_valid({"diagnostics": [{"message": "m", "severity": "warn"}]})


def test_rdjson_exactly_with_the_safe_fixes_as_suggestions(workdir: Path, capsys) -> None:
    code, out = check(capsys, "--output-format", "rdjson", "list.md", "clean.md")
    assert code == 1
    assert report(out) == {"source": SOURCE, "severity": "ERROR", "diagnostics": [KD108, KD102, KD103]}


def test_unsafe_fixes_are_suggested_with_unsafe_fixes(workdir: Path, capsys) -> None:
    _code, out = check(capsys, "--output-format", "rdjson", "--unsafe-fixes", "list.md")
    suggested = {**KD103, "suggestions": [{"range": span(7, 60, 7, 60), "text": ", arXiv 2022"}]}
    assert report(out)["diagnostics"] == [KD108, KD102, suggested]


def test_a_path_with_spaces_hash_and_percent_is_written_as_it_is(workdir: Path, capsys) -> None:
    (workdir / "sub dir").mkdir()
    (workdir / "sub dir" / "a #1%.md").write_text(LIST, encoding="utf-8")
    _code, out = check(capsys, "--output-format", "rdjson", "./sub dir/../sub dir/a #1%.md")
    assert [d["location"]["path"] for d in report(out)["diagnostics"]] == ["sub dir/a #1%.md"] * 3


def test_columns_count_utf8_bytes_as_reviewdog_says() -> None:
    # reviewdog's Position: in 'a𐐀b' the column of b is 6, since 𐐀 takes 4 bytes in UTF-8.
    line = "é a𐐀b"
    b = line.index("b") + 1
    fix = Fix(applicability=Applicability.SAFE, message="Write B", edits=[Edit.replace(Span(1, b, 1, b + 1), "B")])
    out = rdjson.render([result(line + "\n", finding(Span(1, b, 1, b + 1), fix=fix), path="u.md")], root=Path.cwd())
    (diagnostic,) = report(out)["diagnostics"]
    assert diagnostic["location"]["range"] == span(1, 9, 1, 10)  # é 2 bytes, space, a, 𐐀 4 bytes: b is byte 9
    assert diagnostic["suggestions"] == [{"range": span(1, 9, 1, 10), "text": "B"}]


def test_a_fix_of_several_edits_is_one_suggestion_from_its_first_edit_to_its_last() -> None:
    text = "one two three\nfour five\n"
    fix = Fix(applicability=Applicability.SAFE, message="m",
              edits=[Edit.replace(Span(2, 1, 2, 5), "FOUR"), Edit.insert(1, 5, "2 "), Edit.replace(Span(1, 9, 1, 14), "")])
    out = rdjson.render([result(text, finding(Span(1, 1, 2, 10), fix=fix))], root=Path.cwd())
    (diagnostic,) = report(out)["diagnostics"]
    assert diagnostic["suggestions"] == [{"range": span(1, 5, 2, 5), "text": "2 two \nFOUR"}]


@pytest.mark.parametrize(("line", "column", "expected"), [(1, 1, 1), (1, 3, 4), (1, 4, 5), (1, 6, 7), (2, 1, 1)])
def test_byte_column_past_the_end_of_a_line_counts_on(line: int, column: int, expected: int) -> None:
    # 'aé' is 3 bytes: column 3 (its end) is byte 4, and each column past it one byte more.
    assert rdjson.byte_column(result("aé\n").source, line, column) == expected
