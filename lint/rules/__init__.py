"""The registry: every rule kdlint has, in code order. Codes are never reused."""

from __future__ import annotations

from ..context import Context
from . import (
    kd101_title,
    kd102_venue,
    kd103_year,
    kd104_paper_link,
    kd105_authors,
    kd106_broken_markdown,
    kd107_layout,
    kd108_code_label,
    kd109_whitespace,
    kd110_year_before_venue,
    kd201_unknown_venue,
    kd202_venue_alias,
    kd203_impossible_year,
    kd204_url_contradiction,
    kd205_arxiv_year,
    kd301_unsorted,
    kd302_year_sections,
    kd303_wrong_year_section,
    kd304_toc,
    kd401_duplicate_paper,
    kd402_duplicate_title,
    kd403_similar_title,
    kd404_id_title_mismatch,
    kd501_insecure_link,
    kd502_arxiv_form,
    kd503_paper_link_code_host,
    kd504_malformed_link,
    kd601_record_title,
    kd602_record_authors,
    kd603_since_published,
    kd604_withdrawn,
    kd901_malformed_pragma,
    kd902_unused_suppression,
    kd903_unread_layout,
)
from .base import Fixable, Rule

RULES: tuple[Rule, ...] = (
    kd101_title.RULE,
    kd102_venue.RULE,
    kd103_year.RULE,
    kd104_paper_link.RULE,
    kd105_authors.RULE,
    kd106_broken_markdown.RULE,
    kd107_layout.RULE,
    kd108_code_label.RULE,
    kd109_whitespace.RULE,
    kd110_year_before_venue.RULE,
    kd201_unknown_venue.RULE,
    kd202_venue_alias.RULE,
    kd203_impossible_year.RULE,
    kd204_url_contradiction.RULE,
    kd205_arxiv_year.RULE,
    kd301_unsorted.RULE,
    kd302_year_sections.RULE,
    kd303_wrong_year_section.RULE,
    kd304_toc.RULE,
    kd401_duplicate_paper.RULE,
    kd402_duplicate_title.RULE,
    kd403_similar_title.RULE,
    kd404_id_title_mismatch.RULE,
    kd501_insecure_link.RULE,
    kd502_arxiv_form.RULE,
    kd503_paper_link_code_host.RULE,
    kd504_malformed_link.RULE,
    kd601_record_title.RULE,
    kd602_record_authors.RULE,
    kd603_since_published.RULE,
    kd604_withdrawn.RULE,
    kd901_malformed_pragma.RULE,
    kd902_unused_suppression.RULE,  # the engine runs it last: it reads what the suppressions did
    kd903_unread_layout.RULE,
)

BY_CODE: dict[str, Rule] = {rule.code: rule for rule in RULES}
UNUSED_SUPPRESSION = kd902_unused_suppression.RULE


def find(code: str) -> Rule | None:
    """The rule a code (in any case: `kd102`) or a name (`venue`) names, as `kdlint rule` looks it up."""
    return BY_CODE.get(code.upper()) or next((r for r in RULES if r.name == code.lower()), None)


def documentation(rule: Rule) -> str:
    """What `kdlint rule CODE` prints (without the final newline), and the language server's hover."""
    return rule.doc.strip()

__all__ = ["BY_CODE", "RULES", "UNUSED_SUPPRESSION", "Context", "Fixable", "Rule", "documentation", "find"]
