"""A configuration table validated without pydantic, when that is certain to give what `kdlint.config` gives.

Most configuration files are valid, and importing pydantic to validate one
costs more than the rest of a small check. `settings_from` walks the
declaration of `kdlint.settings.Settings` (each field's key and type hint,
with the plain aliases read as the checks in `CHECKS`, which mirror
`kdlint.config.VALIDATED`) and returns the `Settings` pydantic would make, or
None whenever it is not certain of that: an error of any kind, a type it does
not know, a value pydantic would convert (`1` for a bool, `"95"` for a
number, a field's name for its key). On None the caller validates the table
with `kdlint.config.parse_settings`, which makes the Settings or raises the
one-line error; so errors are always pydantic's.
"""

from __future__ import annotations

import dataclasses
import re
import types
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Annotated, Any, Literal, Union, get_args, get_origin, get_type_hints

from .codes import SELECTOR_PATTERN
from .selection import SelectorError, check_selector
from .settings import (
    DAYS_MAX,
    SECONDS_MAX,
    SIMILARITY_MAX,
    SIMILARITY_MIN,
    Settings,
    check_endpoint,
    glob_regex,
    parse_size,
)

_SELECTOR = re.compile(SELECTOR_PATTERN)


class Unsure(Exception):
    """The table may be invalid, or pydantic may read it otherwise: leave it to `kdlint.config`."""


@dataclasses.dataclass(frozen=True)
class _Check:
    """What a plain alias of `kdlint.settings` checks, in place of its plain type."""

    convert: Callable[[Any], Any]


def _exact(value: Any, kind: type[Any]) -> Any:
    if type(value) is not kind:  # not a subclass either: bool is an int, pydantic reads 1 as a bool
        raise Unsure
    if kind is str:
        try:
            value.encode("utf-8")  # a lone surrogate: pydantic's own business
        except UnicodeEncodeError:
            raise Unsure from None
    return value


def _selector(value: Any) -> str:
    try:
        checked = check_selector(_exact(value, str))
    except SelectorError:
        raise Unsure from None
    if not _SELECTOR.match(checked):  # always matches: a checked selector names rules (no trailing newline)
        raise Unsure
    return checked


def _similarity(value: Any) -> float:
    number = value if type(value) is int else _exact(value, float)
    if not SIMILARITY_MIN <= number <= SIMILARITY_MAX:  # NaN is neither
        raise Unsure
    return float(number)


def _number(value: Any) -> float:
    return float(value if type(value) is int else _exact(value, float))


def _seconds(value: Any) -> float:
    number = _number(value)
    if not 0 < number <= SECONDS_MAX:  # NaN is neither
        raise Unsure
    return number


def _days(value: Any) -> float:
    number = _number(value)
    if not 0 <= number <= DAYS_MAX:
        raise Unsure
    return number


def _endpoint(value: Any) -> str:
    try:
        return check_endpoint(_exact(value, str))
    except ValueError:
        raise Unsure from None


def _size(value: Any) -> int:
    if type(value) is not int and type(value) is not str:
        raise Unsure
    try:
        return parse_size(value)
    except ValueError:
        raise Unsure from None


_SELECTOR_TYPE = Annotated[object, _Check(_selector)]


def _glob(value: Any) -> str:
    try:
        glob_regex(_exact(value, str))
    except ValueError:
        raise Unsure from None
    return str(value)


def _globs(value: Any) -> dict[str, list[str]]:
    checked: dict[str, list[str]] = _valid(dict[str, list[_SELECTOR_TYPE]], value)
    for pattern in checked:
        try:
            glob_regex(pattern)
        except ValueError:
            raise Unsure from None
    return checked


CHECKS: dict[str, Any] = {  # the aliases `kdlint.config.VALIDATED` validates (a test keeps the two alike)
    "Selector": _SELECTOR_TYPE,
    "Glob": Annotated[object, _Check(_glob)],
    "PerFileIgnores": Annotated[object, _Check(_globs)],
    "Similarity": Annotated[object, _Check(_similarity)],
    "FileSize": Annotated[object, _Check(_size)],
    "Endpoint": Annotated[object, _Check(_endpoint)],
    "Seconds": Annotated[object, _Check(_seconds)],
    "Days": Annotated[object, _Check(_days)],
}
_PLAIN = (str, int, float, bool)
_UNIONS = (Union, types.UnionType)


@cache
def _fields(declared: type[Any]) -> dict[str, tuple[str, Any]]:
    """Each key a file may write (`fields.doc` metadata) to its field's name and type hint."""
    hints = get_type_hints(declared, localns=CHECKS, include_extras=True)
    return {item.metadata["key"] or item.name: (item.name, hints[item.name])
            for item in dataclasses.fields(declared) if "doc" in item.metadata}


def known(hint: Any) -> bool:
    """Whether `_valid` can decide values of this type (else every table with the key falls back)."""
    origin, args = get_origin(hint), get_args(hint)
    if origin is Annotated:
        return isinstance(hint.__metadata__[0], _Check)
    if origin is Literal:
        return all(type(arg) is str for arg in args)
    if origin in _UNIONS:
        return len([arg for arg in args if arg is not type(None)]) == 1 and all(map(known, args))
    if origin is list:
        return known(args[0])
    if origin is dict:
        return args[0] is str and known(args[1])
    if dataclasses.is_dataclass(hint):
        return all(known(field_hint) for _, field_hint in _fields(hint).values())  # type: ignore[arg-type]
    return hint in _PLAIN or hint is type(None)


def _valid(hint: Any, value: Any) -> Any:
    """`value` as pydantic validates it against `hint`, or Unsure."""
    origin, args = get_origin(hint), get_args(hint)
    if origin is Annotated and isinstance(hint.__metadata__[0], _Check):
        return hint.__metadata__[0].convert(value)
    if origin is Literal:
        if type(value) is str and value in args and all(type(arg) is str for arg in args):
            return value
        raise Unsure
    if origin in _UNIONS:
        rest = [arg for arg in args if arg is not type(None)]
        if value is None and len(rest) < len(args):
            return None
        if len(rest) != 1:
            raise Unsure
        return _valid(rest[0], value)
    if origin is list:
        return [_valid(args[0], item) for item in _exact(value, list)]
    if origin is dict and args[0] is str:
        return {_exact(key, str): _valid(args[1], item) for key, item in _exact(value, dict).items()}
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return hint(**_values(hint, value))
    if hint in _PLAIN:
        return _exact(value, hint)
    raise Unsure  # a type this module does not know: pydantic decides


def _values(declared: Any, table: Any) -> dict[str, Any]:
    known_keys = _fields(declared)
    values: dict[str, Any] = {}
    for key, value in _exact(table, dict).items():
        if key not in known_keys:
            raise Unsure  # unknown, or a field's name for its key (pydantic's populate_by_name)
        name, hint = known_keys[key]
        values[name] = _valid(hint, value)
    return values


def settings_from(table: dict[str, Any], origin: Path | None) -> Settings | None:
    """The `Settings` of a valid table, exactly as `kdlint.config.parse_settings` makes them; None: ask it."""
    try:
        return Settings(**_values(Settings, table), origin=origin)
    except Unsure:
        return None
