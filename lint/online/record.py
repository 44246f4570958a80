"""A paper as a metadata service describes it, in one shape for every service."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Service(StrEnum):
    """Where a record came from; the value is the name shown in messages and used in settings."""

    ARXIV = "arxiv"
    DBLP = "dblp"
    SEMANTIC_SCHOLAR = "s2"
    CROSSREF = "crossref"
    OPENREVIEW = "openreview"


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

    @property
    def preprint(self) -> bool:
        """Not (yet) published anywhere but a preprint server."""
        return self.venue is None
