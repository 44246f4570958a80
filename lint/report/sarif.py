"""`--output-format sarif`: SARIF 2.1.0 for code-scanning services.

URIs are relative to the working directory (`%SRCROOT%`) and percent-encoded
(`sub dir/a #1%.md` is `sub%20dir/a%20%231%25.md`); every rule is
described in `tool.driver.rules` with its documentation as help text; each
result carries a partial fingerprint that survives unrelated edits, and its
fix as a SARIF fix when it has one.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from urllib.parse import quote

from .. import __version__
from ..diagnostics import Diagnostic, Span
from ..fingerprint import Fingerprinter
from ..rules import RULES
from . import FileResult, relative_path

SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"


def _uri(path: str, root: Path) -> str:
    """A relative URI reference (each character outside RFC 3986's unreserved set percent-encoded as UTF-8),
    or a file URI for a file outside `root`."""
    if path == "-":
        return "stdin"
    relative = relative_path(path, root)
    return quote(relative) if relative is not None else Path(path).resolve().as_uri()


def _region(span: Span) -> dict[str, int]:
    return {"startLine": span.line, "startColumn": span.column, "endLine": span.end_line, "endColumn": span.end_column}


def _what_it_does(doc: str) -> str:
    section = doc.split("## What it does", 1)[-1].split("##", 1)[0]
    return " ".join(section.split())


def _rules() -> list[dict[str, Any]]:
    return [
        {
            "id": rule.code,
            "name": rule.name,
            "shortDescription": {"text": rule.summary},
            "fullDescription": {"text": _what_it_does(rule.doc)},
            "help": {"text": rule.doc.strip(), "markdown": rule.doc.strip()},
            "defaultConfiguration": {"level": rule.severity.value},
        }
        for rule in RULES
    ]


def _result(d: Diagnostic, location: dict[str, Any], fingerprint: str, index: dict[str, int]) -> dict[str, Any]:
    result: dict[str, Any] = {
        "ruleId": d.code,
        "ruleIndex": index[d.code],
        "level": d.severity.value,
        "message": {"text": d.message},
        "locations": [{"physicalLocation": {"artifactLocation": location, "region": _region(d.span)}}],
        "partialFingerprints": {"kdlint/v1": fingerprint},
    }
    if d.fix is not None:
        result["fixes"] = [{
            "description": {"text": f"{d.fix.message} ({d.fix.applicability.value})"},
            "artifactChanges": [{
                "artifactLocation": location,
                "replacements": [{"deletedRegion": _region(e.span), "insertedContent": {"text": e.content}}
                                 for e in d.fix.edits],
            }],
        }]
    return result


def render(results: Sequence[FileResult], root: Path | None = None) -> str:
    root = root or Path.cwd()
    index = {rule.code: i for i, rule in enumerate(RULES)}
    sarif_results: list[dict[str, Any]] = []
    for file in results:
        location = {"uri": _uri(file.path, root), "uriBaseId": "%SRCROOT%"}
        fingerprint = Fingerprinter(file.source, file.document)
        sarif_results.extend(_result(d, location, fingerprint(d), index) for d in file.diagnostics)
    log = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "kdlint", "version": __version__, "semanticVersion": __version__,
                                "rules": _rules()}},
            "originalUriBaseIds": {"%SRCROOT%": {"uri": root.resolve().as_uri() + "/"}},
            "columnKind": "unicodeCodePoints",
            "results": sarif_results,
        }],
    }
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"
