"""Local fakes of arXiv, DBLP, Semantic Scholar, Crossref and OpenReview, answering in their real formats.

One `http.server` on 127.0.0.1 (port 0) serves all five under path prefixes;
`serve()` points the `KDLINT_*_API` variables at them. The payloads below are
written by hand from each service's documentation: arXiv's Atom feed (with
`arxiv:journal_ref`, `arxiv:doi`, `arxiv:comment`), DBLP's
`result.hits.hit[].info` (a list of authors and a single author object, a
CoRR hit), Semantic Scholar's `/paper/arXiv:ID`, Crossref's `message`, and
OpenReview API v2 notes (`{"value": ...}` fields). Every request is recorded
(service, path, query, headers, arrival time); `fail` makes a service answer
429 with a Retry-After, 503, arXiv's "Rate exceeded." with 200, hang past the
timeout, answer garbage or an XML entity bomb, for the next requests.
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from kdlint.online.lookup import Lookup
from kdlint.online.options import resolve
from kdlint.online.rate import Limiters

ATOM_HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/" xmlns:arxiv="http://arxiv.org/schemas/atom">
  <id>https://arxiv.org/api/pQ1b7nOdZr5Vd0gXWdcTk1l3yG4</id>
  <title>arXiv Query: search_query=&amp;id_list={ids}&amp;start=0&amp;max_results={max}</title>
  <updated>2025-11-11T00:00:00Z</updated>
  <link href="https://arxiv.org/api/query?search_query=&amp;start=0&amp;max_results={max}&amp;id_list={ids}" type="application/atom+xml"/>
  <opensearch:itemsPerPage>{max}</opensearch:itemsPerPage>
  <opensearch:totalResults>{total}</opensearch:totalResults>
  <opensearch:startIndex>0</opensearch:startIndex>
"""
ATOM_TAIL = "</feed>\n"

ARXIV_ENTRIES: dict[str, str] = {
    "2104.09044": """  <entry>
    <id>http://arxiv.org/abs/2104.09044v1</id>
    <title>Distilling Knowledge via Knowledge Review</title>
    <updated>2021-04-19T07:30:14Z</updated>
    <link href="https://arxiv.org/abs/2104.09044v1" rel="alternate" type="text/html"/>
    <link href="https://arxiv.org/pdf/2104.09044v1" rel="related" type="application/pdf" title="pdf"/>
    <link href="https://doi.org/10.1109/CVPR46437.2021.00497" rel="related" title="doi"/>
    <summary>Knowledge distillation transfers knowledge from the teacher network to the student one, with
  the goal of greatly improving the performance of the student network.</summary>
    <category term="cs.CV" scheme="http://arxiv.org/schemas/atom"/>
    <published>2021-04-19T07:30:14Z</published>
    <arxiv:comment>CVPR 2021</arxiv:comment>
    <arxiv:journal_ref>IEEE/CVF Conference on Computer Vision and Pattern Recognition (CVPR), 2021</arxiv:journal_ref>
    <arxiv:doi>10.1109/CVPR46437.2021.00497</arxiv:doi>
    <arxiv:primary_category term="cs.CV"/>
    <author><name>Pengguang Chen</name></author>
    <author><name>Shu Liu</name></author>
    <author><name>Hengshuang Zhao</name></author>
    <author><name>Jiaya Jia</name></author>
  </entry>
""",
    "1512.03385": """  <entry>
    <id>http://arxiv.org/abs/1512.03385v1</id>
    <title>Deep Residual Learning for Image
  Recognition</title>
    <updated>2015-12-10T19:51:55Z</updated>
    <link href="https://arxiv.org/abs/1512.03385v1" rel="alternate" type="text/html"/>
    <summary>Deeper neural networks are more difficult to train.</summary>
    <category term="cs.CV" scheme="http://arxiv.org/schemas/atom"/>
    <published>2015-12-10T19:51:55Z</published>
    <arxiv:comment>Tech report</arxiv:comment>
    <arxiv:primary_category term="cs.CV"/>
    <author><name>Kaiming He</name></author>
    <author><name>Xiangyu Zhang</name></author>
    <author><name>Shaoqing Ren</name></author>
    <author><name>Jian Sun</name></author>
  </entry>
""",
    "1404.7828": """  <entry>
    <id>http://arxiv.org/abs/1404.7828v4</id>
    <title>Deep Learning in Neural Networks: An Overview</title>
    <updated>2014-10-08T16:08:12Z</updated>
    <summary>In recent years, deep artificial neural networks have won numerous contests.</summary>
    <published>2014-04-30T18:39:00Z</published>
    <arxiv:comment>88 pages, 888 references</arxiv:comment>
    <arxiv:journal_ref>Neural Networks, Vol 61, pp 85-117, Jan 2015</arxiv:journal_ref>
    <arxiv:doi>10.1016/j.neunet.2014.09.003</arxiv:doi>
    <author><name>Juergen Schmidhuber</name></author>
  </entry>
""",
    "2202.00512": """  <entry>
    <id>http://arxiv.org/abs/2202.00512v2</id>
    <title>Progressive Distillation for Fast Sampling of Diffusion Models</title>
    <updated>2022-06-07T00:00:00Z</updated>
    <summary>Diffusion models have recently shown great promise for generative modeling.</summary>
    <published>2022-02-01T15:56:20Z</published>
    <arxiv:comment>Published as a conference paper at ICLR 2022</arxiv:comment>
    <author><name>Tim Salimans</name></author>
    <author><name>Jonathan Ho</name></author>
  </entry>
""",
    "2301.01234": """  <entry>
    <id>http://arxiv.org/abs/2301.01234v1</id>
    <title>A Preprint Nobody Has Published</title>
    <updated>2023-01-04T00:00:00Z</updated>
    <summary>We study nothing in particular.</summary>
    <published>2023-01-04T10:00:00Z</published>
    <author><name>Ada Example</name></author>
  </entry>
""",
    "1708.00001": """  <entry>
    <id>http://arxiv.org/abs/1708.00001v2</id>
    <title>A Result That Did Not Hold</title>
    <updated>2017-09-01T00:00:00Z</updated>
    <summary>This paper has been withdrawn by the author due to a crucial error in Lemma 3.</summary>
    <published>2017-08-01T00:00:00Z</published>
    <arxiv:comment>This paper has been withdrawn by the author</arxiv:comment>
    <author><name>Bea Example</name></author>
  </entry>
""",
    "cs/0112017": """  <entry>
    <id>http://arxiv.org/abs/cs/0112017v1</id>
    <title>An Old-Style Identifier</title>
    <updated>2001-12-14T00:00:00Z</updated>
    <summary>A paper from before 2007.</summary>
    <published>2001-12-14T17:00:00Z</published>
    <author><name>Carl Example</name></author>
  </entry>
""",
    "2305.00005": """  <entry>
    <id>http://arxiv.org/abs/2305.00005v1</id>
    <title>  **Bold** &lt;script&gt;alert(1)&lt;/script&gt; [a](http://x.y)   ::
\tTitle  </title>
    <updated>2023-05-01T00:00:00Z</updated>
    <summary>Hostile.</summary>
    <published>2023-05-01T00:00:00Z</published>
    <author><name>Dora &lt;b&gt;Example&lt;/b&gt;</name></author>
  </entry>
""",
}

ARXIV_ERROR = """  <entry>
    <id>http://arxiv.org/api/errors#incorrect_id_format_for_{id}</id>
    <title>Error</title>
    <summary>incorrect id format for {id}</summary>
    <updated>2025-11-11T00:00:00Z</updated>
    <link href="http://arxiv.org/api/errors#incorrect_id_format_for_{id}" rel="alternate" type="text/html"/>
    <author><name>arXiv api core</name></author>
  </entry>
"""

ENTITY_BOMB = b"""<?xml version="1.0"?>
<!DOCTYPE feed [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;">]>
<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>http://arxiv.org/abs/2104.09044v1</id><title>&c;</title></entry></feed>
"""


def _author(pid: str, name: str) -> dict[str, str]:
    return {"@pid": pid, "text": name}


RESNET_AUTHORS = {"author": [_author("34/7659", "Kaiming He 0001"), _author("71/9236", "Xiangyu Zhang 0005"),
                             _author("155/9244", "Shaoqing Ren"), _author("s/JianSun1", "Jian Sun 0001")]}
KD_REVIEW_AUTHORS = {"author": [_author("200/8432", "Pengguang Chen"), _author("48/1934", "Shu Liu 0004"),
                                _author("144/1230", "Hengshuang Zhao"), _author("j/JiayaJia", "Jiaya Jia")]}
DBLP_HITS: list[dict[str, Any]] = [
    {"@score": "9", "@id": "5801", "info": {
        "authors": RESNET_AUTHORS, "title": "Deep Residual Learning for Image Recognition.", "venue": "CoRR",
        "volume": "abs/1512.03385", "year": "2015", "type": "Informal Publications", "access": "open",
        "key": "journals/corr/HeZRS15", "ee": "http://arxiv.org/abs/1512.03385",
        "url": "https://dblp.org/rec/journals/corr/HeZRS15"}, "url": "URL#5801"},
    {"@score": "9", "@id": "5802", "info": {
        "authors": RESNET_AUTHORS, "title": "Deep Residual Learning for Image Recognition.", "venue": "CVPR",
        "pages": "770-778", "year": "2016", "type": "Conference and Workshop Papers", "access": "closed",
        "key": "conf/cvpr/HeZRS16", "doi": "10.1109/CVPR.2016.90", "ee": "https://doi.org/10.1109/CVPR.2016.90",
        "url": "https://dblp.org/rec/conf/cvpr/HeZRS16"}, "url": "URL#5802"},
    {"@score": "7", "@id": "5803", "info": {  # same title, another first author: a replication, not the paper
        "authors": {"author": [_author("99/1", "Jane Replicator"), _author("34/7659", "Kaiming He 0001")]},
        "title": "Deep Residual Learning for Image Recognition.", "venue": "ReScience C", "year": "2017",
        "type": "Journal Articles", "key": "journals/rescience/Replicator17", "url": "https://dblp.org/rec/x"},
     "url": "URL#5803"},
    {"@score": "8", "@id": "7001", "info": {
        "authors": {"author": _author("s/JurgenSchmidhuber", "Jürgen Schmidhuber")},  # one author: an object
        "title": "Deep learning in neural networks: An overview.", "venue": "Neural Networks", "volume": "61",
        "pages": "85-117", "year": "2015", "type": "Journal Articles", "access": "closed",
        "key": "journals/nn/Schmidhuber15", "doi": "10.1016/J.NEUNET.2014.09.003",
        "ee": "https://doi.org/10.1016/j.neunet.2014.09.003", "url": "https://dblp.org/rec/journals/nn/Schmidhuber15"},
     "url": "URL#7001"},
    {"@score": "9", "@id": "8001", "info": {
        "authors": KD_REVIEW_AUTHORS, "title": "Distilling Knowledge via Knowledge Review.",
        "venue": ["CVPR"], "pages": "5008-5017", "year": "2021", "type": "Conference and Workshop Papers",
        "access": "closed", "key": "conf/cvpr/ChenLZJ21", "doi": "10.1109/CVPR46437.2021.00497",
        "ee": "https://doi.org/10.1109/CVPR46437.2021.00497", "url": "https://dblp.org/rec/conf/cvpr/ChenLZJ21"},
     "url": "URL#8001"},
    {"@score": "9", "@id": "9001", "info": {
        "authors": {"author": [_author("10/1", "Tim Salimans"), _author("10/2", "Jonathan Ho")]},
        "title": "Progressive Distillation for Fast Sampling of Diffusion Models.", "venue": "CoRR",
        "volume": "abs/2202.00512", "year": "2022", "type": "Informal and Other Publications",
        "key": "journals/corr/abs-2202-00512", "ee": "https://arxiv.org/abs/2202.00512",
        "url": "https://dblp.org/rec/journals/corr/abs-2202-00512"}, "url": "URL#9001"},
]

S2_PAPERS: dict[str, dict[str, Any]] = {
    "arXiv:2202.00512": {
        "paperId": "1f0c4f9ba8e3e3a1c0b8a4f8e5a3b3b8a1c2d3e4",
        "externalIds": {"DBLP": "conf/iclr/SalimansH22", "ArXiv": "2202.00512", "CorpusId": 246430592},
        "title": "Progressive Distillation for Fast Sampling of Diffusion Models",
        "venue": "International Conference on Learning Representations", "year": 2022,
        "publicationVenue": {"id": "939c6e1d-0d17-4d6e-8a82-66d960df0e40",
                             "name": "International Conference on Learning Representations", "type": "conference",
                             "alternate_names": ["Int Conf Learn Represent", "ICLR"], "url": "https://iclr.cc/"},
        "publicationTypes": ["JournalArticle"],
        "authors": [{"authorId": "2887364", "name": "Tim Salimans"}, {"authorId": "2126278", "name": "Jonathan Ho"}]},
    "arXiv:2301.01234": {
        "paperId": "aa00aa00aa00aa00aa00aa00aa00aa00aa00aa00",
        "externalIds": {"ArXiv": "2301.01234", "DOI": "10.48550/arXiv.2301.01234", "CorpusId": 1},
        "title": "A Preprint Nobody Has Published", "venue": "arXiv.org", "year": 2023,
        "publicationVenue": {"id": "1901e811-ee72-4b20-8f7e-de08cd395a10", "name": "arXiv.org",
                             "alternate_names": ["ArXiv"], "issn": "2331-8422", "url": "https://arxiv.org"},
        "publicationTypes": None, "authors": [{"authorId": "1", "name": "Ada Example"}]},
}

CROSSREF_WORKS: dict[str, dict[str, Any]] = {
    "10.1109/cvpr.2016.90": {
        "indexed": {"date-parts": [[2024, 3, 1]]}, "publisher": "IEEE", "type": "proceedings-article",
        "DOI": "10.1109/CVPR.2016.90", "title": ["Deep Residual Learning for Image Recognition"],
        "author": [{"given": "Kaiming", "family": "He", "sequence": "first", "affiliation": []},
                   {"given": "Xiangyu", "family": "Zhang", "sequence": "additional", "affiliation": []},
                   {"given": "Shaoqing", "family": "Ren", "sequence": "additional", "affiliation": []},
                   {"given": "Jian", "family": "Sun", "sequence": "additional", "affiliation": []}],
        "container-title": ["2016 IEEE Conference on Computer Vision and Pattern Recognition (CVPR)"],
        "published-print": {"date-parts": [[2016, 6]]}, "issued": {"date-parts": [[2016, 6]]},
        "URL": "http://dx.doi.org/10.1109/CVPR.2016.90"},
    "10.1016/j.neunet.2014.09.003": {
        "type": "journal-article", "DOI": "10.1016/j.neunet.2014.09.003",
        "title": ["Deep learning in neural networks: An overview"],
        "author": [{"given": "Jürgen", "family": "Schmidhuber", "sequence": "first", "affiliation": []}],
        "container-title": ["Neural Networks"], "issued": {"date-parts": [[None]]},
        "published-print": {"date-parts": [[2015, 1]]}, "published-online": {"date-parts": [[2014, 10, 13]]}},
    "10.5555/hostile": {
        "type": "journal-article", "DOI": "10.5555/HOSTILE",
        "title": ["**Bold**\u0007 <i>HTML</i> [a](b) :: \u202eevil\u0000\r\n  title"],
        "author": [{"name": "The\u0008 Consortium\n"}, {"given": "  Eve\t", "family": "Example"}],
        "container-title": [], "issued": {"date-parts": [[2020]]}},
    "10.1101/2020.01.01.000001": {
        "type": "posted-content", "subtype": "preprint", "DOI": "10.1101/2020.01.01.000001",
        "title": ["A bioRxiv Preprint"], "author": [{"given": "Fay", "family": "Example"}],
        "institution": [{"name": "bioRxiv"}], "posted": {"date-parts": [[2020, 1, 2]]},
        "issued": {"date-parts": [[2020, 1, 2]]}},
}

OPENREVIEW_NOTES: dict[str, dict[str, Any]] = {
    "Sx3kd8WHq1": {
        "id": "Sx3kd8WHq1", "forum": "Sx3kd8WHq1", "number": 4242, "cdate": 1663850832344, "pdate": 1674864000000,
        "invitations": ["ICLR.cc/2023/Conference/-/Submission"], "domain": "ICLR.cc/2023/Conference",
        "content": {"title": {"value": "Knowledge Distillation with Learned Teachers"},
                    "authors": {"value": ["Gil Example", "Hana Example 0002"]},
                    "authorids": {"value": ["~Gil_Example1", "~Hana_Example2"]},
                    "venue": {"value": "ICLR 2023 poster"}, "venueid": {"value": "ICLR.cc/2023/Conference"},
                    "abstract": {"value": "We learn teachers."}}},
    "Qq9Rejected": {
        "id": "Qq9Rejected", "forum": "Qq9Rejected", "cdate": 1663850832344,
        "content": {"title": {"value": "An Idea the Reviewers Did Not Like"},
                    "authors": {"value": ["Ida Example"]},
                    "venue": {"value": "Submitted to ICLR 2023"},
                    "venueid": {"value": "ICLR.cc/2023/Conference/Rejected_Submission"}}},
}


@dataclass(frozen=True)
class Recorded:
    """One request a fake received."""

    service: str
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]
    time: float  # time.monotonic() on arrival


@dataclass
class Trouble:
    """How a service misbehaves for one request."""

    kind: str  # "429", "503", "500", "rate-exceeded", "hang", "garbage", "entities", "redirect"
    retry_after: str | None = None
    hang: float = 0.0


@dataclass
class FakeServices:
    """The five fakes behind one local server; `url(service)` is each one's endpoint."""

    port: int = 0
    requests: list[Recorded] = field(default_factory=list)
    trouble: dict[str, list[Trouble]] = field(default_factory=dict)
    always: dict[str, Trouble] = field(default_factory=dict)
    arxiv_refused: set[str] = field(default_factory=set)

    def url(self, service: str) -> str:
        path = {"arxiv": "/arxiv/api/query", "dblp": "/dblp/search/publ/api", "s2": "/s2/graph/v1",
                "crossref": "/crossref", "openreview": "/openreview"}[service]
        return f"http://127.0.0.1:{self.port}{path}"

    def fail(self, service: str, kind: str, times: int = 1, *, retry_after: str | None = None,
             hang: float = 0.0) -> None:
        """The next `times` requests to `service` misbehave (`times=0`: every request from now on)."""
        trouble = Trouble(kind, retry_after, hang)
        if times == 0:
            self.always[service] = trouble
        else:
            self.trouble.setdefault(service, []).extend([trouble] * times)

    def of(self, service: str) -> list[Recorded]:
        """The requests `service` received, in order."""
        return [request for request in self.requests if request.service == service]

    def take_trouble(self, service: str) -> Trouble | None:
        queued = self.trouble.get(service)
        if queued:
            return queued.pop(0)
        return self.always.get(service)

    # -- the services' answers ------------------------------------------------------------------------------

    def answer(self, service: str, path: str, query: dict[str, list[str]]) -> tuple[int, str, bytes]:
        if service == "elsewhere":  # where a redirect points: the same service's answer
            path = path.removeprefix("/elsewhere")
            service = path.split("/")[1]
        if service == "arxiv":
            return self._arxiv(query)
        if service == "dblp":
            return self._dblp(query)
        if service == "s2":
            return self._json(S2_PAPERS.get(unquote(path.removeprefix("/s2/graph/v1/paper/"))),
                              {"error": "Paper with id not found"})
        if service == "crossref":
            work = CROSSREF_WORKS.get(unquote(path.removeprefix("/crossref/works/")).lower())
            if work is None:
                return 404, "text/plain", b"Resource not found."
            return 200, "application/json", json.dumps(
                {"status": "ok", "message-type": "work", "message-version": "1.0.0", "message": work}).encode()
        note_id = query.get("id", [""])[0]
        note = OPENREVIEW_NOTES.get(note_id)
        if note is None:
            return 404, "application/json", json.dumps(
                {"name": "NotFoundError", "message": f"The Note {note_id} was not found", "status": 404}).encode()
        return 200, "application/json", json.dumps({"notes": [note], "count": 1}).encode()

    def _arxiv(self, query: dict[str, list[str]]) -> tuple[int, str, bytes]:
        ids = [one for one in query.get("id_list", [""])[0].split(",") if one]
        most = int(query.get("max_results", ["10"])[0])  # arXiv's default is 10 entries
        refused = [one for one in ids if one in self.arxiv_refused]
        if refused:
            entries = [ARXIV_ERROR.format(id=refused[0])]
        else:
            entries = [ARXIV_ENTRIES[one] for one in ids if one in ARXIV_ENTRIES][:most]
        head = ATOM_HEAD.format(ids=",".join(ids), max=most, total=len(entries))
        return 200, "application/atom+xml; charset=utf-8", (head + "".join(entries) + ATOM_TAIL).encode()

    def _dblp(self, query: dict[str, list[str]]) -> tuple[int, str, bytes]:
        words = query.get("q", [""])[0].lower().split()
        found = [hit for hit in DBLP_HITS
                 if all(word in re.sub(r"[^0-9a-z]+", " ", hit["info"]["title"].lower()).split() for word in words)]
        hits: dict[str, Any] = {"@total": str(len(found)), "@computed": str(len(found)), "@sent": str(len(found)),
                                "@first": "0"}
        if found:
            hits["hit"] = found
        body = {"result": {"query": " ".join(words) + "*", "status": {"@code": "200", "text": "OK"},
                           "time": {"@unit": "msecs", "text": "1.23"}, "hits": hits}}
        return 200, "application/json", json.dumps(body).encode()

    @staticmethod
    def _json(found: dict[str, Any] | None, missing: dict[str, Any]) -> tuple[int, str, bytes]:
        if found is None:
            return 404, "application/json", json.dumps(missing).encode()
        return 200, "application/json", json.dumps(found).encode()


def _handler(fake: FakeServices) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            pass

        def do_GET(self) -> None:
            arrived = time.monotonic()
            parts = urlsplit(self.path)
            service = parts.path.split("/")[1]
            query = parse_qs(parts.query, keep_blank_values=True)
            fake.requests.append(Recorded(service, parts.path, query, dict(self.headers.items()), arrived))
            trouble = fake.take_trouble(service)
            status, kind, body = fake.answer(service, parts.path, query)
            headers: dict[str, str] = {}
            if trouble is not None:
                if trouble.kind == "hang":
                    time.sleep(trouble.hang)
                elif trouble.kind in ("429", "503", "500"):
                    status, kind, body = int(trouble.kind), "text/html", b"<html><body>Slow down</body></html>"
                    if trouble.retry_after is not None:
                        headers["Retry-After"] = trouble.retry_after
                elif trouble.kind == "rate-exceeded":
                    status, kind, body = 200, "text/plain", b"Rate exceeded."
                elif trouble.kind == "garbage":
                    status, kind, body = 200, "text/html", b"<html><h1>Service Unavailable</h1>\x00\xff{{{"
                elif trouble.kind == "redirect":  # to the same question, under another path
                    status, kind, body = 302, "text/plain", b""
                    headers["Location"] = f"http://127.0.0.1:{fake.port}/elsewhere{self.path}"
                elif trouble.kind == "entities":
                    status, kind, body = 200, "application/atom+xml", ENTITY_BOMB
            try:
                self.send_response(status)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                for name, value in headers.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(body)
            except OSError:
                pass  # the client gave up (a timeout test)

    return Handler


@contextmanager
def serve(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeServices]:
    """The fakes running, with the `KDLINT_*_API` variables pointing at them (and no S2 key set)."""
    fake = FakeServices()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(fake))
    server.daemon_threads = True
    fake.port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
    thread.start()
    for service, variable in (("arxiv", "KDLINT_ARXIV_API"), ("dblp", "KDLINT_DBLP_API"), ("s2", "KDLINT_S2_API"),
                              ("crossref", "KDLINT_CROSSREF_API"), ("openreview", "KDLINT_OPENREVIEW_API")):
        monkeypatch.setenv(variable, fake.url(service))
    for variable in ("KDLINT_S2_KEY", "KDLINT_CONTACT"):
        monkeypatch.delenv(variable, raising=False)
    try:
        yield fake
    finally:
        server.shutdown()
        server.server_close()


class FakeClock:
    """A monotonic clock that only moves when something sleeps on it; it keeps every sleep."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.sleeps: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(round(seconds, 6))
        self.now += seconds


def make_lookup(cache_dir: Path | None, clock: FakeClock | None = None, *, timeout: float = 5.0,
                no_cache: bool = False, refresh: bool = False, cache_clock: Any = None,
                arxiv_batch: int = 100) -> Lookup:
    """A Lookup of the fakes (the environment `serve` set) whose waits go to `clock` (instant)."""
    clock = clock or FakeClock()
    options = resolve(cache_dir=cache_dir, timeout=timeout, no_cache=no_cache, refresh=refresh)
    return Lookup(options, limiters=Limiters(clock, clock.sleep), sleep=clock.sleep,
                  clock=cache_clock or time.time, arxiv_batch=arxiv_batch)
