"""The Semantic Scholar Graph API: `/paper/arXiv:ID` (or `/paper/DOI:...`) read into a `Paper`.

The API key, when there is one, goes in the `x-api-key` header and nowhere
else: not in the URL, the cache key, a reason or a repr. A preprint's venue is
"arXiv.org" (or empty); only another venue counts as published.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from .client import ServiceClient
from .ids import arxiv_id
from .payload import listed, mapping, parse_json, text, year
from .record import NotFound, NotVerified, Paper, Service
from .text import author_name
from .transport import BadAnswer, Transport, Unavailable

FIELDS = "title,authors,year,venue,publicationVenue,externalIds,publicationTypes"
_PREPRINT_VENUES = frozenset({"arxiv", "arxiv.org", "corr"})


def _venue(data: dict[str, Any]) -> str | None:
    named = data.get("publicationVenue")
    name = text(named.get("name")) if isinstance(named, dict) else None
    name = name or text(data.get("venue"))
    return None if name is None or name.casefold() in _PREPRINT_VENUES else name


def parse_paper(body: bytes) -> Paper:
    """The paper of a `/paper/...` answer."""
    data = mapping(parse_json(body, Service.SEMANTIC_SCHOLAR), "Semantic Scholar's answer")
    title = text(data.get("title"))
    if title is None:
        raise BadAnswer("Semantic Scholar's answer has no title")
    external = data.get("externalIds")
    if not isinstance(external, dict):
        external = {}
    doi = text(external.get("DOI"))
    doi = doi.lower() if doi and not doi.lower().startswith("10.48550/") else None  # arXiv's own DOI: a preprint
    arxiv = text(external.get("ArXiv"))
    dblp = text(external.get("DBLP"))
    names = [author_name(item["name"]) for item in listed(data.get("authors"))
             if isinstance(item, dict) and isinstance(item.get("name"), str)]
    paper_id = text(data.get("paperId"))
    return Paper(service=Service.SEMANTIC_SCHOLAR, source_key=doi or dblp or f"S2:{paper_id}", title=title,
                 authors=tuple(name for name in names if name), year=year(data.get("year")), venue=_venue(data),
                 arxiv_id=arxiv_id(arxiv) if arxiv else None, doi=doi,
                 url=f"https://www.semanticscholar.org/paper/{paper_id}" if paper_id else None)


class SemanticScholarClient(ServiceClient):
    """Papers by arXiv id or DOI."""

    service = Service.SEMANTIC_SCHOLAR

    def __init__(self, transport: Transport, endpoint: str, cache: Any = None, *, api_key: str | None = None) -> None:
        super().__init__(transport, endpoint, cache)
        self._api_key = api_key

    def __repr__(self) -> str:
        return f"SemanticScholarClient({self.endpoint!r}, key={'set' if self._api_key else 'unset'})"

    def paper(self, *, arxiv: str | None = None, doi: str | None = None) -> Paper | NotFound | NotVerified:
        """The record of an arXiv id (preferred) or a DOI."""
        name = f"arXiv:{arxiv}" if arxiv else f"DOI:{doi}"
        kept = self.cached(name)
        if kept is not None:
            return kept
        headers = {"x-api-key": self._api_key} if self._api_key else {}
        try:
            reply = self.transport.get(self.service, f"{self.endpoint}/paper/{quote(name, safe=':/')}",
                                       {"fields": FIELDS}, headers=headers)
            if reply.status == 404:
                answer: Paper | NotFound = NotFound(self.service, f"Semantic Scholar has no paper {name}")
            elif reply.status != 200:
                raise BadAnswer(f"HTTP {reply.status}")
            else:
                answer = parse_paper(reply.body)
        except (Unavailable, BadAnswer) as exc:
            return NotVerified(self.service, exc.reason)
        self.keep(name, answer)
        return answer
