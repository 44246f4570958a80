"""What `kdlint fix` does to real lists: `python bench/fixes.py` (see --help).

For every list of ../shared/corpus (*.md) and ../shared/seeds (*.txt), or the
files given, runs the fix twice, safe and with unsafe fixes, as `kdlint fix`
does (the list's own configuration aside), and prints per rule how many
fixes were applied and how many the content guard refused, with each
refusal's reason.
Exit status 1 when a fix was refused: on these lists every offered fix is
expected to pass the guard.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from kdlint.engine import Linter  # noqa: E402
from kdlint.fixer import fix_source  # noqa: E402
from kdlint.source import SourceText  # noqa: E402

SHARED = REPO.parent / "shared"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("files", nargs="*", type=Path, help="lists to fix (default: the corpus and the seeds)")
    parser.add_argument("--shared", type=Path, default=SHARED, help="the folder holding corpus/ and seeds/")
    args = parser.parse_args(argv)
    files = args.files or sorted([*(args.shared / "corpus").glob("*.md"), *(args.shared / "seeds").glob("*.txt")])
    if not files:
        print(f"no lists found under {args.shared}", file=sys.stderr)
        return 2
    applied = {False: Counter[str](), True: Counter[str]()}
    refused = {False: Counter[str](), True: Counter[str]()}
    for path in files:
        source = SourceText.read(path)
        for unsafe in (False, True):
            result = fix_source(source, Linter(), unsafe=unsafe)
            applied[unsafe].update(result.codes)
            for diagnostic, reason in result.refused:
                refused[unsafe][diagnostic.code] += 1
                print(f"{path.name}:{diagnostic.span.line}: {diagnostic.code} refused: {reason}")
    print(f"{len(files)} lists")
    print(f"{'rule':<8}{'safe':>8}{'refused':>9}{'+unsafe':>9}{'refused':>9}")
    for code in sorted(set(applied[False]) | set(applied[True]) | set(refused[False]) | set(refused[True])):
        print(f"{code:<8}{applied[False][code]:>8}{refused[False][code]:>9}{applied[True][code]:>9}"
              f"{refused[True][code]:>9}")
    print(f"{'total':<8}{sum(applied[False].values()):>8}{sum(refused[False].values()):>9}"
          f"{sum(applied[True].values()):>9}{sum(refused[True].values()):>9}")
    return 1 if any(refused[False].values()) or any(refused[True].values()) else 0


if __name__ == "__main__":
    sys.exit(main())
