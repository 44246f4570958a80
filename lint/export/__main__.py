"""`python -m kdlint.export > schema/export.schema.json`: the JSON Schema of `kdlint export --format json`."""

from ..schemas import schema_text
from .json_format import json_schema

if __name__ == "__main__":  # not when imported (the regex-safety test imports every module)
    print(schema_text(json_schema()), end="")
