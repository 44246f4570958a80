"""Vocabularies shipped in the package (schema/ in the source tree)."""

from __future__ import annotations

import tomllib
from functools import cache
from importlib.resources import files


def _load_toml(name: str) -> dict[str, object]:
    return tomllib.loads(files("kdlint.schema").joinpath(name).read_text(encoding="utf-8"))


@cache
def code_labels() -> dict[str, str]:
    """Map every known spelling, case-folded, to its canonical code label."""
    table = _load_toml("code_labels.toml")["labels"]
    assert isinstance(table, dict)
    spellings: dict[str, str] = {}
    for canonical, variants in table.items():
        spellings[canonical.casefold()] = canonical
        for variant in variants:
            spellings[variant.casefold()] = canonical
    return spellings
