"""The venue vocabulary: canonical names, aliases and misspellings, periodicity, renames.

The shipped table is schema/venues.toml (read from its parsed copy in
schema/tables.json); its schema is the pydantic model in `kdlint.venue_table`
(schema/venues.schema.json), which the tests hold the shipped table to, so
that reading it here needs no pydantic. A list adds venues and aliases with
the `venues` setting.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import cache
from typing import Any, Literal

from .fields import doc
from .schema import table

_TRAILING_ACRONYM = re.compile(r"^.+\(\s*([A-Za-z][\w&\-]*)\s*\)\s*$")

Kind = Literal["conference", "workshop", "journal", "preprint"]
Periodicity = Literal["annual", "odd-years", "even-years", "irregular", "continuous"]


Year = int  # 1800-2100 (`kdlint.venue_table` validates it)


@dataclass(frozen=True)
class Rename:
    """An earlier name, used up to and including `until` (NIPS until 2017)."""

    name: str = field(metadata=doc("The earlier name."))
    until: int = field(metadata=doc("The last year the venue carried that name."))


@dataclass(frozen=True, kw_only=True)
class Venue:
    """One venue of the vocabulary: a row of schema/venues.toml."""

    name: str = field(metadata=doc("The canonical spelling kdlint writes."))
    kind: Kind = field(metadata=doc("What the venue is."))
    aliases: tuple[str, ...] = field(
        default=(), metadata=doc("Other names and common misspellings; KD202 rewrites them to `name`."))
    periodicity: Periodicity | None = field(default=None, metadata=doc(
        "When the venue meets; absent when not known for sure (then KD203 checks only the range)."))
    first_year: Year | None = field(default=None, metadata=doc("The first year the venue existed."))
    periodicity_since: int | None = field(default=None, metadata=doc(
        "The year `periodicity` began; earlier years are checked against `earlier_periodicity`."))
    earlier_periodicity: Periodicity | None = field(
        default=None, metadata=doc("When the venue met before `periodicity_since`."))
    renamed_from: tuple[Rename, ...] = field(default=(), metadata=doc("Earlier names of the venue."))
    parent: str | None = field(default=None, metadata=doc("For a workshop: the conference it belongs to."))
    notes: str = field(default="", metadata=doc("Why a fact is as it is, for the maintainers of the table."))

    @classmethod
    def from_row(cls, row: Mapping[str, Any]) -> Venue:
        """A row of venues.toml (valid by the schema: a test validates the shipped table)."""
        values = dict(row)
        values["aliases"] = tuple(values.get("aliases", ()))
        values["renamed_from"] = tuple(Rename(**r) for r in values.get("renamed_from", ()))
        return cls(**values)

    def periodicity_for(self, year: int) -> Periodicity | None:
        if self.periodicity_since is not None and year < self.periodicity_since:
            return self.earlier_periodicity
        return self.periodicity


def fold(name: str) -> str:
    """The key a venue spelling is looked up by: case and spacing folded."""
    return " ".join(name.replace("-", " ").split()).casefold()


@cache
def shipped() -> tuple[Venue, ...]:
    """The rows of schema/venues.toml."""
    return tuple(Venue.from_row(row) for row in table("venues.toml")["venue"])


@dataclass(frozen=True)
class Match:
    venue: Venue
    canonical: bool  # written exactly as the canonical name
    historical: bool  # an earlier name, used in a year it was current


@dataclass(frozen=True)
class VenueIndex:
    """Look venue spellings up: canonical names, aliases, renames, a list's own venues."""

    venues: tuple[Venue, ...]
    by_spelling: Mapping[str, Venue] = field(repr=False)

    @classmethod
    def build(cls, extra: Mapping[str, Iterable[str]] | None = None,
              extra_kinds: Mapping[str, str | None] | None = None) -> VenueIndex:
        venues = list(shipped())
        known = {fold(v.name): i for i, v in enumerate(venues)}
        for name, aliases in (extra or {}).items():
            kind = (extra_kinds or {}).get(name) or "conference"
            if fold(name) in known:  # extra aliases for a shipped venue
                i = known[fold(name)]
                venues[i] = replace(venues[i], aliases=(*venues[i].aliases, *aliases))
            else:
                venues.append(Venue(name=name, kind=kind, aliases=tuple(aliases)))  # type: ignore[arg-type]
                known[fold(name)] = len(venues) - 1
        by_spelling: dict[str, Venue] = {}
        for venue in venues:
            for spelling in [*venue.aliases, *(r.name for r in venue.renamed_from), venue.name]:
                by_spelling[fold(spelling)] = venue
        return cls(tuple(venues), by_spelling)

    def lookup(self, written: str, year: int | None = None) -> Match | None:
        venue = self.by_spelling.get(fold(written))
        if venue is None:
            # "Picture Coding Symposium (PCS)": the acronym in the trailing parentheses.
            m = _TRAILING_ACRONYM.match(written)
            venue = self.by_spelling.get(fold(m.group(1))) if m else None
            if venue is None:
                return None
            return Match(venue=venue, canonical=False, historical=False)
        historical = year is not None and any(
            fold(r.name) == fold(written) and year <= r.until for r in venue.renamed_from)
        return Match(venue=venue, canonical=written == venue.name, historical=historical)

    def closest(self, written: str, count: int = 3) -> list[str]:
        import difflib

        spellings = list(self.by_spelling)
        hits = difflib.get_close_matches(fold(written), spellings, n=count * 3, cutoff=0.6)
        found: list[Venue] = []
        for hit in hits:
            venue = self.by_spelling[hit]
            if venue not in found:
                found.append(venue)
        # A workshop whose conference is suggested too adds nothing.
        kept = [v.name for v in found if v.parent is None or all(w.name != v.parent for w in found)]
        return kept[:count]

    def spellings(self) -> list[str]:
        """Every spelling, longest first (for scanning free text)."""
        seen = {s for v in self.venues for s in [v.name, *v.aliases, *(r.name for r in v.renamed_from)]}
        return sorted(seen, key=len, reverse=True)
