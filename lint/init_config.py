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
import tomllib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .engine import Linter
from .house_style import rates
from .model import Document, LinkKind
from .ordering import infer_sort
from .source import InputError, SourceText

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


@dataclass
class Written:
    """Where `kdlint init` writes the configuration of a list, and what the file then holds."""

    target: Path
    content: str  # the whole file: an existing pyproject.toml with the table appended
    inferred: Inferred
    in_pyproject: bool

    def summary(self) -> str:
        parts = [f"sort = {self.inferred.sort}"]
        for count, what in ((len(self.inferred.skip_sections), "sections skipped"),
                            (len(self.inferred.code_labels), "code labels"), (len(self.inferred.venues), "venues")):
            if count:
                parts.append(f"{count} {what}")
        return f"Wrote {'[tool.kdlint] to ' if self.in_pyproject else ''}{self.target}: {'; '.join(parts)}."


def infer_from(source: SourceText) -> Inferred:
    """What `kdlint init` infers from the list `source`."""
    linter = Linter()
    return infer(linter.parse(source), linter)


def plan(source: SourceText, list_file: str) -> Written:
    """The configuration inferred from the list `list_file` (read as `source`), for the pyproject.toml beside
    it, or a new .kdlint.toml there when there is none; validated as kdlint will read it. An InputError when
    that directory already has a configuration."""
    from .config import parse_settings
    from .config_files import load_file

    inferred = infer_from(source)
    directory = Path(list_file).resolve().parent
    pyproject, dotfile = directory / "pyproject.toml", directory / ".kdlint.toml"
    if dotfile.exists():
        raise InputError(f"{dotfile}: already exists; edit it, or remove it and run `kdlint init` again")
    if pyproject.exists():
        if load_file(pyproject) is not None:
            raise InputError(f"{pyproject}: already has [tool.kdlint]; edit it, or remove the table and run "
                             "`kdlint init` again")
        text = render(inferred, list_file, "tool.kdlint")
        existing = pyproject.read_text(encoding="utf-8")
        content = existing + ("" if existing.endswith("\n") or not existing else "\n") + "\n" + text
        written = Written(pyproject, content, inferred, in_pyproject=True)
    else:
        text = render(inferred, list_file, "")
        written = Written(dotfile, text, inferred, in_pyproject=False)
    table = tomllib.loads(text)
    parse_settings(table.get("tool", {}).get("kdlint", table), written.target, str(written.target))
    return written

