"""`kdlint export`: what kdlint read of a list, one record per paper entry, as JSON, CSV or BibTeX.

`records.py` builds the records from a parsed document; each format has a
module of its own with one renderer, imported only when that format is
written (the JSON one imports pydantic, the BibTeX one bibtexparser).
"""

from __future__ import annotations

from collections.abc import Sequence

from .records import ExportRecord, IdentifierRecord, LinkRecord, VenueRecord, layout, records

FORMATS = ("json", "csv", "bibtex")

__all__ = ["FORMATS", "ExportRecord", "IdentifierRecord", "LinkRecord", "VenueRecord", "layout", "records", "render"]


def render(found: Sequence[ExportRecord], fmt: str) -> str:
    """`found` written in `fmt`, one of FORMATS."""
    if fmt == "json":
        from .json_format import render_json

        return render_json(found)
    if fmt == "csv":
        from .csv_format import render_csv

        return render_csv(found)
    if fmt == "bibtex":
        from .bibtex import render_bibtex

        return render_bibtex(found)
    raise ValueError(f"unknown export format {fmt!r}")
