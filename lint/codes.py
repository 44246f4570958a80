"""Rule selectors as strings: `KD108` names one rule, `KD1` a family, `ALL` every rule."""

from __future__ import annotations

import re

SELECTOR = re.compile(r"^KD\d{0,3}$")
SELECTOR_PATTERN = r"^(ALL|KD\d{0,3})$"  # a checked selector (`selection.check_selector`), as the config schema says


def matches(selector: str, code: str) -> bool:
    return selector == "ALL" or code.startswith(selector)
