"""`--output-format gitlab`: a GitLab Code Quality report whose fingerprints survive unrelated edits.

GitLab publishes no JSON Schema of the report; its documentation ("Code
Quality report format") requires, for each issue, `description`,
`check_name`, `fingerprint`, `severity` (info, minor, major, critical or
blocker), `location.path` and `location.lines.begin` (or
`location.positions.begin.line`). The first test checks exactly those.
"""

from __future__ import annotations

import json
from pathlib import Path

from report_cases import LIST, check, finding, result, with_entry_above, workdir

from kdlint.diagnostics import Span
from kdlint.report import gitlab

__all__ = ["workdir"]

FINGERPRINTS = ["b33470249ebd943d2748d304d39bc3df", "9a0c26dacfdece91faafc0cf8ca7da7d",
                "d8c3e1aa77e66aa0693de2e66380fb2d"]


def issues(out: str) -> list[dict]:
    report = json.loads(out)
    assert isinstance(report, list)
    for issue in report:
        assert set(issue) == {"description", "check_name", "fingerprint", "severity", "location"}
        assert all(isinstance(issue[key], str) and issue[key] for key in ("description", "check_name", "fingerprint"))
        assert issue["severity"] in {"info", "minor", "major", "critical", "blocker"}
        assert set(issue["location"]) == {"path", "lines"} and isinstance(issue["location"]["path"], str)
        lines = issue["location"]["lines"]
        assert set(lines) == {"begin", "end"} and 1 <= lines["begin"] <= lines["end"]
    assert len({issue["fingerprint"] for issue in report}) == len(report)
    return report


def test_gitlab_exactly(workdir: Path, capsys) -> None:
    code, out = check(capsys, "--output-format", "gitlab", "list.md", "clean.md")
    assert code == 1
    assert issues(out) == [
        {"description": "KD108 code label `Pytorch` is spelled `PyTorch`", "check_name": "KD108",
         "fingerprint": FINGERPRINTS[0], "severity": "minor",
         "location": {"path": "list.md", "lines": {"begin": 3, "end": 3}}},
        {"description": "KD102 venue missing after the title (expected `Title, Venue Year`)", "check_name": "KD102",
         "fingerprint": FINGERPRINTS[1], "severity": "major",
         "location": {"path": "list.md", "lines": {"begin": 7, "end": 7}}},
        {"description": "KD103 year missing after the title", "check_name": "KD103",
         "fingerprint": FINGERPRINTS[2], "severity": "major",
         "location": {"path": "list.md", "lines": {"begin": 7, "end": 7}}},
    ]


def test_fingerprints_are_the_same_on_every_run_and_after_an_entry_is_added_above(workdir: Path, capsys) -> None:
    _code, first = check(capsys, "--output-format", "gitlab", "list.md")
    _code, again = check(capsys, "--output-format", "gitlab", "--no-cache", "list.md")
    assert first == again
    (workdir / "list.md").write_text(with_entry_above(LIST), encoding="utf-8")
    _code, out = check(capsys, "--output-format", "gitlab", "list.md")
    after = issues(out)
    assert [(i["check_name"], i["location"]["lines"]["begin"]) for i in after] == [
        ("KD108", 3), ("KD108", 7), ("KD102", 11), ("KD103", 11)]
    assert [i["fingerprint"] for i in after[1:]] == FINGERPRINTS
    assert after[0]["fingerprint"] not in FINGERPRINTS


def test_findings_alike_differ_by_file_and_by_their_order_in_a_file() -> None:
    twice = result("x\nx\n", finding(Span(1, 1, 1, 2)), finding(Span(2, 1, 2, 2)), path="a.md")
    elsewhere = result("x\nx\n", finding(Span(1, 1, 1, 2)), path="b.md")
    report = issues(gitlab.render([twice, elsewhere], root=Path.cwd()))
    assert [i["location"] for i in report] == [{"path": "a.md", "lines": {"begin": 1, "end": 1}},
                                               {"path": "a.md", "lines": {"begin": 2, "end": 2}},
                                               {"path": "b.md", "lines": {"begin": 1, "end": 1}}]
    assert len({i["fingerprint"] for i in report}) == 3


def test_a_path_with_spaces_hash_and_percent_is_relative_and_as_it_is(workdir: Path, capsys) -> None:
    (workdir / "sub dir").mkdir()
    (workdir / "sub dir" / "a #1%.md").write_text(LIST, encoding="utf-8")
    _code, out = check(capsys, "--output-format", "gitlab", str(workdir / "sub dir" / "a #1%.md"))
    assert [i["location"]["path"] for i in issues(out)] == ["sub dir/a #1%.md"] * 3
