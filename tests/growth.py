"""How a call's time grows with its input, for tests that must not flake on a loaded machine.

A test times the call on an input of size n and on one of FACTOR * n and
compares the two: a linear call takes about FACTOR times as long, a
quadratic one FACTOR ** 2 times. No absolute budget is involved, so a slow
machine slows both runs alike. The time is the thread's processor time, not
the clock's: on a busy machine a long run is interrupted by other processes
more often than a short one, which would skew the ratio by as much as the
load. Against the noise of short timings, the small input is doubled until
one call on it takes MIN_SECONDS (or the calls are repeated that long), the
small and the large run take turns, and the best of RUNS of each counts:
interruptions only ever make a run slower.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Sized
from dataclasses import dataclass
from typing import TypeVar

T = TypeVar("T")
S = TypeVar("S", bound=Sized)

FACTOR = 8
LIMIT = FACTOR * 3  # linear gives 8, n log n a little more, quadratic 64
MIN_SECONDS = 0.01
RUNS = 3
# The most characters of a large input: a text of several megabytes no longer fits the processor's caches,
# and its time per character grows for that alone. Shorter inputs are timed by repeating the calls.
MOST_CHARACTERS = 1 << 20


@dataclass(frozen=True)
class Growth:
    n: int  # the small size
    small: float  # best seconds at n (for `repeat` calls)
    large: float  # best seconds at FACTOR * n
    repeat: int = 1

    @property
    def ratio(self) -> float:
        return self.large / self.small

    def __str__(self) -> str:
        return (f"{self.small * 1000:.2f} ms at n={self.n}, {self.large * 1000:.2f} ms at {FACTOR}n "
                f"({self.repeat} call{'s' if self.repeat > 1 else ''} each): {self.ratio:.1f}x, "
                f"linear {FACTOR}x, quadratic {FACTOR ** 2}x")


def seconds(call: Callable[[T], object], value: T, repeat: int = 1) -> float:
    """Processor seconds of this thread for `repeat` calls."""
    start = time.thread_time()
    for _ in range(repeat):
        call(value)
    return time.thread_time() - start


def best_pair(call: Callable[[T], object], small: T, large: T, repeat: int = 1,
              runs: int = RUNS) -> tuple[float, float]:
    """The best time of `repeat` calls on each input, the two taking turns `runs` times."""
    best_small = best_large = math.inf
    for _ in range(runs):
        best_small = min(best_small, seconds(call, small, repeat))
        best_large = min(best_large, seconds(call, large, repeat))
    return best_small, best_large


def growth(call: Callable[[S], object], make: Callable[[int], S], n: int) -> Growth:
    """Time `call` on `make(n)` and `make(FACTOR * n)`, n doubled (then the calls repeated) until a call on
    the small input is long enough to time."""
    small = make(n)
    call(small)  # a first call imports and fills caches: not part of the work being measured
    while seconds(call, small) < MIN_SECONDS and FACTOR * 2 * len(small) <= MOST_CHARACTERS:
        n *= 2
        small = make(n)
    return repeated_growth(call, small, make(FACTOR * n), n)


def repeated_growth(call: Callable[[T], object], small: T, large: T, n: int, runs: int = RUNS) -> Growth:
    """The growth from `small` (of size n) to `large`, each call repeated until the calls on `small` take
    MIN_SECONDS: for calls too quick to time once (a regular expression that stops at its first match)."""
    repeat = 1
    while (elapsed := seconds(call, small, repeat)) < MIN_SECONDS:
        repeat = max(repeat * 2, math.ceil(repeat * MIN_SECONDS / max(elapsed, 1e-9)))
    t_small, t_large = best_pair(call, small, large, repeat, runs)
    return Growth(n, t_small, t_large, repeat)
