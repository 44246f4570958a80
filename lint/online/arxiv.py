"""The arXiv API: many ids in one request (`id_list`), the Atom feed read into `Paper`s.

The feed is parsed with defusedxml, which refuses entity declarations and
external references (XML from the network). arXiv's own habits: a throttled
client gets the plain text "Rate exceeded." with HTTP 200; a malformed id gets
one entry titled "Error" whose id is under `/api/errors`; an id arXiv does not
have gets no entry (older versions of the API gave an entry without a title).
A withdrawn paper says so in its comment or abstract.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import Any

from .client import ServiceClient
from .ids import arxiv_id
from .record import NotFound, NotVerified, Paper, Service
from .text import author_name, clean
from .transport import BadAnswer, Reply, Unavailable

ATOM = "{http://www.w3.org/2005/Atom}"
ARXIV = "{http://arxiv.org/schemas/atom}"
BATCH = 100  # ids per request: a URL of about 1.2 kB
_WITHDRAWN_COMMENT = re.compile(r"(?:has been|is|was|been) withdrawn|withdrawn by\b|^\W*withdrawn\b|"
                                r"\bpaper withdrawn\b", re.IGNORECASE)
_WITHDRAWN_SUMMARY = re.compile(r"\bthis (?:paper|article|manuscript|submission|work|version|preprint|report) "
                                r"(?:has been|is being|is|was) withdrawn\b|^\W*withdrawn\b", re.IGNORECASE)
_ABS = re.compile(r"/abs/(?P<id>.+?)/?$")


def rate_notice(reply: Reply) -> bool:
    """arXiv's "Rate exceeded." (plain text, HTTP 200): it is throttling this client."""
    return reply.body.lstrip().startswith(b"Rate exceeded")


def withdrawn(comment: str | None, summary: str | None) -> bool:
    """Whether an entry's comment or abstract says the paper was withdrawn."""
    return bool((comment and _WITHDRAWN_COMMENT.search(comment)) or (summary and _WITHDRAWN_SUMMARY.search(summary)))


def _child_text(element: Any, tag: str) -> str | None:
    child = element.find(tag)
    if child is None or child.text is None:
        return None
    return clean(child.text) or None


class Feed:
    """An Atom answer read: the papers by id, and the messages of its error entries."""

    def __init__(self, body: bytes) -> None:
        from defusedxml import DefusedXmlException
        from defusedxml.ElementTree import ParseError, fromstring

        try:
            root = fromstring(body)
        except (ParseError, DefusedXmlException, ValueError):
            raise BadAnswer("arXiv answered with what is not an Atom feed") from None
        if root.tag != f"{ATOM}feed":
            raise BadAnswer("arXiv answered with what is not an Atom feed")
        self.papers: dict[str, Paper] = {}
        self.errors: list[str] = []
        for entry in root.iter(f"{ATOM}entry"):
            self._read(entry)

    def _read(self, entry: Any) -> None:
        entry_id = _child_text(entry, f"{ATOM}id") or ""
        if "/api/errors" in entry_id:
            self.errors.append(_child_text(entry, f"{ATOM}summary") or _child_text(entry, f"{ATOM}title") or "error")
            return
        match = _ABS.search(entry_id)
        found = arxiv_id(match["id"]) if match else None
        title = _child_text(entry, f"{ATOM}title")
        if found is None or title is None:
            return  # not a paper: an id arXiv does not have, in the older API's form
        names = [author_name(name.text or "") for name in entry.iterfind(f"{ATOM}author/{ATOM}name")]
        published = _child_text(entry, f"{ATOM}published") or ""
        doi = _child_text(entry, f"{ARXIV}doi")
        self.papers[found] = Paper(
            service=Service.ARXIV, source_key=f"arXiv:{found}", title=title,
            authors=tuple(name for name in names if name),
            year=int(published[:4]) if published[:4].isdigit() else None,
            arxiv_id=found, doi=doi.lower() if doi else None, url=f"https://arxiv.org/abs/{found}",
            withdrawn=withdrawn(_child_text(entry, f"{ARXIV}comment"), _child_text(entry, f"{ATOM}summary")),
            journal_ref=_child_text(entry, f"{ARXIV}journal_ref"))


class ArxivClient(ServiceClient):
    """Papers by arXiv id, `batch` ids to a request."""

    service = Service.ARXIV

    def __init__(self, *args: Any, batch: int = BATCH, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.batch = batch

    def fetch(self, ids: Sequence[str]) -> Iterator[tuple[str, Paper | NotFound | NotVerified]]:
        """Each id (canonical, see `kdlint.online.ids.arxiv_id`) with its answer, kept answers first, then
        the others as each batch's answer arrives."""
        asked: list[str] = []
        for one in dict.fromkeys(ids):
            kept = self.cached(one)
            if kept is None:
                asked.append(one)
            else:
                yield one, kept
        for start in range(0, len(asked), self.batch):
            yield from self._batch(asked[start : start + self.batch])

    def _batch(self, ids: list[str]) -> Iterator[tuple[str, Paper | NotFound | NotVerified]]:
        try:
            reply = self.transport.get(self.service, self.endpoint,
                                       {"id_list": ",".join(ids), "max_results": str(len(ids))}, busy=rate_notice)
            if reply.status != 200:
                raise BadAnswer(f"HTTP {reply.status}")
            feed = Feed(reply.body)
        except (Unavailable, BadAnswer) as exc:
            for one in ids:
                yield one, NotVerified(self.service, exc.reason)
            return
        for one in ids:
            refused = [message for message in feed.errors if one in message]
            answer: Paper | NotFound | NotVerified
            if refused:
                answer = NotFound(self.service, f"arXiv refused the id ({refused[0]})")
            elif one in feed.papers:
                answer = feed.papers[one]
            elif feed.errors:
                answer = NotVerified(self.service, f"arXiv answered the batch with an error ({feed.errors[0]})")
            else:
                answer = NotFound(self.service, f"arXiv has no paper arXiv:{one}")
            if not isinstance(answer, NotVerified):
                self.keep(one, answer)
            yield one, answer
