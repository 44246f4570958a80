"""`kdlint init`: a configuration inferred from an existing list.

It records the list's own conventions so that a maintainer of a large legacy
list starts from a configuration that fits it, then tightens it: the order
its sections keep, the sections that hold no papers, the code-link labels and
the venues it uses that kdlint's vocabularies lack. The layout and the house
style kdlint read (what the entries give) are written as a comment: the
format rules already follow them (`kdlint.house_style`), so `init` never
proposes ignoring a rule because a list keeps a convention of its own.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field

from .engine import Linter
from .house_style import rates
from .model import Document, LinkKind
from .ordering import infer_sort

PARTS = ("venues", "years", "authors", "paper links")


@dataclass
class Inferred:
    sort: str
    skip_sections: list[str]
    layouts: dict[str, int] = field(default_factory=dict)  # entry style -> entries
    gives: dict[str, bool] = field(default_factory=dict)  # part -> whether the house style gives it
    code_labels: dict[str, int] = field(default_factory=dict)  # label -> uses
    venues: dict[str, int] = field(default_factory=dict)  # venue -> uses


def infer(document: Document, linter: Linter) -> Inferred:
    entries = document.bold_entries
    result = Inferred(sort=infer_sort(document), skip_sections=[s.title for s in document.skipped_sections])
    result.layouts = dict(Counter(e.style for e in document.entries).most_common())
    if document.entries:
        result.gives = dict(zip(PARTS, (rate >= 0.5 for rate in rates(document.entries))))
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
    if inferred.layouts:
        layouts = ", ".join(f"{style} ({count})" for style, count in inferred.layouts.items())
        given = [part for part, yes in inferred.gives.items() if yes]
        missing = [part for part, yes in inferred.gives.items() if not yes]
        style = f"entries give {', '.join(given) or 'nothing kdlint reads'}"
        style += f"; not {', '.join(missing)}" if missing else ""
        lines.append(f"# Read as: {layouts}; {style} (the format rules follow this house style).")
    if inferred.code_labels:
        lines.append("")
        lines.append(f"[{prefix}code-labels]")
        for label, uses in inferred.code_labels.items():
            lines.append(f"{_key(label)} = []  # used {uses}×")
    for venue, uses in inferred.venues.items():
        lines.append("")
        lines.append(f"[{prefix}venues.{_key(venue)}]  # used {uses}×; add `kind` and `aliases` as they apply")
    return "\n".join(lines) + "\n"
