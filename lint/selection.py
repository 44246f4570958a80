"""Choosing rules: selectors checked against the registry, and the rules a selection gives."""

from __future__ import annotations

from collections.abc import Iterable

from .codes import SELECTOR, matches
from .rules import RULES, Rule


class SelectorError(ValueError):
    """A selector that is malformed or selects no rule; the message says what is allowed."""


def check_selector(selector: str) -> str:
    """The selector, upper-cased, or SelectorError if it names no rule."""
    value = selector.strip().upper()
    if value != "ALL" and not SELECTOR.match(value):
        raise SelectorError(f"{selector!r} is not a rule code (expected ALL, a prefix like KD1, or a code like KD102)")
    if not any(matches(value, rule.code) for rule in RULES):
        raise SelectorError(f"unknown rule code {selector!r} (`kdlint rules` lists the codes)")
    return value


def select_rules(select: Iterable[str] | None, extend: Iterable[str] = (), ignore: Iterable[str] = ()) -> list[Rule]:
    """`select` (all rules when None) plus `extend`, less `ignore`, in code order."""
    chosen = list(select) if select is not None else ["ALL"]
    chosen.extend(extend)
    dropped = list(ignore)
    return [rule for rule in RULES
            if any(matches(s, rule.code) for s in chosen) and not any(matches(s, rule.code) for s in dropped)]
