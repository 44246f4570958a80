"""What every service's client shares: its endpoint, the transport, and the cache of its answers."""

from __future__ import annotations

from typing import ClassVar

from .cache import AnswerCache
from .payload import decode, encode
from .record import NotFound, Paper, Service
from .transport import Transport


class ServiceClient:
    """A client of one service; a subclass names it (`service`) and reads its payloads."""

    service: ClassVar[Service]

    def __init__(self, transport: Transport, endpoint: str, cache: AnswerCache | None = None) -> None:
        self.transport = transport
        self.endpoint = endpoint.rstrip("/")
        self.cache = cache

    def cache_key(self, question: str) -> str:
        """The cache's key of a question to this endpoint (never a header, so never an API key)."""
        return f"{self.endpoint} {question}"

    def cached(self, question: str) -> Paper | NotFound | None:
        """The kept answer to `question`, or None: not kept, too old, refreshing, or unreadable."""
        if self.cache is None:
            return None
        data = self.cache.get(self.service, self.cache_key(question))
        if data is None:
            return None
        try:
            return decode(data, self.service)
        except ValueError:
            return None

    def keep(self, question: str, answer: Paper | NotFound) -> None:
        """Keep an answer (never a `NotVerified`: a failure is asked again next time)."""
        if self.cache is not None:
            self.cache.put(self.service, self.cache_key(question), encode(answer))
