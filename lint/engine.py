"""Lint one source text with one configuration: rules, suppressions, unused suppressions."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from . import collector
from .context import Context
from .diagnostics import Diagnostic
from .document import parse_document
from .model import Document
from .rules import RULES, UNUSED_SUPPRESSION, Fixable, Rule
from .selection import select_rules
from .settings import Settings
from .source import SourceText
from .suppression import apply
from .vocabulary import DEFAULT, Vocabulary

if TYPE_CHECKING:
    from .metadata import Metadata


@dataclass(frozen=True)
class Linter:
    """The rules that run on a file and what they know of its list."""

    rules: tuple[Rule, ...] = RULES
    vocabulary: Vocabulary = DEFAULT
    settings: Settings = field(default_factory=Settings)  # what the rules read of the configuration
    metadata: Metadata | None = None  # what the metadata services said of the list's papers (`kdlint verify`)

    @classmethod
    def for_file(cls, settings: Settings, path: Path | None = None, select: Sequence[str] | None = None,
                 extend_select: Sequence[str] = (), ignore: Sequence[str] = ()) -> Linter:
        """Settings plus command-line selectors (`select` replaces the configured one) for `path`."""
        chosen = list(select) if select is not None else settings.select
        dropped = [*settings.ignore, *ignore, *(settings.file_ignores(path) if path is not None else ())]
        rules = select_rules(chosen, [*settings.extend_select, *extend_select], dropped)
        vocabulary = DEFAULT
        if settings.code_labels or settings.venues or settings.keep_historical_venue_names:
            vocabulary = Vocabulary.extended(
                settings.code_labels, {name: (spec.aliases, spec.kind) for name, spec in settings.venues.items()},
                settings.keep_historical_venue_names)
        return cls(rules=tuple(rules), vocabulary=vocabulary, settings=settings)

    def check(self, source: SourceText) -> tuple[Document, list[Diagnostic]]:
        with collector.paused():
            document = self.parse(source)
            return document, self.findings(source, document).finish()

    def findings(self, source: SourceText, document: Document) -> Findings:
        """The findings of `document` phase by phase: those of the rules that fix something at once."""
        return Findings(self, self.context(source, document))

    def parse(self, source: SourceText) -> Document:
        return parse_document(source, self.vocabulary, self.settings.skip_sections, self.settings.style)

    def context(self, source: SourceText, document: Document) -> Context:
        return Context(source=source, document=document, vocabulary=self.vocabulary, settings=self.settings,
                       enabled=frozenset(rule.code for rule in self.rules), metadata=self.metadata)

    def run(self, ctx: Context, fixable: bool) -> list[Diagnostic]:
        """What the rules that can fix something (`fixable`), or the others, find; suppressions not applied.

        The rule that reports unused suppressions is not among them: it runs in
        `report`, after every other rule. No finding points into code or raw HTML and no fix changes them
        (`Protected.allows`). `kdlint fix` runs only the fixing
        rules between its passes.
        """
        chosen = [rule for rule in self.rules
                  if rule is not UNUSED_SUPPRESSION and (rule.fixable is not Fixable.NEVER) == fixable]
        return list(ctx.protected.allows(diagnostic for rule in chosen for diagnostic in rule.check(ctx)))

    def report(self, ctx: Context, found: list[Diagnostic], complete: bool = True) -> list[Diagnostic]:
        """`found` less what suppression comments suppress, sorted; with the unused suppressions when `found`
        is `complete` (every rule's findings)."""
        kept, use, stray = apply(found, ctx.document.pragmas)
        if complete and UNUSED_SUPPRESSION in self.rules:
            kept.extend(UNUSED_SUPPRESSION.check(replace(ctx, pragma_use=use, stray_enables=stray)))
        kept.sort(key=Diagnostic.sort_key)
        return kept


class Findings:
    """The phases of one check, in their order: the rules that can fix something (all `kdlint fix` needs
    between its passes), then (`finish`) the other rules, then suppressions and the unused ones."""

    def __init__(self, linter: Linter, ctx: Context) -> None:
        self.linter = linter
        self.ctx = ctx
        self._fixing = linter.run(ctx, fixable=True)
        self.found = linter.report(ctx, self._fixing, complete=False)  # suppressions applied
        self.complete = False  # whether `found` holds every rule's findings

    def finish(self) -> list[Diagnostic]:
        """Every finding: the other rules run (once), then the unused suppressions are reported."""
        if not self.complete:
            self.found = self.linter.report(self.ctx, [*self._fixing, *self.linter.run(self.ctx, fixable=False)])
            self.complete = True
        return self.found

