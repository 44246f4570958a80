"""The one entry point of `kdlint add` and `kdlint verify` into the metadata services.

    lookup = Lookup.from_settings(settings.online, origin=settings.origin, progress=bar)
    answers = lookup.fetch(entry_ids)          # {PaperId: Paper | NotFound | NotVerified}
    newer = lookup.published(answers[paper_id])  # Paper | None | NotVerified

`fetch` asks each identifier's service: arXiv ids in batches (`id_list`),
DOIs of Crossref, OpenReview ids of OpenReview; an identifier of a kind no
service knows (cvf, neurips, ...) is left out of the answer (`supports`).
Kept answers come from the cache first. Nothing here raises for what a
service does: down, slow, throttling or answering garbage gives `NotVerified`
with a short reason, for the caller to count.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from types import TracebackType

import requests

from ..model import PaperId
from ..settings import OnlineSettings
from .arxiv import BATCH, ArxivClient
from .cache import AnswerCache, default_directory
from .crossref import CrossrefClient
from .dblp import DblpClient
from .ids import LOOKED_UP, canonical
from .openreview import OpenReviewClient
from .options import OnlineOptions, resolve
from .published import find_published
from .rate import Limiters, Sleep, shared_limiters
from .record import NotFound, NotVerified, Outcome, Paper, Service
from .semantic_scholar import SemanticScholarClient
from .text import clean
from .transport import Transport, user_agent

Progress = Callable[[int, int], None]  # (identifiers answered, identifiers asked)
_MALFORMED = {"arxiv": (Service.ARXIV, "not a valid arXiv identifier"),
              "doi": (Service.CROSSREF, "not a valid DOI"),
              "openreview": (Service.OPENREVIEW, "not a valid OpenReview id")}


class Lookup:
    """Paper metadata by identifier, and the published versions of preprints."""

    def __init__(self, options: OnlineOptions, *, progress: Progress | None = None,
                 limiters: Limiters | None = None, sleep: Sleep = time.sleep,
                 clock: Callable[[], float] = time.time, session: requests.Session | None = None,
                 arxiv_batch: int = BATCH) -> None:
        self.options = options
        self.progress = progress
        self.transport = Transport(user_agent=user_agent(clean(options.contact or "") or None),
                                   timeout=options.timeout, limiters=limiters or shared_limiters(),
                                   session=session, sleep=sleep)
        self.cache = None if options.no_cache else AnswerCache(
            options.cache_dir or default_directory(), options.ttl_days, clock=clock, read=not options.refresh)
        endpoints = options.endpoints
        self.arxiv = ArxivClient(self.transport, endpoints[Service.ARXIV], self.cache, batch=arxiv_batch)
        self.dblp = DblpClient(self.transport, endpoints[Service.DBLP], self.cache)
        self.s2 = SemanticScholarClient(self.transport, endpoints[Service.SEMANTIC_SCHOLAR], self.cache,
                                        api_key=options.s2_key)
        self.crossref = CrossrefClient(self.transport, endpoints[Service.CROSSREF], self.cache)
        self.openreview = OpenReviewClient(self.transport, endpoints[Service.OPENREVIEW], self.cache)

    @classmethod
    def from_settings(cls, settings: OnlineSettings | None = None, env: Mapping[str, str] | None = None, *,
                      origin: Path | None = None, cache_dir: Path | None = None, contact: str | None = None,
                      timeout: float | None = None, no_cache: bool = False, refresh: bool = False,
                      progress: Progress | None = None) -> Lookup:
        """A lookup configured as `kdlint.online.options.resolve` says (command line > environment > file)."""
        options = resolve(settings, env, origin=origin, cache_dir=cache_dir, contact=contact, timeout=timeout,
                          no_cache=no_cache, refresh=refresh)
        return cls(options, progress=progress)

    def __enter__(self) -> Lookup:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        self.transport.close()

    @property
    def requests_sent(self) -> int:
        """How many HTTP requests this lookup has sent (retries included)."""
        return self.transport.requests_sent

    @staticmethod
    def supports(paper_id: PaperId) -> bool:
        """Whether some service is asked about identifiers of this kind."""
        return paper_id.kind in LOOKED_UP

    def fetch(self, ids: Iterable[PaperId]) -> dict[PaperId, Outcome]:
        """The answer for each identifier (keyed as given), each service asked once per identifier."""
        by_form: dict[PaperId, list[PaperId]] = {}
        answers: dict[PaperId, Outcome] = {}
        for given in ids:
            if not self.supports(given):
                continue
            form = canonical(given)
            if form is None:
                service, reason = _MALFORMED[given.kind]
                answers[given] = NotFound(service, reason)
            else:
                by_form.setdefault(form, []).append(given)
        total, done = len(by_form), 0

        def answer(form: PaperId, outcome: Outcome) -> None:
            nonlocal done
            for given in by_form[form]:
                answers[given] = outcome
            done += 1
            if self.progress is not None:
                self.progress(done, total)

        arxiv = [form.value for form in by_form if form.kind == "arxiv"]
        for value, outcome in self.arxiv.fetch(arxiv):
            answer(PaperId("arxiv", value), outcome)
        for form in by_form:
            if form.kind == "doi":
                answer(form, self.crossref.work(form.value))
            elif form.kind == "openreview":
                answer(form, self.openreview.note(form.value))
        return answers

    def published(self, paper: Paper) -> Paper | NotVerified | None:
        """The published version of a preprint (a DBLP record, or Semantic Scholar's); the paper itself when
        it is published already; None when no service knows a published version."""
        if not paper.preprint:
            return paper
        return find_published(paper, self.dblp, self.s2)
