"""The content promise of `kdlint fix`: nothing a list holds is lost.

Before anything is written, the fixed text is parsed again and compared with
the original: the same entries with the same titles, URLs and authors, the
same headings, and the same URLs anywhere in the text, except for the URL
rewrites that the applied fixes declared.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass

from .model import Document
from .source import SourceText

ANY_URL = re.compile(r"https?://[^\s<>()\[\]\"'`*]+", re.IGNORECASE)


@dataclass(frozen=True)
class Snapshot:
    entries: int
    titles: Counter[str]
    urls_by_entry: Counter[tuple[str, ...]]
    authors: Counter[tuple[str, ...]]
    headings: tuple[str, ...]
    urls: Counter[str]


def _follow(url: str, rewrites: Mapping[str, str]) -> str:
    seen = set()
    while url in rewrites and url not in seen:
        seen.add(url)
        url = rewrites[url]
    return url


def snapshot(source: SourceText, document: Document, rewrites: Mapping[str, str]) -> Snapshot:
    # Every entry, skipped sections included: a fix may change whether a section counts as holding papers
    # (removing its last duplicate), never what it holds.
    entries = [e for section in document.sections for e in section.entries]
    return Snapshot(
        entries=len(entries),
        titles=Counter(" ".join(e.title.split()) for e in entries if e.title),
        urls_by_entry=Counter(tuple(sorted(_follow(link.url, rewrites) for link in e.links)) for e in entries),
        authors=Counter(e.authors.names for e in entries if e.authors),
        headings=tuple(h.text for h in document.headings if not h.entry),  # entry headings count as entries
        urls=Counter(_follow(m.group(), rewrites) for m in ANY_URL.finditer(_rewritten(source.text, rewrites))),
    )


def _rewritten(text: str, rewrites: Mapping[str, str]) -> str:
    """`text` with each rewrite applied whose old URL the URL pattern here does not read as one token
    (`http://a.pdf%20(http://a.pdf)`): those cannot be followed token by token."""
    for old, new in rewrites.items():
        if not ANY_URL.fullmatch(old):
            text = text.replace(old, new)
    return text


def losses(before: Snapshot, after: Snapshot, dropped: int = 0) -> list[str]:
    """What `after` lost or changed compared with `before`; empty when nothing.

    `dropped` entries were removed on purpose as exact copies of others: then
    every distinct title, link and author list must remain, and no more than
    that many entries may go.
    """
    problems: list[str] = []
    if before.entries - dropped != after.entries:
        problems.append(f"{before.entries} entries became {after.entries}")

    def compare(old: Counter, new: Counter) -> Counter:
        return Counter(set(old) - set(new)) if dropped else old - new

    missing_titles = compare(before.titles, after.titles)
    if missing_titles:
        problems.append(f"title lost: {next(iter(missing_titles))!r}")
    if compare(before.urls_by_entry, after.urls_by_entry) or (not dropped and after.urls_by_entry - before.urls_by_entry):
        problems.append("an entry's links changed")
    lost_authors = compare(before.authors, after.authors)
    if lost_authors or (not dropped and after.authors - before.authors):
        problems.append(f"author list changed: {', '.join(next(iter(lost_authors))) if lost_authors else 'entries gained authors'}")
    if before.headings != after.headings:
        problems.append("headings changed")
    lost_urls = compare(before.urls, after.urls)
    if lost_urls or (not dropped and after.urls - before.urls):
        problems.append(f"URL lost: {next(iter(lost_urls))}" if lost_urls else "URLs added")
    return problems
