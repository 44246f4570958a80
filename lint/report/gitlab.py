"""`--output-format gitlab`: a GitLab Code Quality report (the subset of Code Climate's issue format GitLab reads).

    [{"description": "KD108 code label ...", "check_name": "KD108", "fingerprint": "...", "severity": "minor",
      "location": {"path": "docs/README.md", "lines": {"begin": 3, "end": 3}}}]

GitLab tells new findings from old ones in a merge request by their
fingerprints, so a fingerprint is the finding's baseline fingerprint
(`kdlint.fingerprint`: its rule, its entry and the text it points at, never
its line), with the file's path, and the number of findings before it that
share all three (so two alike in one file differ). Errors are `major`,
warnings `minor`. Paths are relative to the working directory (GitLab wants
them relative to the project's root: run kdlint there).
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..diagnostics import Severity
from ..fingerprint import Fingerprinter
from . import FileResult, report_path

SEVERITY = {Severity.ERROR: "major", Severity.WARNING: "minor"}


def render(results: Sequence[FileResult], root: Path | None = None) -> str:
    root = root or Path.cwd()
    issues: list[dict[str, Any]] = []
    for result in results:
        if not result.diagnostics:
            continue
        path = report_path(result.path, root)
        fingerprint = Fingerprinter(result.source, result.document)
        seen: Counter[str] = Counter()
        for d in result.diagnostics:
            alike = "\x00".join((path, fingerprint(d)))
            key = f"{alike}\x00{seen[alike]}"
            seen[alike] += 1
            issues.append({
                "description": f"{d.code} {d.message}",
                "check_name": d.code,
                "fingerprint": hashlib.sha256(key.encode("utf-8")).hexdigest()[:32],
                "severity": SEVERITY[d.severity],
                "location": {"path": path, "lines": {"begin": d.span.line, "end": d.span.end_line}},
            })
    return json.dumps(issues, indent=2, ensure_ascii=False) + "\n"
