"""What the paper metadata services said about a list's entries: what the KD6xx rules read.

`kdlint verify` fills it in (`kdlint.verify`); every other command leaves
`Context.metadata` empty, so the KD6xx rules find nothing there and never
reach the network. Keys do not depend on line numbers, so the same metadata
holds for the text of every pass of a fix: a record is found by the entry's
identifier (`arxiv:2104.09044`), a title-only match by the entry's title as
`titles.identity` folds it.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from .model import Entry, PaperId
from .online.record import Paper, Service
from .titles import identity


@dataclass(frozen=True, slots=True)
class Metadata:
    """Records by identifier, published versions of preprints by identifier, and published papers matched by
    title, first author and year alone (for entries without an identifier; only ever a suggestion)."""

    records: Mapping[str, Paper] = field(default_factory=dict)  # str(PaperId) -> that identifier's record
    published: Mapping[str, Paper] = field(default_factory=dict)  # str(PaperId) -> its published version
    by_title: Mapping[str, Paper] = field(default_factory=dict)  # identity(title) -> a published paper

    def record(self, entry: Entry) -> tuple[PaperId, Paper] | None:
        """The first of the entry's identifiers that has a record, with it."""
        for pid in entry.paper_ids:
            found = self.records.get(str(pid))
            if found is not None:
                return pid, found
        return None

    def published_version(self, entry: Entry) -> tuple[PaperId, Paper] | None:
        for pid in entry.paper_ids:
            found = self.published.get(str(pid))
            if found is not None:
                return pid, found
        return None

    def title_match(self, entry: Entry) -> Paper | None:
        return self.by_title.get(identity(entry.title)) if entry.title and not entry.paper_ids else None


PAPER_FIELDS = {f.name for f in fields(Paper)}

# How messages name the services.
SERVICE_NAMES = {Service.ARXIV: "arXiv", Service.DBLP: "DBLP", Service.SEMANTIC_SCHOLAR: "Semantic Scholar",
                 Service.CROSSREF: "Crossref", Service.OPENREVIEW: "OpenReview", Service.LIST: "the list"}


def source(paper: Paper) -> str:
    """Where a record comes from, for a message: `DBLP conf/cvpr/HeZRS16`."""
    return f"{SERVICE_NAMES[paper.service]} {paper.source_key}"


def paper_from_json(value: Mapping[str, Any]) -> Paper:
    """A `Paper` from its JSON form (the field names; `authors` a list); KeyError/TypeError/ValueError when it
    is not one."""
    unknown = set(value) - PAPER_FIELDS
    if unknown:
        raise ValueError(f"unknown fields {sorted(unknown)}")
    data = dict(value)
    data["service"] = Service(data["service"])
    data["authors"] = tuple(data["authors"])
    return Paper(**data)


def load(path: Path) -> Metadata:
    """Metadata written as JSON: `{"records": {ID: PAPER}, "published": {ID: PAPER}, "by_title": {TITLE:
    PAPER}}` (each optional; a TITLE as written, folded here). The per-rule fixtures use it."""
    raw = json.loads(path.read_text(encoding="utf-8"))
    return Metadata(records={key: paper_from_json(v) for key, v in raw.get("records", {}).items()},
                    published={key: paper_from_json(v) for key, v in raw.get("published", {}).items()},
                    by_title={identity(key): paper_from_json(v) for key, v in raw.get("by_title", {}).items()})

