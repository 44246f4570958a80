"""Vocabularies: the tables shipped in the package (schema/ in the source tree),
extended by a list's own configuration."""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib.resources import files


def _load_toml(name: str) -> dict[str, object]:
    return tomllib.loads(files("kdlint.schema").joinpath(name).read_text(encoding="utf-8"))


@cache
def shipped_code_labels() -> dict[str, tuple[str, ...]]:
    table = _load_toml("code_labels.toml")["labels"]
    assert isinstance(table, dict)
    return {canonical: tuple(variants) for canonical, variants in table.items()}


def spelling_table(labels: Mapping[str, tuple[str, ...] | list[str]]) -> dict[str, str]:
    """Every known spelling, case-folded, to its canonical label."""
    spellings: dict[str, str] = {}
    for canonical, variants in labels.items():
        spellings[canonical.casefold()] = canonical
        for variant in variants:
            spellings[variant.casefold()] = canonical
    return spellings


@dataclass(frozen=True)
class Vocabulary:
    """What the parser and the rules know of labels and venues for one list."""

    code_labels: Mapping[str, str] = field(default_factory=lambda: spelling_table(shipped_code_labels()))
    extra_venues: frozenset[str] = frozenset()  # case-folded names and aliases from the configuration

    @classmethod
    def extended(cls, code_labels: Mapping[str, list[str]], venues: Mapping[str, list[str]]) -> Vocabulary:
        labels = {**shipped_code_labels(), **{k: tuple(v) for k, v in code_labels.items()}}
        names = {name.casefold() for name in venues} | {a.casefold() for aliases in venues.values() for a in aliases}
        return cls(code_labels=spelling_table(labels), extra_venues=frozenset(names))


DEFAULT = Vocabulary()
