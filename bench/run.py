"""kdlint's benchmark: `python bench/run.py` (see --help).

Generates canonical lists deterministically (100, 1,000, 10,000 and 50,000
entries, about one entry in ten with a defect), then times whole processes,
interleaved so that every size is measured under the same machine load:

- floor:   python -c "import mistletoe, sys; mistletoe.Document(open(sys.argv[1]).read())" FILE
- import:  python -c "import mistletoe"   (the floor for small lists: start-up)
- check:   kdlint check --isolated FILE
- fix:     kdlint fix --isolated --diff FILE
- worst:   kdlint check and kdlint fix --diff on a list whose every section is in
           reverse order and every venue misspelled (10,000 entries), with the
           configuration sort = "year" (a list reversed throughout would
           otherwise be read as sorted newest first)
- markdownlint-cli2 / awesome-lint when they are installed.

The commands of one size take turns run by run, so that a change in the
machine's load falls on all of them alike. It prints the median of --runs
runs after one warm-up, kdlint's ratio to the floor, and each process's peak
RSS (from wait4), with the machine's core count.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

VENUES = ["CVPR", "ICCV", "ECCV", "NeurIPS", "ICLR", "ICML", "AAAI", "IJCAI", "TPAMI", "arXiv"]
# Each venue's wrong spellings. A spelling written throughout is a list's house spelling (KD202), so the
# worst case takes turns between two of them: every venue is still written wrongly and reported.
TYPOS = {"NeurIPS": ("NIPS",), "CVPR": ("CPVR",), "TPAMI": ("IEEE TPAMI", "IEEE PAMI"), "arXiv": ("arxive",),
         "ICLR": ("ICRL",),
         "ECCV": ("Eccv", "ECcv"), "ICCV": ("iccv", "Iccv"), "ICML": ("Icml", "ICml"), "AAAI": ("Aaai", "AAai"),
         "IJCAI": ("Ijcai", "IJcai")}
WORDS = ["knowledge", "distillation", "neural", "network", "deep", "learning", "teacher", "student", "feature",
         "contrastive", "online", "data", "free", "self", "attention", "transfer", "compression", "model",
         "efficient", "semantic", "segmentation", "detection", "vision", "language", "large", "small", "graph",
         "relation", "response", "logit", "hint", "adaptive", "multi", "progressive", "mutual", "ensemble"]
PER_SECTION = 200


def year_for(venue: str, year: int) -> int:
    if venue == "ICCV" and year % 2 == 0:
        return year + 1
    if venue == "ECCV" and year % 2 == 1:
        return year + 1
    return year


def generate(entries: int, seed: int = 7, worst: bool = False) -> str:
    """A canonical list; about one entry in ten has a defect (worst: every section reversed, every venue misspelled)."""
    rng = random.Random(seed)
    lines = ["# Knowledge Distillation Papers", ""]
    sections = max(1, entries // PER_SECTION)
    lines += [f"- [Section {s}](#section-{s})" for s in range(sections)] + [""]
    number = 0
    for s in range(sections):
        lines += [f"## Section {s}", ""]
        count = PER_SECTION if s + 1 < sections else entries - PER_SECTION * (sections - 1)
        block = []
        for i in range(count):
            number += 1
            title = " ".join(rng.choice(WORDS) for _ in range(rng.randint(4, 10))).capitalize() + f" {number}"
            venue = rng.choice(VENUES)
            year = year_for(venue, 2010 + (i * 14) // max(count, 1))
            typos = TYPOS[venue]
            written = typos[number % len(typos)] if worst else typos[0] if rng.random() < 0.03 else venue
            label = "Pytorch" if rng.random() < 0.03 else "PyTorch"
            arxiv = f"{year % 100:02d}{rng.randint(1, 12):02d}.{number % 100000:05d}"
            url = f"https://arxiv.org/abs/{arxiv}" + ("v2" if rng.random() < 0.02 else "")
            authors = ", ".join(f"Author{rng.randint(1, 999)} Name{rng.randint(1, 999)}"
                                for _ in range(rng.randint(1, 5)))
            trailing = " " if rng.random() < 0.02 else ""
            block.append([f"- **{title}, {written} {year}** [[{label}]](https://github.com/example/repo{number}){trailing}",
                          f"  - {url}", f"  - *{authors}.*", ""])
        if worst:
            block.reverse()
        elif count > 10:
            a, b = rng.randrange(count), rng.randrange(count)
            block[a], block[b] = block[b], block[a]  # an entry out of order
        for entry in block:
            lines += entry
    return "\n".join(lines) + "\n"


def _run_once(command: list[str]) -> tuple[float, int]:
    """Wall-clock seconds and peak RSS (KiB) of one run of `command`."""
    import time

    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        raise SystemExit(f"{' '.join(command)} exited {os.waitstatus_to_exitcode(status)}")
    return elapsed, usage.ru_maxrss


def measure(commands: dict[str, list[str]], runs: int) -> dict[str, tuple[float, int]]:
    """For each command, the median wall-clock seconds over `runs` runs after a warm-up, and the largest peak
    RSS (KiB). The commands take turns, run by run, so that a change in the machine's load falls on all of
    them alike and their ratios stay fair."""
    times: dict[str, list[float]] = {name: [] for name in commands}
    peaks: dict[str, list[int]] = {name: [] for name in commands}
    for attempt in range(runs + 1):
        for name, command in commands.items():
            elapsed, peak = _run_once(command)
            if attempt:
                times[name].append(elapsed)
                peaks[name].append(peak)
    return {name: (statistics.median(times[name]), max(peaks[name])) for name in commands}


def _editable(python: str, cwd: str) -> bool:
    """Whether the kdlint being measured runs from a source tree (pip install -e), not from site-packages."""
    where = subprocess.run([python, "-c", "import kdlint; print(kdlint.__file__)"], cwd=cwd, capture_output=True,
                           text=True, check=True).stdout
    return "site-packages" not in where


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Time kdlint against a bare mistletoe parse.")
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1_000, 10_000, 50_000])
    parser.add_argument("--runs", type=int, default=5, help="timed runs per command, after one warm-up")
    args = parser.parse_args(argv)

    python = sys.executable
    kdlint = [python, "-m", "kdlint"]
    floor = [python, "-c", "import mistletoe, sys; mistletoe.Document(open(sys.argv[1]).read())"]
    others = {name: [path] for name in ("markdownlint-cli2", "awesome-lint") if (path := shutil.which(name))}
    print(f"kdlint benchmark: {os.cpu_count()} cores, Python {sys.version.split()[0]}, {args.runs} runs + warm-up, "
          "medians; RSS = peak resident memory")
    if _editable(python, tempfile.gettempdir()):
        print("note: kdlint is installed editable (pip install -e); its import hook adds to every start-up. "
              "`pip install .` measures what users run.")
    with tempfile.TemporaryDirectory() as tmp:
        rows = []
        checks: dict[int, float] = {}
        start_up = 0.0
        for size in args.sizes:
            path = Path(tmp) / f"list-{size}.md"
            path.write_text(generate(size))
            commands = {"floor": [*floor, str(path)], "check": [*kdlint, "check", "--isolated", str(path)],
                        "fix": [*kdlint, "fix", "--isolated", "--diff", str(path)]}
            if size == min(args.sizes):
                commands["import"] = [python, "-c", "import mistletoe"]
            commands.update({name: [*command, str(path)] for name, command in others.items()})
            timed = measure(commands, args.runs)
            (floor_time, floor_rss), (check_time, check_rss) = timed["floor"], timed["check"]
            fix_time = timed["fix"][0]
            if "import" in timed:
                start_up, small = timed["import"][0], size
            checks[size] = check_time
            rows.append((size, path.stat().st_size, floor_time, floor_rss, check_time, check_rss, fix_time))
            for name in others:
                other_time, other_rss = timed[name]
                print(f"{name:>24} {size:>9,}: {other_time:6.3f} s  {other_rss // 1024:5} MB")
        print(f"{'entries':>9} {'size':>9} {'floor':>8} {'check':>8} {'ratio':>6} {'fix --diff':>10} "
              f"{'RSS floor':>10} {'RSS check':>10}")
        for size, nbytes, floor_time, floor_rss, check_time, check_rss, fix_time in rows:
            print(f"{size:>9,} {nbytes / 1e6:>7.2f}MB {floor_time:>7.3f}s {check_time:>7.3f}s "
                  f"{check_time / floor_time:>6.2f} {fix_time:>9.3f}s {floor_rss // 1024:>8} MB "
                  f"{check_rss // 1024:>8} MB")
        print(f"import mistletoe: {start_up:.3f} s; {small:,} entries: check / import mistletoe = "
              f"{checks[small] / start_up:.2f}")
        if 10_000 in checks and 50_000 in checks:
            print(f"growth 10,000 -> 50,000 entries: {checks[50_000] / checks[10_000]:.2f}x (linear: 5x)")
        worst_size = 10_000 if 10_000 in checks else max(checks)
        worst, oldest_first = Path(tmp) / "worst.md", Path(tmp) / "oldest-first.toml"
        worst.write_text(generate(worst_size, worst=True))
        oldest_first.write_text('sort = "year"\n')  # else kdlint infers newest-first from the reversed sections
        timed = measure({"check": [*kdlint, "check", "--config", str(oldest_first), str(worst)],
                         "fix": [*kdlint, "fix", "--config", str(oldest_first), "--diff", str(worst)]}, args.runs)
        worst_check, worst_fix = timed["check"][0], timed["fix"][0]
        print(f"worst case {worst_size:,} entries (every section reversed, every venue misspelled): "
              f"check {worst_check:.3f} s, fix --diff {worst_fix:.3f} s, fix / check = {worst_fix / worst_check:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
