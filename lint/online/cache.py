"""The on-disk cache of what the services said, one small JSON file per question.

A question is a service and a key: one arXiv id, one DOI, one DBLP title
search (the endpoint is part of the key, so a mirror has its own answers).
What is kept is the answer as kdlint read it (a `Paper`'s fields, "not
found", a list of search hits), never the HTTP exchange: no header, so no API
key, is ever written. Only answers are kept; a service that could not be asked
leaves nothing behind. An answer is good for its service's time-to-live,
judged by an injectable clock; `read=False` (refresh) asks again and keeps the
new answer. A cache that cannot be written is skipped, never an error.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import time
from collections.abc import Callable, Mapping
from dataclasses import fields
from pathlib import Path
from typing import Any

from ..settings import CacheTtl
from .record import Service

FORMAT = 1  # the layout of a cache file; a file of another format is a miss
DAY = 86400.0
DEFAULT_TTL_DAYS: dict[Service, float] = {Service(item.name): getattr(CacheTtl(), item.name)
                                           for item in fields(CacheTtl)}  # declared, documented, in kdlint.settings


def default_directory() -> Path:
    """The user's cache directory for kdlint's lookups (`$XDG_CACHE_HOME/kdlint/online` on Linux)."""
    import platformdirs  # here: only an online command needs it

    return Path(platformdirs.user_cache_dir("kdlint", appauthor=False)) / "online"


class AnswerCache:
    """Answers on disk under `directory`, one file per (service, key)."""

    def __init__(self, directory: Path, ttl_days: Mapping[Service, float] | None = None, *,
                 clock: Callable[[], float] = time.time, read: bool = True) -> None:
        self.directory = directory
        self.ttl_days = {**DEFAULT_TTL_DAYS, **(ttl_days or {})}
        self.read = read
        self._clock = clock
        self.write_error: str | None = None  # the first reason a file could not be written, for a caller to show

    def _path(self, service: Service, key: str) -> Path:
        digest = hashlib.sha256(f"{service.value}\n{key}".encode()).hexdigest()
        return self.directory / service.value / f"{digest}.json"

    def get(self, service: Service, key: str) -> Any | None:
        """The answer kept for the question, if it is younger than the service's time-to-live; else None."""
        ttl = self.ttl_days[service] * DAY
        if not self.read or ttl <= 0:
            return None
        try:
            stored = json.loads(self._path(service, key).read_bytes())
        except (OSError, ValueError):
            return None
        if not isinstance(stored, dict) or stored.get("format") != FORMAT or stored.get("key") != key:
            return None
        when = stored.get("stored")
        if not isinstance(when, (int, float)) or not when <= self._clock() < when + ttl:
            return None
        return stored.get("value")

    def put(self, service: Service, key: str, value: Any) -> None:
        """Keep an answer (written whole or not at all)."""
        if self.ttl_days[service] <= 0:
            return
        path = self._path(service, key)
        record = {"format": FORMAT, "service": service.value, "key": key, "stored": self._clock(), "value": value}
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".tmp")
            try:
                with os.fdopen(handle, "w", encoding="utf-8") as out:
                    json.dump(record, out, ensure_ascii=False)
                os.replace(temporary, path)
            except BaseException:
                Path(temporary).unlink(missing_ok=True)
                raise
        except OSError as exc:
            self.write_error = self.write_error or f"cannot write the cache in {self.directory} ({exc.strerror})"
