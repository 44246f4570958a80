"""Run the rules over one source text."""

from __future__ import annotations

from collections.abc import Sequence

from .diagnostics import Diagnostic
from .document import parse_document
from .model import Document
from .rules import RULES, Context, Rule
from .source import SourceText


def run_rules(source: SourceText, document: Document, rules: Sequence[Rule] = RULES) -> list[Diagnostic]:
    ctx = Context(source=source, document=document)
    found: list[Diagnostic] = []
    for rule in rules:
        found.extend(rule.check(ctx))
    found.sort(key=Diagnostic.sort_key)
    return found


def check_source(source: SourceText, rules: Sequence[Rule] = RULES) -> tuple[Document, list[Diagnostic]]:
    document = parse_document(source)
    return document, run_rules(source, document, rules)
