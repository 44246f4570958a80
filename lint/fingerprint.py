"""Fingerprints of findings that survive unrelated edits.

A finding is known by its rule, the identity of the entry it sits in (the
paper's first identifier, else its normalised title), and the normalised
source text it points at — never by line number, so that adding an entry
above it, or reordering the list, does not change it. Baselines and SARIF's
partialFingerprints both use it.
"""

from __future__ import annotations

import hashlib

from .diagnostics import Diagnostic
from .model import Document, Entry
from .source import SourceText
from .titles import fingerprint_key


def entry_identity(entry: Entry) -> str:
    if entry.paper_ids:
        return str(entry.paper_ids[0])
    if entry.title:
        return "title:" + fingerprint_key(entry.title)
    return ""


class Fingerprinter:
    def __init__(self, source: SourceText, document: Document) -> None:
        self.source = source
        self._by_line: dict[int, Entry] = {}
        for entry in document.entries:
            for number in entry.lines:
                self._by_line[number] = entry

    def span_text(self, d: Diagnostic) -> str:
        s = d.span
        lines = self.source.lines[s.line - 1 : s.end_line]
        if not lines:
            return ""
        if len(lines) == 1:
            text = lines[0][s.column - 1 : s.end_column - 1]
        else:
            text = "\n".join([lines[0][s.column - 1 :], *lines[1:-1], lines[-1][: s.end_column - 1]])
        return " ".join(text.split())

    def __call__(self, d: Diagnostic) -> str:
        entry = self._by_line.get(d.span.line)
        if entry is not None:
            where = entry_identity(entry)
        else:
            inside = d.span.line <= len(self.source.lines)
            where = "line:" + " ".join(self.source.line(d.span.line).split()) if inside else ""
        key = "\x00".join((d.code, where, self.span_text(d)))
        return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]
