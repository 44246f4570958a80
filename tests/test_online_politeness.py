"""Politeness and failure: spacing, Retry-After, throttling, outages, timeouts and garbage are "not verified"."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from online_fakes import FakeClock, FakeServices, make_lookup, serve

from kdlint import __version__
from kdlint.model import PaperId
from kdlint.online.lookup import Lookup
from kdlint.online.options import resolve
from kdlint.online.rate import Limiters, RateLimiter
from kdlint.online.record import NotVerified, Paper, Service
from kdlint.online.transport import retry_after_seconds, user_agent

RESNET = Paper(service=Service.ARXIV, source_key="arXiv:1512.03385", title="Deep Residual Learning for Image Recognition",
               authors=("Kaiming He", "Xiangyu Zhang", "Shaoqing Ren", "Jian Sun"), year=2015, arxiv_id="1512.03385")
KD_REVIEW = PaperId("arxiv", "2104.09044")


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeServices]:
    with serve(monkeypatch) as running:
        yield running


def test_the_rate_limiter_spaces_calls_by_its_interval() -> None:
    clock = FakeClock()
    limiter = RateLimiter(3.0, clock, clock.sleep)
    assert [limiter.wait(), limiter.wait(), limiter.wait()] == [0.0, 3.0, 3.0]
    clock.now += 10
    assert limiter.wait() == 0.0
    clock.now += 1
    assert limiter.wait() == 2.0
    assert clock.sleeps == [3.0, 3.0, 2.0]


def test_real_requests_are_spaced_three_seconds_for_arxiv_and_one_for_dblp(fake: FakeServices, tmp_path: Path) -> None:
    """The one test that waits for real (about five seconds): the spacing the fakes saw arrive."""
    lookup = Lookup(resolve(cache_dir=tmp_path), limiters=Limiters(), arxiv_batch=1)
    answers = lookup.fetch([KD_REVIEW, PaperId("arxiv", "1512.03385")])
    for paper in (answers[KD_REVIEW], RESNET, answers[PaperId("arxiv", "1512.03385")]):
        assert isinstance(paper, Paper) and isinstance(lookup.published(paper), Paper)
    arxiv_times = [request.time for request in fake.of("arxiv")]
    dblp_times = [request.time for request in fake.of("dblp")]
    assert len(arxiv_times) == 2 and len(dblp_times) == 2  # the third search is the second's, from the cache
    assert arxiv_times[1] - arxiv_times[0] >= 2.95
    assert dblp_times[1] - dblp_times[0] >= 0.95


def test_retry_after_is_honoured(fake: FakeServices, tmp_path: Path) -> None:
    clock = FakeClock()
    fake.fail("dblp", "429", times=2, retry_after="7")
    found = make_lookup(tmp_path, clock).published(RESNET)
    assert isinstance(found, Paper) and found.source_key == "conf/cvpr/HeZRS16"
    assert clock.sleeps == [7.0, 7.0]
    assert len(fake.of("dblp")) == 3


def test_busy_without_retry_after_backs_off_then_gives_up(fake: FakeServices, tmp_path: Path) -> None:
    clock = FakeClock()
    fake.fail("dblp", "429", times=0)
    lookup = make_lookup(tmp_path, clock)
    assert lookup.published(RESNET) == NotVerified(Service.DBLP, "throttled (HTTP 429, 3 attempts)")
    assert clock.sleeps == [1.0, 2.0]
    assert len(fake.of("dblp")) == 3
    assert [request.path for request in fake.of("s2")] == ["/s2/graph/v1/paper/arXiv:1512.03385"]  # the fallback
    assert lookup.published(RESNET) == NotVerified(Service.DBLP, "throttled (HTTP 429, 3 attempts)")
    assert len(fake.of("dblp")) == 3  # left alone for the rest of the run


def test_a_retry_after_longer_than_kdlint_waits_gives_up_at_once(fake: FakeServices, tmp_path: Path) -> None:
    clock = FakeClock()
    fake.fail("arxiv", "429", retry_after="3600")
    assert make_lookup(tmp_path, clock).fetch([KD_REVIEW]) == {KD_REVIEW: NotVerified(
        Service.ARXIV, "throttled (HTTP 429, asked to wait 3600 s; kdlint waits at most 60 s)")}
    assert clock.sleeps == [] and len(fake.requests) == 1


def test_rate_exceeded_with_200_is_throttling_not_data(fake: FakeServices, tmp_path: Path) -> None:
    clock = FakeClock()
    fake.fail("arxiv", "rate-exceeded")
    answers = make_lookup(tmp_path, clock).fetch([KD_REVIEW])
    assert isinstance(answers[KD_REVIEW], Paper)
    assert answers[KD_REVIEW].title == "Distilling Knowledge via Knowledge Review"  # type: ignore[union-attr]
    assert clock.sleeps == [3.0] and len(fake.requests) == 2


def test_arxiv_throttling_that_does_not_end(fake: FakeServices, tmp_path: Path) -> None:
    clock = FakeClock()
    fake.fail("arxiv", "rate-exceeded", times=0)
    lookup = make_lookup(tmp_path, clock)
    reason = "throttled (a throttling notice, 3 attempts)"
    assert lookup.fetch([KD_REVIEW]) == {KD_REVIEW: NotVerified(Service.ARXIV, reason)}
    assert clock.sleeps == [3.0, 6.0]
    assert lookup.fetch([PaperId("arxiv", "1512.03385")]) == {
        PaperId("arxiv", "1512.03385"): NotVerified(Service.ARXIV, reason)}
    assert len(fake.requests) == 3


def test_a_service_that_hangs_times_out(fake: FakeServices, tmp_path: Path) -> None:
    fake.fail("crossref", "hang", hang=1.5)
    lookup = make_lookup(tmp_path, timeout=0.3)
    started = time.monotonic()
    first, second = PaperId("doi", "10.1109/cvpr.2016.90"), PaperId("doi", "10.1016/j.neunet.2014.09.003")
    assert lookup.fetch([first, second]) == {first: NotVerified(Service.CROSSREF, "no answer within 0.3 s"),
                                             second: NotVerified(Service.CROSSREF, "no answer within 0.3 s")}
    assert time.monotonic() - started < 1.2
    assert len(fake.requests) == 1


@pytest.mark.parametrize(("service", "paper_id", "trouble", "reason"), [
    ("arxiv", KD_REVIEW, "garbage", "arXiv answered with what is not an Atom feed"),
    ("arxiv", KD_REVIEW, "503", "throttled (HTTP 503, 3 attempts)"),
    ("arxiv", KD_REVIEW, "500", "HTTP 500"),
    ("crossref", PaperId("doi", "10.1109/cvpr.2016.90"), "garbage", "crossref answered with what is not JSON"),
    ("crossref", PaperId("doi", "10.1109/cvpr.2016.90"), "503", "throttled (HTTP 503, 3 attempts)"),
    ("openreview", PaperId("openreview", "Sx3kd8WHq1"), "garbage", "openreview answered with what is not JSON"),
    ("openreview", PaperId("openreview", "Sx3kd8WHq1"), "500", "HTTP 500"),
])
def test_outages_and_garbage_are_not_verified(fake: FakeServices, tmp_path: Path, service: str, paper_id: PaperId,
                                              trouble: str, reason: str) -> None:
    fake.fail(service, trouble, times=0)
    assert make_lookup(tmp_path).fetch([paper_id]) == {paper_id: NotVerified(Service(service), reason)}


def test_garbage_from_dblp_and_semantic_scholar(fake: FakeServices, tmp_path: Path) -> None:
    fake.fail("dblp", "garbage", times=0)
    fake.fail("s2", "garbage", times=0)
    assert make_lookup(tmp_path).published(RESNET) == NotVerified(
        Service.DBLP, "dblp answered with what is not JSON; Semantic Scholar: s2 answered with what is not JSON")


def test_a_server_error_is_one_failure_not_an_outage(fake: FakeServices, tmp_path: Path) -> None:
    fake.fail("openreview", "500")
    lookup = make_lookup(tmp_path)
    first, second = PaperId("openreview", "Sx3kd8WHq1"), PaperId("openreview", "Qq9Rejected")
    answers = lookup.fetch([first, second])
    assert answers[first] == NotVerified(Service.OPENREVIEW, "HTTP 500")
    assert isinstance(answers[second], Paper)


def test_a_service_that_is_down_is_not_verified(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("KDLINT_ARXIV_API", "http://127.0.0.1:9/api/query")  # the discard port: nothing listens
    monkeypatch.setenv("KDLINT_CROSSREF_API", "http://127.0.0.1:9")
    lookup = make_lookup(tmp_path)
    doi = PaperId("doi", "10.1109/cvpr.2016.90")
    assert lookup.fetch([KD_REVIEW, doi]) == {KD_REVIEW: NotVerified(Service.ARXIV, "cannot connect"),
                                              doi: NotVerified(Service.CROSSREF, "cannot connect")}


def test_the_user_agent_names_kdlint_and_the_contact(fake: FakeServices, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KDLINT_CONTACT", "lists@example.org")
    make_lookup(tmp_path).fetch([KD_REVIEW])
    assert fake.requests[0].headers["User-Agent"] == \
        f"kdlint/{__version__} (+https://github.com/kdlint/kdlint; mailto:lists@example.org)"
    assert user_agent(None) == f"kdlint/{__version__} (+https://github.com/kdlint/kdlint)"
    assert user_agent("https://example.org/lists") == \
        f"kdlint/{__version__} (+https://github.com/kdlint/kdlint; https://example.org/lists)"


def test_a_contact_with_a_line_break_cannot_inject_a_header(fake: FakeServices, tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KDLINT_CONTACT", "me@example.org\r\nX-Evil: 1")
    make_lookup(tmp_path).fetch([KD_REVIEW])
    headers = fake.requests[0].headers
    assert headers["User-Agent"] == f"kdlint/{__version__} (+https://github.com/kdlint/kdlint; mailto:me@example.org X-Evil: 1)"
    assert "X-Evil" not in headers


def test_retry_after_in_seconds_or_as_a_date() -> None:
    now = datetime(2025, 1, 1, 12, 0, 0, tzinfo=UTC)
    assert retry_after_seconds("120", now) == 120.0
    assert retry_after_seconds("Wed, 01 Jan 2025 12:00:30 GMT", now) == 30.0
    assert retry_after_seconds("Wed, 01 Jan 2025 11:00:00 GMT", now) == 0.0
    assert retry_after_seconds("soon", now) is None
    assert retry_after_seconds(None, now) is None
