"""Politeness: at most one request to a service every so many seconds, per process.

arXiv asks for no more than one request every three seconds, DBLP for about
one a second. A `RateLimiter` spaces the requests of one service; `Limiters`
holds one per service with the spacing below. `shared_limiters()` is the
process's own set, so two lookups in one run still take turns; tests make a
`Limiters` of their own with a fake clock and sleep.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from .record import Service

Clock = Callable[[], float]
Sleep = Callable[[float], None]

SPACING: dict[Service, float] = {  # seconds between two requests to the service
    Service.ARXIV: 3.0,
    Service.DBLP: 1.0,
    Service.SEMANTIC_SCHOLAR: 1.0,  # the rate of an API key; the keyless pool is shared by everyone
    Service.CROSSREF: 0.2,
    Service.OPENREVIEW: 0.5,
}


class RateLimiter:
    """Makes each `wait()` return no sooner than `interval` seconds after the previous one returned."""

    def __init__(self, interval: float, clock: Clock = time.monotonic, sleep: Sleep = time.sleep) -> None:
        self.interval = interval
        self._clock = clock
        self._sleep = sleep
        self._last: float | None = None
        self._lock = threading.Lock()

    def wait(self) -> float:
        """Block until the next request may go; returns how long it slept."""
        with self._lock:
            now = self._clock()
            slept = 0.0
            if self._last is not None and now < self._last + self.interval:
                slept = self._last + self.interval - now
                self._sleep(slept)
                now = max(self._clock(), self._last + self.interval)
            self._last = now
            return slept


class Limiters:
    """One `RateLimiter` per service, with the `SPACING` of each."""

    def __init__(self, clock: Clock = time.monotonic, sleep: Sleep = time.sleep) -> None:
        self._by_service = {service: RateLimiter(interval, clock, sleep) for service, interval in SPACING.items()}

    def __getitem__(self, service: Service) -> RateLimiter:
        return self._by_service[service]


_SHARED: list[Limiters] = []
_SHARED_LOCK = threading.Lock()


def shared_limiters() -> Limiters:
    """The process's limiters (made on first use)."""
    with _SHARED_LOCK:
        if not _SHARED:
            _SHARED.append(Limiters())
        return _SHARED[0]
