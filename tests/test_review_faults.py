"""The review bot under GitHub's limits and faults (a fake GitHub): body sizes, rate limits, 404s, timeouts."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from fake_github import FakeGitHub, Fault, serve

from kdlint.review import api
from kdlint.review import post as posting
from kdlint.review.api import PostError
from kdlint.review.markdown import MAX_BODY
from kdlint.review.payload import ReviewFinding, ReviewPayload
from kdlint.review.post import post

HEAD = "a" * 40
PATCH = "@@ -10,3 +10,4 @@\n context\n+added one\n context\n context"


def finding(line: int, in_diff: bool = False, message: str = "entry out of order", code: str = "KD301") -> ReviewFinding:
    return ReviewFinding(path="README.md", start_line=line, end_line=line, code=code, name="forged <b>name</b>",
                         message=message, severity="warning", fingerprint=f"{line:032x}", in_diff=in_diff,
                         suggestion=None)


def payload(*findings: ReviewFinding) -> ReviewPayload:
    return ReviewPayload(head_sha=HEAD, findings=list(findings))


@pytest.fixture
def github() -> Iterator[FakeGitHub]:
    fake = FakeGitHub(patches={"README.md": PATCH})
    server, _ = serve(fake)
    yield fake
    server.shutdown()


def run(fake: FakeGitHub, data: ReviewPayload) -> tuple[posting.Outcome, list[float]]:
    slept: list[float] = []
    outcome = post(data, "octo/list", 7, "t", fake.url, sleep=slept.append, echo=lambda line: None)
    return outcome, slept


def _bodies(fake: FakeGitHub) -> list[str]:
    return [r.body["body"] for r in fake.requests if r.method == "POST" and r.path.endswith("/reviews")]


def test_a_review_body_stays_under_githubs_limit(github: FakeGitHub) -> None:
    long = "entry out of order: " + "x" * 1900
    outcome, _ = run(github, payload(*(finding(100 + i, message=long) for i in range(400))))
    (body,) = _bodies(github)
    assert len(body) < MAX_BODY
    shown = body.count("\n- `README.md:")
    assert 0 < shown < 400
    assert f"- ... and {400 - shown} more (the job summary lists every finding)" in body
    assert outcome.messages == ["posted a review: 0 inline comments, 400 in the body"]


def test_names_come_from_the_registry_not_the_payload(github: FakeGitHub) -> None:
    run(github, payload(finding(30)))
    (body,) = _bodies(github)
    assert "**KD301** (unsorted): entry out of order" in body and "forged" not in body


def test_a_comment_already_deleted_is_deleted(github: FakeGitHub) -> None:
    github.comments = [{"id": 5, "body": "old <!-- kdlint:fp=" + "9" * 32 + " -->", "path": "README.md", "line": 11}]
    github.faults = [Fault("DELETE", "/pulls/comments/5", 404, message="Not Found")]
    outcome, _ = run(github, payload(finding(11, in_diff=True, code="KD108")))
    assert outcome.messages == ["posted a review: 1 inline comments, 0 in the body"]


def test_a_primary_rate_limit_waits_for_the_reset(github: FakeGitHub) -> None:
    reset = str(int(time.time()) + 42)
    github.faults = [Fault("GET", "/pulls/7/comments", 403, {"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": reset},
                           "API rate limit exceeded")]
    outcome, slept = run(github, payload(finding(30)))
    assert len(slept) == 1 and 38 <= slept[0] <= 43
    assert outcome.messages == ["posted a review: 0 inline comments, 1 in the body"]


def test_a_secondary_rate_limit_waits_for_retry_after_on_a_post(github: FakeGitHub) -> None:
    github.faults = [Fault("POST", "/pulls/7/reviews", 403, {"Retry-After": "7"},
                           "You have exceeded a secondary rate limit")]
    outcome, slept = run(github, payload(finding(30)))
    assert slept == [7.0] and len(github.reviews) == 1
    assert outcome.messages == ["posted a review: 0 inline comments, 1 in the body"]


def test_a_rate_limit_that_does_not_lift_ends_the_run_in_one_line(github: FakeGitHub) -> None:
    github.faults = [Fault("POST", "/pulls/7/reviews", 403, {"Retry-After": "3600"},
                           "You have exceeded a secondary rate limit")]
    with pytest.raises(PostError) as raised:
        run(github, payload(finding(30)))
    assert str(raised.value) == ("GitHub's rate limit did not lift within 300 s (403: You have exceeded a secondary "
                                 "rate limit); no review was posted")
    assert github.reviews == []


def test_a_timeout_is_tried_again(github: FakeGitHub, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(api, "TIMEOUT", 1)  # PyGithub takes whole seconds
    github.faults = [Fault("GET", "/pulls/7/reviews", 0, delay=2.5)]  # answered too late, once
    outcome, slept = run(github, payload(finding(30)))
    assert slept == [1.0] and len(github.reviews) == 1
    assert outcome.messages == ["posted a review: 0 inline comments, 1 in the body"]


def test_a_forbidden_write_without_a_rate_limit_falls_back(github: FakeGitHub) -> None:
    github.faults = [Fault("POST", "/pulls/7/reviews", 403, message="Resource not accessible by integration")]
    outcome, slept = run(github, payload(finding(30)))
    assert slept == [] and github.reviews == []
    assert outcome.messages == ["could not post a review: the token may not write reviews (403: Resource not "
                                "accessible by integration); wrote 1 annotation instead"]
