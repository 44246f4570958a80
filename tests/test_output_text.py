"""The text formats (`text`, `concise`, `full`, `grouped`), exactly as printed, and control characters escaped."""

from __future__ import annotations

from pathlib import Path

import click
import pytest
from report_cases import LINE_3, LINE_7, check, finding, result, workdir

from kdlint.diagnostics import Applicability, Edit, Fix, Span
from kdlint.report import full, github, text
from kdlint.report.escape import escape
from kdlint.report.formats import FORMATS

__all__ = ["workdir"]

SUMMARY = ["Found 3 findings.", "[*] 1 fixable with `kdlint fix`.", "(1 more fixable with `kdlint fix --unsafe-fixes`.)"]


def test_text(workdir: Path, capsys) -> None:
    code, out = check(capsys, "list.md")
    assert code == 1
    assert out.splitlines() == [
        "list.md:3:54: KD108 [*] code label `Pytorch` is spelled `PyTorch`",
        "list.md:7:3: KD102 venue missing after the title (expected `Title, Venue Year`)",
        "list.md:7:3: KD103 year missing after the title",
        *SUMMARY,
    ]


def test_concise_is_one_line_per_finding_and_nothing_else(workdir: Path, capsys) -> None:
    code, out = check(capsys, "--output-format", "concise", "--show-fixes", "list.md", "clean.md")
    assert code == 1
    assert out == ("list.md:3:54: KD108 [*] code label `Pytorch` is spelled `PyTorch`\n"
                   "list.md:7:3: KD102 venue missing after the title (expected `Title, Venue Year`)\n"
                   "list.md:7:3: KD103 year missing after the title\n")
    code, out = check(capsys, "--output-format", "concise", "--unsafe-fixes", "list.md")
    assert out.splitlines()[2] == "list.md:7:3: KD103 [*] year missing after the title"


def test_grouped(workdir: Path, capsys) -> None:
    code, out = check(capsys, "--output-format", "grouped", "clean.md", "list.md")
    assert code == 1
    assert out.splitlines() == [
        "list.md:",
        "  3:54 KD108 [*] code label `Pytorch` is spelled `PyTorch`",
        "  7:3  KD102 venue missing after the title (expected `Title, Venue Year`)",
        "  7:3  KD103 year missing after the title",
        "",
        *SUMMARY,
    ]


def test_grouped_aligns_lines_right_and_columns_left_per_file() -> None:
    results = [result("x\n" * 12, finding(Span(9, 5, 9, 6)), finding(Span(12, 10, 12, 11), "other"), path="a.md"),
               result("y\n", finding(Span(1, 1, 1, 2)), path="b.md")]
    assert list(text.grouped_lines(results, show_fixes=True, quiet=True)) == [
        "a.md:\n", "   9:5  KD101 a message\n", "  12:10 KD101 other\n", "\n", "b.md:\n", "  1:1 KD101 a message\n", "\n"]


def test_full(workdir: Path, capsys) -> None:
    code, out = check(capsys, "--output-format", "full", "list.md")
    assert code == 1
    assert out.splitlines() == [
        "list.md:3:54: KD108 [*] code label `Pytorch` is spelled `PyTorch`",
        "  |",
        f"3 | {LINE_3}",
        "  |" + " " * 54 + "^^^^^^^ KD108",
        "  |",
        "  = safe fix: Write `PyTorch`",
        "  |",
        f"3 - {LINE_3}",
        f"3 + {LINE_3.replace('Pytorch', 'PyTorch')}",
        "  |",
        "",
        "list.md:7:3: KD102 venue missing after the title (expected `Title, Venue Year`)",
        "  |",
        f"7 | {LINE_7}",
        "  |   " + "^" * 59 + " KD102",
        "  |",
        "",
        "list.md:7:3: KD103 year missing after the title",
        "  |",
        f"7 | {LINE_7}",
        "  |   " + "^" * 59 + " KD103",
        "  |",
        "  = unsafe fix: Add `, arXiv 2022` (the year of arXiv:2211.13449)",
        "  |",
        f"7 - {LINE_7}",
        "7 + - **Fast Sampling of Diffusion Models via Operator Learning, arXiv 2022**",
        "  |",
        "",
        *SUMMARY,
    ]


def test_full_places_carets_by_display_width() -> None:
    line = "\t表 x\u0301 \x1b[1m target"  # a tab, a wide character, a combining accent, an escape sequence
    start = line.index("target")
    out = "".join(full.finding_lines("a.md", result(line + "\n").source, finding(Span(1, start + 1, 1, start + 7))))
    pad = " " * (2 + 1 + 1 + 0 + 1 + len("\\x1b[1m") + 1)  # 表 is 2 columns wide, the accent on x 0
    assert out.splitlines()[2:4] == ["1 | \t表 x\u0301 \\x1b[1m target", "  | \t" + pad + "^^^^^^ KD101"]


def test_full_shows_a_long_span_by_its_first_and_last_lines_and_a_fix_over_lines() -> None:
    text_ = "".join(f"line {n}\n" for n in range(1, 12))
    fix = Fix(applicability=Applicability.UNSAFE, message="Drop lines 9 and 10",
              edits=[Edit.replace(Span(9, 1, 11, 1), ""), Edit.insert(2, 5, "!")])
    out = "".join(full.finding_lines("a.md", result(text_).source, finding(Span(2, 3, 10, 4), fix=fix)))
    assert out.splitlines() == [
        "a.md:2:3: KD101 a message",
        "   |",
        " 2 | line 2",
        "   |   ^^^^",
        " 3 | line 3",
        "   | ^^^^^^",
        " 4 | line 4",
        "   | ^^^^^^",
        "   ...",
        " 9 | line 9",
        "   | ^^^^^^",
        "10 | line 10",
        "   | ^^^ KD101",
        "   |",
        "   = unsafe fix: Drop lines 9 and 10",
        "   |",
        " 2 - line 2",
        " 2 + line! 2",
        " 9 - line 9",
        "10 - line 10",
        "   |",
        "",
    ]


def test_full_of_a_finding_past_the_last_line_has_no_source() -> None:
    out = "".join(full.finding_lines("a.md", result("x").source, finding(Span(3, 1, 3, 1))))
    assert out == "a.md:3:1: KD101 a message\n\n"


NASTY = "x\x1bc\x9b31m\x7f\u202ey\u2066"  # ESC c (reset the terminal), C1 CSI, DEL, RLO, LRI
SHOWN = "x\\x1bc\\x9b31m\\x7f\\u202ey\\u2066"


def test_escape_writes_controls_as_python_does_and_keeps_tabs() -> None:
    assert escape("a\x00\x08\t\n\r\x0b\x1f\x7f\x80\x9f\xa0\u202a\u202e\u2066\u2069\u200d") == (
        "a\\x00\\x08\t\\n\\r\\x0b\\x1f\\x7f\\x80\\x9f\xa0\\u202a\\u202e\\u2066\\u2069\u200d")


@pytest.mark.parametrize("name", ["text", "concise", "full", "grouped", "github"])
def test_control_characters_from_the_list_are_escaped(tmp_path: Path, capsys, monkeypatch, name: str) -> None:
    monkeypatch.chdir(tmp_path)
    path = "e\x1b]0;x\x07.md"  # a file name that would set the terminal's title
    Path(path).write_text(f"## A\n\n- **T, CVPR 2019** [[{NASTY}]]\n  - https://arxiv.org/abs/1904.05068\n"
                          "  - *A B, C D.*\n", encoding="utf-8")
    code, out = check(capsys, "--select", "KD106", "--output-format", name, path)
    assert code == 1
    message = f"KD106 link text `[[{SHOWN}]]` has no URL"
    where = "e\\x1b]0;x\\x07.md"
    expected = {
        "text": [f"{where}:3:20: {message}", "Found 1 finding."],
        "concise": [f"{where}:3:20: {message}"],
        "full": [f"{where}:3:20: {message}", "  |", f"3 | - **T, CVPR 2019** [[{SHOWN}]]",
                 "  |" + " " * 20 + "^" * len(f"[[{SHOWN}]]") + " KD106", "  |", "", "Found 1 finding."],
        "grouped": [f"{where}:", f"  3:20 {message}", "", "Found 1 finding."],
        "github": [f"::error file={where},line=3,col=20,endLine=3,endColumn=35,"
                   f"title=KD106 broken-markdown::{message}"],
    }
    assert out.splitlines() == expected[name]


def test_the_github_annotation_of_the_review_bot_is_escaped_too() -> None:
    line = github.annotation(github.Severity.ERROR, f"KD101 {NASTY}", file="a.md", line=1)
    assert line == f"::error file=a.md,line=1::KD101 {SHOWN}"


CLEAN_OUTPUT = {
    "text": "All checks passed!\n",
    "concise": "",
    "full": "All checks passed!\n",
    "grouped": "All checks passed!\n",
    "json": "[]\n",
    "json-lines": "",
    "github": "",
    "rdjson": '{\n  "source": {\n    "name": "kdlint",\n    "url": "https://github.com/kdlint/kdlint"\n  },\n'
              '  "diagnostics": []\n}\n',
    "gitlab": "[]\n",
    "junit": '<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="kdlint" tests="1" failures="0" errors="0">\n'
             '  <testsuite name="clean.md" tests="1" failures="0" errors="0">\n'
             '    <testcase name="kdlint" classname="clean.md" />\n  </testsuite>\n</testsuites>\n',
}


@pytest.mark.parametrize("name", [f.name for f in FORMATS])
def test_every_format_exits_1_on_findings_and_0_on_a_clean_file(workdir: Path, capsys, name: str) -> None:
    code, out = check(capsys, "--output-format", name, "list.md")
    assert code == 1 and out.count("KD108") >= 1
    code, out = check(capsys, "--output-format", name, "clean.md")
    assert code == 0
    if name == "sarif":
        assert '"results": []' in out
    else:
        assert out == CLEAN_OUTPUT[name]


def test_check_help_lists_every_format_with_its_summary(capsys) -> None:
    from kdlint.cli import main

    assert main(["check", "--help"]) == 0
    shown = " ".join(capsys.readouterr().out.split())
    for f in FORMATS:
        assert f"{f.name}: {f.summary}" in shown
    assert "[text|concise|full|grouped|json|json-lines|github|sarif|junit|rdjson|gitlab]" in shown


@pytest.mark.parametrize("name", ["text", "concise", "full", "grouped"])
def test_colour_only_styles_what_the_plain_format_prints(workdir: Path, capsys, monkeypatch, name: str) -> None:
    _code, plain = check(capsys, "--output-format", name, "list.md")
    monkeypatch.setattr("sys.stdout.isatty", lambda: True)
    _code, coloured = check(capsys, "--output-format", name, "list.md")
    assert coloured != plain and "\x1b[" in coloured
    assert click.unstyle(coloured) == plain
