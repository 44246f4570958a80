"""KD603 since-published: a preprint that has since been published.

## What it does
`kdlint verify` only. For an entry listed as a preprint (it writes only
preprint servers such as arXiv as its venue, or no venue in a section
whose entries mostly write one: a list of titles and links alone is not
told every paper's venue), reports the venue and year the
paper was published at, found by its identifier (DBLP, then Semantic
Scholar; CoRR records do not count), with the record's source in the message.
An entry without an identifier is matched by its title, its first author and
its year together; such a match is only ever a suggestion, without a fix.

## Why is this bad?
Readers of a list want the published version: it is peer reviewed, and the
venue says where. Lists keep `arXiv 2021` long after the paper appeared at
a conference.

## Example
```markdown
- **Decoupled Knowledge Distillation, arXiv 2022** [[Paper]](https://arxiv.org/abs/2203.08679)
```
Use instead:
```markdown
- **Decoupled Knowledge Distillation, CVPR 2022** [[Paper]](https://arxiv.org/abs/2203.08679)
```

## Fix safety
Unsafe: the venue and the year are written over the preprint's, in the
vocabulary's spelling, when the entry writes a preprint venue and the
vocabulary knows the published one. A list may list preprints on purpose.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..context import Context
from ..diagnostics import Applicability, Diagnostic, Edit, Fix, Severity, Span, TextChange
from ..model import Entry, VenueYear
from ..online.record import Paper
from .base import Fixable, Rule

VOLUME = re.compile(r"\(\d+\)$")  # DBLP's `ECCV (12)`: the volume of the proceedings


VENUES_WRITTEN = 0.5  # the share of a section's entries with a venue from which its entries are expected to have one


def preprint_pairs(ctx: Context, entry: Entry) -> list[VenueYear] | None:
    """The entry's preprint `Venue Year` pairs, when it is listed as a preprint: it writes only preprint
    venues, or none in a section whose entries mostly write one. None otherwise: it names a venue that is not
    a preprint server, or it writes none where venues are not the list's habit (a list of titles and links
    only would otherwise be told of every paper's venue)."""
    pairs = []
    for pair in entry.venues:
        match = ctx.venue(pair.venue) if pair.venue else None
        if match is None or match.venue.kind != "preprint":
            return None
        pairs.append(pair)
    if not pairs and ctx.venue_share.get(entry.section, 0.0) < VENUES_WRITTEN:
        return None
    return pairs


def without_volume(venue: str) -> str:
    """`ECCV (12)` -> `ECCV`."""
    found = VOLUME.search(venue)
    return venue[: found.start()].rstrip() if found else venue


def published_venue(ctx: Context, paper: Paper) -> str | None:
    """The venue a record names, in the vocabulary's spelling when it knows it (`ECCV (11)` -> `ECCV`); None
    for a preprint server or no venue."""
    if paper.venue is None:
        return None
    written = without_volume(paper.venue)
    match = ctx.venue(written, paper.year)
    if match is None:
        return written
    return None if match.venue.kind == "preprint" else match.venue.name


def where(ctx: Context, paper: Paper) -> str | None:
    """`CVPR 2022`: the record's venue and year, for a message."""
    venue = published_venue(ctx, paper)
    return None if venue is None else " ".join(filter(None, (venue, str(paper.year) if paper.year else None)))


def _fix(ctx: Context, pair: VenueYear, paper: Paper) -> Fix | None:
    venue = without_volume(paper.venue or "")
    match = ctx.venue(venue, paper.year)
    if (match is None or match.venue.kind == "preprint" or paper.year is None or pair.venue is None
            or pair.year is None or pair.venue_span is None or pair.year_span is None):
        return None
    name, year = match.venue.name, str(paper.year)
    return Fix(applicability=Applicability.UNSAFE, message=f"Write {name} {year}",
               edits=(Edit.replace(pair.venue_span, name), Edit.replace(pair.year_span, year)),
               changes=(TextChange(pair.venue, name), TextChange(pair.year, year)))


def check(ctx: Context) -> Iterator[Diagnostic]:
    if ctx.metadata is None:
        return
    from ..metadata import source

    for entry in ctx.entries:
        pairs = preprint_pairs(ctx, entry)
        if pairs is None:
            continue
        span: Span = pairs[0].span if pairs else entry.title_span or entry.span
        found = ctx.metadata.published_version(entry)
        if found is not None:
            pid, paper = found
            published = where(ctx, paper)
            if published is not None:
                yield RULE.diagnostic(f"{pid} was published: {published} ({source(paper)})", span,
                                      _fix(ctx, pairs[0], paper) if len(pairs) == 1 else None)
            continue
        match = ctx.metadata.title_match(entry)
        published = where(ctx, match) if match is not None else None
        if match is not None and published is not None:
            yield RULE.diagnostic(f"perhaps published: {published} ({source(match)}), a paper of the same title, "
                                  "first author and year", span)


RULE = Rule(code="KD603", name="since-published", summary="preprint since published (verify)",
            severity=Severity.WARNING, fixable=Fixable.SOMETIMES, check=check, doc=__doc__ or "")
