"""The venue vocabulary: canonical names, aliases and misspellings, periodicity, renames.

The shipped table is schema/venues.toml (validated by the `VenueTable` model,
whose JSON Schema is schema/venues.schema.json); a list adds venues and
aliases with the `venues` setting.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib.resources import files
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

_TRAILING_ACRONYM = re.compile(r"^.+\(\s*([A-Za-z][\w&\-]*)\s*\)\s*$")

Kind = Literal["conference", "workshop", "journal", "preprint"]
Periodicity = Literal["annual", "odd-years", "even-years", "irregular", "continuous"]


class Rename(BaseModel):
    """An earlier name, used up to and including `until` (NIPS until 2017)."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    name: str = Field(description="The earlier name.")
    until: int = Field(description="The last year the venue carried that name.")


class Venue(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field(description="The canonical spelling kdlint writes.")
    kind: Kind
    aliases: list[str] = Field(default_factory=list,
                               description="Other names and common misspellings; KD202 rewrites them to `name`.")
    periodicity: Periodicity | None = Field(
        None, description="When the venue meets; absent when not known for sure (then KD203 checks only the range).")
    first_year: int | None = Field(None, ge=1800, le=2100, description="The first year the venue existed.")
    periodicity_since: int | None = Field(
        None, description="The year `periodicity` began; earlier years are checked against `earlier_periodicity`.")
    earlier_periodicity: Periodicity | None = None
    renamed_from: list[Rename] = Field(default_factory=list, description="Earlier names of the venue.")
    parent: str | None = Field(None, description="For a workshop: the conference it belongs to.")
    notes: str = ""

    def periodicity_for(self, year: int) -> Periodicity | None:
        if self.periodicity_since is not None and year < self.periodicity_since:
            return self.earlier_periodicity
        return self.periodicity


class VenueTable(BaseModel):
    """schema/venues.toml."""

    model_config = ConfigDict(extra="forbid", title="kdlint venue vocabulary")

    venue: list[Venue]

    @model_validator(mode="after")
    def _unique(self) -> VenueTable:
        seen: dict[str, str] = {}
        for venue in self.venue:
            for spelling in [venue.name, *venue.aliases, *(r.name for r in venue.renamed_from)]:
                key = fold(spelling)
                if key in seen and seen[key] != venue.name:
                    raise ValueError(f"{spelling!r} names both {seen[key]!r} and {venue.name!r}")
                seen[key] = venue.name
        return self


def fold(name: str) -> str:
    """The key a venue spelling is looked up by: case and spacing folded."""
    return " ".join(name.replace("-", " ").split()).casefold()


@cache
def shipped() -> VenueTable:
    text = files("kdlint.schema").joinpath("venues.toml").read_text(encoding="utf-8")
    return VenueTable.model_validate(tomllib.loads(text))


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
        venues = list(shipped().venue)
        known = {fold(v.name): i for i, v in enumerate(venues)}
        for name, aliases in (extra or {}).items():
            kind = (extra_kinds or {}).get(name) or "conference"
            if fold(name) in known:  # extra aliases for a shipped venue
                i = known[fold(name)]
                venues[i] = venues[i].model_copy(update={"aliases": [*venues[i].aliases, *aliases]})
            else:
                venues.append(Venue(name=name, kind=kind, aliases=list(aliases)))  # type: ignore[arg-type]
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

        names = {fold(v.name): v.name for v in self.venues}
        spellings = list(self.by_spelling)
        hits = difflib.get_close_matches(fold(written), spellings, n=count * 3, cutoff=0.6)
        found: list[Venue] = []
        for hit in hits:
            venue = self.by_spelling[hit]
            if venue not in found:
                found.append(venue)
        # A workshop whose conference is suggested too adds nothing.
        names = [v.name for v in found if v.parent is None or all(w.name != v.parent for w in found)]
        return names[:count]

    def spellings(self) -> list[str]:
        """Every spelling, longest first (for scanning free text)."""
        seen = {s for v in self.venues for s in [v.name, *v.aliases, *(r.name for r in v.renamed_from)]}
        return sorted(seen, key=len, reverse=True)


if __name__ == "__main__":  # python -m kdlint.venues > schema/venues.schema.json
    from .schemas import schema_text

    print(schema_text(VenueTable.model_json_schema()), end="")
