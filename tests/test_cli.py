"""The command line: output, exit codes, one-line errors, writing files."""

from __future__ import annotations

import fnmatch
import json
import os
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from kdlint.cli import main
from kdlint.report.json_report import json_schema
from kdlint.schemas import schema_text

REPO = Path(__file__).resolve().parent.parent

BAD = """\
## Papers

- **Deep Mutual Learning, CVPR 2018** [[Pytorch]](https://github.com/YingZhangDUT/Deep-Mutual-Learning)
  - https://arxiv.org/abs/1706.00384v2
  - *Ying Zhang, Tao Xiang, Timothy M. Hospedales, Huchuan Lu.*

- **Fast Sampling of Diffusion Models via Operator Learning**
  - https://arxiv.org/abs/2211.13449
  - *Hongkai Zheng, Weili Nie, Arash Vahdat.*
"""

FIXED_SAFE = BAD.replace("[[Pytorch]]", "[[PyTorch]]").replace("1706.00384v2", "1706.00384")


@pytest.fixture
def bad(tmp_path: Path) -> Path:
    path = tmp_path / "README.md"
    path.write_text(BAD)
    return path


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_check_reports_findings_and_exits_1(bad: Path, capsys) -> None:
    code, out, err = run(capsys, "check", str(bad))
    assert code == 1
    assert out.splitlines() == [
        f"{bad}:3:41: KD108 [*] code label `Pytorch` is spelled `PyTorch`",
        f"{bad}:4:5: KD502 [*] non-canonical arXiv link (version v2); use https://arxiv.org/abs/1706.00384",
        f"{bad}:7:3: KD102 venue missing after the title (expected `Title, Venue Year`)",
        f"{bad}:7:3: KD103 year missing after the title",
        "Found 4 findings.",
        "[*] 2 fixable with `kdlint fix`.",
        "(1 more fixable with `kdlint fix --unsafe-fixes`.)",
    ]
    assert err == ""


def test_clean_file_exits_0(capsys) -> None:
    code, out, _ = run(capsys, "check", str(REPO / "README.source.md"))
    assert (code, out) == (0, "All checks passed!\n")


def test_json_output_matches_the_checked_in_schema(bad: Path, capsys) -> None:
    code, out, _ = run(capsys, "check", "--output-format", "json", str(bad))
    assert code == 1
    report = json.loads(out)
    schema = json.loads((REPO / "schema" / "report.schema.json").read_text())
    jsonschema.validate(report, schema)
    first = report[0]
    assert first == {
        "path": str(bad), "code": "KD108", "name": "code-label",
        "message": "code label `Pytorch` is spelled `PyTorch`", "severity": "warning",
        "line": 3, "column": 41, "end_line": 3, "end_column": 48,
        "fix": {"applicability": "safe", "message": "Write `PyTorch`",
                "edits": [{"line": 3, "column": 41, "end_line": 3, "end_column": 48, "content": "PyTorch"}]},
    }
    assert [item["fix"] for item in report if item["code"] == "KD102"] == [None]


def test_report_schema_file_is_current() -> None:
    assert (REPO / "schema" / "report.schema.json").read_text() == schema_text(json_schema()), (
        "regenerate: python -m kdlint.report.json_report > schema/report.schema.json")


def test_fix_writes_safe_fixes_and_reports_what_is_left(bad: Path, capsys) -> None:
    code, out, err = run(capsys, "fix", str(bad))
    assert bad.read_text() == FIXED_SAFE
    assert code == 1
    assert f"{bad}:7:3: KD103 year missing after the title" in out
    assert err == "Fixed 2 findings in 1 file; 2 remaining.\n"


def test_fix_unsafe(bad: Path, capsys) -> None:
    code, _, _ = run(capsys, "fix", "--unsafe-fixes", str(bad))
    assert "- **Fast Sampling of Diffusion Models via Operator Learning, arXiv 2022**" in bad.read_text()
    assert code == 0


def test_fix_diff_writes_nothing(bad: Path, capsys, monkeypatch) -> None:
    monkeypatch.chdir(bad.parent)
    code, out, err = run(capsys, "fix", "--diff", str(bad))
    assert bad.read_text() == BAD
    assert code == 1
    assert out.splitlines()[:2] == ["--- README.md", "+++ README.md"]  # relative to the current directory
    assert "-- **Deep Mutual Learning, CVPR 2018** [[Pytorch]]" in out
    assert "+- **Deep Mutual Learning, CVPR 2018** [[PyTorch]]" in out
    assert err == "Would fix 2 findings in 1 file; 2 remaining.\n"


def test_fix_on_a_clean_file_exits_0_and_does_not_touch_it(tmp_path: Path, capsys) -> None:
    path = tmp_path / "list.md"
    path.write_bytes((REPO / "README.source.md").read_bytes())
    before = path.stat().st_mtime_ns
    code, _, _ = run(capsys, "fix", str(path))
    assert code == 0 and path.stat().st_mtime_ns == before


def test_fix_keeps_crlf_bom_and_permissions(tmp_path: Path, capsys) -> None:
    path = tmp_path / "list.md"
    path.write_bytes(b"\xef\xbb\xbf" + BAD.replace("\n", "\r\n").encode())
    path.chmod(0o640)
    run(capsys, "fix", str(path))
    assert path.read_bytes() == b"\xef\xbb\xbf" + FIXED_SAFE.replace("\n", "\r\n").encode()
    assert path.stat().st_mode & 0o777 == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["list.md"]


def test_directories_give_their_markdown_files(tmp_path: Path, capsys) -> None:
    (tmp_path / "a.md").write_text(BAD)
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.markdown").write_text(BAD)
    (tmp_path / "notes.txt").write_text(BAD)
    (tmp_path / "node_modules").mkdir()
    (tmp_path / "node_modules" / "c.md").write_text(BAD)
    code, out, _ = run(capsys, "check", str(tmp_path))
    paths = {line.split(":")[0] for line in out.splitlines() if ": KD" in line}
    assert code == 1 and paths == {str(tmp_path / "a.md"), str(tmp_path / "sub" / "b.markdown")}


@pytest.mark.parametrize(
    ("setup", "args", "message"),
    [
        (None, ["check", "{tmp}/missing.md"], "kdlint: error: {tmp}/missing.md: no such file or directory\n"),
        ("empty-dir", ["check", "{tmp}/empty"], "kdlint: error: {tmp}/empty: no Markdown files in this directory\n"),
        ("binary", ["check", "{tmp}/bin.md"], "kdlint: error: {tmp}/bin.md: binary file (contains NUL bytes), not a Markdown list\n"),
        ("latin1", ["check", "{tmp}/latin.md"], "kdlint: error: {tmp}/latin.md: not UTF-8 (byte 0xe9 at offset 3)\n"),
        ("latin1", ["fix", "{tmp}/latin.md"], "kdlint: error: {tmp}/latin.md: not UTF-8 (byte 0xe9 at offset 3)\n"),
        ("binary", ["fix", "--diff", "{tmp}/bin.md"], "kdlint: error: {tmp}/bin.md: binary file (contains NUL bytes), "
                                                      "not a Markdown list\n"),
        (None, ["check", "--output-format", "xml", "x.md"],
         "kdlint: error: Invalid value for '--output-format': 'xml' is not one of 'text', 'concise', 'full', 'grouped', "
         "'json', 'json-lines', 'github', 'sarif', 'junit', 'rdjson', 'gitlab'.\n"),
        (None, ["rule", "KD777"], "kdlint: error: Invalid value for CODE: unknown rule 'KD777'; `kdlint rules` lists them\n"),
        (None, ["lint"], "kdlint: error: No such command 'lint'.*\n"),
        (None, ["check", "--bogus"], "kdlint: error: No such option*--bogus*\n"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(tmp_path: Path, capsys, setup, args, message) -> None:
    if setup == "empty-dir":
        (tmp_path / "empty").mkdir()
    elif setup == "binary":
        (tmp_path / "bin.md").write_bytes(b"\x89PNG\x00\x00")
    elif setup == "latin1":
        (tmp_path / "latin.md").write_bytes(b"caf\xe9\n")
    code, out, err = run(capsys, *[a.format(tmp=tmp_path) for a in args])
    assert code == 2 and out == ""
    assert fnmatch.fnmatchcase(err, message.format(tmp=tmp_path))  # click words some messages differently by version


def test_one_bad_file_does_not_hide_the_others(tmp_path: Path, bad: Path, capsys) -> None:
    code, out, err = run(capsys, "check", str(bad), str(tmp_path / "missing.md"))
    assert code == 2 and err == f"kdlint: error: {tmp_path / 'missing.md'}: no such file or directory\n"
    assert "KD108" in out
    latin = tmp_path / "latin.md"
    latin.write_bytes(b"\xff")
    code, out, err = run(capsys, "check", str(latin), str(bad))
    assert code == 2 and "KD108" in out and err.startswith(f"kdlint: error: {latin}: not UTF-8")


def test_rules_catalogue(capsys) -> None:
    code, out, _ = run(capsys, "rules")
    lines = out.splitlines()
    assert code == 0
    assert lines[0].split() == ["code", "name", "fix", "summary"]
    assert lines[1].split()[:3] == ["KD101", "title", "sometimes"]
    assert any(line.split()[:3] == ["KD104", "paper-link", "never"] for line in lines)
    code, out, _ = run(capsys, "rules", "--output-format", "json")
    assert {"code": "KD108", "name": "code-label", "fix": "always",
            "summary": "Code-link label not in its canonical spelling", "severity": "warning"} in json.loads(out)


def test_rule_documentation_by_code_or_name(capsys) -> None:
    code, out, _ = run(capsys, "rule", "KD102")
    assert code == 0 and out.startswith("KD102 venue: an entry names no venue.\n")
    assert "## Fix safety" in out
    assert run(capsys, "rule", "kd102")[1] == out
    assert run(capsys, "rule", "venue")[1] == out


def test_verbose_says_which_sections_are_skipped(tmp_path: Path, capsys) -> None:
    path = tmp_path / "list.md"
    path.write_text(BAD + "\n## Useful Resources\n\n- **AI conference deadlines** [[Link]](https://aideadlin.es/)\n")
    _, _, err = run(capsys, "check", "--verbose", str(path))
    assert f"{path}:11: skipping section 'Useful Resources': no venue, year, authors or paper identifier in any of its items" in err


def _cli(*args: str, stdin: bytes = b"", cwd: Path | None = None) -> subprocess.CompletedProcess[bytes]:
    env = {k: v for k, v in os.environ.items() if k != "KDLINT_DEBUG"}
    return subprocess.run([sys.executable, "-m", "kdlint", *args], input=stdin, capture_output=True, cwd=cwd, env=env)


def test_python_dash_m_and_stdin() -> None:
    done = _cli("check", "-", stdin=BAD.encode())
    assert done.returncode == 1
    assert done.stdout.decode().splitlines()[0] == "-:3:41: KD108 [*] code label `Pytorch` is spelled `PyTorch`"
    done = _cli("fix", "-", stdin=BAD.encode())
    assert done.stdout.decode() == FIXED_SAFE and done.returncode == 1


def test_version_and_help() -> None:
    done = _cli("--version")
    assert done.returncode == 0 and done.stdout.decode().startswith("kdlint, version ")
    done = _cli("--help")
    assert done.returncode == 0 and "check" in done.stdout.decode() and "fix" in done.stdout.decode()


def test_no_traceback_for_a_directory_given_as_stdin_mix(tmp_path: Path) -> None:
    done = _cli("check", "-", str(tmp_path))
    assert done.returncode == 2
    assert done.stderr.decode() == "kdlint: error: '-' (standard input) cannot be combined with other paths\n"


def test_readme_example_is_real_output(capsys, monkeypatch: pytest.MonkeyPatch) -> None:
    readme = (REPO / "README.md").read_text()
    block = readme.split("```console\n", 1)[1].split("```\n", 1)[0]
    command, *shown = block.splitlines()
    assert command == "$ kdlint check tests/fixtures/example.md"
    monkeypatch.chdir(REPO)
    code, out, _ = run(capsys, "check", "tests/fixtures/example.md")
    assert code == 1 and out.splitlines() == shown


def test_fix_refuses_to_write_what_would_lose_content(bad: Path, capsys, monkeypatch: pytest.MonkeyPatch) -> None:
    from kdlint import project
    from kdlint.fixer import ContentLossError

    def losing(*args, **kwargs):
        raise ContentLossError("title lost: 'Deep Mutual Learning'")

    monkeypatch.setattr(project, "fix_source", losing)
    code, _out, err = run(capsys, "fix", str(bad))
    assert code == 2 and bad.read_text() == BAD
    assert err.splitlines()[0] == (f"kdlint: error: {bad}: not fixed, the result would lose content "
                                   "(title lost: 'Deep Mutual Learning')")


def test_fix_refuses_one_losing_fix_applies_the_others_and_counts_what_is_left(
        bad: Path, capsys, monkeypatch: pytest.MonkeyPatch) -> None:
    from dataclasses import replace as replaced

    from kdlint import project
    from kdlint.diagnostics import Applicability, Edit, Fix, Severity, Span
    from kdlint.rules import Fixable, Rule

    def check(ctx):
        span = Span(5, 1, 5, len(ctx.source.line(5)) + 1)
        if "Ying Zhang" in ctx.source.line(5):
            yield rule.diagnostic("authors to lose", span, Fix(applicability=Applicability.SAFE, message="lose them",
                                                                 edits=(Edit.replace(span, "  - *Somebody.*"),)))

    rule = Rule(code="KD999", name="loser", summary="", severity=Severity.ERROR, fixable=Fixable.ALWAYS,
                check=check, doc="")
    real = project.fix_source
    monkeypatch.setattr(project, "fix_source",
                        lambda source, linter, unsafe: real(source, replaced(linter, rules=(*linter.rules, rule)), unsafe))
    code, out, err = run(capsys, "fix", str(bad))
    assert code == 1
    fixed = bad.read_text()
    assert "[[PyTorch]]" in fixed and "https://arxiv.org/abs/1706.00384\n" in fixed and "Ying Zhang" in fixed
    assert f"{bad}:5:1: KD999 fix not applied: it would lose `Ying`, `Zhang`, `Tao` and add `Somebody`" in err
    assert f"{bad}:5:1: KD999 authors to lose" in out
    assert "KD999 [*]" not in out  # no longer offered as a fix
    assert err.splitlines()[-1] == "Fixed 2 findings in 1 file; 3 remaining."


def test_internal_errors_are_one_line_without_traceback(bad: Path, capsys, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    from kdlint.engine import Linter

    monkeypatch.setattr(Linter, "check", broken)
    monkeypatch.delenv("KDLINT_DEBUG", raising=False)
    code, _out, err = run(capsys, "check", str(bad))
    assert code == 2
    assert err == "kdlint: error: internal error: RuntimeError: boom (set KDLINT_DEBUG=1 for the traceback)\n"


@pytest.mark.parametrize("argv", [["--version"], ["--help"]])
def test_version_and_help_import_no_engine(argv: list[str]) -> None:
    code = ("import sys; from kdlint.cli import main\n"
            f"code = main({argv!r})\n"
            "print(code, sorted(m for m in sys.modules if m.startswith(('kdlint', 'mistletoe', 'pydantic'))))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    status, modules = done.stdout.splitlines()[-1].split(" ", 1)
    assert status == "0"
    assert eval(modules) == ["kdlint", "kdlint.cli", "kdlint.source"]
    listed = done.stdout.split("Commands:", 1)[1] if argv == ["--help"] else ""
    from kdlint.cli import COMMANDS

    assert all(f"  {name} " in listed for name in COMMANDS) or argv == ["--version"]


def test_verbose_lists_each_section_read_with_its_layout(tmp_path: Path, capsys) -> None:
    listing = tmp_path / "list.md"
    listing.write_text("## Papers\n\n| Title | Venue | Year |\n| --- | --- | --- |\n| Deep Mutual Learning | CVPR | 2018 |\n"
                       "\n## Resources\n\n- **A blog** [[Link]](https://example.org/blog)\n")
    assert main(["check", "-v", "--isolated", str(listing)]) == 0
    assert capsys.readouterr().err.splitlines() == [
        f"{listing}: settings from none (--isolated: the defaults)",
        f"{listing}:1: section 'Papers': 1 entry (table 1)",
        f"{listing}:7: skipping section 'Resources': no venue, year, authors or paper identifier in any of its items",
        f"{listing}: 1 entry in 1 section with papers",
    ]
