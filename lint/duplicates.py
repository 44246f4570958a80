"""Finding the same paper twice: by identifier, by title, by nearly the same title.

Pairs are reported on the later entry and name the earlier one. With
`allow-cross-section-duplicates`, only pairs within one section count.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterator, Sequence

from . import blocks
from .diagnostics import Applicability, Fix
from .model import Entry, PaperId
from .rules.base import Context

_NON_WORD = re.compile(r"[\W_]+")
_LEADING_PARENTHETICAL = re.compile(r"^\s*[(\[][^)\]]*[)\]]\s*")
STOP_WORDS = frozenset({"a", "an", "the", "of", "for", "and", "in", "on", "via", "with", "to", "by", "from", "is"})


def normalise_title(title: str) -> str:
    """Case, punctuation, Unicode compatibility forms and spacing folded; a leading `(FitNets)` dropped."""
    text = unicodedata.normalize("NFKC", _LEADING_PARENTHETICAL.sub("", title)).casefold()
    return " ".join(_NON_WORD.sub(" ", text).split())


def comparable(ctx: Context, first: Entry, second: Entry) -> bool:
    return ctx.cross_section_duplicates or first.section == second.section


def id_pairs(ctx: Context) -> Iterator[tuple[Entry, Entry, PaperId]]:
    """(earlier, later, shared identifier) for each later entry that shares an identifier, once per entry."""
    seen: dict[PaperId, list[Entry]] = defaultdict(list)
    for entry in ctx.document.entries:
        reported = False
        for pid in entry.paper_ids:
            for earlier in seen[pid]:
                if not reported and comparable(ctx, earlier, entry):
                    yield earlier, entry, pid
                    reported = True
            seen[pid].append(entry)


def same_title(first: Entry, second: Entry) -> bool:
    return bool(first.title and second.title and normalise_title(first.title) == normalise_title(second.title))


def _normalised_block(ctx: Context, entry: Entry) -> str:
    text = "\n".join(ctx.source.lines[entry.line - 1 : entry.end_line])
    return " ".join(text.split())


def removal(ctx: Context, earlier: Entry, later: Entry) -> Fix | None:
    """Deleting the later entry, offered only when both entries read the same after normalisation."""
    if _normalised_block(ctx, earlier) != _normalised_block(ctx, later):
        return None
    return Fix(applicability=Applicability.UNSAFE, message=f"Remove this copy of line {earlier.line}",
               edits=(blocks.delete(ctx.source, later),), drops_duplicate=True)


def shared_ids(first: Entry, second: Entry) -> set[PaperId]:
    return set(first.paper_ids) & set(second.paper_ids)


def title_pairs(ctx: Context) -> Iterator[tuple[Entry, Entry]]:
    """(earlier, later) with the same normalised title."""
    seen: dict[str, list[Entry]] = defaultdict(list)
    for entry in ctx.document.entries:
        if not entry.title:
            continue
        key = normalise_title(entry.title)
        if not key:
            continue
        earlier = next((e for e in seen[key] if comparable(ctx, e, entry)), None)
        if earlier is not None:
            yield earlier, entry
        seen[key].append(entry)


def similar_pairs(ctx: Context, threshold: float) -> Iterator[tuple[Entry, Entry, float]]:
    """(earlier, later, similarity) for titles alike above `threshold` but not equal.

    Never all pairs: a title is compared only with the titles that share one of
    its three rarest words, as near-identical titles do.
    """
    from rapidfuzz import fuzz  # imported here: only this rule needs it

    titled = [(e, normalise_title(e.title)) for e in ctx.document.entries if e.title]
    titled = [(e, t) for e, t in titled if len(t) >= 12]
    frequency: dict[str, int] = defaultdict(int)
    words_of: list[list[str]] = []
    for _, title in titled:
        words = [w for w in set(title.split()) if w not in STOP_WORDS]
        words_of.append(words)
        for word in words:
            frequency[word] += 1
    buckets: dict[str, list[int]] = defaultdict(list)
    reported: set[int] = set()
    for i, ((entry, title), words) in enumerate(zip(titled, words_of)):
        rare = sorted(words, key=lambda w: (frequency[w], -len(w), w))[:3]
        candidates = {j for word in rare for j in buckets[word]}
        best: tuple[float, int] | None = None
        for j in sorted(candidates):
            other, other_title = titled[j]
            if other_title == title or not comparable(ctx, other, entry):
                continue
            score = fuzz.ratio(title, other_title, score_cutoff=threshold)
            if score and (best is None or score > best[0]):
                best = (score, j)
        if best is not None and i not in reported:
            reported.add(i)
            yield titled[best[1]][0], entry, best[0]
        for word in rare:
            buckets[word].append(i)


def describe(entries: Sequence[Entry]) -> str:
    return ", ".join(f"line {e.line}" for e in entries)
