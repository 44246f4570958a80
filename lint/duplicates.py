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
from .urls import host_of

_NON_WORD = re.compile(r"[\W_]+")
_LEADING_PARENTHETICAL = re.compile(r"^\s*[(\[][^)\]]*[)\]]\s*")
MAX_BUCKET = 64  # a word in more titles than this is too common to pair titles by
WINDOW = 3  # sorted neighbours each title is compared with
STOP_WORDS = frozenset({"a", "an", "the", "of", "for", "and", "in", "on", "via", "with", "to", "by", "from", "is"})


def normalise_title(title: str) -> str:
    """Case, punctuation, Unicode compatibility forms and spacing folded; a leading `(FitNets)` dropped."""
    text = unicodedata.normalize("NFKC", _LEADING_PARENTHETICAL.sub("", title)).casefold()
    return " ".join(_NON_WORD.sub(" ", text).split())


def comparable(ctx: Context, first: Entry, second: Entry) -> bool:
    return ctx.cross_section_duplicates or first.section == second.section


def _pick(ctx: Context, entry: Entry, earlier: Sequence[Entry]) -> Entry | None:
    """The earlier entry to name: one in the same section if there is one, else the first comparable."""
    same = [e for e in earlier if e.section == entry.section]
    if same:
        return same[0]
    return next((e for e in earlier if comparable(ctx, e, entry)), None)


def id_pairs(ctx: Context) -> Iterator[tuple[Entry, Entry, PaperId]]:
    """(earlier, later, shared identifier) for each later entry that shares an identifier, once per entry."""
    seen: dict[PaperId, list[Entry]] = defaultdict(list)
    for entry in ctx.document.entries:
        found = [(other, pid) for pid in entry.paper_ids for other in seen[pid]]
        chosen = _pick(ctx, entry, [other for other, _ in found])
        if chosen is not None:
            yield chosen, entry, next(pid for other, pid in found if other is chosen)
        for pid in entry.paper_ids:
            seen[pid].append(entry)


VIDEO_HOSTS = frozenset({"www.youtube.com", "youtube.com", "youtu.be", "vimeo.com", "www.bilibili.com",
                         "videolectures.net", "slideslive.com"})


def only_videos(entry: Entry) -> bool:
    """An entry that links a recording only: a talk about a paper, not the paper."""
    return bool(entry.links) and all(host_of(link.url) in VIDEO_HOSTS for link in entry.links)


def same_title(first: Entry, second: Entry) -> bool:
    return bool(first.title and second.title and normalise_title(first.title) == normalise_title(second.title))


def _normalised_block(ctx: Context, entry: Entry) -> str:
    text = "\n".join(ctx.source.lines[entry.line - 1 : entry.end_line])
    return " ".join(text.split())


def removal(ctx: Context, earlier: Entry, later: Entry) -> Fix | None:
    """Deleting the later entry, offered only when both stand in one section (a list may cross-list a
    paper on purpose) and read the same letter for letter, spacing aside."""
    if earlier.section != later.section or _normalised_block(ctx, earlier) != _normalised_block(ctx, later):
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
        if not key or only_videos(entry):
            continue
        earlier = _pick(ctx, entry, seen[key])
        if earlier is not None:
            yield earlier, entry
        seen[key].append(entry)


def similar_pairs(ctx: Context, threshold: float) -> Iterator[tuple[Entry, Entry, float]]:
    """(earlier, later, similarity) for titles alike above `threshold` but not equal.

    Never all pairs. A title is compared with the earlier titles that share one
    of its three rarest words (words in more than MAX_BUCKET titles are not
    used), and with its neighbours when the titles are sorted forwards and
    backwards: near-identical titles share a rare word, a beginning or an end.
    """
    from rapidfuzz import fuzz  # imported here: only this rule needs it

    titled = [(e, t) for e in ctx.document.entries if e.title and len(t := normalise_title(e.title)) >= 12]
    frequency: dict[str, int] = defaultdict(int)
    words_of: list[list[str]] = []
    for _, title in titled:
        words = [w for w in set(title.split()) if w not in STOP_WORDS]
        words_of.append(words)
        for word in words:
            frequency[word] += 1
    neighbours: dict[int, set[int]] = defaultdict(set)
    for order in (sorted(range(len(titled)), key=lambda k: titled[k][1]),
                  sorted(range(len(titled)), key=lambda k: titled[k][1][::-1])):
        for position, i in enumerate(order):
            for j in order[max(0, position - WINDOW) : position]:
                neighbours[max(i, j)].add(min(i, j))
    buckets: dict[str, list[int]] = defaultdict(list)
    for i, ((entry, title), words) in enumerate(zip(titled, words_of)):
        rare = [w for w in sorted(words, key=lambda w: (frequency[w], -len(w), w))[:3] if frequency[w] <= MAX_BUCKET]
        candidates = neighbours[i].union(*(buckets[word] for word in rare))
        best: tuple[float, int] | None = None
        for j in sorted(candidates):
            other, other_title = titled[j]
            if other_title == title or not comparable(ctx, other, entry):
                continue
            score = fuzz.ratio(title, other_title, score_cutoff=threshold)
            if score and (best is None or score > best[0]):
                best = (score, j)
        if best is not None:
            yield titled[best[1]][0], entry, best[0]
        for word in rare:
            buckets[word].append(i)
