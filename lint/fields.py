"""The documentation a declared field carries, from which its pydantic model and JSON Schema are made.

kdlint's records of configuration (`kdlint.settings`) and of the venue table
(`kdlint.venues`) are plain dataclasses, read on every run without pydantic.
Each field's documentation, and the key a file writes it under when that is
not its name, are the field's metadata (`doc`); `kdlint.schemas.model_of`
makes the pydantic model that validates a file and gives the JSON Schema from
them, so that each field is declared once.
"""

from __future__ import annotations


def doc(text: str, key: str | None = None) -> dict[str, str | None]:
    """A field's metadata: its documentation, and its key when a file spells it otherwise than its name."""
    return {"doc": text, "key": key}
