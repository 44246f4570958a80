"""kdlint's recall on real lists: `python bench/recall.py` (see --help).

Method
------
For each corpus list (by default every list in ../shared/corpus, all 25;
`--lists` picks some by file-name prefix, or names files), the script takes
the list's real paper entries and, one at a time, injects ONE defect into a
copy of the file, then runs kdlint's engine on the copy, in memory:
`Linter().check(SourceText(text))` -- the default configuration, no
configuration file is read; one `Linter` serves every run on a list. The
unmodified list is checked once, for comparison. Every list's choices depend
on the seed alone, so `--jobs N` (lists checked in N processes) changes
nothing but the time. With 20 per class, the 25 lists make about 2,500
runs: about four minutes on the project's 2-core machine.

Entries. With the hand-made ground truth (bench/corpus_entries.tsv,
`--truth`; rows with scope == "paper") an entry is the row's line and the
lines below it up to the next row of the same file or the next heading, at
most 12 lines, trailing blank lines dropped; its section is the row's
`section_line`. Without the ground truth (or for a list it does not cover)
the entries are kdlint's own parse (`Linter().parse(...).entries`: their
`line`..`end_line`, their section path). Lines inside a `<details>` block
(abstracts, digests) are never edited. Entries are shuffled with a
`random.Random` seeded by `--seed`, the list and the defect class, and
taken in that order, skipping those the class does not apply to, until
`--per-class` (20) injections are made or the entries run out.

Defects (each an in-place edit of the entry's own text; every other byte of
the file is unchanged, line endings included):

1. `venue`: a venue written in its canonical spelling (case-sensitive,
   whole word, outside URLs, code spans and link labels that say more than
   a venue and year, and written as a venue: before or after a year,
   `CVPR' 14`; on the entry's first line also alone in a table cell or as a
   `[[CVPR](url)]` label -- a `[arXiv](url)` below an entry names a host)
   becomes one of the vocabulary's misspellings of it. The misspellings are
   the vocabulary's aliases (`kdlint venues`) that are one word, not a
   former name (NIPS), not the name with hyphens or spaces moved (T-PAMI,
   ACMMM), not a shortening or a prefixed form of it (PAMI, ACMM, PVLDB),
   at most one letter longer or shorter and within two edits (Damerau) of
   it: NeurlPS, NeuIPS, ICRL, CVRP, CPVR, T-MAPI, arxive. Expected: KD202.
2. `year`: a `Venue Year` pair the entry writes (`ECCV 2022`, `ICCV, 2019`,
   `CVPR' 14`, `2024 TPAMI`, or a table row's venue cell with its `Year`
   cell; a `Date` cell is the preprint's date, not the venue's year, and is
   never used), the venue known to the vocabulary in any spelling. A venue
   held in odd or even years only (ICCV, ECCV, ACCV, ICPR, LREC, ASRU) with
   a year of the right parity gets the year one later (one earlier when
   that passes 2025): wrong parity; any other venue gets 2031 (`' 31`),
   in the future. A pair that is already impossible is left alone.
   Expected: KD203.
3. `http-arxiv`: `https://arxiv.org/abs/ID` (unversioned) becomes
   `http://arxiv.org/abs/ID`. Expected: KD501 or KD502.
4. `arxiv-version`: `v2` appended to an unversioned `arxiv.org/abs/ID`.
   Expected: KD502.
5. `double-scheme`: `https://` becomes `https://https://` in the entry's
   first paper link (a link to a paper host: arXiv, OpenReview, CVF, ACL
   Anthology, NeurIPS, PMLR, DOI, IEEE, ACM, Springer, AAAI, ...; or one
   labelled paper/pdf). Expected: KD106.
6. `duplicate-id`: every occurrence of the entry's first arXiv id (in
   `arxiv.org/abs|pdf|html/` links, and the same id written elsewhere in
   the entry) becomes the arXiv id of another entry of the same section,
   picked at random. Expected: KD401 or KD404 on either entry's lines.

Found. A defect counts as found when, on one of the lines checked (the
changed line; for `duplicate-id` also both entries' first lines and the
other entry's lines holding the id), there is a finding of an expected rule
-- its span or its related span touching the line -- that the unmodified
file does not have there: the (code, message) pairs on the line are counted
before and after, and one more of an expected code is a find. A defect the
unmodified file already reported the same way is therefore a miss.

Output: a table per list and class (found / injected, recall), totals per
class and overall, the run time; `--json` prints the same as JSON and
`--show-missed` lists the missed cases (file, line, class, the injected line
truncated, and what kdlint newly reported on that line).
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import random
import re
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import cached_property
from itertools import pairwise
from pathlib import Path

from kdlint.diagnostics import Diagnostic
from kdlint.engine import Linter
from kdlint.source import SourceText
from kdlint.venues import Venue, VenueIndex, shipped

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO.parent / "shared" / "corpus"
TRUTH = Path(__file__).resolve().parent / "corpus_entries.tsv"
MAX_ENTRY_LINES = 12
LAST_PARITY_YEAR = 2025
FUTURE_YEAR = 2031
EXPECTED: dict[str, tuple[str, ...]] = {
    "venue": ("KD202",), "year": ("KD203",), "http-arxiv": ("KD501", "KD502"), "arxiv-version": ("KD502",),
    "double-scheme": ("KD106",), "duplicate-id": ("KD401", "KD404"),
}
CLASSES = tuple(EXPECTED)
RHYTHM = {"odd-years": 1, "even-years": 0}
PAPER_HOSTS = frozenset({
    "arxiv.org", "export.arxiv.org", "openreview.net", "openaccess.thecvf.com", "thecvf.com", "aclanthology.org",
    "aclweb.org", "proceedings.neurips.cc", "papers.nips.cc", "papers.neurips.cc", "neurips.cc", "nips.cc",
    "proceedings.mlr.press", "doi.org", "dx.doi.org", "ieeexplore.ieee.org", "dl.acm.org", "link.springer.com",
    "sciencedirect.com", "ojs.aaai.org", "aaai.org", "ijcai.org", "ecva.net", "isca-speech.org",
    "semanticscholar.org", "nature.com", "science.org", "jmlr.org", "icml.cc", "iclr.cc", "bmva.org",
})
PAPER_LABEL = re.compile(r"paper|pdf|arxiv|论文", re.IGNORECASE)

HEADING = re.compile(r"^ {0,3}#{1,6}(?:\s|$)")
URL = re.compile(r"https?://[^\s()<>\[\]|\"'`]+(?:\([^\s()]*\)[^\s()<>\[\]|\"'`]*)*")
LINK = re.compile(r"\[(?P<label>[^\[\]]*)\]\((?P<url>https?://[^)\s]+)\)")
LABEL = re.compile(r"\[(?P<label>(?:[^\[\]]|\[[^\[\]]*\])*)\]\(")
MASKED = re.compile(r"`[^`\n]*`|\]\([^)\s]*\)|<[^>\n]*>|" + URL.pattern)
ARXIV_ABS = re.compile(r"(?P<head>(?P<scheme>https?)://arxiv\.org/abs/)(?P<id>\d{4}\.\d{4,5}|[a-z][a-z.-]*/\d{7})"
                       r"(?![\w./-])")
ARXIV_ANY = re.compile(r"arxiv\.org/(?:abs|pdf|html)/(?P<id>\d{4}\.\d{4,5})(?!\d)", re.IGNORECASE)
YEAR_AFTER = r"(?P<sep>,? |,|'\s?|\s?')(?P<year>(?:19|20)\d\d|\d\d)(?![\w']|\.\d)"  # not `arXiv 2011.07252`


# ---------------------------------------------------------------- vocabulary

def damerau(a: str, b: str) -> int:
    """Optimal-string-alignment distance between `a` and `b`."""
    rows = [list(range(len(b) + 1))] + [[i] + [0] * len(b) for i in range(1, len(a) + 1)]
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            rows[i][j] = min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                rows[i][j] = min(rows[i][j], rows[i - 2][j - 2] + 1)
    return rows[len(a)][len(b)]


def is_misspelling(alias: str, venue: Venue) -> bool:
    """Whether the vocabulary's `alias` of `venue` is a misspelling, not another name or form of it."""
    if " " in alias or alias in {r.name for r in venue.renamed_from}:
        return False
    a, name = (re.sub(r"[-\s/]", "", s).casefold() for s in (alias, venue.name))
    if a == name or abs(len(a) - len(name)) > 1 or (a in name and len(a) < len(name)) \
            or (a.endswith(name) and len(a) > len(name)):
        return False
    return damerau(a, name) <= 2


def misspellings(venues: Iterable[Venue] | None = None) -> dict[str, tuple[str, ...]]:
    """Canonical venue name -> the vocabulary's misspellings of it (only venues that have some)."""
    table = {}
    for venue in venues if venues is not None else shipped():
        typos = tuple(sorted(a for a in venue.aliases if is_misspelling(a, venue)))
        if typos:
            table[venue.name] = typos
    return table


@dataclass(frozen=True)
class Vocab:
    """The venue knowledge the injectors need, built once."""

    typos: dict[str, tuple[str, ...]]
    index: VenueIndex
    canonical_re: re.Pattern[str]
    any_re: re.Pattern[str]

    @classmethod
    def build(cls) -> Vocab:
        index = VenueIndex.build()
        typos = misspellings(index.venues)
        spellings = sorted({s for v in index.venues for s in [v.name, *v.aliases, *(r.name for r in v.renamed_from)]},
                           key=len, reverse=True)
        return cls(typos=typos, index=index, canonical_re=_alternation(sorted(typos, key=len, reverse=True)),
                   any_re=_alternation(spellings, re.IGNORECASE))


def _alternation(names: Sequence[str], flags: int = 0) -> re.Pattern[str]:
    return re.compile(r"(?<![\w/.-])(?P<venue>" + "|".join(re.escape(n) for n in names) + r")(?![\w-])", flags)


# ------------------------------------------------------------------- entries

@dataclass(frozen=True)
class Entry:
    """One paper entry: its first line, its last line (1-based), its section."""

    line: int
    end: int
    section: str
    layout: str


@dataclass
class ListText:
    """One list: its source, its entries, the lines of each entry an injector may edit."""

    name: str
    source: SourceText
    entries: list[Entry]

    @cached_property
    def by_section(self) -> dict[str, list[Entry]]:
        groups: dict[str, list[Entry]] = defaultdict(list)
        for entry in self.entries:
            groups[entry.section].append(entry)
        return groups

    def lines_of(self, entry: Entry) -> list[int]:
        """The entry's lines outside `<details>` blocks (abstracts and digests are not the entry's text)."""
        found, inside = [], False
        for number in range(entry.line, entry.end + 1):
            text = self.source.lines[number - 1]
            if "<details" in text:
                inside = True
            if not inside:
                found.append(number)
            if "</details>" in text:
                inside = False
        return found


def truth_entries(path: Path) -> dict[str, list[dict[str, str]]]:
    """The ground truth's rows (every scope) by file name."""
    rows: dict[str, list[dict[str, str]]] = defaultdict(list)
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            rows[row["file"]].append(row)
    return rows


def text_sha1(line: str) -> str:
    """The ground truth's fingerprint of an entry's first line (it keeps no text of the lists)."""
    return hashlib.sha1(line.strip().encode()).hexdigest()[:12]


def entries_from_truth(source: SourceText, rows: list[dict[str, str]]) -> list[Entry]:
    """Paper entries of the ground truth, each ending before the next row, the next heading or 12 lines on."""
    starts = sorted({int(r["line"]) for r in rows})
    entries = []
    for row in rows:
        if row["scope"] != "paper":
            continue
        line = int(row["line"])
        if line > len(source.lines) or text_sha1(source.lines[line - 1]) != row["text_sha1"]:
            continue  # the ground truth is of another version of the file
        later = [s for s in starts if s > line]
        end = min(later[0] - 1 if later else len(source.lines), line + MAX_ENTRY_LINES - 1)
        for number in range(line + 1, end + 1):
            if HEADING.match(source.lines[number - 1]):
                end = number - 1
                break
        while end > line and not source.lines[end - 1].strip():
            end -= 1
        entries.append(Entry(line, end, row["section_line"], row["layout_family"]))
    return entries


def entries_from_kdlint(linter: Linter, source: SourceText) -> list[Entry]:
    """kdlint's own reading of the list's entries."""
    return [Entry(e.line, e.end_line, " / ".join(e.section), e.style) for e in linter.parse(source).entries]


# ----------------------------------------------------------------- injection

@dataclass(frozen=True)
class Injection:
    """One defect in one entry: the new content of the lines it changes, and where to look for the finding."""

    defect: str
    entry: Entry
    edits: tuple[tuple[int, str], ...]  # (line, new content), the line ending kept
    check_lines: tuple[int, ...]

    @property
    def line(self) -> int:
        return self.edits[0][0]

    def apply(self, source: SourceText) -> str:
        """The file's text with the edits made in place; every other character as it was."""
        text: str = source.text
        for number, content in sorted(self.edits, reverse=True):
            start = source.starts[number - 1]
            text = text[:start] + content + text[start + len(source.lines[number - 1]):]
        return text


def masked(text: str) -> list[tuple[int, int]]:
    """Spans of a line no venue edit may touch: URLs, link targets, HTML tags, code spans."""
    return [m.span() for m in MASKED.finditer(text)]


def outside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return all(end <= a or start >= b for a, b in spans)


def _table_cells(text: str) -> list[tuple[int, int]]:
    """The (start, end) columns of a table row's cells, or none when the line is not a row."""
    if not text.lstrip().startswith("|"):
        return []
    bounds = [i for i, ch in enumerate(text) if ch == "|" and (i == 0 or text[i - 1] != "\\")]
    return list(pairwise(bounds))


def _cell_holding(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The table cell that holds nothing but the venue at start:end (markup aside)."""
    for left, right in _table_cells(text):
        if left < start and end < right and not text[left + 1:start].strip(" *_[") \
                and not text[end:right].strip(" *_]"):
            return left, right
    return None


def foreign_labels(text: str) -> list[tuple[int, int]]:
    """Spans of link labels that are more than a venue and year (`[CVPR 2023 | a blog post](url)`): a venue
    named there is not the entry's."""
    spans = []
    for m in LABEL.finditer(text):
        label = m.group("label").strip(" *_[]\\")
        if len(label.split()) > 4 or re.search(r"[^\w\s'&/.,-]", label):
            spans.append(m.span("label"))
    return spans


def written_venues(text: str, pattern: re.Pattern[str], first: bool) -> Iterator[re.Match[str]]:
    """Venue spellings of `pattern` written as venues on a line: next to a year; on the entry's `first` line
    also alone in a table cell or a label (`[[CVPR](url)]`; a `[arXiv](url)` below the entry names a host)."""
    spans = masked(text) + foreign_labels(text)
    for m in pattern.finditer(text):
        start, end = m.span("venue")
        if not outside(spans, start, end):
            continue
        after, before = text[end:], text[:start]
        if re.match(YEAR_AFTER, after) or re.search(r"(?<![\w.-])(?:19|20)\d\d $", before) or (first and (
                _cell_holding(text, start, end) or (before.endswith("[") and after.startswith("]")))):
            yield m


def venue_years(text: str, vocab: Vocab) -> Iterator[tuple[Venue, int, int, int]]:
    """(venue, year start, year end, full year) for each `Venue Year` pair a line writes."""
    spans = masked(text) + foreign_labels(text)
    cells = _table_cells(text)
    for m in vocab.any_re.finditer(text):
        start, end = m.span("venue")
        match = vocab.index.lookup(m.group("venue"))
        if match is None or not outside(spans, start, end):
            continue
        year = _year_next_to(text, start, end, cells)
        if year is not None:
            y0, y1 = year
            digits = text[y0:y1]
            yield match.venue, y0, y1, int(digits) if len(digits) == 4 else 2000 + int(digits)


def _year_next_to(text: str, start: int, end: int, cells: list[tuple[int, int]]) -> tuple[int, int] | None:
    after = re.match(YEAR_AFTER, text[end:])
    if after:
        if len(after.group("year")) == 2 and "'" not in after.group("sep"):
            return None  # `CVPR 14` is not a year
        return end + after.start("year"), end + after.end("year")
    before = re.search(r"(?<![\w.-])((?:19|20)\d\d) $", text[:start])
    if before:
        return before.start(1), before.end(1)
    if _cell_holding(text, start, end):
        for left, right in cells:
            cell = text[left + 1:right]
            if re.fullmatch(r"\s*\**(?:19|20)\d\d\**\s*", cell):
                digits = re.search(r"\d{4}", cell)
                assert digits is not None
                return left + 1 + digits.start(), left + 1 + digits.end()
    return None


Injector = Callable[[ListText, Entry, random.Random, Vocab], "Injection | None"]


def _one_line(defect: str, entry: Entry, number: int, content: str) -> Injection:
    return Injection(defect, entry, ((number, content),), (number,))


def inject_venue(doc: ListText, entry: Entry, rng: random.Random, vocab: Vocab) -> Injection | None:
    """A canonical venue spelling becomes one of its misspellings."""
    for number in doc.lines_of(entry):
        text = doc.source.lines[number - 1]
        for m in written_venues(text, vocab.canonical_re, number == entry.line):
            typo = rng.choice(vocab.typos[m.group("venue")])
            return _one_line("venue", entry, number, text[:m.start("venue")] + typo + text[m.end("venue"):])
    return None


def inject_year(doc: ListText, entry: Entry, rng: random.Random, vocab: Vocab) -> Injection | None:
    """The year of a `Venue Year` pair: to the wrong parity for a venue held every other year, else 2031."""
    for number in doc.lines_of(entry):
        text = doc.source.lines[number - 1]
        for venue, y0, y1, year in venue_years(text, vocab):
            new = _impossible_year(venue, year)
            if new is None:
                continue
            written = str(new) if y1 - y0 == 4 else f"{new % 100:02d}"
            return _one_line("year", entry, number, text[:y0] + written + text[y1:])
    return None


def _impossible_year(venue: Venue, year: int) -> int | None:
    """The impossible year to write for `venue` in place of `year`, or None when the pair is already wrong."""
    if year > LAST_PARITY_YEAR + 1:
        return None
    rhythm = venue.periodicity_for(year)
    if rhythm in RHYTHM:
        if year % 2 != RHYTHM[rhythm]:
            return None
        return year + 1 if year + 1 <= LAST_PARITY_YEAR else year - 1
    if venue.first_year is not None and year < venue.first_year:
        return None
    return FUTURE_YEAR


def _abs_links(doc: ListText, entry: Entry) -> Iterator[tuple[int, re.Match[str]]]:
    for number in doc.lines_of(entry):
        text = doc.source.lines[number - 1]
        for m in ARXIV_ABS.finditer(text):
            if m.start() == 0 or text[m.start() - 1] not in "/:":  # not inside another URL
                yield number, m


def inject_http_arxiv(doc: ListText, entry: Entry, rng: random.Random, vocab: Vocab) -> Injection | None:
    """`https://arxiv.org/abs/ID` becomes `http://arxiv.org/abs/ID`."""
    for number, m in _abs_links(doc, entry):
        if m.group("scheme") == "https":
            text = doc.source.lines[number - 1]
            return _one_line("http-arxiv", entry, number, text[:m.start()] + "http" + text[m.start() + 5:])
    return None


def inject_arxiv_version(doc: ListText, entry: Entry, rng: random.Random, vocab: Vocab) -> Injection | None:
    """`v2` after an unversioned `arxiv.org/abs/ID`."""
    for number, m in _abs_links(doc, entry):
        text = doc.source.lines[number - 1]
        return _one_line("arxiv-version", entry, number, text[:m.end()] + "v2" + text[m.end():])
    return None


def paper_urls(text: str) -> Iterator[re.Match[str]]:
    """URLs on a line that point at a paper: a paper host, or a link labelled as the paper."""
    labelled = {m.start("url") for m in LINK.finditer(text) if PAPER_LABEL.search(m.group("label"))}
    for m in URL.finditer(text):
        host = re.sub(r"^www\.", "", m.group().split("/")[2].split(":")[0].lower())
        known = m.start() in labelled or host in PAPER_HOSTS or any(host.endswith("." + h) for h in PAPER_HOSTS)
        if known and (m.start() == 0 or text[m.start() - 1] not in "/:="):  # not a URL inside another
            yield m


def inject_double_scheme(doc: ListText, entry: Entry, rng: random.Random, vocab: Vocab) -> Injection | None:
    """`https://` becomes `https://https://` in the entry's first paper link."""
    for number in doc.lines_of(entry):
        text = doc.source.lines[number - 1]
        for m in paper_urls(text):
            if m.group().startswith("https://"):
                return _one_line("double-scheme", entry, number, text[:m.start()] + "https://" + text[m.start():])
    return None


def arxiv_ids(doc: ListText, entry: Entry) -> list[tuple[int, str]]:
    """(line, id) of the arXiv links of an entry, in order."""
    return [(n, m.group("id")) for n in doc.lines_of(entry) for m in ARXIV_ANY.finditer(doc.source.lines[n - 1])]


def inject_duplicate_id(doc: ListText, entry: Entry, rng: random.Random, vocab: Vocab) -> Injection | None:
    """The entry's arXiv id, wherever the entry writes it, becomes another entry's of the same section."""
    own = arxiv_ids(doc, entry)
    if not own:
        return None
    old = own[0][1]
    others = [(e, ids) for e in doc.by_section[entry.section] if e != entry
              and (ids := [(n, i) for n, i in arxiv_ids(doc, e) if i != old]) and old not in {i for _, i in ids}]
    if not others:
        return None
    other, ids = rng.choice(others)
    new = ids[0][1]
    whole = re.compile(r"(?<![\d.])" + re.escape(old) + r"(?!\d)")
    edits = tuple((n, whole.sub(new, doc.source.lines[n - 1])) for n in doc.lines_of(entry)
                  if whole.search(doc.source.lines[n - 1]))
    check = {n for n, _ in edits} | {entry.line, other.line} | {n for n, i in ids if i == new}
    return Injection("duplicate-id", entry, edits, tuple(sorted(check)))


INJECTORS: dict[str, Injector] = {
    "venue": inject_venue, "year": inject_year, "http-arxiv": inject_http_arxiv,
    "arxiv-version": inject_arxiv_version, "double-scheme": inject_double_scheme,
    "duplicate-id": inject_duplicate_id,
}


# -------------------------------------------------------------------- checks

def line_findings(found: Sequence[Diagnostic], codes: tuple[str, ...]) -> dict[int, Counter[tuple[str, str]]]:
    """For each line, the (code, message) pairs of the findings of `codes` that touch it."""
    by_line: dict[int, Counter[tuple[str, str]]] = defaultdict(Counter)
    for d in found:
        if d.code in codes:
            for span in (d.span, *d.related):
                for line in range(span.line, span.end_line + 1):
                    by_line[line][(d.code, d.message)] += 1
    return by_line


@dataclass
class Outcome:
    """What one injection gave."""

    file: str
    injection: Injection
    found: bool
    new: list[str] = field(default_factory=list)  # the codes newly reported on the injected line


def run_one(linter: Linter, doc: ListText, before: Sequence[Diagnostic], injection: Injection) -> Outcome:
    """Check the file with the defect injected; found when an expected finding is new on a checked line."""
    _, after = linter.check(SourceText(injection.apply(doc.source), doc.source.bom))
    codes = EXPECTED[injection.defect]
    old, new = line_findings(before, codes), line_findings(after, codes)
    found = any(new.get(line, Counter()) - old.get(line, Counter()) for line in injection.check_lines)
    everything_old = line_findings(before, tuple({d.code for d in before}))
    everything_new = line_findings(after, tuple({d.code for d in after}))
    extra = everything_new.get(injection.line, Counter()) - everything_old.get(injection.line, Counter())
    return Outcome(doc.name, injection, found, sorted({code for code, _ in extra}))


def pick(doc: ListText, defect: str, count: int, seed: int, vocab: Vocab) -> list[Injection]:
    """Up to `count` injections of `defect`, into entries taken in a seeded random order."""
    rng = random.Random(f"{seed}/{doc.name}/{defect}")
    order = list(doc.entries)
    rng.shuffle(order)
    chosen: list[Injection] = []
    for entry in order:
        if len(chosen) == count:
            break
        injection = INJECTORS[defect](doc, entry, rng, vocab)
        if injection is not None:
            chosen.append(injection)
    return chosen


# ---------------------------------------------------------------------- main

def corpus_lists(corpus: Path, wanted: Sequence[str] | None) -> list[Path]:
    """The corpus's lists (every .md but LAYOUTS.md), or those `wanted`: files, or prefixes of corpus names."""
    paths = sorted(p for p in corpus.glob("*.md") if p.name != "LAYOUTS.md")
    if not wanted:
        return paths
    files = [Path(w) for w in wanted if Path(w).is_file()]
    return files + [p for p in paths if any(p.name.startswith(w) for w in wanted) and p not in files]


def load(path: Path, truth: dict[str, list[dict[str, str]]], linter: Linter) -> tuple[ListText, str]:
    source = SourceText.read(path, 10**8)
    rows = truth.get(path.name)
    if rows:
        return ListText(path.name, source, entries_from_truth(source, rows)), "truth"
    return ListText(path.name, source, entries_from_kdlint(linter, source)), "kdlint"


def measure_list(path: Path, truth: dict[str, list[dict[str, str]]], per_class: int, seed: int,
                 classes: Sequence[str] = CLASSES) -> tuple[list[Outcome], str]:
    """Every injection's outcome on one list, and where its entries came from ("truth" or "kdlint")."""
    linter, vocab = Linter(), Vocab.build()
    doc, origin = load(path, truth, linter)
    _, before = linter.check(doc.source)
    outcomes = [run_one(linter, doc, before, injection)
                for defect in classes for injection in pick(doc, defect, per_class, seed, vocab)]
    return outcomes, origin


def measure(paths: Sequence[Path], truth: dict[str, list[dict[str, str]]], per_class: int, seed: int,
            classes: Sequence[str] = CLASSES, jobs: int = 1) -> tuple[list[Outcome], dict[str, str]]:
    """Every injection's outcome, list by list (`jobs` lists at a time), and where each list's entries came
    from. Each list's choices depend only on the seed, so the outcome does not depend on `jobs`."""
    args = [(path, {path.name: truth[path.name]} if path.name in truth else {}, per_class, seed, tuple(classes))
            for path in paths]
    if jobs > 1:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            results = list(pool.map(measure_list, *zip(*args)))
    else:
        results = [measure_list(*a) for a in args]
    outcomes = [o for found, _ in results for o in found]
    return outcomes, {path.name: origin for path, (_, origin) in zip(paths, results)}


def tally(outcomes: Sequence[Outcome]) -> dict[tuple[str, str], list[int]]:
    """(file, class) -> [injected, found]; "" stands for every file or every class."""
    counts: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    for o in outcomes:
        for key in ((o.file, o.injection.defect), (o.file, ""), ("", o.injection.defect), ("", "")):
            counts[key][0] += 1
            counts[key][1] += o.found
    return counts


def recall(injected: int, found: int) -> str:
    return f"{100 * found / injected:.0f}%" if injected else "-"


def cell(counts: dict[tuple[str, str], list[int]], key: tuple[str, str]) -> str:
    injected, found = counts.get(key, [0, 0])
    return f"{found}/{injected} {recall(injected, found)}" if injected else "-"


def short(name: str) -> str:
    return name.removesuffix(".md").removesuffix("__README")


def table(outcomes: Sequence[Outcome], files: Sequence[str], classes: Sequence[str]) -> list[str]:
    """A Markdown table: one row per list, one column per class, found/injected and recall; totals last."""
    counts = tally(outcomes)
    lines = ["| list | " + " | ".join(classes) + " | all |", "|---|" + "---:|" * (len(classes) + 1)]
    for name in files:
        lines.append(f"| {short(name)} | " + " | ".join(cell(counts, (name, c)) for c in classes)
                     + f" | {cell(counts, (name, ''))} |")
    lines.append("| **total** | " + " | ".join(cell(counts, ("", c)) for c in classes)
                 + f" | {cell(counts, ('', ''))} |")
    return lines


def missed(outcomes: Sequence[Outcome], width: int = 140) -> list[dict[str, object]]:
    rows = []
    for o in outcomes:
        if not o.found:
            inj = o.injection
            text = dict(inj.edits)[inj.line]
            rows.append({"file": o.file, "line": inj.line, "entry_line": inj.entry.line, "class": inj.defect,
                         "layout": inj.entry.layout, "text": text.strip()[:width], "new_findings": o.new})
    return rows


def report(outcomes: Sequence[Outcome], files: Sequence[str], classes: Sequence[str], origin: dict[str, str],
           seconds: float, args: argparse.Namespace) -> dict[str, object]:
    counts = tally(outcomes)
    per = {f: {c: dict(zip(("injected", "found"), counts.get((f, c), [0, 0]))) for c in (*classes, "")}
           for f in (*files, "")}
    return {"seed": args.seed, "per_class": args.per_class, "seconds": round(seconds, 2), "entries_from": origin,
            "expected": {c: list(EXPECTED[c]) for c in classes},
            "results": {f or "total": {c or "all": v for c, v in row.items()} for f, row in per.items()},
            "missed": missed(outcomes)}


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument("--per-class", type=int, default=20, help="injections per list and class (default 20)")
    parser.add_argument("--lists", nargs="+", help="list file names or name prefixes (default: every corpus list)")
    parser.add_argument("--classes", nargs="+", choices=CLASSES, default=list(CLASSES), help="defect classes")
    parser.add_argument("--corpus", type=Path, default=CORPUS, help=f"corpus directory (default {CORPUS})")
    parser.add_argument("--truth", type=Path, default=TRUTH, help=f"ground-truth TSV (default {TRUTH})")
    parser.add_argument("--no-truth", action="store_true", help="take entries from kdlint's own parse")
    parser.add_argument("--jobs", type=int, default=1, help="lists checked in parallel processes (default 1)")
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.add_argument("--show-missed", action="store_true", help="list the missed cases")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    paths = corpus_lists(args.corpus, args.lists)
    if not paths:
        print(f"no lists found in {args.corpus}", file=sys.stderr)
        return 2
    truth = truth_entries(args.truth) if not args.no_truth and args.truth.is_file() else {}
    start = time.perf_counter()
    outcomes, origin = measure(paths, truth, args.per_class, args.seed, args.classes, args.jobs)
    seconds = time.perf_counter() - start
    files = [p.name for p in paths]
    if args.json:
        print(json.dumps(report(outcomes, files, args.classes, origin, seconds, args), indent=2, ensure_ascii=False))
        return 0
    sources = Counter(origin.values())
    print(f"kdlint recall: {len(files)} lists (entries from the ground truth: {sources['truth']}, from kdlint's "
          f"parse: {sources['kdlint']}), seed {args.seed}, up to {args.per_class} per list and class")
    print("\n".join(table(outcomes, files, args.classes)))
    print(f"{len(outcomes)} injections, each checked on its own copy of its list: {seconds:.1f} s "
          f"({args.jobs} job{'s' if args.jobs > 1 else ''})")
    if args.show_missed:
        print("\nmissed:")
        for row in missed(outcomes):
            new = ",".join(row["new_findings"]) or "-"  # type: ignore[arg-type]
            print(f"{row['file']}:{row['line']} {row['class']} [{row['layout']}] new: {new} | {row['text']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
