"""`kdlint init`: a configuration inferred from an existing list.

It records the list's own conventions so that a maintainer of a large legacy
list starts from a configuration that fits it, then tightens it: the order
its sections keep, the sections that hold no papers, the code-link labels and
the venues it uses that kdlint's vocabularies lack, and the canonical-format
rules that every entry of the list breaks (a list that never gives authors).
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field

from .diagnostics import Diagnostic
from .engine import Linter
from .model import Document, LinkKind
from .ordering import infer_sort

# Format rules that describe a list's convention when (nearly) every entry breaks them.
CONVENTION_RULES = ("KD101", "KD102", "KD103", "KD104", "KD105")
CONVENTION_SHARE = 0.9


@dataclass
class Inferred:
    sort: str
    skip_sections: list[str]
    ignore: dict[str, str] = field(default_factory=dict)  # code -> why
    code_labels: dict[str, int] = field(default_factory=dict)  # label -> uses
    venues: dict[str, int] = field(default_factory=dict)  # venue -> uses


def infer(document: Document, found: list[Diagnostic], linter: Linter) -> Inferred:
    entries = document.bold_entries
    result = Inferred(sort=infer_sort(document), skip_sections=[s.title for s in document.skipped_sections])
    per_rule = Counter(d.code for d in found if d.code in CONVENTION_RULES)
    for code in CONVENTION_RULES:
        if entries and per_rule[code] >= CONVENTION_SHARE * len(entries):
            result.ignore[code] = f"{per_rule[code]} of {len(entries)} entries: {_why(code)}"
    labels: Counter[str] = Counter()
    for entry in document.entries:
        for link in entry.links:
            label = link.label.strip()
            if (link.kind is LinkKind.CODE and link.double_brackets and label
                    and label.casefold() not in linter.vocabulary.code_labels):
                labels[label] += 1
    result.code_labels = dict(sorted(labels.items()))
    venues: Counter[str] = Counter(pair.venue for entry in entries for pair in entry.venues
                                   if pair.venue and linter.vocabulary.venues.lookup(pair.venue) is None)
    result.venues = dict(sorted(venues.items()))
    return result


def _why(code: str) -> str:
    return {
        "KD101": "the list does not bold its titles",
        "KD102": "the list does not give venues",
        "KD103": "the list does not give years",
        "KD104": "the list does not link its papers",
        "KD105": "the list does not give authors",
    }[code]


def _string(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a valid TOML basic string


def _key(name: str) -> str:
    return name if name.replace("-", "").replace("_", "").isalnum() and name.isascii() else _string(name)


def render(inferred: Inferred, source_name: str, table: str) -> str:
    """TOML text; `table` is "tool.kdlint" for pyproject.toml, "" for .kdlint.toml."""
    prefix = f"{table}." if table else ""
    lines = []
    if table:
        lines.append(f"[{table}]")
    lines.append(f"# Written by `kdlint init {source_name}` from the list as it was; tighten it from here.")
    if inferred.sort == "none":
        lines.append('sort = "none"  # no order is clear enough to keep')
    else:
        lines.append(f"sort = {_string(inferred.sort)}")
    if inferred.skip_sections:
        lines.append(f"skip-sections = [{', '.join(_string(s) for s in inferred.skip_sections)}]")
    if inferred.ignore:
        lines.append("ignore = [")
        for code, why in inferred.ignore.items():
            lines.append(f"    {_string(code)},  # {why}")
        lines.append("]")
    if inferred.code_labels:
        lines.append("")
        lines.append(f"[{prefix}code-labels]")
        for label, uses in inferred.code_labels.items():
            lines.append(f"{_key(label)} = []  # used {uses}×")
    for venue, uses in inferred.venues.items():
        lines.append("")
        lines.append(f"[{prefix}venues.{_key(venue)}]  # used {uses}×; add `kind` and `aliases` as they apply")
    return "\n".join(lines) + "\n"
