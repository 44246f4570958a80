"""KD201 unknown-venue: a venue kdlint's vocabulary does not know.

## What it does
Looks every venue of a canonical-style entry up in the venue vocabulary
(`kdlint venues` prints it; the `venues` setting extends it) and reports the
ones it does not know, with the closest known names.

## Why is this bad?
An unknown venue is most often a misspelling no alias covers yet (`ICLRR`,
`Nerual Networks`), sometimes a real venue the list should declare so that
its spelling is checked from then on. When the paper URL names its venue
(see KD204), the message says so instead of guessing.

## Example
```markdown
- **Born Again Neural Networks, ICMLL 2018**
```
Use instead:
```markdown
- **Born Again Neural Networks, ICML 2018**
```
or, for a real venue kdlint lacks, in the configuration:
```toml
[tool.kdlint.venues."Imaginary Results Letters"]
kind = "journal"
```

## Fix safety
No fix: the closest name is a suggestion, not a certainty.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..context import Context
from ..diagnostics import Diagnostic, Severity
from ..urls import venue_from_url
from .base import Fixable, Rule


def check(ctx: Context) -> Iterator[Diagnostic]:
    guesses: dict[str, str] = {}  # a misspelling is often repeated; its closest names are looked for once
    for entry in ctx.bold_entries:
        for pair in entry.venues:
            if pair.venue is None or pair.venue_span is None or ctx.venue(pair.venue) is not None:
                continue
            said = next((v for link in entry.links if (v := venue_from_url(link.url))), None)
            if said is not None:
                hint = f"; its paper URL says {said.venue} {said.year} ({said.evidence})"
            else:
                if pair.venue not in guesses:
                    guesses[pair.venue] = _guess(ctx, pair.venue)
                hint = guesses[pair.venue]
            yield RULE.diagnostic(f"unknown venue `{pair.venue}`{hint}", pair.venue_span)


def _guess(ctx: Context, written: str) -> str:
    close = ctx.vocabulary.venues.closest(written)
    return f"; did you mean {' or '.join(f'`{name}`' for name in close)}?" if close else ""


RULE = Rule(code="KD201", name="unknown-venue", summary="Venue not in the vocabulary",
            severity=Severity.WARNING, fixable=Fixable.NEVER, check=check, doc=__doc__ or "")
