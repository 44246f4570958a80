"""DBLP's publication search: `result.hits.hit[].info` read into `Paper`s of the published versions.

DBLP's JSON has its quirks: `authors.author` is a list, or one object for a
paper of one author (each `{"@pid": ..., "text": "Kaiming He 0001"}`, the
number telling namesakes apart, dropped here); `venue` is a string or a list;
`year` is a string; `hit` is missing when nothing matched; titles end with a
period. Preprints (type "Informal Publications", or "Informal and Other
Publications", venue "CoRR") are left out of the answer: what is searched for
here is where a paper was published.
"""

from __future__ import annotations

import re
from typing import Any

from .client import ServiceClient
from .payload import listed, mapping, parse_json, text, year
from .record import NotVerified, Paper, Service
from .text import author_name, fold
from .transport import BadAnswer, Unavailable

HITS = 10
_VOLUME = re.compile(r" \(\d+\)$")  # "ECCV (12)": the 12th volume of the proceedings


def _venue(value: Any) -> str | None:
    names = [name for name in (text(item) for item in listed(value)) if name]
    formal = [name for name in names if name != "CoRR"]
    return _VOLUME.sub("", formal[0]) if formal else None


def _informal(info: dict[str, Any]) -> bool:
    kind = text(info.get("type")) or ""
    return kind.startswith("Informal") or "CoRR" in [text(item) for item in listed(info.get("venue"))]


def _author(value: Any) -> str | None:
    name = value.get("text") if isinstance(value, dict) else value
    return author_name(name) if isinstance(name, str) and name.strip() else None


def hit_paper(info: dict[str, Any]) -> Paper | None:
    """The published paper one hit describes; None for a preprint or a hit without a title or key."""
    title, key = text(info.get("title")), text(info.get("key"))
    if title is None or key is None or _informal(info):
        return None
    authors = mapping(info.get("authors") or {}, "a DBLP hit's authors")
    doi = text(info.get("doi"))
    return Paper(service=Service.DBLP, source_key=key, title=title.removesuffix("."),
                 authors=tuple(name for name in map(_author, listed(authors.get("author"))) if name),
                 year=year(info.get("year")), venue=_venue(info.get("venue")),
                 doi=doi.lower() if doi else None, url=text(info.get("ee")) or text(info.get("url")))


def parse_hits(body: bytes) -> list[Paper]:
    """The published papers of a search answer, in DBLP's order."""
    result = mapping(mapping(parse_json(body, Service.DBLP), "DBLP's answer").get("result"), "DBLP's result")
    hits = mapping(result.get("hits"), "DBLP's hits")
    papers = []
    for hit in listed(hits.get("hit")):
        paper = hit_paper(mapping(mapping(hit, "a DBLP hit").get("info"), "a DBLP hit's info"))
        if paper is not None:
            papers.append(paper)
    return papers


def query(title: str) -> str:
    """A title as DBLP's search is asked for it: its words, without the punctuation its syntax reads."""
    return fold(title)


class DblpClient(ServiceClient):
    """The published versions of a title, by DBLP's search."""

    service = Service.DBLP

    def search(self, title: str) -> list[Paper] | NotVerified:
        """The published (not CoRR) papers DBLP finds for a title."""
        words = query(title)
        if not words:
            return []
        key = self.cache_key(f"q={words}")
        if self.cache is not None:
            kept = self.cache.get(self.service, key)
            if isinstance(kept, list):
                try:
                    return [Paper.from_json(item) for item in kept]
                except ValueError:
                    pass
        try:
            reply = self.transport.get(self.service, self.endpoint, {"q": words, "format": "json", "h": str(HITS)})
            if reply.status != 200:
                raise BadAnswer(f"HTTP {reply.status}")
            papers = parse_hits(reply.body)
        except (Unavailable, BadAnswer) as exc:
            return NotVerified(self.service, exc.reason)
        if self.cache is not None:
            self.cache.put(self.service, key, [paper.to_json() for paper in papers])
        return papers
