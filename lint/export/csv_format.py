"""`kdlint export --format csv`: one row per entry under a header of fixed columns.

A column that holds several values joins them with `; ` (a URL never holds a
space, so the separator is unambiguous there too). Venues are spelled as the
vocabulary names them when it knows them, so that rows can be counted by venue.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from .records import ExportRecord, VenueRecord

COLUMNS = ("path", "line", "section", "layout", "title", "venues", "year", "authors", "paper_url", "code_urls",
           "identifiers")
SEPARATOR = "; "
SECTION_SEPARATOR = " > "


def venue_text(pair: VenueRecord) -> str:
    """`CVPR 2019`: the canonical venue when known, else as written, then the year as written."""
    return " ".join(part for part in (pair.canonical or pair.venue, pair.year) if part)


def row(found: ExportRecord) -> list[str]:
    return [
        found.path,
        str(found.line),
        SECTION_SEPARATOR.join(found.section),
        found.layout,
        found.title or "",
        SEPARATOR.join(venue_text(pair) for pair in found.venues),
        found.year or "",
        SEPARATOR.join(found.authors),
        found.paper_url or "",
        SEPARATOR.join(link.url for link in found.links if link.kind == "code"),
        SEPARATOR.join(f"{ident.kind}:{ident.value}" for ident in found.identifiers),
    ]


def render_csv(found: Sequence[ExportRecord]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    writer.writerows(row(r) for r in found)
    return out.getvalue()
