"""The published version of a preprint: DBLP first, Semantic Scholar when DBLP cannot say.

A DBLP hit is the paper when its title is as good as the same
(`TITLE_SIMILARITY`), its first author is the preprint's first author (family
names compared, `kdlint.online.text.same_person`), and its year is plausible
for the preprint's (a year before it, for a paper posted after the
conference, up to `YEARS_AFTER` after). CoRR hits never count (`kdlint.online.dblp`
leaves them out). Of several matches (a conference paper and its journal
version) the earliest wins, then the most alike. Semantic Scholar, asked by
arXiv id or DOI, is the fallback: its record is the paper's, so its venue is
taken when it is not arXiv's.
"""

from __future__ import annotations

from .dblp import DblpClient
from .record import NotVerified, Paper, Service
from .semantic_scholar import SemanticScholarClient
from .text import same_person, title_similarity

TITLE_SIMILARITY = 92.0
YEARS_BEFORE, YEARS_AFTER = 1, 5


def _plausible_year(preprint: Paper, candidate: Paper) -> bool:
    if preprint.year is None or candidate.year is None:
        return True
    return preprint.year - YEARS_BEFORE <= candidate.year <= preprint.year + YEARS_AFTER


def _same_first_author(preprint: Paper, candidate: Paper) -> bool:
    if not preprint.authors or not candidate.authors:
        return False
    return same_person(preprint.authors[0], candidate.authors[0])


def best_match(preprint: Paper, candidates: list[Paper]) -> Paper | None:
    """The candidate that is the preprint's published version, or None."""
    scored = []
    for candidate in candidates:
        similarity = title_similarity(preprint.title, candidate.title)
        if (similarity >= TITLE_SIMILARITY and candidate.venue is not None and _plausible_year(preprint, candidate)
                and _same_first_author(preprint, candidate)):
            scored.append((candidate.year or 9999, -similarity, candidate))
    if not scored:
        return None
    scored.sort(key=lambda item: (item[0], item[1]))
    return scored[0][2]


def find_published(preprint: Paper, dblp: DblpClient, s2: SemanticScholarClient) -> Paper | NotVerified | None:
    """The published version of `preprint` (a DBLP record, or Semantic Scholar's), None when neither service
    knows one, NotVerified when no service that could know it answered."""
    hits = dblp.search(preprint.title)
    if isinstance(hits, list):
        found = best_match(preprint, hits)
        if found is not None:
            return found
    if preprint.arxiv_id is None and preprint.doi is None:
        return hits if isinstance(hits, NotVerified) else None
    record = s2.paper(arxiv=preprint.arxiv_id, doi=None if preprint.arxiv_id else preprint.doi)
    if isinstance(record, Paper) and record.venue is not None:
        return record
    if isinstance(record, NotVerified):
        if isinstance(hits, NotVerified):
            return NotVerified(Service.DBLP, f"{hits.reason}; Semantic Scholar: {record.reason}")
        return record
    return hits if isinstance(hits, NotVerified) else None

