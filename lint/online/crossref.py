"""Crossref's `/works/DOI`: `message` read into a `Paper`.

`title` and `container-title` are lists (the first is the one); authors are
`{given, family}` (an organisation has `name`); the year is the first of
`issued`, `published-print`, `published-online`, `created` that has one, each
`{"date-parts": [[2016, 6, 27]]}`. A work of type `posted-content` is a
preprint. Crossref answers an unknown DOI with 404 and a plain-text body.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from .client import ServiceClient
from .payload import listed, mapping, parse_json, text, year
from .record import NotFound, NotVerified, Paper, Service
from .text import clean
from .transport import BadAnswer, Unavailable

_DATES = ("issued", "published-print", "published-online", "created")


def _first(value: Any) -> str | None:
    for item in listed(value):
        found = text(item)
        if found:
            return found
    return None


def _year(message: dict[str, Any]) -> int | None:
    for name in _DATES:
        date = message.get(name)
        parts = date.get("date-parts") if isinstance(date, dict) else None
        if isinstance(parts, list) and parts and isinstance(parts[0], list) and parts[0]:
            found = year(parts[0][0])
            if found:
                return found
    return None


def _author(value: Any) -> str | None:
    if not isinstance(value, dict):
        return None
    given, family = text(value.get("given")), text(value.get("family"))
    name = " ".join(part for part in (given, family) if part) or text(value.get("name"))
    return clean(name) if name else None


def parse_work(body: bytes) -> Paper:
    """The paper of a `/works/DOI` answer."""
    message = mapping(mapping(parse_json(body, Service.CROSSREF), "Crossref's answer").get("message"),
                      "Crossref's message")
    title, doi = _first(message.get("title")), text(message.get("DOI"))
    if title is None or doi is None:
        raise BadAnswer("Crossref's message has no title or no DOI")
    preprint = message.get("type") == "posted-content"
    return Paper(service=Service.CROSSREF, source_key=doi.lower(), title=title,
                 authors=tuple(name for name in map(_author, listed(message.get("author"))) if name),
                 year=_year(message), venue=None if preprint else _first(message.get("container-title")),
                 doi=doi.lower(), url=f"https://doi.org/{doi.lower()}")


class CrossrefClient(ServiceClient):
    """Works by DOI."""

    service = Service.CROSSREF

    def work(self, doi: str) -> Paper | NotFound | NotVerified:
        """The record of a DOI (lower-case, as `kdlint.online.ids.canonical` gives it)."""
        kept = self.cached(doi)
        if kept is not None:
            return kept
        try:
            reply = self.transport.get(self.service, f"{self.endpoint}/works/{quote(doi, safe='/')}")
            if reply.status == 404:
                answer: Paper | NotFound = NotFound(self.service, f"Crossref has no work doi:{doi}")
            elif reply.status != 200:
                raise BadAnswer(f"HTTP {reply.status}")
            else:
                answer = parse_work(reply.body)
        except (Unavailable, BadAnswer) as exc:
            return NotVerified(self.service, exc.reason)
        self.keep(doi, answer)
        return answer
