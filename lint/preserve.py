"""The content promise of `kdlint fix`: nothing a list holds is lost.

Two readings guard it, and a fix must pass both:

- Each fix on its own (`undeclared`): the words, numbers and URLs of the lines
  its edits touch, read straight from the text (no entry reader involved, so
  a misparse cannot vouch for itself), must change exactly as the fix's
  declared changes say (`kdlint.diagnostics.Change`): this URL for that one,
  these words for those, a year added to an entry that writes none, a copy
  of another entry removed, lines moved unchanged. A fix that declares
  nothing changes markup and spacing only.
- Each pass as a whole (`snapshot`, `losses`): the fixed text is parsed again
  and compared with the text before: the same entries with the same titles,
  URLs and authors, the same headings, the same URLs anywhere in the text
  (less the declared URL rewrites), and the same protected text (code, raw
  HTML, comments, tags), byte for byte. This catches what one fix does to the
  reading of the text around it (an unclosed `**`, a fence).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from .diagnostics import Change, EntryRemoved, LinesMoved, TextChange, TocItemsChanged, UrlChange, YearAdded
from .model import Document
from .protected import Protected
from .source import SourceText
from .words import plural

ANY_URL = re.compile(r"https?://[^\s<>()\[\]\"'`*]+", re.IGNORECASE)
# What the per-fix reading compares: URLs whole, then words and numbers; punctuation, emphasis and list
# markers (`-`, `1.`: a table of contents is renumbered) are markup.
WORD = re.compile(ANY_URL.pattern + r"|[^\W_]+", re.IGNORECASE)
LIST_MARKER = re.compile(r"^[ \t]*(?:>[ \t]*)*(?:[-*+]|\d{1,9}[.)])(?=[ \t]|$)", re.MULTILINE)
# A year as lists write it (2019, '19, ' 19), read where URLs are blanked.
YEAR_WRITTEN = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)|'\s?\d\d(?!\d)")


@dataclass(frozen=True)
class Snapshot:
    entries: int
    titles: Counter[str]
    urls_by_entry: Counter[tuple[str, ...]]
    authors: Counter[tuple[str, ...]]
    headings: tuple[str, ...]
    urls: Counter[str]
    protected: Counter[str]


def _follow(url: str, rewrites: Mapping[str, str]) -> str:
    seen = set()
    while url in rewrites and url not in seen:
        seen.add(url)
        url = rewrites[url]
    return url


@dataclass(frozen=True)
class Reading:
    """What one text holds that a pass must keep, as read, before any declared change is followed: small
    beside the document it is read from, which a fix need not keep alive while it parses the next text."""

    text: str
    titles: tuple[str, ...]  # every titled entry's title, whitespace normalised
    links: tuple[tuple[str, ...], ...]  # every entry's link URLs
    authors: tuple[tuple[str, ...], ...]  # every entry's author names, when it has authors
    headings: tuple[str, ...]
    protected: Counter[str]


def reading(source: SourceText, document: Document) -> Reading:
    # Every entry, skipped sections included: a fix may change whether a section counts as holding papers
    # (removing its last duplicate), never what it holds.
    entries = [e for section in document.sections for e in section.entries]
    return Reading(
        text=source.text,
        titles=tuple(" ".join(e.title.split()) for e in entries if e.title),
        links=tuple(tuple(link.url for link in e.links) for e in entries),
        authors=tuple(e.authors.names for e in entries if e.authors),
        headings=tuple(h.text for h in document.headings if not h.entry),  # entry headings count as entries
        protected=protected_text(source, document),
    )


def snapshot(read: Reading, rewrites: Mapping[str, str], retitles: Mapping[str, str] | None = None) -> Snapshot:
    """What a pass must keep; `rewrites` (URL for URL) and `retitles` (the declared `TextChange`s, words for
    words, as `retitled` gives them) are followed to their new form, so that a declared change is not a loss."""
    titles = retitles or {}
    return Snapshot(
        entries=len(read.links),
        titles=Counter(_follow(title, titles) for title in read.titles),
        urls_by_entry=Counter(tuple(sorted(_follow(url, rewrites) for url in urls)) for urls in read.links),
        authors=Counter(read.authors),
        headings=read.headings,
        urls=Counter(_follow(m.group(), rewrites) for m in ANY_URL.finditer(_rewritten(read.text, rewrites))),
        protected=read.protected,
    )


def retitled(changes: Iterable[Change]) -> dict[str, str]:
    """The declared `TextChange`s as the titles `snapshot` follows (whitespace normalised as it reads them):
    a fix that rewrites a title declares `TextChange(old_title, new_title)`."""
    return {" ".join(change.old.split()): " ".join(change.new.split())
            for change in changes if isinstance(change, TextChange)}


def protected_text(source: SourceText, document: Document) -> Counter[str]:
    """Every protected piece of the text (a line of code or raw HTML, a code span, a comment, a tag), as
    written."""
    protected = Protected(source, document.code_lines, document.html_lines)
    pieces = (source.line(number)[start:end] for number in range(1, source.line_count + 1)
              for start, end in protected.ranges(number))
    return Counter(piece for piece in pieces if piece.strip())  # a blank line holds nothing, wherever it goes


def _rewritten(text: str, rewrites: Mapping[str, str]) -> str:
    """`text` with each rewrite applied whose old URL the URL pattern here does not read as one token
    (`http://a.pdf%20(http://a.pdf)`): those cannot be followed token by token."""
    for old, new in rewrites.items():
        if not ANY_URL.fullmatch(old):
            text = _replaced_outside(text, old, new)
    return text


def _replaced_outside(text: str, old: str, new: str) -> str:
    """`text` with every `old` replaced by `new`, except where it is part of a `new` already: a scheme
    written before a bare `github.com/...` makes a URL that holds the old text."""
    if old not in new:
        return text.replace(old, new)
    inside = [(m.start(), m.start() + len(new)) for m in re.finditer(re.escape(new), text)]
    pieces, cursor = [], 0
    for m in re.finditer(re.escape(old), text):
        if any(start <= m.start() and m.end() <= end for start, end in inside):
            continue
        pieces += [text[cursor:m.start()], new]
        cursor = m.end()
    return "".join(pieces) + text[cursor:]


def losses(before: Snapshot, after: Snapshot, dropped: int = 0) -> list[str]:
    """What `after` lost or changed compared with `before`; empty when nothing.

    `dropped` entries were removed on purpose as exact copies of others: then
    every distinct title, link and author list must remain, and no more than
    that many entries may go.
    """
    problems: list[str] = []
    if before.entries - dropped != after.entries:
        problems.append(f"{plural(before.entries, 'entry')} became {after.entries}")

    def compare(old: Counter[Any], new: Counter[Any]) -> Counter[Any]:
        return Counter(set(old) - set(new)) if dropped else old - new

    missing_titles = compare(before.titles, after.titles)
    if missing_titles:
        problems.append(f"title lost: {next(iter(missing_titles))!r}")
    gained = not dropped and after.urls_by_entry - before.urls_by_entry
    if compare(before.urls_by_entry, after.urls_by_entry) or gained:
        problems.append("an entry's links changed")
    lost_authors = compare(before.authors, after.authors)
    if lost_authors or (not dropped and after.authors - before.authors):
        what = ", ".join(next(iter(lost_authors))) if lost_authors else "entries gained authors"
        problems.append(f"author list changed: {what}")
    if before.headings != after.headings:
        problems.append("headings changed")
    if before.protected != after.protected:
        lost = before.protected - after.protected
        problems.append(f"code or HTML changed: {next(iter(lost))[:60]!r}" if lost else "code or HTML added")
    lost_urls = compare(before.urls, after.urls)
    if lost_urls or (not dropped and after.urls - before.urls):
        problems.append(f"URL lost: {next(iter(lost_urls))}" if lost_urls else "URLs added")
    return problems


def words(text: str) -> Counter[str]:
    """The URLs, words and numbers of `text`: what a fix that declares no change must keep."""
    return Counter(m.group() for m in WORD.finditer(LIST_MARKER.sub("", text)))


def _lines(source: SourceText, first: int, last: int) -> str:
    return "\n".join(source.lines[first - 1 : last])


def _shown(counts: Counter[str]) -> str:
    return ", ".join(f"`{word}`" for word in list(counts.elements())[:3])


def undeclared(source: SourceText, changes: tuple[Change, ...], before: str, after: str) -> list[str]:
    """What one fix does that its `changes` do not declare; empty when nothing.

    `before` and `after` are the lines the fix's edits touch, before and after them (and nothing else)."""
    if changes and all(isinstance(change, LinesMoved) for change in changes):
        # the words of a text are read line by line (`WORD`, `LIST_MARKER`): the same lines keep the same words
        same = _kept_lines(before) == _kept_lines(after)
        return [] if same else [*_word_changes(words(before), words(after)), "it would change the lines it moves"]
    problems: list[str] = []
    expected = words(before)

    def swap(old: str, new: str) -> None:
        nonlocal expected
        gone = words(old)
        if gone - expected:
            problems.append(f"it declares replacing {_shown(gone - expected)}, which is not there")
        expected = expected - gone + words(new)

    moved = False
    for change in changes:
        if isinstance(change, (UrlChange, TextChange)):
            swap(change.old, change.new)
        elif isinstance(change, YearAdded):
            written = [n for n in change.lines if YEAR_WRITTEN.search(ANY_URL.sub(" ", source.line(n)))]
            if written:
                problems.append(f"it would add a year to an entry that writes one (line {written[0]})")
            expected += words(change.text)
        elif isinstance(change, EntryRemoved):
            removed, kept = _lines(source, change.line, change.end_line), _lines(source, change.kept, change.kept_end)
            if removed.split() != kept.split():
                problems.append(f"it would remove an entry that is not a copy of line {change.kept}")
            swap(removed, "")
        elif isinstance(change, TocItemsChanged):
            for item in change.removed:
                swap(item, "")
            for item in change.added:
                expected += words(item)
            for relink in change.relinked:
                swap(relink.old, relink.new)
        elif isinstance(change, LinesMoved):
            moved = True
    problems.extend(_word_changes(expected, words(after)))
    if moved and _kept_lines(before) != _kept_lines(after):
        problems.append("it would change the lines it moves")
    return problems


def _word_changes(expected: Counter[str], got: Counter[str]) -> list[str]:
    if got == expected:
        return []
    lost, gained = expected - got, got - expected
    said = [f"lose {_shown(lost)}"] if lost else []
    said += [f"add {_shown(gained)}"] if gained else []
    return [f"it would {' and '.join(said)}"]


def _kept_lines(text: str) -> Counter[str]:
    """The lines of `text` a move must keep, blank lines aside."""
    return Counter(line for line in text.splitlines() if line.strip())
