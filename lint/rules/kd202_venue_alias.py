"""KD202 venue-alias: a venue written as an alias or a misspelling.

## What it does
Reports venues written otherwise than their canonical spelling: another name
(`NIPS`, `IEEE TPAMI`, `NIPSW`, `CVPRW`), a misspelling (`NeurlPS`, `CPVR`,
`arxive`, `T-MAPI`) or another letter case (`Neurips`).

NIPS was renamed NeurIPS after 2017. By default kdlint writes the current name
for every year (`NIPS 2014` becomes `NeurIPS 2014`), as most lists and
Google Scholar do; with `keep-historical-venue-names = true` a venue's
earlier name is accepted for the years it carried it (`NIPS 2017` stays,
`NIPS 2018` still becomes `NeurIPS 2018`).

## Why is this bad?
One venue under three spellings cannot be searched, sorted or counted, and a
misspelling in a curated list looks careless.

## Example
```markdown
- **Knowledge Distillation by On-the-Fly Native Ensemble, NIPS 2018**
```
Use instead:
```markdown
- **Knowledge Distillation by On-the-Fly Native Ensemble, NeurIPS 2018**
```

## Fix safety
Safe: only the venue's spelling changes, to the vocabulary's canonical name.
One exception is unsafe: a conference written all in lower case (`iclr 2021`),
which some lists use to mark a paper under review, not an accepted one; a
list that writes HOUSE_STYLE_LEAST or more such venues does so on purpose
and is not told so.

A spelling that names the venue and says more is not reported: a
presentation or track (`CVPR Oral`, `CVPR Highlight`, `ACL Long`) or a joint
event's official name (`ACL-IJCNLP 2021`, `EMNLP-CoNLL 2012`). Rewriting it
would lose what it adds (QUALIFIERS).

A spelling that the list writes throughout (HOUSE_STYLE_LEAST or more times,
and in HOUSE_SHARE of that venue's pairs) is its house spelling and is not
reported: another letter case (`Arxiv 2024`) or an abbreviation (`PR` for
Pattern Recognition, `CVPRW`). A near miss of the name (`NeurlPS`, `CPVR`:
MAX_TYPO edits or fewer) and a venue's earlier name (`NIPS`) are always
reported.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from ..context import Context
from ..diagnostics import Applicability, Diagnostic, Edit, Fix, Severity, TextChange
from ..house_style import HOUSE_SHARE, HOUSE_STYLE_LEAST
from ..venues import Venue
from ..words import edit_distance
from .base import Fixable, Rule

MAX_TYPO = 2  # edits: `NeurlPS` is NeurIPS misspelled, `PR` is Pattern Recognition abbreviated
# Words a spelling adds to its venue's name that say something the name does not: how the paper was presented,
# its track, or the joint event it appeared at.
QUALIFIERS = frozenset({"oral", "spotlight", "highlight", "poster", "long", "short", "main",
                        "ijcnlp", "conll", "coling"})
WORD = re.compile(r"[^\W_]+")


def check(ctx: Context) -> Iterator[Diagnostic]:
    submissions = _lower_case_convention(ctx)
    house = _house_spellings(ctx)
    for pair in ctx.venue_pairs:
        if pair.venue is None or pair.venue_span is None:
            continue
        year = int(pair.year) if pair.year_ok and pair.year else None
        match = ctx.venue(pair.venue, year)
        if match is None or match.canonical:
            continue
        if match.historical and ctx.vocabulary.keep_historical_names:
            continue
        canonical = match.venue.name
        if _says_more(pair.venue, canonical):
            continue
        if _marks_submission(pair.venue, canonical, match.venue.kind) and submissions >= HOUSE_STYLE_LEAST:
            continue  # the list marks submissions in lower case throughout: `iclr 2021` is its convention
        if _marks_submission(pair.venue, canonical, match.venue.kind):
            fix = Fix(applicability=Applicability.UNSAFE, message=f"Write `{canonical}`",
                      edits=(Edit.replace(pair.venue_span, canonical),),
                      changes=(TextChange(pair.venue, canonical),))
            yield RULE.diagnostic(f"venue `{pair.venue}` should be written `{canonical}` (lower case may mark a "
                                  "submission: fix it only if the paper was accepted)", pair.venue_span, fix)
            continue
        if pair.venue in house:
            continue
        fix = Fix(applicability=Applicability.SAFE, message=f"Write `{canonical}`",
                  edits=(Edit.replace(pair.venue_span, canonical),),
                      changes=(TextChange(pair.venue, canonical),))
        yield RULE.diagnostic(f"venue `{pair.venue}` should be written `{canonical}`", pair.venue_span, fix)


def _says_more(written: str, canonical: str) -> bool:
    """Whether `written` is the venue's name with a qualifier added (`CVPR Oral`, `ACL-IJCNLP`)."""
    words = set(WORD.findall(written.casefold()))
    return bool(words & QUALIFIERS) and set(WORD.findall(canonical.casefold())) <= words


def _lower_case_convention(ctx: Context) -> int:
    """How many lower-case conference spellings mark submissions on purpose: their number when the list's
    other venues are nearly all spelled canonically (a list that spells venues right otherwise), else 0."""
    lower = canonical = other = 0
    for pair in ctx.venue_pairs:
        match = ctx.venue(pair.venue) if pair.venue else None
        if match is None or pair.venue is None:
            continue
        if _marks_submission(pair.venue, match.venue.name, match.venue.kind):
            lower += 1
        elif match.canonical:
            canonical += 1
        else:
            other += 1
    return lower if canonical >= 4 * other else 0


def _house_spellings(ctx: Context) -> frozenset[str]:
    """The spellings other than their venue's canonical name that the list writes throughout
    (HOUSE_STYLE_LEAST times or more, and in HOUSE_SHARE of that venue's pairs): another letter case, or an
    abbreviation that is neither a near miss of the name nor one of its earlier names."""
    written: dict[str, Counter[str]] = {}  # canonical name -> how often each spelling of it is written
    venues: dict[str, Venue] = {}
    for pair in ctx.venue_pairs:
        match = ctx.venue(pair.venue) if pair.venue else None
        if match is not None and pair.venue is not None:
            written.setdefault(match.venue.name, Counter())[pair.venue] += 1
            venues[match.venue.name] = match.venue
    return frozenset(spelling for canonical, uses in written.items() for spelling, count in uses.items()
                     if spelling != canonical and count >= HOUSE_STYLE_LEAST
                     and count >= HOUSE_SHARE * sum(uses.values())
                     and (spelling.casefold() == canonical.casefold() or _abbreviation(spelling, venues[canonical])))


def _abbreviation(spelling: str, venue: Venue) -> bool:
    """Whether `spelling` names `venue` otherwise than by a slip: not within MAX_TYPO edits of its name,
    and not one of its earlier names."""
    folded = _fold(spelling)
    return (edit_distance(folded, _fold(venue.name)) > MAX_TYPO
            and all(_fold(rename.name) != folded for rename in venue.renamed_from))


def _fold(text: str) -> str:
    return "".join(ch for ch in text.casefold() if ch.isalnum())


def _marks_submission(written: str, canonical: str, kind: str) -> bool:
    """`iclr 2021` for ICLR: some lists write venues in lower case for papers under review."""
    return written.islower() and not canonical.islower() and kind in ("conference", "workshop")


RULE = Rule(code="KD202", name="venue-alias", summary="Venue written as an alias or a misspelling",
            severity=Severity.WARNING, fixable=Fixable.ALWAYS, check=check, doc=__doc__ or "")
