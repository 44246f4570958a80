"""`python -m kdlint.schema > schema/tables.json`: the parsed copy of the TOML vocabularies."""

from . import compiled_tables

print(compiled_tables(), end="")
