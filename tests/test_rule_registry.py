"""What the code and the docs rely on about each rule: its module, its documentation link and its README row.

(Its fixtures and the sections of its documentation: tests/test_rules.py.)

The review bot links a rule's documentation by its module's name
(`kdlint.review.markdown.docs_link`), `kdlint rule` prints its docstring, and
the README's table is what users read: none of them may drift from the registry.
"""

from __future__ import annotations

import importlib
import re
from pathlib import Path

import pytest

from kdlint.review.markdown import docs_link
from kdlint.rules import RULES, Fixable, Rule

REPO = Path(__file__).resolve().parent.parent
RULE_FILES = sorted(p.stem for p in (REPO / "lint" / "rules").glob("kd[0-9][0-9][0-9]_*.py"))


def module_name(rule: Rule) -> str:
    return f"kd{rule.code[2:]}_{rule.name.replace('-', '_')}"


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_a_rule_lives_in_the_module_named_after_it(rule: Rule) -> None:
    module = importlib.import_module(f"kdlint.rules.{module_name(rule)}")
    assert module.RULE is rule
    assert rule.doc == module.__doc__  # `kdlint rule CODE` prints the module's documentation


def test_every_rule_module_is_registered() -> None:
    assert sorted(module_name(rule) for rule in RULES) == RULE_FILES


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_the_review_bots_documentation_link_names_the_rules_module(rule: Rule, monkeypatch) -> None:
    monkeypatch.setenv("GITHUB_ACTION_REPOSITORY", "kdlint/kdlint")
    monkeypatch.setenv("GITHUB_ACTION_REF", "v1")
    link = docs_link(rule.code, rule.name)
    assert link == (f"[{rule.code} documentation](https://github.com/kdlint/kdlint/blob/v1/lint/rules/"
                    f"{module_name(rule)}.py)")


def test_the_readme_table_has_a_row_per_rule_in_order_with_its_fix_kind() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| (KD\d{3}) \| ([a-z0-9-]+) \| ([a-z ()]+) \|", readme, re.M)
    assert [(code, name) for code, name, _ in rows] == [(r.code, r.name) for r in RULES]
    for (code, _, fix), rule in zip(rows, RULES):
        kind = fix.split(" ")[0]
        assert kind == rule.fixable.value, f"{code}: the README says {fix!r}, the rule is {rule.fixable.value}"
        if rule.fixable is Fixable.NEVER:
            assert fix == "never"
