"""Data kdlint loads at run time: vocabularies and JSON Schemas (installed as kdlint.schema)."""

from __future__ import annotations

import pkgutil


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
