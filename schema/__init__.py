"""Data kdlint loads at run time: vocabularies and JSON Schemas (installed as kdlint.schema).

The vocabularies are written in TOML (venues.toml, code_labels.toml), which
people edit; kdlint reads their parsed copy in tables.json, because Python's
TOML parser would be a tenth of the start-up of a pre-commit run while its
JSON parser is written in C. `python -m kdlint.schema > schema/tables.json`
rewrites the copy, and a test keeps it equal to the TOML files.
"""

from __future__ import annotations

import json
import pkgutil
from functools import cache
from typing import Any

TABLES = ("venues.toml", "code_labels.toml")


def read_text(name: str) -> str:
    """The text of one data file of this package.

    Through the package's loader (pkgutil), which reads installed files and
    zipped packages alike; importlib.resources would do the same but costs
    kdlint a tenth of its start-up in imports.
    """
    data = pkgutil.get_data(__name__, name)
    if data is None:  # pragma: no cover - only loaders without get_data return None
        raise FileNotFoundError(name)
    return data.decode("utf-8")


@cache
def _tables() -> dict[str, Any]:
    tables: dict[str, Any] = json.loads(read_text("tables.json"))
    return tables


def table(name: str) -> dict[str, Any]:
    """One of the TABLES as parsed (from its copy in tables.json)."""
    found: dict[str, Any] = _tables()[name]
    return found


def compiled_tables() -> str:
    """The text of tables.json: every one of the TABLES, parsed."""
    import tomllib

    return json.dumps({name: tomllib.loads(read_text(name)) for name in TABLES}, ensure_ascii=False, indent=1) + "\n"
