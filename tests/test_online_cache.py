"""The cache of answers: a second run asks nothing, refresh asks again, failures are never kept, answers expire,
and the Semantic Scholar key is sent but never written, shown or kept."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from online_fakes import FakeServices, make_lookup, serve

from kdlint.model import PaperId
from kdlint.online.cache import DAY, AnswerCache, default_directory
from kdlint.online.lookup import Lookup
from kdlint.online.options import resolve
from kdlint.online.rate import Limiters
from kdlint.online.record import NotFound, NotVerified, Paper, Service

IDS = [PaperId("arxiv", "2104.09044"), PaperId("arxiv", "1512.03385"), PaperId("arxiv", "1901.00001"),
       PaperId("doi", "10.1109/cvpr.2016.90"), PaperId("openreview", "Sx3kd8WHq1"), PaperId("arxiv", "2202.00512")]
KEY = "s2-secret-Key-9f8e7d"


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeServices]:
    with serve(monkeypatch) as running:
        yield running


def run(lookup: Lookup) -> tuple[dict[PaperId, object], list[object]]:
    """Everything `kdlint verify` asks: the identifiers, then the published version of each preprint."""
    answers = lookup.fetch(IDS)
    published = [lookup.published(answer) for answer in answers.values() if isinstance(answer, Paper)]
    return dict(answers), published


def cache_files(folder: Path) -> list[Path]:
    return sorted(path for path in folder.rglob("*") if path.is_file())


def test_a_second_run_makes_no_request(fake: FakeServices, tmp_path: Path) -> None:
    first = run(make_lookup(tmp_path))
    asked = len(fake.requests)
    assert sorted({request.service for request in fake.requests}) == ["arxiv", "crossref", "dblp", "openreview", "s2"]
    second_lookup = make_lookup(tmp_path)
    assert run(second_lookup) == first
    assert len(fake.requests) == asked
    assert second_lookup.requests_sent == 0
    assert first[0][IDS[2]] == NotFound(Service.ARXIV, "arXiv has no paper arXiv:1901.00001")  # an answer: kept


def test_refresh_asks_again_and_keeps_the_new_answers(fake: FakeServices, tmp_path: Path) -> None:
    first = run(make_lookup(tmp_path))
    asked = len(fake.requests)
    assert run(make_lookup(tmp_path, refresh=True)) == first
    assert len(fake.requests) == 2 * asked
    run(make_lookup(tmp_path))
    assert len(fake.requests) == 2 * asked


def test_no_cache_writes_nothing_and_reads_nothing(fake: FakeServices, tmp_path: Path) -> None:
    run(make_lookup(tmp_path))
    kept = {path: path.read_bytes() for path in cache_files(tmp_path)}
    asked = len(fake.requests)
    run(make_lookup(tmp_path, no_cache=True))
    assert len(fake.requests) == 2 * asked
    assert {path: path.read_bytes() for path in cache_files(tmp_path)} == kept
    other = tmp_path / "other"
    run(make_lookup(other, no_cache=True))
    assert not other.exists()


def test_failures_are_never_kept(fake: FakeServices, tmp_path: Path) -> None:
    fake.fail("arxiv", "garbage")
    fake.fail("crossref", "503", times=3)
    first = make_lookup(tmp_path).fetch(IDS[:4])
    assert all(isinstance(first[one], NotVerified) for one in IDS[:4])
    assert cache_files(tmp_path) == []
    second = make_lookup(tmp_path).fetch(IDS[:4])
    assert isinstance(second[IDS[0]], Paper) and isinstance(second[IDS[3]], Paper)
    assert len(fake.of("arxiv")) == 2 and len(fake.of("crossref")) == 4


def test_answers_expire_after_their_services_time_to_live(fake: FakeServices, tmp_path: Path) -> None:
    now = [1_700_000_000.0]
    make_lookup(tmp_path, cache_clock=lambda: now[0]).fetch(IDS[:1] + IDS[3:4])
    assert len(fake.requests) == 2
    now[0] += 6.9 * DAY
    make_lookup(tmp_path, cache_clock=lambda: now[0]).fetch(IDS[:1] + IDS[3:4])
    assert len(fake.requests) == 2
    now[0] += 0.2 * DAY  # 7.1 days: arXiv's answers (7 days) are old, Crossref's (30 days) are not
    make_lookup(tmp_path, cache_clock=lambda: now[0]).fetch(IDS[:1] + IDS[3:4])
    assert [request.service for request in fake.requests] == ["arxiv", "crossref", "arxiv"]


def test_a_time_to_live_of_zero_keeps_nothing(tmp_path: Path) -> None:
    cache = AnswerCache(tmp_path, {Service.ARXIV: 0})
    cache.put(Service.ARXIV, "k", {"not_found": "x"})
    cache.put(Service.DBLP, "k", [])
    assert cache.get(Service.ARXIV, "k") is None and cache.get(Service.DBLP, "k") == []
    assert [path.parent.name for path in cache_files(tmp_path)] == ["dblp"]


def test_a_damaged_cache_file_is_a_miss(fake: FakeServices, tmp_path: Path) -> None:
    make_lookup(tmp_path).fetch(IDS[:1])
    [path] = cache_files(tmp_path)
    path.write_text('{"format": 1, "key": "', encoding="utf-8")
    assert isinstance(make_lookup(tmp_path).fetch(IDS[:1])[IDS[0]], Paper)
    stored = json.loads(path.read_text(encoding="utf-8"))
    stored["value"] = {"paper": {"title": 3}}
    path.write_text(json.dumps(stored), encoding="utf-8")
    assert isinstance(make_lookup(tmp_path).fetch(IDS[:1])[IDS[0]], Paper)
    assert len(fake.requests) == 3


def test_a_cache_that_cannot_be_written_is_skipped(fake: FakeServices, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    lookup = make_lookup(blocker / "cache")
    assert isinstance(lookup.fetch(IDS[:1])[IDS[0]], Paper)
    assert lookup.cache is not None and lookup.cache.write_error is not None
    assert lookup.cache.write_error.startswith(f"cannot write the cache in {blocker / 'cache'} (")


def test_the_default_directory_is_the_users_cache(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert default_directory() == tmp_path / "kdlint" / "online"


def test_the_semantic_scholar_key_is_sent_and_never_kept_or_shown(fake: FakeServices, tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch,
                                                                  capsys: pytest.CaptureFixture[str],
                                                                  caplog: pytest.LogCaptureFixture) -> None:
    monkeypatch.setenv("KDLINT_S2_KEY", KEY)
    options = resolve(cache_dir=tmp_path)
    lookup = Lookup(options, limiters=Limiters(lambda: 0.0, lambda seconds: None))
    preprint = lookup.fetch([PaperId("arxiv", "2202.00512")])[PaperId("arxiv", "2202.00512")]
    assert isinstance(preprint, Paper)
    found = lookup.published(preprint)
    assert isinstance(found, Paper) and found.service is Service.SEMANTIC_SCHOLAR
    [s2] = fake.of("s2")
    assert s2.headers["x-api-key"] == KEY
    assert all(KEY not in value for value in s2.query["fields"]) and KEY not in s2.path
    assert [request for request in fake.requests if "x-api-key" in request.headers] == [s2]  # nobody else gets it
    fake.fail("s2", "500")
    failed = Lookup(options, limiters=Limiters(lambda: 0.0, lambda seconds: None)).s2.paper(arxiv="2301.01234")
    assert failed == NotVerified(Service.SEMANTIC_SCHOLAR, "HTTP 500")
    shown = [repr(options), str(options), repr(lookup.s2), repr(found), repr(failed), capsys.readouterr().out,
             capsys.readouterr().err, caplog.text]
    assert all(KEY not in text for text in shown)
    files = cache_files(tmp_path)
    assert files and all(KEY.encode() not in path.read_bytes() and KEY not in str(path) for path in files)


def test_a_redirect_never_carries_the_key_elsewhere(fake: FakeServices, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KDLINT_S2_KEY", KEY)
    fake.fail("s2", "redirect")
    fake.fail("crossref", "redirect")
    lookup = Lookup(resolve(cache_dir=tmp_path), limiters=Limiters(lambda: 0.0, lambda seconds: None))
    assert lookup.s2.paper(arxiv="2202.00512") == NotVerified(Service.SEMANTIC_SCHOLAR, "HTTP 302")
    work = lookup.fetch([PaperId("doi", "10.1109/cvpr.2016.90")])[PaperId("doi", "10.1109/cvpr.2016.90")]
    assert isinstance(work, Paper)  # a request without a key of its own follows the redirect
    assert [request.path for request in fake.requests] == [
        "/s2/graph/v1/paper/arXiv:2202.00512", "/crossref/works/10.1109/cvpr.2016.90",
        "/elsewhere/crossref/works/10.1109/cvpr.2016.90"]
