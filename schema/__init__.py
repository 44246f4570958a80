"""Data kdlint loads at run time: vocabularies and JSON Schemas (installed as kdlint.schema)."""
