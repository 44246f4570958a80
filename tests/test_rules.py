"""Every rule against its fixtures: exact findings, exact fixed text, fixed text linted again."""

from __future__ import annotations

import re

import pytest
from rule_fixtures import Case, cases, findings, fixed

from kdlint.fixer import fix_source
from kdlint.rules import RULES
from kdlint.source import SourceText

CASES = cases()
IDS = [case.id for case in CASES]


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_findings(case: Case) -> None:
    expected = case.sibling(".expected").read_text().splitlines()
    assert findings(case, SourceText.read(case.path)) == expected


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize("unsafe", [False, True], ids=["safe", "unsafe"])
def test_fixed_output(case: Case, unsafe: bool) -> None:
    source = SourceText.read(case.path)
    target = case.sibling(".unsafe-fixed.md") if unsafe else case.sibling(".fixed.md")
    if unsafe and not target.exists():
        target = case.sibling(".fixed.md")
    result = fixed(case, source, unsafe)
    assert result == target.read_text()
    # Linted again, the fixed text has no finding left that this mode would fix ...
    _, again = case.linter.check(source.replace(result))
    assert not [d for d in again if d.code == case.rule.code and d.fix
                and (unsafe or d.fix.applicability.value == "safe")]
    # ... and fixing it twice changes nothing more.
    assert fixed(case, source.replace(result), unsafe) == result


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_crlf_gives_the_same_findings_and_keeps_crlf(case: Case) -> None:
    text = case.path.read_text()
    crlf = SourceText.from_bytes(text.replace("\n", "\r\n").encode())
    assert findings(case, crlf) == case.sibling(".expected").read_text().splitlines()
    expected = case.sibling(".fixed.md").read_text().replace("\n", "\r\n")
    assert fixed(case, crlf, unsafe=False) == expected


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_all_rules_together_reach_a_fixpoint(case: Case) -> None:
    source = SourceText.read(case.path)
    once = fix_source(source, unsafe=True).source
    twice = fix_source(once, unsafe=True).source
    assert twice.text == once.text


def test_every_rule_has_fixtures_with_findings() -> None:
    with_findings = {case.rule.code for case in CASES if case.sibling(".expected").read_text().strip()}
    assert with_findings == {rule.code for rule in RULES}


def test_every_fixable_rule_has_a_fixture_that_changes() -> None:
    changed = {
        case.rule.code
        for case in CASES
        if (case.sibling(".unsafe-fixed.md") if case.sibling(".unsafe-fixed.md").exists() else case.sibling(".fixed.md")).read_text()
        != case.path.read_text()
    }
    assert changed == {rule.code for rule in RULES if rule.fixable.value != "never"}


@pytest.mark.parametrize("rule", RULES, ids=[rule.code for rule in RULES])
def test_rule_documentation(rule) -> None:
    doc = rule.doc
    assert doc.startswith(f"{rule.code} {rule.name}: ")
    prose = re.sub(r"^```.*?^```", "", doc, flags=re.M | re.S)  # examples may hold headings of their own
    headings = re.findall(r"^## (.+)$", prose, flags=re.M)
    assert headings == ["What it does", "Why is this bad?", "Example", "Fix safety"]
    assert re.fullmatch(r"KD\d{3}", rule.code)
    assert re.fullmatch(r"[a-z0-9-]+", rule.name)


def test_codes_and_names_are_unique_and_in_order() -> None:
    codes = [rule.code for rule in RULES]
    assert codes == sorted(set(codes))
    assert len({rule.name for rule in RULES}) == len(RULES)
