"""Rule selectors as strings: `KD108` names one rule, `KD1` a family, `ALL` every rule."""

from __future__ import annotations

import re

SELECTOR = re.compile(r"^KD\d{0,3}$")


def matches(selector: str, code: str) -> bool:
    return selector == "ALL" or code.startswith(selector)
