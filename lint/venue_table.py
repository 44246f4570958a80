"""The schema of schema/venues.toml, the shipped venue vocabulary: pydantic models derived from `kdlint.venues`.

`kdlint.venues.Venue` and `Rename` declare each field once (type, default,
documentation); the models here are made from them (`schemas.model_of`), with
the one rule a single row cannot state: no spelling names two venues.
`python -m kdlint.venue_table > schema/venues.schema.json` writes the JSON
Schema. kdlint reads the shipped table into the plain records without
validating it on every run; the tests validate it with `VenueTable`.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

from .schemas import model_of
from .venues import Rename as RenameRecord
from .venues import Venue as VenueRecord
from .venues import fold

VALIDATED: dict[str, Any] = {"Year": Annotated[int, Field(ge=1800, le=2100)]}
VALIDATED["Rename"] = Rename = model_of(RenameRecord, VALIDATED, ConfigDict(populate_by_name=True))
Venue = model_of(VenueRecord, VALIDATED, ConfigDict(frozen=True))


class VenueTable(BaseModel):
    """schema/venues.toml."""

    model_config = ConfigDict(extra="forbid", title="kdlint venue vocabulary")

    venue: list[Venue]  # type: ignore[valid-type]  # a model made at import time

    @model_validator(mode="after")
    def _unique(self) -> VenueTable:
        seen: dict[str, str] = {}
        rows: list[Any] = self.venue  # the rows as `Venue` models (a class made at import time)
        for venue in rows:
            for spelling in [venue.name, *venue.aliases, *(r.name for r in venue.renamed_from)]:
                key = fold(spelling)
                if key in seen and seen[key] != venue.name:
                    raise ValueError(f"{spelling!r} names both {seen[key]!r} and {venue.name!r}")
                seen[key] = venue.name
        return self


if __name__ == "__main__":  # python -m kdlint.venue_table > schema/venues.schema.json
    from .schemas import schema_text

    print(schema_text(VenueTable.model_json_schema()), end="")
