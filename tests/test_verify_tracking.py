"""`kdlint verify --track-issue`'s issue (lint/review/tracking.py), against a local fake of GitHub's API."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fake_github import FakeGitHub, serve

from kdlint.diagnostics import Diagnostic, Severity, Span
from kdlint.report import FileResult
from kdlint.review.api import PostError
from kdlint.review.tracking import MARKER, TITLE, body, track
from kdlint.source import SourceText

TOKEN = "ghs_SECRETSECRETSECRET0123"


@pytest.fixture
def github() -> Iterator[FakeGitHub]:
    fake = FakeGitHub(actions_token=True)
    server, _ = serve(fake)
    yield fake
    server.shutdown()


def finding(line: int, message: str, code: str = "KD603") -> Diagnostic:
    return Diagnostic(code=code, name="since-published", message=message, severity=Severity.WARNING,
                      span=Span(line, 5, line, 20))


def results(*found: Diagnostic) -> list[FileResult]:
    return [FileResult("README.md", SourceText.from_bytes(b"# x\n"), lambda: None, list(found))]  # type: ignore[arg-type]


def test_the_body_lists_each_finding_escaped() -> None:
    text = body(results(finding(3, "arxiv:2203.08679 was published: CVPR 2022 (DBLP conf/cvpr/Z22)"),
                        finding(9, "title differs: `<b>@everyone</b> [x](http://evil)` (renamed?)", "KD601")),
                "Verified 2 of 2 entries.")
    assert text is not None
    lines = text.splitlines()
    assert lines[0] == MARKER
    assert lines[3] == ("- `README.md:3` **KD603** arxiv:2203.08679 was published: CVPR 2022 \\(DBLP "
                        "conf/cvpr/Z22\\)")
    assert lines[4] == "- `README.md:9` **KD601** title differs: `<b>@everyone</b> [x](http://evil)` \\(renamed?\\)"
    assert "Verified 2 of 2 entries." in text


def test_a_title_outside_backticks_cannot_mention_or_link() -> None:
    text = body(results(finding(1, "odd ` tick @everyone <img src=x> www.evil.com")), "Verified 1 of 1 entry.")
    assert text is not None
    assert "@everyone" not in text and "<img" not in text and "www.evil" not in text
    assert "@\u200beveryone" in text and "&lt;img src=x&gt;" in text


def test_nothing_found_is_no_body() -> None:
    assert body(results(), "Verified 3 of 3 entries.") is None


def test_the_issue_is_opened_then_updated_then_left_then_closed(github: FakeGitHub) -> None:
    first = body(results(finding(3, "one")), "Verified 1 of 1 entry.")
    second = body(results(finding(3, "one"), finding(8, "two")), "Verified 2 of 2 entries.")
    assert str(track(github.full_name, first, TOKEN, github.url)) == "tracking issue #1: opened"
    assert github.issues[0]["title"] == TITLE and github.issues[0]["body"] == first
    assert str(track(github.full_name, second, TOKEN, github.url)) == "tracking issue #1: updated"
    assert github.issues[0]["body"] == second
    writes = len(github.writes())
    assert str(track(github.full_name, second, TOKEN, github.url)) == "tracking issue #1: unchanged"
    assert len(github.writes()) == writes  # the same body is not written again
    assert str(track(github.full_name, None, TOKEN, github.url)) == "tracking issue #1: closed"
    assert github.issues[0]["state"] == "closed" and github.issues[0]["state_reason"] == "completed"
    assert github.issues[0]["posted"] == ["`kdlint verify` finds nothing left to check: closing."]
    assert str(track(github.full_name, None, TOKEN, github.url)) == "tracking issue: unchanged"
    assert str(track(github.full_name, first, TOKEN, github.url)) == "tracking issue #2: opened"  # a new one


def test_an_incomplete_run_never_closes_the_issue(github: FakeGitHub) -> None:
    track(github.full_name, body(results(finding(3, "one")), "x"), TOKEN, github.url)
    assert str(track(github.full_name, None, TOKEN, github.url, complete=False)) == "tracking issue #1: unchanged"
    assert github.issues[0]["state"] == "open"


def test_other_issues_and_pull_requests_are_left_alone(github: FakeGitHub) -> None:
    github.issues += [{"number": 1, "title": TITLE, "body": "a user's issue of the same title", "state": "open",
                       "posted": []},
                      {"number": 2, "title": "PR", "body": MARKER, "state": "open", "posted": [],
                       "pull_request": {"url": "x"}}]
    github.per_page = 1  # found across pages
    github.issues.append({"number": 3, "title": "renamed by a maintainer", "body": MARKER + "\nold", "state": "open",
                          "posted": []})
    assert str(track(github.full_name, body(results(finding(3, "one")), "x"), TOKEN, github.url)) == \
        "tracking issue #3: updated"
    assert [i["body"] for i in github.issues[:2]] == ["a user's issue of the same title", MARKER]


def test_errors_are_one_line_and_never_show_the_token(github: FakeGitHub) -> None:
    github.forbid_writes = True
    with pytest.raises(PostError) as caught:
        track(github.full_name, body(results(finding(3, "one")), "x"), TOKEN, github.url)
    assert "403" in str(caught.value) and TOKEN not in str(caught.value) and "\n" not in str(caught.value)
    with pytest.raises(PostError, match="no token"):
        track(github.full_name, None, None, github.url)
