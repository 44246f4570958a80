"""`kdlint convert` and `kdlint merge`: entries of any style written in the canonical one.

    - **Title, Venue Year** [[Code]](url)
      - paper URL
      - *Author One, Author Two.*

Only what an entry has is written: a style without authors gives no author
line, never an invented one. Headings, prose and every line that is not an
entry stay as they are (convert); merge joins lists section by section and
keeps one entry per paper, the richest.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from .model import Document, Entry, Link, LinkKind
from .source import SourceText
from .titles import identity
from .urls import paper_ids
from .vocabulary import Vocabulary


@dataclass
class Record:
    """A paper as the canonical style writes it."""

    title: str
    venues: list[tuple[str, str]]  # (venue, year); venue "" when only the year is known
    paper_url: str | None
    links: list[tuple[str, str]]  # (label, url): code and other links
    authors: list[str]
    notes: list[str] = field(default_factory=list)  # lines kept as they were (summaries, datasets)
    ids: set[str] = field(default_factory=set)

    def preprint_only(self, vocab: Vocabulary) -> bool:
        kinds = [(vocab.venues.lookup(v) or None) for v, _ in self.venues if v]
        return all(m is not None and m.venue.kind == "preprint" for m in kinds) if kinds else True


def _paper_link(entry: Entry) -> Link | None:
    """The paper: the link labelled so, else the first link that names a paper, else the title's link."""
    if entry.paper_link is not None:
        return entry.paper_link
    for link in entry.links:
        if link.kind is not LinkKind.CODE and link.url.startswith(("http://", "https://")):
            return link
    return None


def record(entry: Entry, source: SourceText, vocab: Vocabulary) -> Record | None:
    if not entry.title:
        return None
    venues: list[tuple[str, str]] = []
    for pair in entry.venues:
        if pair.year is None or not pair.year_ok:
            continue
        match = vocab.venues.lookup(pair.venue) if pair.venue else None
        venues.append((match.venue.name if match else (pair.venue or ""), pair.year))
    paper = _paper_link(entry)
    links = [(vocab.code_labels.get(link.label.strip().casefold(), link.label.strip()) or "Link", link.url)
             for link in entry.links
             if link is not paper and link.url.startswith(("http://", "https://"))
             and link.url != (paper.url if paper else None)]
    notes = [source.line(n) for n in sorted(_note_lines(entry, source))]
    return Record(title=" ".join(entry.title.split()), venues=venues, paper_url=paper.url if paper else None,
                  links=links, authors=list(entry.authors.names) if entry.authors else [], notes=notes,
                  ids={str(pid) for pid in entry.paper_ids})


def _note_lines(entry: Entry, source: SourceText) -> set[int]:
    """Lines of an entry's block that are neither its sub-bullets nor blank: summaries, notes, datasets."""
    subs = {sub.line for sub in entry.sub_bullets if sub.kind != "other"}
    return {n for n in range(entry.line + 1, entry.end_line + 1) if n not in subs and source.line(n).strip()}


def canonical_lines(rec: Record) -> list[str]:
    pairs = ", ".join(f"{venue} {year}".strip() for venue, year in rec.venues)
    head = f"- **{rec.title}{', ' + pairs if pairs else ''}**"
    for label, url in rec.links:
        head += f" [[{label}]]({url})"
    lines = [head]
    if rec.paper_url:
        lines.append(f"  - {rec.paper_url}")
    if rec.authors:
        lines.append(f"  - *{', '.join(rec.authors)}.*")
    if rec.notes:
        lines.append("")
        lines.extend(rec.notes)
    return lines


def convert(source: SourceText, document: Document, vocab: Vocabulary) -> str:
    """The document with every entry that has a title written in the canonical style."""
    entries = sorted(document.entries, key=lambda e: e.line)  # entries of sections that hold papers
    out: list[str] = []
    cursor = 1

    def separate() -> None:
        if out and out[-1].strip():
            out.append("")  # canonical entries stand apart from their neighbours

    for entry in entries:
        rec = record(entry, source, vocab)
        if rec is None:
            continue
        gap = [line if line.strip() else "" for line in source.lines[cursor - 1 : entry.line - 1]]
        if gap and gap[0].strip():
            separate()
        out.extend(gap)
        separate()
        out.extend(canonical_lines(rec))
        cursor = entry.end_line + 1
    rest = [line if line.strip() else "" for line in source.lines[cursor - 1 : source.line_count]]
    if rest and rest[0].strip():
        separate()
    out.extend(rest)
    text = "\n".join(out)
    return text + "\n" if source.text.endswith("\n") else text


@dataclass
class MergeReport:
    files: int = 0
    read: int = 0
    written: int = 0
    merged: int = 0  # entries folded into an earlier one
    sections: int = 0


def _richer(kept: Record, other: Record, vocab: Vocabulary) -> None:
    """Fold `other` into `kept`: more authors, every code link, the published venue over a preprint."""
    if len(other.authors) > len(kept.authors):
        kept.authors = other.authors
    urls = {url for _, url in kept.links} | ({kept.paper_url} if kept.paper_url else set())
    for label, url in other.links:
        if url not in urls:
            kept.links.append((label, url))
            urls.add(url)
    if (kept.preprint_only(vocab) and not other.preprint_only(vocab)) or not kept.venues:
        kept.venues = other.venues
    if kept.paper_url is None:
        kept.paper_url = other.paper_url
    elif other.paper_url and other.paper_url not in urls and not _same_paper(kept.paper_url, other.paper_url):
        kept.links.append(("Paper", other.paper_url))
    kept.ids |= other.ids


def _same_paper(first: str, second: str) -> bool:
    """Two URLs of one paper page (the PDF and the abstract, two arXiv versions)."""
    ids = set(paper_ids(first))
    return first == second or bool(ids and ids == set(paper_ids(second)))


def merge(sources: Sequence[tuple[SourceText, Document]], vocab: Vocabulary, title: str) -> tuple[str, MergeReport]:
    report = MergeReport(files=len(sources))
    sections: dict[str, tuple[str, list[Record]]] = {}
    by_identity: dict[str, Record] = {}
    for source, document in sources:
        for section in document.sections:
            if not section.holds_papers:
                continue
            name = section.title or "Papers"
            key = identity(name)
            bucket = sections.setdefault(key, (name, []))[1]
            for entry in section.entries:
                rec = record(entry, source, vocab)
                if rec is None:
                    continue
                report.read += 1
                keys = [*sorted(rec.ids), "title:" + identity(rec.title)]
                kept = next((by_identity[k] for k in keys if k in by_identity), None)
                if kept is not None:
                    _richer(kept, rec, vocab)
                    report.merged += 1
                    for k in keys:
                        by_identity.setdefault(k, kept)
                    continue
                bucket.append(rec)
                for k in keys:
                    by_identity[k] = rec
    lines = [f"# {title}", ""]
    for name, records in sections.values():
        if not records:
            continue
        report.sections += 1
        lines += [f"## {name}", ""]
        for rec in records:
            lines += [*canonical_lines(rec), ""]
            report.written += 1
    return "\n".join(lines).rstrip("\n") + "\n", report
