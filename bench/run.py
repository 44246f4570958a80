"""kdlint's benchmark: `python bench/run.py` (see --help).

Generates lists deterministically in every layout kdlint reads (bench/layouts.py:
about one entry in ten with a defect), then times whole processes, interleaved so
that every command of one list is measured under the same machine load:

- full:    a full mistletoe parse (inline parsing, collector on), what a Markdown tool does
- blocks:  mistletoe parsing the block structure only with the collector off: the work kdlint asks
           of it, so `check / blocks` is what kdlint adds to its parser
- check:   kdlint check --isolated --no-cache FILE
- cached:  kdlint check --isolated FILE again, the cache holding the first run's result
- fix:     kdlint fix --isolated --diff FILE
- mdformat --check and markdownlint-cli2, when they are installed (peers: `pip install mdformat`,
  `npm install markdownlint-cli2` with its `node_modules/.bin` on PATH)
- worst:   kdlint check and fix --diff on a list whose every section is in reverse order and every venue
           misspelled (10,000 entries), with the configuration sort = "year" (a list reversed throughout
           would otherwise be read as sorted newest first)

The commands of one list take turns, run by run. Each figure is the median of
--runs runs after one warm-up, in processor seconds (user + system, from
wait4): a busy machine slows a process's clock far more than its processor
time. Ratios are what to compare across machines; the peak RSS is the largest
seen. The bold layout is measured at every size and with every command, the
other layouts at 10,000 and 50,000 entries (kdlint's growth with the list's
size, which is linear: 5x).
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from layouts import LAYOUTS, generate

BLOCKS = """
import gc, sys
from mistletoe import block_token, span_token
span_token.tokenize_inner = lambda content: [span_token.RawText(content)]
block_token.add_token(block_token.HtmlBlock)
gc.disable()
with open(sys.argv[1], encoding="utf-8") as handle:
    block_token.Document(handle.read().splitlines(keepends=True))
"""
FULL = "import mistletoe, sys; mistletoe.Document(open(sys.argv[1], encoding='utf-8').read())"
GROWTH = (10_000, 50_000)


@dataclass(frozen=True)
class Timing:
    seconds: float  # median processor seconds
    rss: int  # largest peak resident memory, KiB


def _run_once(command: Sequence[str], env: dict[str, str]) -> tuple[float, int]:
    """Processor seconds (user + system) and peak RSS (KiB) of one run of `command`."""
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    _, status, usage = os.wait4(process.pid, 0)
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        raise SystemExit(f"{' '.join(command)} exited {code}")
    return usage.ru_utime + usage.ru_stime, usage.ru_maxrss


def measure(commands: dict[str, list[str]], runs: int, env: dict[str, str]) -> dict[str, Timing]:
    """Each command's median over `runs` runs after a warm-up, the commands taking turns run by run so that
    a change in the machine's load falls on all of them alike."""
    times: dict[str, list[float]] = {name: [] for name in commands}
    peaks: dict[str, list[int]] = {name: [] for name in commands}
    for attempt in range(runs + 1):
        for name, command in commands.items():
            seconds, peak = _run_once(command, env)
            if attempt:
                times[name].append(seconds)
                peaks[name].append(peak)
    return {name: Timing(statistics.median(times[name]), max(peaks[name])) for name in commands}


def peers(python: str) -> dict[str, list[str]]:
    """The other tools to time on the same files, those that are installed."""
    found: dict[str, list[str]] = {}
    if importlib.util.find_spec("mdformat") is not None:
        found["mdformat"] = [python, "-m", "mdformat", "--check"]
    if path := shutil.which("markdownlint-cli2"):
        found["markdownlint-cli2"] = [path]
    return found


def _editable(python: str, cwd: str) -> bool:
    """Whether the kdlint being measured runs from a source tree (pip install -e), not from site-packages."""
    where = subprocess.run([python, "-c", "import kdlint; print(kdlint.__file__)"], cwd=cwd, capture_output=True,
                           text=True, check=True).stdout
    return "site-packages" not in where


def _ratio(a: Timing | None, b: Timing | None) -> str:
    return f"{a.seconds / b.seconds:.2f}" if a and b else "-"


def _seconds(t: Timing | None) -> str:
    return f"{t.seconds:.3f}" if t else "-"


def plan(sizes: Sequence[int], layouts: Sequence[str]) -> list[tuple[str, int]]:
    """The lists to measure: the bold layout at every size, the others at the growth sizes asked for."""
    chosen = [("bold", size) for size in sizes] if "bold" in layouts else []
    growth = [size for size in GROWTH if size in sizes]
    return chosen + [(layout, size) for layout in layouts if layout != "bold" for size in growth]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Time kdlint against mistletoe's parse and its peers.")
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1_000, 10_000, 50_000])
    parser.add_argument("--layouts", nargs="+", default=list(LAYOUTS), choices=list(LAYOUTS))
    parser.add_argument("--runs", type=int, default=5, help="timed runs per command, after one warm-up")
    parser.add_argument("--no-worst", action="store_true", help="skip the worst case")
    args = parser.parse_args(argv)

    python = sys.executable
    kdlint = [python, "-m", "kdlint"]
    others = peers(python)
    print(f"kdlint benchmark: {os.cpu_count()} cores, Python {sys.version.split()[0]}, {args.runs} runs + warm-up, "
          "medians of processor seconds; RSS = peak resident memory; peers: "
          f"{', '.join(others) or 'none installed'}")
    if _editable(python, tempfile.gettempdir()):
        print("note: kdlint is installed editable (pip install -e); its import hook adds to every start-up. "
              "`pip install .` measures what users run.")
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "KDLINT_CACHE_DIR": str(Path(tmp) / "cache")}
        rows: list[tuple[str, int, int, dict[str, Timing]]] = []
        for layout, size in plan(args.sizes, args.layouts):
            path = Path(tmp) / f"{layout}-{size}.md"
            path.write_text(generate(size, layout), encoding="utf-8")
            file = str(path)
            commands = {"blocks": [python, "-c", BLOCKS, file],
                        "check": [*kdlint, "check", "--isolated", "--no-cache", file]}
            if layout == "bold":
                commands["full"] = [python, "-c", FULL, file]
                commands["cached"] = [*kdlint, "check", "--isolated", file]
                commands["fix"] = [*kdlint, "fix", "--isolated", "--diff", file]
                commands.update({name: [*command, file] for name, command in others.items()})
            rows.append((layout, size, path.stat().st_size, measure(commands, args.runs, env)))
            print(f"  measured {layout} {size:,}", file=sys.stderr, flush=True)
        print_table(rows, list(others))
        print_growth(rows)
        if not args.no_worst:
            worst(kdlint, Path(tmp), max(s for s in args.sizes if s <= 10_000), args.runs, env)
    return 0


def print_table(rows: list[tuple[str, int, int, dict[str, Timing]]], others: list[str]) -> None:
    head = ["layout", "entries", "MB", "full", "blocks", "check", "check/blocks", "check/full", "cached/check",
            "fix --diff", "fix/check", "RSS check", "RSS fix", *(f"check/{name}" for name in others)]
    table = [head]
    for layout, size, nbytes, t in rows:
        check, fix = t["check"], t.get("fix")
        table.append([layout, f"{size:,}", f"{nbytes / 1e6:.2f}", _seconds(t.get("full")), _seconds(t["blocks"]),
                      _seconds(check), _ratio(check, t["blocks"]), _ratio(check, t.get("full")),
                      _ratio(t.get("cached"), check), _seconds(fix), _ratio(fix, check), f"{check.rss // 1024} MB",
                      f"{fix.rss // 1024} MB" if fix else "-", *(_ratio(check, t.get(name)) for name in others)])
    widths = [max(len(row[i]) for row in table) for i in range(len(head))]
    lines = [" | ".join(cell.rjust(w) for cell, w in zip(row, widths)) for row in table]
    lines.insert(1, " | ".join("-" * (w - 1) + ":" for w in widths))
    print("\n".join(f"| {line} |" for line in lines))


def print_growth(rows: list[tuple[str, int, int, dict[str, Timing]]]) -> None:
    by = {(layout, size): t["check"].seconds for layout, size, _, t in rows}
    small, large = GROWTH
    grown = [f"{layout} {by[(layout, large)] / by[(layout, small)]:.2f}x" for layout in LAYOUTS
             if (layout, small) in by and (layout, large) in by]
    if grown:
        print(f"check growth {small:,} -> {large:,} entries (linear: 5x): {', '.join(grown)}")


def worst(kdlint: list[str], tmp: Path, size: int, runs: int, env: dict[str, str]) -> None:
    path, oldest_first = tmp / "worst.md", tmp / "oldest-first.toml"
    path.write_text(generate(size, worst=True), encoding="utf-8")
    oldest_first.write_text('sort = "year"\n')  # else kdlint infers newest-first from the reversed sections
    timed = measure({"check": [*kdlint, "check", "--no-cache", "--config", str(oldest_first), str(path)],
                     "fix": [*kdlint, "fix", "--config", str(oldest_first), "--diff", str(path)]}, runs, env)
    check, fix = timed["check"], timed["fix"]
    print(f"worst case {size:,} entries (every section reversed, every venue misspelled): check "
          f"{check.seconds:.3f} s, fix --diff {fix.seconds:.3f} s, fix / check = {fix.seconds / check.seconds:.2f}")


if __name__ == "__main__":
    sys.exit(main())
