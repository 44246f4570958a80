"""The parts every layout is made of: links, `Venue Year` pairs, author lists, list and heading markers.

mistletoe tells where an entry starts and ends; everything inside it is
located in the entry's own source lines, so every part gets an exact span.
The layout readers (`kdlint.readers`) put these parts together.
"""

from __future__ import annotations

import re

from ..diagnostics import Span
from ..model import Authors, Link, LinkKind, Placement, VenueYear
from ..urls import CODE_HOSTS, host_of
from ..vocabulary import DEFAULT, Vocabulary

LIST_MARKER = re.compile(r"^([ \t]*)([-*+]|\d{1,9}[.)])([ \t]+|$)")
HEADING_MARKER = re.compile(r"^ {0,3}#{3,6}[ \t]+")
# [label](url) or [[label]](url); the label may hold one level of brackets,
# the URL one level of parentheses; an optional "title" may follow the URL.
LINK = re.compile(
    r"\[(?P<label>[^\[\]]*(?:\[[^\[\]]*\][^\[\]]*)*)\]"
    r"\((?P<lt><)?(?P<url>[^()\s<>]*(?:\([^()\s]*\)[^()\s<>]*)*)(?(lt)>)"
    r"(?:\s+\"[^\"]*\")?\)"
)
BARE_URL = re.compile(r"https?://[^\s<>()\[\]]*[^\s<>()\[\].,;:!?'\"*_]")

PAPER_LABEL = re.compile(r"\b(?:papers?|arxiv|pdf|openreview|doi)\b|:link:", re.IGNORECASE)
CODE_LABEL = re.compile(r"\b(?:code|codes|github|gitlab|repo|repository)\b|:octocat:", re.IGNORECASE)
_PREPRINTS = frozenset({"arxiv", "biorxiv", "medrxiv", "corr", "techrxiv", "ssrn", "preprint"})

_VENUE_WORD = r"[A-Za-z(&][\w&+.'’/()\-]*"
_VENUE = rf"(?P<venue>{_VENUE_WORD}(?:[ \t]+{_VENUE_WORD}){{0,15}})"
VENUE_YEAR = re.compile(rf"^{_VENUE}[ \t]+(?P<year>\d{{4}})$")
VENUE_BAD_YEAR = re.compile(rf"^{_VENUE}(?P<year>[ \t]*'\d{{2}}|[ \t]+\d{{2,3}}|[ \t]+\d{{5,8}})$")
YEAR_ONLY = re.compile(r"^(?P<year>(?:19|20)\d{2})$")
VENUE_ONLY = re.compile(rf"^{_VENUE}$")
MAX_VENUE_WORDS = 12
MAX_VENUE_WORDS_IN_TITLE = 8
# `(?<!\s)`: a run of spaces is tried from its first space only, not from each (quadratic on a long run).
AUTHOR_SEPARATOR = re.compile(r",\s*and\s+|(?<!\s)\s+and\s+|,|(?<!\s)\s+&\s+")
# `and` or `&` before the last author: no comma follows it, so `last_and` searches from the last comma on
# (a lookahead for "no comma up to the end", tried at every `and`, is quadratic), and `(?<!\s)` tries a
# run of spaces from its first space only, not from each.
LAST_AND = re.compile(r"(?:,\s*|(?<!\s)\s+)(?:and|&)\s+")
NAME = re.compile(r"[A-Z][\w.'’\-]*(?: [\w.'’\-]+){0,4}")


def looks_like_names(text: str, least: int = 2) -> bool:
    """`Ada Lovelace, Alan M. Turing and Grace Hopper.`: `least` or more short capitalised names."""
    body = text[:-1] if text.endswith(".") else text
    parts = [part.strip() for part in AUTHOR_SEPARATOR.split(body)]
    return len(parts) >= least and all(NAME.fullmatch(part) for part in parts)


def last_and(names: str) -> re.Match[str] | None:
    """The `, and ` / ` and ` / ` & ` before the last of the `names`, if they have one."""
    return LAST_AND.search(names, max(names.rfind(","), 0))


def classify_label(label: str, vocab: Vocabulary = DEFAULT) -> LinkKind:
    if label.lstrip().startswith("!["):
        return LinkKind.OTHER  # `[![GitHub Repo stars](badge)](repo)`: an image, whatever its alt text says
    if PAPER_LABEL.search(label):
        return LinkKind.PAPER
    if label.strip().casefold() in vocab.code_labels or CODE_LABEL.search(label):
        return LinkKind.CODE
    return LinkKind.OTHER


def _acronym(word: str) -> bool:
    """CVPR, NeurIPS, IEEE, arXiv: mostly capitals (before any hyphen), or a preprint server."""
    head = word.split("-", 1)[0]
    letters = [ch for ch in head if ch.isalpha()]
    upper = sum(ch.isupper() for ch in letters)
    return (upper >= 2 and upper * 2 >= len(letters)) or head.casefold() in _PREPRINTS


def parse_venue_segment(segment: str, line: int, col: int, in_title: bool = False,
                        vocab: Vocabulary = DEFAULT) -> VenueYear | None:
    """The `Venue Year` pair a comma-separated segment spells, if any.

    `segment` starts at 0-based column `col`. With a valid year the venue may be
    a long run of words (journal names are long: `Pattern Recognition 2022`);
    without one it must start with an acronym (`CVPR`, `IEEE TPAMI`). Inside
    the bold title (`in_title`) fewer words are accepted, since a title's own
    comma is far more common there than a venue.
    """
    max_words = MAX_VENUE_WORDS_IN_TITLE if in_title else MAX_VENUE_WORDS
    max_words_without_year = 3 if in_title else MAX_VENUE_WORDS
    stripped = segment.strip()
    if not stripped:
        return None
    start = col + segment.index(stripped)
    span = Span.on_line(line, start, start + len(stripped))

    def part(name: str, m: re.Match[str]) -> Span:
        s, e = m.span(name)
        text = m.group(name)
        lead = len(text) - len(text.lstrip(" \t"))
        return Span.on_line(line, start + s + lead, start + e)

    m = VENUE_YEAR.match(stripped)
    if m and len(m.group("venue").split()) <= max_words:
        return VenueYear(venue=" ".join(m.group("venue").split()), year=m.group("year"), span=span,
                         venue_span=part("venue", m), year_span=part("year", m))
    m = YEAR_ONLY.match(stripped)
    if m:
        return VenueYear(venue=None, year=m.group("year"), span=span, venue_span=None, year_span=part("year", m))
    m = VENUE_BAD_YEAR.match(stripped)
    if m and _acronym(m.group("venue").split()[0]) and len(m.group("venue").split()) <= 4:
        return VenueYear(venue=" ".join(m.group("venue").split()), year=m.group("year").strip(), span=span,
                         venue_span=part("venue", m), year_span=part("year", m))
    m = VENUE_ONLY.match(stripped)
    known = vocab.venues.lookup(stripped) is not None
    if m and (known or (len(stripped.split()) <= max_words_without_year and _acronym(stripped.split()[0]))):
        return VenueYear(venue=" ".join(stripped.split()), year=None, span=span, venue_span=span, year_span=None)
    return None


def split_title(inner: str, line: int, col: int, vocab: Vocabulary = DEFAULT) -> tuple[str, Span, list[VenueYear]]:
    """Split bold text `Title, Venue Year, Venue Year` (starting at column `col`)."""
    venues: list[VenueYear] = []
    # The title is `inner[:end]`: cutting pairs off by index, not by copying what is left of the text and
    # inserting at the front for every pair, keeps a title of thousands of pairs linear.
    end = len(inner)
    while True:
        comma = inner.rfind(",", 0, end)
        if comma < 0:
            break
        pair = parse_venue_segment(inner[comma + 1 : end], line, col + comma + 1, in_title=True, vocab=vocab)
        if pair is None:
            break
        venues.append(pair)
        end = comma
    venues.reverse()
    rest = inner[:end]
    title = rest.strip()
    lead = len(rest) - len(rest.lstrip())
    title_span = Span.on_line(line, col + lead, col + lead + len(title))
    return title, title_span, venues


def find_links(text: str, line: int, placement: Placement, start: int = 0,
               vocab: Vocabulary = DEFAULT) -> list[Link]:
    """Markdown links and bare URLs in `text` from column `start` on."""
    links: list[Link] = []
    cursor = start
    for m in LINK.finditer(text, start):
        links.extend(_bare_urls(text, line, cursor, m.start(), placement))
        cursor = m.end()
        raw_label = m.group("label")
        double = raw_label.startswith("[") and raw_label.endswith("]") and len(raw_label) >= 2
        label = raw_label[1:-1] if double else raw_label
        label_start = m.start("label") + (1 if double else 0)
        url = m.group("url")
        kind = classify_label(label, vocab)
        if kind is LinkKind.OTHER and host_of(url) in CODE_HOSTS:
            kind = LinkKind.CODE  # [[Jittor]](https://github.com/...)
        links.append(
            Link(
                label=label,
                url=url,
                kind=kind,
                placement=placement,
                double_brackets=double,
                span=Span.on_line(line, m.start(), m.end()),
                label_span=Span.on_line(line, label_start, label_start + len(label)),
                url_span=Span.on_line(line, m.start("url"), m.end("url")),
            )
        )
    links.extend(_bare_urls(text, line, cursor, len(text), placement))
    return links


def _bare_urls(text: str, line: int, start: int, end: int, placement: Placement) -> list[Link]:
    found = []
    for m in BARE_URL.finditer(text, start, end):
        span = Span.on_line(line, m.start(), m.end())
        found.append(Link(label="", url=m.group(), kind=LinkKind.OTHER, placement=placement,
                          double_brackets=False, span=span, label_span=None, url_span=span))
    return found


def parse_authors(text: str, line: int, col: int, italic: bool, period_after: bool) -> Authors:
    """`text` is the author list without emphasis markers, starting at column `col`."""
    body = text.rstrip()
    ends_with_period = period_after or body.endswith(".")
    core = body[:-1] if body.endswith(".") else body
    parts = [p.strip() for p in AUTHOR_SEPARATOR.split(core)]
    names = tuple(p for p in parts if p)
    separator = None
    if len(names) >= 2:
        separator = "and" if last_and(core) else "comma"
    marker = 1 if italic else 0
    full_span = Span.on_line(line, col - marker, col + len(text) + marker + (1 if period_after else 0))
    return Authors(text=text, names=names, italic=italic, ends_with_period=ends_with_period,
                   last_separator=separator, span=full_span,
                   text_span=Span.on_line(line, col, col + len(text)), line=line)
