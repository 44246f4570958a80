"""Control characters from a list made visible, in one function that every text format passes list text through.

A list can hold any character, and a finding quotes it (a title, a URL, a
path, a source line). ESC starts a terminal escape sequence (a colour, a
cursor move, a window title, a hyperlink); the other C0 and C1 controls and
DEL do other things to a terminal; the bidirectional embeddings, overrides
and isolates (U+202A-U+202E, U+2066-U+2069) reorder what is shown around
them (Trojan Source). Each is written as Python writes it in a repr, `\\x1b`,
`\\x7f`, `\\u202e`, `\\n`, so a finding never sends one to a terminal. Tab stays.
"""

from __future__ import annotations

import re

CONTROL = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_SHORT = {"\n": "\\n", "\r": "\\r"}


def _escaped(match: re.Match[str]) -> str:
    ch = match.group()
    code = ord(ch)
    return _SHORT.get(ch) or (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")


def escape(text: str) -> str:
    """`text` with each control character and bidi control written as its escape."""
    return CONTROL.sub(_escaped, text)
