"""The benchmark's list generator, a one-run smoke test of `python bench/run.py`, and bench/coverage.py."""

from __future__ import annotations

import subprocess
import sys
from collections import Counter
from pathlib import Path

from conftest import needs_shared

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "bench"))

from layouts import LAYOUTS, generate  # noqa: E402  (bench/layouts.py)

from kdlint.engine import Linter  # noqa: E402
from kdlint.model import Layout  # noqa: E402
from kdlint.settings import Settings  # noqa: E402
from kdlint.source import SourceText  # noqa: E402


def test_lists_are_deterministic_canonical_and_hold_the_entries_asked_for() -> None:
    text = generate(1_000)
    assert text == generate(1_000) and text != generate(1_000, seed=8)
    document, found = Linter().check(SourceText(text))
    assert len(document.entries) == 1_000 and all(e.style == "bold" for e in document.entries)
    codes = Counter(d.code for d in found)
    assert 0 < codes["KD202"] < 100  # about 3% of the venues misspelled
    assert codes["KD301"] < 200  # in year order but for ICCV and ECCV years moved to their rhythm, and a swap


READ_AS = {"bold": Layout.BOLD, "heading": Layout.HEADING, "dated": Layout.DATED, "inline": Layout.INLINE,
           "numbered": Layout.INLINE, "table": Layout.TABLE}  # a numbered list is an inline one with numbers


def test_every_layout_is_generated_and_read_whole() -> None:
    assert set(READ_AS) == set(LAYOUTS)
    for layout, style in READ_AS.items():
        document, _ = Linter().check(SourceText(generate(600, layout)))
        assert Counter(e.style for e in document.entries) == {style: 600}, layout
        assert [e.title for e in document.entries][:2] == [e.title for e in Linter().check(
            SourceText(generate(600, "bold")))[0].entries][:2], layout  # the same papers in every layout


def test_the_worst_case_misspells_every_venue_and_reverses_every_section() -> None:
    text = generate(1_000, worst=True)
    document, found = Linter(settings=Settings(sort="year")).check(SourceText(text))
    codes = Counter(d.code for d in found)
    assert codes["KD202"] == len(document.entries) == 1_000
    assert codes["KD301"] > 800  # nearly every entry out of the oldest-first order


def test_the_benchmark_runs_and_prints_its_table(tmp_path: Path) -> None:
    out = subprocess.run([sys.executable, str(REPO / "bench" / "run.py"), "--sizes", "20", "--runs", "1"],
                         capture_output=True, text=True, check=True, cwd=tmp_path).stdout
    lines = out.splitlines()
    assert lines[0].startswith("kdlint benchmark:")
    head, rule, row = (line.strip("| ").split(" | ") for line in lines[-4:-1])
    assert [cell.strip() for cell in head][:6] == ["layout", "entries", "MB", "full", "blocks", "check"]
    assert rule == ["-" * (len(cell) - 1) + ":" for cell in head] and len(row) == len(head)
    assert [cell.strip() for cell in row][:2] == ["bold", "20"]
    assert lines[-1].startswith("worst case 20 entries")


@needs_shared
def test_the_coverage_benchmark_measures_every_list_of_its_ground_truth() -> None:
    out = subprocess.run([sys.executable, str(REPO / "bench" / "coverage.py")], capture_output=True, text=True,
                         check=True).stdout.splitlines()
    assert not any("changed since" in line or "not found" in line for line in out), out
    assert out[-2].startswith("all lists") and len(out) == 32  # 30 lists, the total, the lists below the mark
