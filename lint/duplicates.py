"""Finding the same paper twice: by identifier, by title, by nearly the same title.

Pairs are reported on the later entry and name the earlier one. Entries of
news, updates and highlights sections repeat the body on purpose and are not
compared. With `allow-cross-section-duplicates = true`, only pairs within one
section count; unset, that is inferred: a list that files many papers under
several sections (taxonomies along several axes) does so by design.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Iterator, Sequence
from functools import partial
from itertools import chain, compress, count, repeat

from . import blocks
from .diagnostics import Applicability, EntryRemoved, Fix
from .model import Entry, PaperId
from .source import SourceText
from .titles import identity
from .toc import plain_from_markdown
from .urls import host_in

_DIGITS = re.compile(r"\d+")
MAX_BUCKET = 64  # a word in more titles than this is too common to pair titles by
WINDOW = 3  # sorted neighbours each title is compared with
STOP_WORDS = frozenset({"a", "an", "the", "of", "for", "and", "in", "on", "via", "with", "to", "by", "from", "is"})


# A section that announces or highlights papers of the body repeats them on purpose.
# The whole title names it (`🔥 News`, `Latest Updates`, `:trophy: Best Paper`), not one of its words.
NEWS = re.compile(r"^\W*(?:(?:latest|recent)\s+)?(?:news|updates?|what'?s\s+new|highlights?|announcements?|trending|"
                  r"awards?|best\s+papers?(?:\s+awards?)?)\W*$|^\W*(?:新闻|动态|最新动态)\W*$", re.IGNORECASE)
EMOJI_CODE = re.compile(r":[a-z0-9_+-]+:")  # `:trophy:`
CROSS_LISTED_SHARE = 0.05  # a list where this share of its entries is listed in two sections does so by design
CROSS_LISTED_LEAST = 5


def in_news(entry: Entry) -> bool:
    """Whether the entry stands in a news, updates or highlights section (at any depth)."""
    return any(NEWS.match(EMOJI_CODE.sub(" ", plain_from_markdown(title))) for title in entry.section)


def cross_listing_by_design(entries: Sequence[Entry]) -> bool:
    """Whether a list files papers under several sections on purpose (taxonomies along several axes): at
    least CROSS_LISTED_LEAST entries, and CROSS_LISTED_SHARE of those with an identifier, share one with an
    entry of another section."""
    sections_of: dict[PaperId, set[tuple[str, ...]]] = defaultdict(set)
    for entry in entries:
        for pid in entry.paper_ids:
            sections_of[pid].add(entry.section)
    identified = [e for e in entries if e.paper_ids]
    crossing = sum(1 for e in identified if any(len(sections_of[pid]) > 1 for pid in e.paper_ids))
    return crossing >= CROSS_LISTED_LEAST and crossing >= CROSS_LISTED_SHARE * len(identified)


def comparable(cross_section: bool, first: Entry, second: Entry) -> bool:
    return cross_section or first.section == second.section


class _FirstSeen:
    """The first entry seen under each key (a normalised title, an identifier), of all and of each section:
    the earlier entry a pair names is one of these, so a key shared by many entries costs no more."""

    def __init__(self, cross_section: bool) -> None:
        self.cross_section = cross_section  # whether an entry of another section may be the earlier one
        self.first: dict[Hashable, Entry] = {}
        self.in_section: dict[tuple[Hashable, tuple[str, ...]], Entry] = {}

    def add(self, key: Hashable, entry: Entry) -> None:
        self.first.setdefault(key, entry)
        self.in_section.setdefault((key, entry.section), entry)

    def same_section(self, key: Hashable, entry: Entry) -> Entry | None:
        return self.in_section.get((key, entry.section))

    def any_section(self, key: Hashable) -> Entry | None:
        return self.first.get(key) if self.cross_section else None


def id_pairs(candidates: Sequence[Entry], cross_section: bool) -> Iterator[tuple[Entry, Entry, PaperId]]:
    """(earlier, later, shared identifier) for each later entry that shares an identifier, once per entry.

    The earlier entry named is the first in the same section under the first
    identifier that has one, else (when pairs across sections count) the first
    under the first identifier seen before.
    """
    seen = _FirstSeen(cross_section)
    for entry in candidates:
        named = _earlier_by_id(seen, entry)
        if named is not None:
            yield named[0], entry, named[1]
        for pid in entry.paper_ids:
            seen.add(pid, entry)


def _earlier_by_id(seen: _FirstSeen, entry: Entry) -> tuple[Entry, PaperId] | None:
    for pid in entry.paper_ids:
        other = seen.same_section(pid, entry)
        if other is not None:
            return other, pid
    for pid in entry.paper_ids:
        other = seen.any_section(pid)
        if other is not None:
            return other, pid
    return None


VIDEO_HOSTS = frozenset({"www.youtube.com", "youtube.com", "youtu.be", "vimeo.com", "www.bilibili.com",
                         "videolectures.net", "slideslive.com"})


def only_videos(entry: Entry) -> bool:
    """An entry that links a recording only: a talk about a paper, not the paper."""
    if not entry.links:
        return False
    return all(host_in(link.url, VIDEO_HOSTS) for link in entry.links)


def same_title(first: Entry, second: Entry) -> bool:
    return bool(first.title and second.title and identity(first.title) == identity(second.title))


def _normalised_block(source: SourceText, entry: Entry) -> str:
    text = "\n".join(source.lines[entry.line - 1 : entry.end_line])
    return " ".join(text.split())


def removal(source: SourceText, earlier: Entry, later: Entry) -> Fix | None:
    """Deleting the later entry, offered only when both stand in one section (a list may cross-list a
    paper on purpose) and read the same letter for letter, spacing aside."""
    if earlier.section != later.section or _normalised_block(source, earlier) != _normalised_block(source, later):
        return None
    if blocks.followed_by_indented_text(source, later):
        return None  # it belongs to the entry's item (removing the entry would leave it as code), or it is code
        # that would join the block before the entry
    return Fix(applicability=Applicability.UNSAFE, message=f"Remove this copy of line {earlier.line}",
               edits=(blocks.delete(source, later),),
               changes=(EntryRemoved(later.line, later.end_line, earlier.line, earlier.end_line),))


def shared_ids(first: Entry, second: Entry) -> set[PaperId]:
    return set(first.paper_ids) & set(second.paper_ids)


def title_pairs(titles: Sequence[tuple[Entry, str]], cross_section: bool) -> Iterator[tuple[Entry, Entry]]:
    """(earlier, later) with the same normalised title; the earlier is the first in the same section if there
    is one, else (when pairs across sections count) the first of all."""
    seen = _FirstSeen(cross_section)
    for entry, key in titles:
        if not key or only_videos(entry):
            continue
        if key in seen.first:
            earlier = seen.same_section(key, entry)
            if earlier is None:
                earlier = seen.any_section(key)
            if earlier is not None:
                yield earlier, entry
        seen.add(key, entry)


def similar_pairs(titles: Sequence[tuple[Entry, str]], cross_section: bool,
                  threshold: float) -> Iterator[tuple[Entry, Entry, float]]:
    """(earlier, later, similarity) for titles alike above `threshold` but not equal.

    Never all pairs. A title is compared with the earlier titles that share one
    of its three rarest words (words in more than MAX_BUCKET titles are not
    used), and with its neighbours when the titles are sorted forwards and
    backwards: near-identical titles share a rare word, a beginning or an end.
    Of the earlier titles alike enough, the most alike is named (the first of
    equals).
    """
    from rapidfuzz import fuzz  # imported here: only this rule needs it

    titled = [(entry, title) for entry, title in titles if len(title) >= 12]
    texts = [title for _, title in titled]
    ratio = partial(fuzz.ratio, score_cutoff=threshold)  # 0 below the threshold
    best: dict[int, tuple[float, int]] = {}
    for first, second in alike_pairs(texts, ratio):
        i, j = max(first, second), min(first, second)  # the later title, the earlier
        if texts[i] == texts[j] or not comparable(cross_section, titled[j][0], titled[i][0]):
            continue
        if _DIGITS.findall(texts[i]) != _DIGITS.findall(texts[j]):
            continue  # `(32k articles)` and `(128k articles)`, `YOLOv3` and `YOLOv4`: other works
        score = ratio(texts[i], texts[j])  # the later title first, as it has always been compared
        if score and (i not in best or score > best[i][0] or (score == best[i][0] and j < best[i][1])):
            best[i] = (score, j)
    for i in sorted(best):
        score, j = best[i]
        yield titled[j][0], titled[i][0], score


def alike_pairs(titles: Sequence[str], ratio: Callable[[str, str], float]) -> Iterator[tuple[int, int]]:
    """The pairs of titles (indexes, either way round: the ratio is symmetric) that `ratio` finds alike, among
    the pairs worth comparing: at most 2 * WINDOW neighbours and 3 * MAX_BUCKET rare-word companions per
    title, so linear in the number of titles. A pair may come twice.
    """
    backwards = [title[::-1] for title in titles]
    for keys in (titles, backwards):
        order = sorted(range(len(titles)), key=keys.__getitem__)
        ordered = [titles[i] for i in order]
        for distance in range(1, WINDOW + 1):
            for k in compress(count(), map(ratio, ordered[distance:], ordered[:-distance])):
                yield order[k + distance], order[k]
    for members in rare_word_members(titles).values():
        for position, i in enumerate(members):
            earlier = members[:position]
            for k in compress(count(), map(ratio, repeat(titles[i]), map(titles.__getitem__, earlier))):
                yield i, earlier[k]


def rare_word_members(titles: Sequence[str]) -> dict[str, list[int]]:
    """For each word that two titles or more have among their three rarest words, those titles (indexes,
    ascending).

    Stop words do not count, nor words in more than MAX_BUCKET titles; ties in
    rarity go to the longer word, then the alphabetically first. A word of one
    title only pairs no titles, but it is rarer than any other and so takes one
    of its title's three places.
    """
    words_of = list(map(set, map(str.split, titles)))
    frequency = Counter(chain.from_iterable(words_of))
    shared = {word for word, n in frequency.items() if 1 < n <= MAX_BUCKET} - STOP_WORDS
    members: dict[str, list[int]] = defaultdict(list)
    for i, words in enumerate(words_of):
        candidates = shared.intersection(words)
        if not candidates:
            continue
        places = 3 - sum(1 for word in words if frequency[word] == 1 and word not in STOP_WORDS)
        if len(candidates) > places:
            candidates = set(sorted(candidates, key=lambda w: (frequency[w], -len(w), w))[:max(places, 0)])
        for word in candidates:
            members[word].append(i)
    return members
