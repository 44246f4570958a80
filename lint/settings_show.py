"""`--show-settings`: the configuration file a list takes, and its settings, resolved, as TOML.

Every setting is printed with the value in force (the default when the file
does not set it), under the key a file writes it with, so the output can be
pasted into a `.kdlint.toml`; a setting left unset is a comment with its documentation
(what unset means). The rules last: those that run on this file, with the
command line's `--select`, `--extend-select` and `--ignore` and the
`per-file-ignores` applied.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Sequence
from typing import Any

from .settings import Settings


def toml_value(value: Any) -> str:
    """`value` (what a setting holds) written as TOML: strings, numbers, booleans, arrays, inline tables."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False).replace("\x7f", "\\u007f")  # TOML's escapes are JSON's
    if isinstance(value, list | tuple):
        return "[" + ", ".join(toml_value(item) for item in value) + "]"
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        value = {key: item for key, item in _items(value) if item is not None}
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_key(str(key))} = {toml_value(item)}" for key, item in value.items()) + "}"
    raise TypeError(f"no TOML form for {type(value).__name__}")


def _key(key: str) -> str:
    """A key of an inline table: bare when TOML allows it, else quoted."""
    return key if key and all(ch.isascii() and (ch.isalnum() or ch in "-_") for ch in key) else toml_value(key)


def _items(record: Any) -> list[tuple[str, Any]]:
    """The settings of a record as a file writes them: (key, value)."""
    return [(key, value) for key, value, _ in _documented(record)]


def _documented(record: Any) -> list[tuple[str, Any, str]]:
    return [(item.metadata["key"] or item.name, getattr(record, item.name), item.metadata["doc"])
            for item in dataclasses.fields(record) if "doc" in item.metadata]


def render(path: str, origin: str, settings: Settings, rules: Sequence[str]) -> str:
    lines = [f"Resolved settings for: {json.dumps(path, ensure_ascii=False)}", f"Settings path: {origin}", ""]
    for key, value, text in _documented(settings):
        lines.append(f"# {key}: unset. {text}" if value is None else f"{key} = {toml_value(value)}")
    lines += ["", "# the rules checked in this file (the command line's selection and per-file-ignores applied)",
              f"# rules = {toml_value(list(rules))}"]
    return "\n".join(lines) + "\n"
