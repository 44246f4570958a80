"""`kdlint verify`'s work on one list: ask the metadata services about its entries, and say what they said.

The entries' identifiers are looked up together (`Lookup.fetch`: arXiv ids in
batches); the preprints among them (entries whose venues, if any, are
preprint servers: `kd603_since_published.preprint_pairs`) are then asked for
their published version. A preprint without an identifier is matched by its
title, first author and year (only ever a suggestion: KD603). What could not
be asked is counted, never reported as a finding.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from .context import Context
from .metadata import Metadata
from .model import Entry, PaperId, is_year
from .online.lookup import Lookup
from .online.record import NotFound, NotVerified, Paper, Service
from .rules.kd603_since_published import preprint_pairs
from .titles import identity


@dataclass
class Verification:
    """The metadata of one list, and how many of its entries could be verified."""

    metadata: Metadata
    entries: int = 0  # entries with an identifier some service knows, or a preprint matched by title
    verified: int = 0  # of those, the entries every needed service answered for
    not_found: int = 0  # entries whose identifier no service has a record of
    not_verified: Counter[str] = field(default_factory=Counter)  # reason -> entries


def looked_up(entry: Entry) -> list[PaperId]:
    return [pid for pid in entry.paper_ids if Lookup.supports(pid)]


def entry_year(entry: Entry) -> int | None:
    for pair in entry.venues:
        if pair.year is not None and is_year(pair.year):
            return int(pair.year)
    return entry.section_year


def as_preprint(entry: Entry) -> Paper | None:
    """The entry as a preprint to match by title, first author and year; None without all three."""
    if not entry.title or entry.authors is None or not entry.authors.names:
        return None
    year = entry_year(entry)
    if year is None:
        return None
    return Paper(service=Service.LIST, source_key=f"line {entry.line}", title=entry.title,
                 authors=tuple(entry.authors.names), year=year)


def verify(ctx: Context, lookup: Lookup) -> Verification:
    """What the services say of the entries of `ctx`'s document."""
    entries = ctx.entries
    ids = [pid for entry in entries for pid in looked_up(entry)]
    answers = lookup.fetch(ids)
    records: dict[str, Paper] = {}
    published: dict[str, Paper] = {}
    by_title: dict[str, Paper] = {}
    result = Verification(Metadata(records, published, by_title))
    asked_published: dict[str, Paper | NotVerified | None] = {}
    for entry in entries:
        pids = looked_up(entry)
        preprint = preprint_pairs(ctx, entry) is not None
        if not pids:
            candidate = as_preprint(entry) if preprint and entry.venues else None
            if candidate is None:
                continue
            result.entries += 1
            found = lookup.published(candidate)
            if isinstance(found, NotVerified):
                result.not_verified[found.reason] += 1
                continue
            result.verified += 1
            if found is not None:
                by_title[identity(candidate.title)] = found
            continue
        result.entries += 1
        outcomes = [(pid, answers[pid]) for pid in pids if pid in answers]
        failures = [o for _, o in outcomes if isinstance(o, NotVerified)]
        papers = [(pid, o) for pid, o in outcomes if isinstance(o, Paper)]
        for pid, paper in papers:
            records[str(pid)] = paper
        if preprint:
            for pid, paper in papers[:1]:  # the first record stands for the paper
                key = str(pid)
                if key not in asked_published:
                    asked_published[key] = lookup.published(paper)
                newer = asked_published[key]
                if isinstance(newer, NotVerified):
                    failures.append(newer)
                elif newer is not None and newer is not paper:
                    published[key] = newer
        if failures:
            result.not_verified[failures[0].reason] += 1
        elif papers:
            result.verified += 1
        elif any(isinstance(o, NotFound) for _, o in outcomes):
            result.not_found += 1
    return result


def summary(results: Iterable[Verification]) -> str:
    """`Verified 41 of 43 entries; 1 not found; 1 not verified (arXiv: rate exceeded).`"""
    done = list(results)
    entries = sum(r.entries for r in done)
    verified = sum(r.verified for r in done)
    missing = sum(r.not_found for r in done)
    reasons: Counter[str] = sum((r.not_verified for r in done), Counter())
    line = f"Verified {verified} of {entries} {'entry' if entries == 1 else 'entries'}"
    if missing:
        line += f"; {missing} not found"
    unverified = sum(reasons.values())
    if unverified:
        shown = "; ".join(f"{reason}: {count}" for reason, count in reasons.most_common(3))
        line += f"; {unverified} not verified ({shown})"
    return line + "."
