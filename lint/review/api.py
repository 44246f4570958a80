"""The GitHub API as the review bot uses it: one client, its errors read, and when to try again.

Rate limits (429; 403 with Retry-After or no requests remaining) are waited
out up to RATE_LIMIT_WAIT over a run; 5xx, timeouts and dropped connections
are retried with backoff (`delay`). Errors become one line (`describe_error`).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

ATTEMPTS = 4
TIMEOUT = 30  # seconds for one request
RATE_LIMIT_WAIT = 300.0  # seconds a run waits, in all, for a rate limit to lift
ACTIONS_LOGIN = "github-actions[bot]"  # who GITHUB_TOKEN writes as; `GET /user` is closed to it


class PostError(Exception):
    """Posting failed in a way the user must hear about; the message is one line."""


def raw(obj: Any, key: str) -> Any:
    """A field as the API sent it: PyGithub would fetch the object again for a field the list left out."""
    return (getattr(obj, "_rawData", None) or {}).get(key)


def status_of(exc: Exception) -> int | None:
    return getattr(exc, "status", None)


def _retry_after(exc: Exception) -> float | None:
    headers = getattr(exc, "headers", None) or {}
    value = next((v for k, v in headers.items() if k.lower() == "retry-after"), None)
    try:
        return float(value) if value is not None else None
    except ValueError:
        return None


def _header(exc: Exception, name: str) -> str | None:
    headers = getattr(exc, "headers", None) or {}
    return next((str(v) for k, v in headers.items() if k.lower() == name), None)


def rate_limited(exc: Exception) -> bool:
    """429, or a 403 that says it is a rate limit (primary: no requests remaining; secondary: Retry-After)."""
    status = status_of(exc)
    return status == 429 or (status == 403 and (_header(exc, "retry-after") is not None
                                                or _header(exc, "x-ratelimit-remaining") == "0"))


def transient(exc: Exception) -> bool:
    """A server error, a timeout or a dropped connection: worth another try."""
    import requests

    status = status_of(exc)
    return (status is not None and status >= 500) or isinstance(exc, (requests.Timeout, requests.ConnectionError))


def delay(exc: Exception, attempt: int, now: Callable[[], float] = time.time) -> float | None:
    """How long to wait before trying again after `exc`; None when trying again cannot help."""
    if rate_limited(exc):
        after = _retry_after(exc)
        if after is not None:
            return max(after, 1.0)
        reset = _header(exc, "x-ratelimit-reset")
        if reset is not None and reset.isdigit():
            return max(float(reset) - now(), 1.0)
        return 60.0  # GitHub: wait at least a minute when a secondary limit gives no time
    if transient(exc):
        return min(_retry_after(exc) or 2.0 ** attempt, 60.0)
    return None


def describe_error(exc: Exception) -> str:
    data = getattr(exc, "data", None)
    message = data.get("message") if isinstance(data, dict) else None
    return f"{status_of(exc) or type(exc).__name__}: {message or 'request failed'}"


def client(token: str | None, api_url: str) -> Any:
    from github import Auth, Github

    return Github(auth=Auth.Token(token) if token else None, base_url=api_url.rstrip("/"), retry=None, timeout=TIMEOUT,
                  seconds_between_requests=None, seconds_between_writes=None, lazy=True)


def own_login(gh: Any, token: str | None) -> str:
    """The login the token writes as: `GET /user` for a personal or app user token, else GitHub Actions' bot."""
    from github import GithubException

    if not token:
        return ACTIONS_LOGIN
    try:
        return str(gh.get_user().login)
    except GithubException:
        return ACTIONS_LOGIN
