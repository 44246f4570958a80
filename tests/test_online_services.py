"""Each service's payload read into `Paper`, against the local fakes (tests/online_fakes.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from online_fakes import FakeServices, make_lookup, serve

from kdlint.model import PaperId
from kdlint.online.dblp import hit_paper
from kdlint.online.openreview import venue_and_year
from kdlint.online.record import NotFound, NotVerified, Paper, Service

KD_REVIEW = Paper(
    service=Service.ARXIV, source_key="arXiv:2104.09044", title="Distilling Knowledge via Knowledge Review",
    authors=("Pengguang Chen", "Shu Liu", "Hengshuang Zhao", "Jiaya Jia"), year=2021, venue=None,
    arxiv_id="2104.09044", doi="10.1109/cvpr46437.2021.00497", url="https://arxiv.org/abs/2104.09044",
    withdrawn=False, journal_ref="IEEE/CVF Conference on Computer Vision and Pattern Recognition (CVPR), 2021")
RESNET = Paper(service=Service.ARXIV, source_key="arXiv:1512.03385", title="Deep Residual Learning for Image Recognition",
               authors=("Kaiming He", "Xiangyu Zhang", "Shaoqing Ren", "Jian Sun"), year=2015,
               arxiv_id="1512.03385", url="https://arxiv.org/abs/1512.03385")


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeServices]:
    with serve(monkeypatch) as running:
        yield running


def arxiv(*values: str) -> list[PaperId]:
    return [PaperId("arxiv", value) for value in values]


# -- arXiv ---------------------------------------------------------------------------------------------------

def test_arxiv_ids_are_asked_in_one_request_and_read_exactly(fake: FakeServices, tmp_path: Path) -> None:
    ids = arxiv("2104.09044", "1512.03385", "cs/0112017", "1901.00001", "2202.00512", "1404.7828", "1708.00001",
                "2301.01234", "2305.00005", "1801.00001", "1802.00002", "1803.00003")
    answers = make_lookup(tmp_path).fetch(ids)
    [request] = fake.requests
    assert request.path == "/arxiv/api/query"
    assert request.query == {"id_list": [",".join(one.value for one in ids)], "max_results": ["12"]}
    assert answers[PaperId("arxiv", "2104.09044")] == KD_REVIEW
    assert answers[PaperId("arxiv", "1512.03385")] == RESNET  # its title hard-wrapped in the feed
    assert answers[PaperId("arxiv", "cs/0112017")] == Paper(
        service=Service.ARXIV, source_key="arXiv:cs/0112017", title="An Old-Style Identifier",
        authors=("Carl Example",), year=2001, arxiv_id="cs/0112017", url="https://arxiv.org/abs/cs/0112017")
    assert answers[PaperId("arxiv", "1901.00001")] == NotFound(Service.ARXIV, "arXiv has no paper arXiv:1901.00001")
    assert answers[PaperId("arxiv", "1708.00001")].withdrawn is True  # type: ignore[union-attr]
    assert [one for one, answer in answers.items() if isinstance(answer, Paper) and answer.withdrawn] == \
        arxiv("1708.00001")
    assert len(answers) == 12


def test_many_ids_go_in_batches(fake: FakeServices, tmp_path: Path) -> None:
    answers = make_lookup(tmp_path, arxiv_batch=2).fetch(arxiv("2104.09044", "1512.03385", "1404.7828"))
    assert [request.query["id_list"] for request in fake.of("arxiv")] == [["2104.09044,1512.03385"], ["1404.7828"]]
    assert all(isinstance(answer, Paper) for answer in answers.values())


def test_answers_are_keyed_by_the_identifiers_given(fake: FakeServices, tmp_path: Path) -> None:
    given = [PaperId("arxiv", "math.GT/0309136"), PaperId("arxiv", "2104.09044"), PaperId("arxiv", "2104.09044v2"),
             PaperId("doi", "10.48550/arXiv.2104.09044"), PaperId("cvf", "park_rkd_cvpr_2019"),
             PaperId("arxiv", "2113.00001"), PaperId("doi", "10.1/x")]
    progress: list[tuple[int, int]] = []
    lookup = make_lookup(tmp_path)
    lookup.progress = lambda done, total: progress.append((done, total))
    answers = lookup.fetch(given)
    assert [request.query["id_list"] for request in fake.of("arxiv")] == [["math/0309136,2104.09044"]]
    assert list(answers) == [given[5], given[6], given[0], given[1], given[2], given[3]]  # no service knows cvf
    assert answers[given[1]] == answers[given[2]] == answers[given[3]] == KD_REVIEW
    assert answers[given[0]] == NotFound(Service.ARXIV, "arXiv has no paper arXiv:math/0309136")
    assert answers[given[5]] == NotFound(Service.ARXIV, "not a valid arXiv identifier")
    assert answers[given[6]] == NotFound(Service.CROSSREF, "not a valid DOI")
    assert progress == [(1, 2), (2, 2)]
    assert not lookup.supports(given[4]) and lookup.supports(given[3])


def test_an_error_entry_refuses_its_id_and_leaves_the_batch_unverified(fake: FakeServices, tmp_path: Path) -> None:
    fake.arxiv_refused.add("1512.03385")
    answers = make_lookup(tmp_path).fetch(arxiv("2104.09044", "1512.03385"))
    assert answers == {
        PaperId("arxiv", "2104.09044"): NotVerified(
            Service.ARXIV, "arXiv answered the batch with an error (incorrect id format for 1512.03385)"),
        PaperId("arxiv", "1512.03385"): NotFound(
            Service.ARXIV, "arXiv refused the id (incorrect id format for 1512.03385)")}


def test_an_xml_entity_bomb_is_refused_not_expanded(fake: FakeServices, tmp_path: Path) -> None:
    fake.fail("arxiv", "entities")
    assert make_lookup(tmp_path).fetch(arxiv("2104.09044")) == {
        PaperId("arxiv", "2104.09044"): NotVerified(Service.ARXIV, "arXiv answered with what is not an Atom feed")}


def test_hostile_titles_are_data_with_white_space_and_control_characters_cleaned(fake: FakeServices,
                                                                                   tmp_path: Path) -> None:
    answers = make_lookup(tmp_path).fetch([PaperId("arxiv", "2305.00005"), PaperId("doi", "10.5555/hostile")])
    from_arxiv = answers[PaperId("arxiv", "2305.00005")]
    from_crossref = answers[PaperId("doi", "10.5555/hostile")]
    assert isinstance(from_arxiv, Paper) and isinstance(from_crossref, Paper)
    assert from_arxiv.title == "**Bold** <script>alert(1)</script> [a](http://x.y) :: Title"
    assert from_arxiv.authors == ("Dora <b>Example</b>",)
    assert from_crossref.title == "**Bold** <i>HTML</i> [a](b) :: evil title"  # BEL, RLO and NUL gone
    assert from_crossref.authors == ("The Consortium", "Eve Example")
    assert (from_crossref.venue, from_crossref.year, from_crossref.doi) == (None, 2020, "10.5555/hostile")


# -- the published version: DBLP, then Semantic Scholar ------------------------------------------------------

def test_dblp_gives_the_conference_version_never_corr_nor_a_namesake(fake: FakeServices, tmp_path: Path) -> None:
    lookup = make_lookup(tmp_path)
    assert lookup.published(RESNET) == Paper(
        service=Service.DBLP, source_key="conf/cvpr/HeZRS16", title="Deep Residual Learning for Image Recognition",
        authors=("Kaiming He", "Xiangyu Zhang", "Shaoqing Ren", "Jian Sun"), year=2016, venue="CVPR",
        doi="10.1109/cvpr.2016.90", url="https://doi.org/10.1109/CVPR.2016.90")
    [request] = fake.requests
    assert request.path == "/dblp/search/publ/api"
    assert request.query == {"q": ["deep residual learning for image recognition"], "format": ["json"], "h": ["10"]}


def test_dblp_single_author_object_and_venue_list(fake: FakeServices, tmp_path: Path) -> None:
    lookup = make_lookup(tmp_path)
    overview = lookup.fetch(arxiv("1404.7828"))[PaperId("arxiv", "1404.7828")]
    assert isinstance(overview, Paper) and overview.authors == ("Juergen Schmidhuber",)
    assert lookup.published(overview) == Paper(
        service=Service.DBLP, source_key="journals/nn/Schmidhuber15", title="Deep learning in neural networks: An overview",
        authors=("Jürgen Schmidhuber",), year=2015, venue="Neural Networks", doi="10.1016/j.neunet.2014.09.003",
        url="https://doi.org/10.1016/j.neunet.2014.09.003")
    found = lookup.published(KD_REVIEW)
    assert isinstance(found, Paper)
    assert (found.source_key, found.venue, found.year, found.authors) == (
        "conf/cvpr/ChenLZJ21", "CVPR", 2021, ("Pengguang Chen", "Shu Liu", "Hengshuang Zhao", "Jiaya Jia"))


def test_semantic_scholar_is_asked_when_dblp_knows_only_the_preprint(fake: FakeServices, tmp_path: Path) -> None:
    lookup = make_lookup(tmp_path)
    preprint = lookup.fetch(arxiv("2202.00512"))[PaperId("arxiv", "2202.00512")]
    assert isinstance(preprint, Paper)
    assert lookup.published(preprint) == Paper(
        service=Service.SEMANTIC_SCHOLAR, source_key="conf/iclr/SalimansH22",
        title="Progressive Distillation for Fast Sampling of Diffusion Models", authors=("Tim Salimans", "Jonathan Ho"),
        year=2022, venue="International Conference on Learning Representations", arxiv_id="2202.00512",
        url="https://www.semanticscholar.org/paper/1f0c4f9ba8e3e3a1c0b8a4f8e5a3b3b8a1c2d3e4")
    s2 = fake.of("s2")[0]
    assert s2.path == "/s2/graph/v1/paper/arXiv:2202.00512"
    assert s2.query == {"fields": ["title,authors,year,venue,publicationVenue,externalIds,publicationTypes"]}
    assert "x-api-key" not in {name.lower() for name in s2.headers}  # no key set: none sent


def test_a_preprint_nobody_published_is_none(fake: FakeServices, tmp_path: Path) -> None:
    lookup = make_lookup(tmp_path)
    preprint = lookup.fetch(arxiv("2301.01234"))[PaperId("arxiv", "2301.01234")]
    assert isinstance(preprint, Paper)
    assert lookup.published(preprint) is None  # DBLP has no hit; Semantic Scholar's venue is arXiv.org
    assert [request.service for request in fake.requests] == ["arxiv", "dblp", "s2"]
    published = lookup.fetch([PaperId("doi", "10.1109/cvpr.2016.90")])[PaperId("doi", "10.1109/cvpr.2016.90")]
    assert isinstance(published, Paper) and lookup.published(published) is published
    assert len(fake.requests) == 4


def test_dblp_hit_quirks() -> None:
    base = {"title": "A Title.", "key": "conf/eccv/X20", "year": "2020", "type": "Conference and Workshop Papers"}
    assert hit_paper({**base, "venue": "ECCV (12)", "authors": {"author": "Ann Example 0042"}}) == Paper(
        service=Service.DBLP, source_key="conf/eccv/X20", title="A Title", authors=("Ann Example",), year=2020,
        venue="ECCV")
    assert hit_paper({**base, "venue": ["CoRR"], "type": "Journal Articles"}) is None
    assert hit_paper({**base, "venue": "CoRR", "type": "Informal and Other Publications"}) is None
    assert hit_paper({**base, "title": None}) is None


# -- Crossref and OpenReview ---------------------------------------------------------------------------------

def test_crossref_works(fake: FakeServices, tmp_path: Path) -> None:
    ids = [PaperId("doi", value) for value in ("10.1109/CVPR.2016.90", "10.1016/j.neunet.2014.09.003",
                                               "10.1101/2020.01.01.000001", "10.1234/nothing.here")]
    answers = make_lookup(tmp_path).fetch(ids)
    assert answers[ids[0]] == Paper(
        service=Service.CROSSREF, source_key="10.1109/cvpr.2016.90", title="Deep Residual Learning for Image Recognition",
        authors=("Kaiming He", "Xiangyu Zhang", "Shaoqing Ren", "Jian Sun"), year=2016,
        venue="2016 IEEE Conference on Computer Vision and Pattern Recognition (CVPR)", doi="10.1109/cvpr.2016.90",
        url="https://doi.org/10.1109/cvpr.2016.90")
    overview = answers[ids[1]]
    assert isinstance(overview, Paper) and (overview.year, overview.venue) == (2015, "Neural Networks")  # no issued
    preprint = answers[ids[2]]
    assert isinstance(preprint, Paper) and (preprint.venue, preprint.year) == (None, 2020)  # posted-content
    assert answers[ids[3]] == NotFound(Service.CROSSREF, "Crossref has no work doi:10.1234/nothing.here")
    assert [request.path for request in fake.requests] == [
        "/crossref/works/10.1109/cvpr.2016.90", "/crossref/works/10.1016/j.neunet.2014.09.003",
        "/crossref/works/10.1101/2020.01.01.000001", "/crossref/works/10.1234/nothing.here"]


def test_openreview_notes(fake: FakeServices, tmp_path: Path) -> None:
    ids = [PaperId("openreview", value) for value in ("Sx3kd8WHq1", "Qq9Rejected", "Missing123")]
    answers = make_lookup(tmp_path).fetch(ids)
    assert answers[ids[0]] == Paper(
        service=Service.OPENREVIEW, source_key="Sx3kd8WHq1", title="Knowledge Distillation with Learned Teachers",
        authors=("Gil Example", "Hana Example"), year=2023, venue="ICLR", openreview_id="Sx3kd8WHq1",
        url="https://openreview.net/forum?id=Sx3kd8WHq1")
    rejected = answers[ids[1]]
    assert isinstance(rejected, Paper) and (rejected.venue, rejected.year) == (None, 2023)
    assert answers[ids[2]] == NotFound(Service.OPENREVIEW, "OpenReview has no note Missing123")
    assert [request.query for request in fake.requests] == [{"id": ["Sx3kd8WHq1"]}, {"id": ["Qq9Rejected"]},
                                                            {"id": ["Missing123"]}]


@pytest.mark.parametrize(("venue", "expected"), [
    ("ICLR 2023 poster", ("ICLR", 2023)),
    ("ICLR 2023 notable top 25%", ("ICLR", 2023)),
    ("ICLR 2021 Oral", ("ICLR", 2021)),
    ("NeurIPS 2023 Datasets and Benchmarks", ("NeurIPS Datasets and Benchmarks", 2023)),
    ("Submitted to ICLR 2023", (None, 2023)),
    ("ICLR 2022 Conference Withdrawn Submission", (None, 2022)),
    ("Transactions on Machine Learning Research", ("Transactions on Machine Learning Research", None)),
    (None, (None, None)),
])
def test_openreview_venue_and_year(venue: str | None, expected: tuple[str | None, int | None]) -> None:
    assert venue_and_year(venue) == expected
