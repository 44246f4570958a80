"""Property-based tests: generated lists in every style, with defects, keep every invariant."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from hypothesis import HealthCheck, given, settings

from fuzz.fuzz_lint import check_invariants, lists

REPO = Path(__file__).resolve().parent.parent


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(lists())
def test_generated_lists_keep_every_invariant(data: bytes) -> None:
    check_invariants(data)


def test_the_fuzzing_harness_runs_with_one_command() -> None:
    done = subprocess.run([sys.executable, "fuzz/fuzz_lint.py", "--examples", "50", "--seed", "1"], cwd=REPO,
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout == "50 generated lists kept every invariant.\n"
