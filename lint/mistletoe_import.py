"""mistletoe, imported without building its Unicode punctuation table up front: import its modules from here.

Importing mistletoe builds `mistletoe.core_tokens.punctuation` by testing
every one of the 1.1 million code points: about 0.15 s of CPU on each run,
most of a small check's time. Only mistletoe's inline parser reads that
table, and kdlint parses block structure only (`document._blocks_only`). So
the table is built over ASCII during the import (`sys.maxunicode` reads 127
for its length) and then replaced by `FullPunctuation`, a set that fills
itself with mistletoe's complete table the first time anything asks it: a
reader gets mistletoe's own answer, byte for byte, and a run that never asks
pays nothing. mistletoe 1.x reads the table by membership only
(`preceded_by`/`succeeded_by`).
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from typing import Any
from unicodedata import category


class FullPunctuation(set[str]):
    """mistletoe's punctuation table, completed on first use."""

    def __init__(self, ascii_part: set[str]) -> None:
        super().__init__(ascii_part)
        self._complete = False

    def _fill(self) -> None:
        if not self._complete:
            self._complete = True
            self.update(c for c in map(chr, range(sys.maxunicode + 1)) if category(c).startswith("P"))

    def __contains__(self, item: object) -> bool:
        self._fill()
        return super().__contains__(item)

    def __iter__(self) -> Iterator[str]:
        self._fill()
        return super().__iter__()

    def __len__(self) -> int:
        self._fill()
        return super().__len__()


def load() -> Any:
    """`mistletoe.core_tokens`, imported as above (once; as it is when something imported it already)."""
    if "mistletoe.core_tokens" not in sys.modules:
        full = sys.maxunicode
        sys.maxunicode = 127  # only while core_tokens builds its table
        try:
            import mistletoe.core_tokens as core
        finally:
            sys.maxunicode = full
        core.punctuation = FullPunctuation(core.punctuation)
    return sys.modules["mistletoe.core_tokens"]


load()
from mistletoe import block_token, span_token  # noqa: E402  (after `load`, which must import core_tokens first)

__all__ = ["FullPunctuation", "block_token", "load", "span_token"]

