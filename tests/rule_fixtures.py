"""The per-rule fixtures: tests/fixtures/rules/CODE/NAME.md and what is expected of it.

Beside each NAME.md (and its configuration NAME.kdlint.toml, and for the KD6xx rules the metadata services'
answers NAME.metadata.json (`kdlint.metadata.load`), when it needs them):
- NAME.expected: the rule's findings, one per line, `LINE:COL-END_LINE:END_COL: CODE message (fix)`;
- NAME.fixed.md: the text after `kdlint fix` with that rule alone (safe fixes);
- NAME.unsafe-fixed.md: the same with `--unsafe-fixes`, when it differs.

`python tests/rule_fixtures.py` rewrites the expected files from the current
code; read the diff before committing it.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, replace
from pathlib import Path

from kdlint.config_files import load_file
from kdlint.diagnostics import Diagnostic
from kdlint.engine import Linter
from kdlint.fixer import fix_source
from kdlint.metadata import load
from kdlint.rules import BY_CODE, Rule
from kdlint.settings import Settings
from kdlint.source import SourceText

ROOT = Path(__file__).parent / "fixtures" / "rules"


@dataclass(frozen=True)
class Case:
    rule: Rule
    path: Path

    @property
    def id(self) -> str:
        return f"{self.rule.code}/{self.path.stem}"

    @property
    def linter(self) -> Linter:
        """The rule alone, with NAME.kdlint.toml beside the fixture as its configuration when there is one.

        KD902 needs rules whose findings it sees suppressed, so it runs with all of them.
        """
        config = self.path.with_name(self.path.stem + ".kdlint.toml")
        settings = load_file(config) if config.exists() else Settings()
        assert settings is not None
        select = None if self.rule.code == "KD902" else [self.rule.code]
        linter = Linter.for_file(settings, self.path, select=select)
        answers = self.sibling(".metadata.json")
        return replace(linter, metadata=load(answers)) if answers.exists() else linter

    def sibling(self, suffix: str) -> Path:
        return self.path.with_name(self.path.stem + suffix)


def cases() -> list[Case]:
    found = []
    for directory in sorted(ROOT.iterdir()):
        for path in sorted(directory.glob("*.md")):
            if not path.name.endswith((".fixed.md", ".unsafe-fixed.md")):
                found.append(Case(BY_CODE[directory.name], path))
    return found


def describe(d: Diagnostic) -> str:
    s = d.span
    fix = f" ({d.fix.applicability.value} fix: {d.fix.message})" if d.fix else ""
    return f"{s.line}:{s.column}-{s.end_line}:{s.end_column}: {d.code} {d.message}{fix}"


def findings(case: Case, source: SourceText) -> list[str]:
    _, found = case.linter.check(source)
    return [describe(d) for d in found if d.code == case.rule.code]


def fixed(case: Case, source: SourceText, unsafe: bool) -> str:
    return fix_source(source, case.linter, unsafe=unsafe).source.text


def regenerate() -> None:
    for case in cases():
        source = SourceText.read(case.path)
        case.sibling(".expected").write_text("".join(f"{line}\n" for line in findings(case, source)))
        safe = fixed(case, source, unsafe=False)
        case.sibling(".fixed.md").write_text(safe)
        unsafe = fixed(case, source, unsafe=True)
        target = case.sibling(".unsafe-fixed.md")
        if unsafe != safe:
            target.write_text(unsafe)
        elif target.exists():
            target.unlink()
        print(case.id, file=sys.stderr)


if __name__ == "__main__":
    regenerate()
