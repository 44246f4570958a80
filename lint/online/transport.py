"""HTTP for the metadata services: one polite GET, with its failures turned into reasons.

`Transport.get` waits its turn (`kdlint.online.rate`), sends the request with
kdlint's User-Agent and a timeout, and retries a service that says it is busy
(HTTP 429 or 503, or a service's own sign like arXiv's "Rate exceeded."),
after the `Retry-After` it names or a short backoff, a bounded number of times
within a bounded total wait. A service that cannot be asked raises
`Unavailable` with a short reason; after a timeout, a refused connection or
throttling that did not end, the service is left alone for the rest of the run
(the same reason at once), so a list of a thousand entries does not wait a
thousand timeouts. Any other answer, 404 included, is the caller's to read.
"""

from __future__ import annotations

import email.utils
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import NoReturn

import requests

from .. import __version__
from .rate import Limiters, Sleep
from .record import Service

PROJECT_URL = "https://github.com/kdlint/kdlint"
MAX_BODY = 16 * 1024 * 1024  # no answer of these services is near this; a larger one is not theirs
BUSY_STATUSES = frozenset({429, 503})
MAX_ATTEMPTS = 3
MAX_WAIT = 60.0  # seconds of Retry-After and backoff one request may add up before kdlint gives up


def user_agent(contact: str | None) -> str:
    """`kdlint/0.2.0 (+https://github.com/kdlint/kdlint; mailto:someone@example.org)`: who asks, and how to
    reach them (an address becomes a `mailto:`, a URL stays as it is)."""
    parts = [f"+{PROJECT_URL}"]
    if contact:
        parts.append(contact if "://" in contact or contact.startswith("mailto:") or "@" not in contact
                     else f"mailto:{contact}")
    return f"kdlint/{__version__} ({'; '.join(parts)})"


@dataclass(frozen=True, slots=True)
class Reply:
    """A service's answer: its status, body and the one header kdlint reads."""

    status: int
    body: bytes
    retry_after: str | None = None

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", errors="replace")


class Unavailable(Exception):
    """The service could not be asked (down, slow, throttling); `reason` is short and safe to print."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class BadAnswer(Exception):
    """The service answered with what is not its format; `reason` is short and safe to print."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def retry_after_seconds(value: str | None, now: datetime | None = None) -> float | None:
    """A `Retry-After` header in seconds (it may give seconds or an HTTP date); None if absent or unreadable."""
    if value is None:
        return None
    text = value.strip()
    if text.isdigit():
        return float(text)
    try:
        when = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


class Transport:
    """GET requests to the services, spaced by `limiters`, retried while a service is busy."""

    def __init__(self, *, user_agent: str, timeout: float, limiters: Limiters,
                 session: requests.Session | None = None, sleep: Sleep = time.sleep,
                 max_attempts: int = MAX_ATTEMPTS, max_wait: float = MAX_WAIT) -> None:
        self.timeout = timeout
        self.limiters = limiters
        self.session = session or requests.Session()
        self.session.headers["User-Agent"] = user_agent
        self.max_attempts = max_attempts
        self.max_wait = max_wait
        self._sleep = sleep
        self._down: dict[Service, str] = {}
        self.requests_sent = 0

    def close(self) -> None:
        self.session.close()

    def get(self, service: Service, url: str, params: Mapping[str, str] | None = None,
            headers: Mapping[str, str] | None = None, busy: Callable[[Reply], bool] | None = None) -> Reply:
        """The service's answer to one GET; `busy` recognises a service's own "slow down" in a 200 answer.

        Raises Unavailable when it could not be had, BadAnswer when it is too large to be the service's.
        """
        if service in self._down:
            raise Unavailable(self._down[service])
        waited = 0.0
        for attempt in range(1, self.max_attempts + 1):
            self.limiters[service].wait()
            reply = self._send(service, url, params, headers)
            is_busy = reply.status in BUSY_STATUSES or (reply.status == 200 and busy is not None and busy(reply))
            if not is_busy:
                if reply.status >= 500:
                    raise Unavailable(f"HTTP {reply.status}")
                return reply
            what = f"HTTP {reply.status}" if reply.status != 200 else "a throttling notice"
            named = retry_after_seconds(reply.retry_after)
            backoff = float(2 ** (attempt - 1)) * max(1.0, self.limiters[service].interval)
            delay = named if named is not None else backoff
            if attempt == self.max_attempts:
                self._give_up(service, f"throttled ({what}, {self.max_attempts} attempts)")
            if waited + delay > self.max_wait:
                self._give_up(service, f"throttled ({what}, asked to wait {delay:g} s; kdlint waits at most "
                                       f"{self.max_wait:g} s)")
            self._sleep(delay)
            waited += delay
        raise AssertionError("unreachable: the last attempt returns or gives up")

    def _give_up(self, service: Service, reason: str) -> NoReturn:
        self._down[service] = reason
        raise Unavailable(reason)

    def _send(self, service: Service, url: str, params: Mapping[str, str] | None,
              headers: Mapping[str, str] | None) -> Reply:
        started = time.monotonic()
        self.requests_sent += 1
        try:
            # A request with a header of its own (an API key) follows no redirect: requests would carry the
            # header to wherever the redirect points; the redirect is then the answer, "HTTP 302".
            with self.session.get(url, params=dict(params or {}), headers=dict(headers or {}),
                                  timeout=self.timeout, stream=True, allow_redirects=not headers) as response:
                chunks: list[bytes] = []
                size = 0
                for chunk in response.iter_content(chunk_size=65536):
                    size += len(chunk)
                    if size > MAX_BODY:
                        raise BadAnswer(f"an answer larger than {MAX_BODY // (1024 * 1024)} MB")
                    if time.monotonic() - started > self.timeout:
                        self._give_up(service, f"no complete answer within {self.timeout:g} s")
                    chunks.append(chunk)
                return Reply(response.status_code, b"".join(chunks), response.headers.get("Retry-After"))
        except requests.Timeout:
            self._give_up(service, f"no answer within {self.timeout:g} s")
        except requests.ConnectionError:
            self._give_up(service, "cannot connect")
        except requests.RequestException as exc:
            self._give_up(service, f"the request failed ({type(exc).__name__})")
