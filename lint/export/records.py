"""What `kdlint export` writes: one record per paper entry, as kdlint read it.

The records are plain frozen dataclasses, built without pydantic so that
`--format csv` and `--format bibtex` never import it; `json_format.py` hands
the same classes to a pydantic TypeAdapter, which serialises them and
generates schema/export.schema.json from them. Each class's
`__pydantic_config__` and the docstrings under its fields are what that
schema says of it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar, Literal

from ..model import Document, Entry, Layout, VenueYear, is_year
from ..vocabulary import Vocabulary

VenueKind = Literal["conference", "workshop", "journal", "preprint"]
LinkKindName = Literal["paper", "code", "other"]

_SCHEMA: dict[str, Any] = {"extra": "forbid", "use_attribute_docstrings": True}


@dataclass(frozen=True)
class VenueRecord:
    """One `Venue Year` pair of an entry."""

    __pydantic_config__: ClassVar[dict[str, Any]] = _SCHEMA

    venue: str | None
    """The venue as written; null when the entry gives a year alone."""
    canonical: str | None
    """The vocabulary's name for the venue (`NeurIPS` for `NIPS`); null when the vocabulary does not know it."""
    kind: VenueKind | None
    """What the venue is, by the vocabulary; null when it does not know the venue."""
    year: str | None
    """The year as written (not always four digits); null when the pair has none."""

    @property
    def year_ok(self) -> bool:
        return self.year is not None and is_year(self.year)


@dataclass(frozen=True)
class LinkRecord:
    """A link of the entry: `[label](url)`, `[[label]](url)` or a bare URL."""

    __pydantic_config__: ClassVar[dict[str, Any]] = _SCHEMA

    label: str
    """The label as written; empty for a bare URL."""
    url: str
    kind: LinkKindName
    """`paper` (the paper or a copy of it), `code`, or `other` (project pages, videos...)."""


@dataclass(frozen=True)
class IdentifierRecord:
    """A paper identifier read from the entry's links."""

    __pydantic_config__: ClassVar[dict[str, Any]] = _SCHEMA

    kind: str
    """`arxiv`, `doi`, `openreview`, `cvf`, `neurips`, `acl` or `pmlr`."""
    value: str
    """`1503.02531` for arxiv, `10.1007/s11263-021-01453-z` for doi."""


@dataclass(frozen=True)
class ExportRecord:
    """One paper entry of a list, as kdlint read it."""

    __pydantic_config__: ClassVar[dict[str, Any]] = {**_SCHEMA, "title": "kdlint export record"}

    path: str
    """The list's path as given on the command line (`-` for standard input)."""
    line: int
    """The entry's first line (1-based)."""
    end_line: int
    """The entry's last line, inclusive."""
    section: tuple[str, ...]
    """The headings the entry is under, from the top, as written."""
    layout: Layout
    """How the entry is written (`bold` is the canonical layout; `kdlint.readers` documents each)."""
    title: str | None
    """The title as written; null when kdlint found none."""
    venues: tuple[VenueRecord, ...]
    """The entry's `Venue Year` pairs, in the order written."""
    authors: tuple[str, ...]
    """The author names, in order; empty when the entry names none."""
    paper_url: str | None
    """The paper's own link (its sub-bullet, else the first link to the paper); null when there is none."""
    links: tuple[LinkRecord, ...]
    """Every link of the entry, in the order written."""
    identifiers: tuple[IdentifierRecord, ...]
    """The paper identifiers its links carry."""

    @property
    def year(self) -> str | None:
        """The first well-formed year of the entry's pairs."""
        return next((pair.year for pair in self.venues if pair.year_ok), None)

    def identifier(self, kind: str) -> str | None:
        """The value of the first identifier of `kind` (`arxiv`, `doi`...), if any."""
        return next((ident.value for ident in self.identifiers if ident.kind == kind), None)


def layout(entry: Entry) -> Layout:
    """How `entry` is written. The one place that reads it, so that renaming the field is a one-line change."""
    return entry.style


def venue_record(pair: VenueYear, vocabulary: Vocabulary) -> VenueRecord:
    """A pair with what the vocabulary knows of its venue."""
    year = int(pair.year) if pair.year is not None and pair.year_ok else None
    match = vocabulary.venues.lookup(pair.venue, year) if pair.venue else None
    return VenueRecord(venue=pair.venue, canonical=match.venue.name if match else None,
                       kind=match.venue.kind if match else None, year=pair.year)


def record(path: str, entry: Entry, vocabulary: Vocabulary) -> ExportRecord:
    paper = entry.paper_link
    return ExportRecord(
        path=path,
        line=entry.line,
        end_line=entry.end_line,
        section=entry.section,
        layout=layout(entry),
        title=entry.title,
        venues=tuple(venue_record(pair, vocabulary) for pair in entry.venues),
        authors=entry.authors.names if entry.authors else (),
        paper_url=paper.url if paper else None,
        links=tuple(LinkRecord(label=link.label, url=link.url, kind=link.kind.value) for link in entry.links),
        identifiers=tuple(IdentifierRecord(kind=pid.kind, value=pid.value) for pid in entry.paper_ids),
    )


def records(path: str, document: Document, vocabulary: Vocabulary) -> list[ExportRecord]:
    """The records of `document`'s paper entries (those of the sections that hold papers), in source order."""
    return [record(path, entry, vocabulary) for entry in document.entries]
