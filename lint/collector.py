"""Pause Python's cyclic garbage collector while a list is linted.

Linting builds hundreds of thousands of small objects that all stay alive
until the findings are out (mistletoe's token tree, entries, spans,
diagnostics). Python's collector walks them again every time a generation
fills up, which cost a third of `kdlint check` on a 10,000-entry list and grew
faster than linearly with the list. Almost nothing kdlint makes is a reference
cycle, and the one big cycle, mistletoe's tree (every token points at its
parent), is taken apart by `document.release` as soon as it has been read, so
reference counting frees nearly everything on time; what is left is collected
once, when the collector is switched back on (the `kdlint` command keeps it
off for its whole run: see `kdlint.__main__`).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused() -> Iterator[None]:
    """Switch the collector off for the block; back on after it if it was on (pauses nest)."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()
