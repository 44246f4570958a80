"""How many of a list's paper entries kdlint reads: `python bench/coverage.py` (see --help).

The ground truth is bench/corpus_entries.tsv: every paper entry of the 25
corpus lists and the 5 seeds, found by a counter that does not use kdlint
and checked by hand, section by section (file, first line, layout family,
scope; `paper` is a listed paper of the body, `paper-aux` a paper repeated
in news or highlights or cited by a dataset row, `excluded` what looks like
an entry and is not: blogs, tools, results-table rows). A paper entry counts
as read when one of kdlint's entries (`Linter().parse(...).entries`) starts
on its first line; an entry kdlint reads twice, or reads as two, does not
count twice. The rows keep a fingerprint of the line, not its text: a list
changed since the count is reported as such, not measured.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import sys
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from kdlint.engine import Linter  # noqa: E402
from kdlint.source import SourceText  # noqa: E402

TRUTH = Path(__file__).resolve().parent / "corpus_entries.tsv"
SHARED = REPO.parent / "shared"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--shared", type=Path, default=SHARED, help="the folder holding corpus/ and seeds/")
    parser.add_argument("--least", type=float, default=95.0, help="the share (%%) every list should reach")
    args = parser.parse_args(argv)
    truth: dict[str, list[tuple[int, str]]] = defaultdict(list)
    with TRUTH.open(newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            if row["scope"] == "paper":
                truth[row["file"]].append((int(row["line"]), row["text_sha1"]))
    linter = Linter()
    total_read = total = 0
    below = []
    for name, rows in sorted(truth.items()):
        path = next((p for p in (args.shared / "corpus" / name, args.shared / "seeds" / name) if p.is_file()), None)
        if path is None:
            print(f"{name}: not found under {args.shared}")
            continue
        source = SourceText.read(path, 1 << 30)
        if any(hashlib.sha1(source.lines[n - 1].strip().encode()).hexdigest()[:12] != sha for n, sha in rows):
            print(f"{name}: changed since the ground truth was counted")
            continue
        starts = {entry.line for entry in linter.parse(source).entries}
        read = sum(1 for n, _ in rows if n in starts)
        total_read += read
        total += len(rows)
        share = 100 * read / len(rows)
        if share < args.least:
            below.append(name)
        print(f"{name[:60]:60} {read:5} / {len(rows):5}  {share:5.1f}%")
    print(f"{'all lists':60} {total_read:5} / {total:5}  {100 * total_read / max(total, 1):5.1f}%")
    print(f"{len(below)} lists below {args.least:g}%: {', '.join(below) or 'none'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
