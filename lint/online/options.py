"""What a lookup is configured with, from the command line, the environment and `[tool.kdlint.online]`.

Precedence is Ruff's: a command-line option (the keyword arguments of
`resolve`) over an environment variable over the configuration file over the
default. The variables: `KDLINT_ARXIV_API`, `KDLINT_DBLP_API`,
`KDLINT_S2_API`, `KDLINT_CROSSREF_API`, `KDLINT_OPENREVIEW_API`,
`KDLINT_CONTACT`, and `KDLINT_S2_KEY`, the Semantic Scholar API key, which is
read from the environment only (a key does not belong in a committed file)
and is never shown: `OnlineOptions` leaves it out of its repr.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path

from ..settings import ConfigError, OnlineSettings, check_endpoint
from .record import Service

ENDPOINT_VARIABLES: dict[Service, tuple[str, str]] = {  # the variable, and the setting's field
    Service.ARXIV: ("KDLINT_ARXIV_API", "arxiv_api"),
    Service.DBLP: ("KDLINT_DBLP_API", "dblp_api"),
    Service.SEMANTIC_SCHOLAR: ("KDLINT_S2_API", "s2_api"),
    Service.CROSSREF: ("KDLINT_CROSSREF_API", "crossref_api"),
    Service.OPENREVIEW: ("KDLINT_OPENREVIEW_API", "openreview_api"),
}
CONTACT_VARIABLE = "KDLINT_CONTACT"
S2_KEY_VARIABLE = "KDLINT_S2_KEY"


@dataclass(frozen=True, kw_only=True)
class OnlineOptions:
    """Everything a `kdlint.online.lookup.Lookup` needs to know, resolved."""

    endpoints: dict[Service, str]
    contact: str | None = None
    timeout: float = 20.0
    cache_dir: Path | None = None  # None: the user's cache directory
    ttl_days: dict[Service, float] = field(default_factory=dict)
    no_cache: bool = False
    refresh: bool = False
    s2_key: str | None = field(default=None, repr=False)


def resolve(settings: OnlineSettings | None = None, env: Mapping[str, str] | None = None, *,
            origin: Path | None = None, cache_dir: Path | None = None, contact: str | None = None,
            timeout: float | None = None, no_cache: bool = False, refresh: bool = False) -> OnlineOptions:
    """The options of a run: the keyword arguments (the command line) over `env` (the process's environment
    when None) over `settings` (read from the file at `origin`) over the defaults. A bad endpoint in the
    environment is a ConfigError (one line, exit 2)."""
    table = settings or OnlineSettings()
    environment = os.environ if env is None else env
    endpoints = {}
    for service, (variable, name) in ENDPOINT_VARIABLES.items():
        written = environment.get(variable, "").strip()
        if written:
            try:
                check_endpoint(written)
            except ValueError as exc:
                raise ConfigError(f"${variable}: {exc}") from None
        endpoints[service] = written or getattr(table, name)
    folder = cache_dir
    if folder is None and table.cache_dir is not None:
        folder = Path(table.cache_dir)
        if origin is not None and not folder.is_absolute():
            folder = origin.parent / folder
    ttl = {Service(item.name): float(getattr(table.cache_ttl, item.name)) for item in fields(table.cache_ttl)}
    return OnlineOptions(endpoints=endpoints, contact=contact or environment.get(CONTACT_VARIABLE) or table.contact,
                         timeout=timeout if timeout is not None else table.timeout, cache_dir=folder, ttl_days=ttl,
                         no_cache=no_cache, refresh=refresh, s2_key=environment.get(S2_KEY_VARIABLE) or None)
