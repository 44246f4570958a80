"""The schema of schema/venues.toml, the shipped venue vocabulary, as pydantic models.

`python -m kdlint.venue_table > schema/venues.schema.json` writes its JSON
Schema. kdlint reads the shipped table into the plain records of
`kdlint.venues` without validating it on every run; the tests validate it
with `VenueTable` and keep the two field lists the same.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, model_validator

from .venues import Kind, Periodicity, fold


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


if __name__ == "__main__":  # python -m kdlint.venue_table > schema/venues.schema.json
    from .schemas import schema_text

    print(schema_text(VenueTable.model_json_schema()), end="")
