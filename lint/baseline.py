"""Baselines for legacy lists: record today's findings, report only new ones.

Findings are matched by path, rule and fingerprint (see `fingerprint`), as a
multiset: a recorded finding absorbs one matching finding and no more.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from .fingerprint import Fingerprinter
from .report import FileResult
from .schemas import load_json
from .source import InputError

FORMAT = 1


class BaselineFinding(BaseModel):
    model_config = ConfigDict(extra="forbid")

    path: str
    code: str
    fingerprint: str
    line: int = Field(description="Where it was when recorded; informational, not matched.")
    message: str


class BaselineFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    kdlint_baseline: int = Field(alias="kdlint-baseline")
    findings: list[BaselineFinding]


def _relative(path: str, base: Path) -> str:
    if path == "-":
        return path
    try:
        return Path(os.path.relpath(Path(path).resolve(), base.resolve())).as_posix()
    except ValueError:
        return Path(path).as_posix()


def write(target: Path, results: Sequence[FileResult]) -> int:
    base = target.resolve().parent
    findings = []
    for result in results:
        fingerprint = Fingerprinter(result.source, result.document)
        for d in result.diagnostics:
            findings.append(BaselineFinding(path=_relative(result.path, base), code=d.code,
                                            fingerprint=fingerprint(d), line=d.span.line, message=d.message))
    data = BaselineFile.model_validate({"kdlint-baseline": FORMAT, "findings": [f.model_dump() for f in findings]})
    target.write_text(json.dumps(data.model_dump(by_alias=True), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return len(findings)


def load(path: Path) -> BaselineFile:
    data = load_json(path, BaselineFile, "kdlint baseline", " (write one with --write-baseline)")
    if data.kdlint_baseline != FORMAT:
        raise InputError(f"{path}: baseline format {data.kdlint_baseline} is not supported (expected {FORMAT})")
    return data


def subtract(baseline: BaselineFile, location: Path, results: Sequence[FileResult]) -> int:
    """Drop the findings the baseline records; return how many were dropped."""
    base = location.resolve().parent
    known = Counter((f.path, f.code, f.fingerprint) for f in baseline.findings)
    dropped = 0
    for result in results:
        fingerprint = Fingerprinter(result.source, result.document)
        path = _relative(result.path, base)
        kept = []
        for d in result.diagnostics:
            key = (path, d.code, fingerprint(d))
            if known[key] > 0:
                known[key] -= 1
                dropped += 1
            else:
                kept.append(d)
        result.diagnostics = kept
    return dropped
