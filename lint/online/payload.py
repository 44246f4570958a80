"""Reading a service's JSON without trusting it, and the answers the cache keeps.

Every accessor here checks the type of what it reads and raises `BadAnswer`
otherwise, so a payload of the wrong shape makes a lookup "not verified"
instead of raising a KeyError out of the library. `encode`/`decode` turn an
answer about one identifier (a `Paper` or a `NotFound`) into the JSON the
cache keeps, and back.
"""

from __future__ import annotations

import json
from typing import Any

from .record import NotFound, Paper, Service
from .text import clean
from .transport import BadAnswer


def parse_json(body: bytes, service: Service) -> Any:
    """The JSON of an answer; BadAnswer when it is not JSON."""
    try:
        return json.loads(body)
    except ValueError:  # JSONDecodeError and UnicodeDecodeError both are
        raise BadAnswer(f"{service.value} answered with what is not JSON") from None


def mapping(value: Any, what: str) -> dict[str, Any]:
    """`value` if it is a JSON object; BadAnswer naming `what` otherwise."""
    if not isinstance(value, dict):
        raise BadAnswer(f"{what} is not an object")
    return value


def listed(value: Any) -> list[Any]:
    """A JSON list as a list, a single value as a list of one, nothing as an empty list (DBLP writes a
    one-author paper's `author` as an object, not a list of one)."""
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def text(value: Any) -> str | None:
    """A cleaned string (`kdlint.online.text.clean`), or None for a missing, empty or non-string value."""
    if isinstance(value, str):
        return clean(value) or None
    return None


def year(value: Any) -> int | None:
    """A plausible year from an int or a string of digits ("2016"); None for anything else."""
    if isinstance(value, bool):
        return None
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value.strip())
    if isinstance(value, int) and 1900 <= value <= 2100:
        return value
    return None


def encode(answer: Paper | NotFound) -> dict[str, Any]:
    """An answer about one identifier as the cache keeps it."""
    if isinstance(answer, Paper):
        return {"paper": answer.to_json()}
    return {"not_found": answer.reason}


def decode(data: Any, service: Service) -> Paper | NotFound:
    """An answer `encode` made; ValueError for anything else."""
    if isinstance(data, dict) and isinstance(data.get("not_found"), str):
        return NotFound(service, data["not_found"])
    if isinstance(data, dict) and "paper" in data:
        return Paper.from_json(data["paper"])
    raise ValueError("not a cached answer")
