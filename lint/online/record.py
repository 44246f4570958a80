"""A paper as a metadata service describes it, in one shape for every service, and the two other answers a
lookup can give: the service does not know the identifier (`NotFound`), or it could not be asked (`NotVerified`)."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from enum import StrEnum
from typing import Any


class Service(StrEnum):
    """Where a record came from; the value is the name shown in messages and used in settings."""

    ARXIV = "arxiv"
    DBLP = "dblp"
    SEMANTIC_SCHOLAR = "s2"
    CROSSREF = "crossref"
    OPENREVIEW = "openreview"
    LIST = "list"  # an entry of the list itself, read as a preprint to match by title (`kdlint.verify`)


@dataclass(frozen=True, slots=True, kw_only=True)
class Paper:
    """One paper's metadata.

    `venue` is the published venue as the service spells it (`None` for a preprint
    that is not published); the vocabulary (`kdlint.venues`) turns it into the list's
    spelling. `source_key` names the record for a reader of a message: a DBLP key
    (`conf/cvpr/HeZRS16`), a DOI, an arXiv id or an OpenReview forum id.
    """

    service: Service
    source_key: str
    title: str
    authors: tuple[str, ...]
    year: int | None
    venue: str | None = None
    arxiv_id: str | None = None  # without version: `2104.09044`, `cs/0112017`
    doi: str | None = None  # lower-case, without `https://doi.org/`
    openreview_id: str | None = None
    url: str | None = None  # the paper's canonical page
    withdrawn: bool = False  # an arXiv paper its authors withdrew
    journal_ref: str | None = None  # arXiv's `journal_ref`, as the authors wrote it: a hint, not a record

    @property
    def preprint(self) -> bool:
        """Not (yet) published anywhere but a preprint server."""
        return self.venue is None

    def to_json(self) -> dict[str, Any]:
        """The paper as plain JSON values (the on-disk cache holds it)."""
        return asdict(self)

    @classmethod
    def from_json(cls, data: object) -> Paper:
        """A paper `to_json` wrote; ValueError for anything else (a cache file of another version, or damaged)."""
        if not isinstance(data, dict):
            raise ValueError("not a JSON object")
        try:
            values = dict(data, service=Service(data["service"]), authors=tuple(data["authors"]))
            paper = cls(**values)
        except (KeyError, TypeError) as exc:
            raise ValueError(f"not a paper record ({exc})") from None
        texts = (paper.source_key, paper.title, *paper.authors)
        optional = (paper.venue, paper.arxiv_id, paper.doi, paper.openreview_id, paper.url, paper.journal_ref)
        if (not all(isinstance(value, str) for value in texts)
                or not all(value is None or isinstance(value, str) for value in optional)
                or not (paper.year is None or type(paper.year) is int) or type(paper.withdrawn) is not bool):
            raise ValueError("not a paper record (a field of the wrong type)")
        return paper


@dataclass(frozen=True, slots=True)
class NotFound:
    """The service answered, and it has no record of the identifier (or the identifier cannot be one)."""

    service: Service
    reason: str


@dataclass(frozen=True, slots=True)
class NotVerified:
    """The service could not be asked: down, slow, throttling, or answering what is not its format.

    `reason` is short and safe to print (no URL with a key, no payload); a caller counts these, it never
    reports them as findings.
    """

    service: Service
    reason: str


Outcome = Paper | NotFound | NotVerified  # what looking up one identifier gives
