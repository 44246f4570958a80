"""Read one list item's source lines into an `Entry`.

mistletoe tells where an item starts and ends; everything inside it is located
here in the item's own lines, so every part gets an exact span. The canonical
(bold) style is::

    - **Title, Venue Year, Venue Year** [[Code]](url)
      - https://paper.url
      - *Author One, Author Two.*

Items in other styles become entries too (their links and identifiers are
read), but only the bold style gets its title, venues and authors split out.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .diagnostics import Span
from .model import Authors, Entry, Link, LinkKind, PaperId, Placement, SubBullet, VenueYear
from .urls import CODE_HOSTS, host_in, host_of, paper_ids
from .vocabulary import DEFAULT, Vocabulary

LIST_MARKER = re.compile(r"^([ \t]*)([-*+]|\d{1,9}[.)])([ \t]+|$)")
HEADING_MARKER = re.compile(r"^ {0,3}#{3,6}[ \t]+")
DATED = re.compile(r"\((?:(?P<date>\d{2}\.\d{2}\.\d{2})(?:,[ \t]*(?P<venue>[^()]*?))?"
                   r"|(?P<only>[^()]*?(?:19|20)\d\d))\)[ \t]*(?=\[)")
BOLD = re.compile(r"\*\*(?P<inner>[^*]+(?:\*(?!\*)[^*]*)*)\*\*|__(?P<inner2>[^_]+)__")
# [label](url) or [[label]](url); the label may hold one level of brackets,
# the URL one level of parentheses; an optional "title" may follow the URL.
LINK = re.compile(
    r"\[(?P<label>[^\[\]]*(?:\[[^\[\]]*\][^\[\]]*)*)\]"
    r"\((?P<lt><)?(?P<url>[^()\s<>]*(?:\([^()\s]*\)[^()\s<>]*)*)(?(lt)>)"
    r"(?:\s+\"[^\"]*\")?\)"
)
BARE_URL = re.compile(r"https?://[^\s<>()\[\]]*[^\s<>()\[\].,;:!?'\"*_]")
# `- 论文/Paper: https://...`, `- Code: None`: a link written as a labelled line.
LABELED_URL = re.compile(r"^[ \t]*[-*+][ \t]+(?P<label>[^:：\[\]()<>]{1,24}?)[ \t]*[:：][ \t]*"
                         r"(?:(?P<url>https?://\S+)|None|-|N/?A|TBD|[^\s\[\]][^\[\]]*https?://[^\[\]]*)?[ \t]*$",
                         re.IGNORECASE)
ITALIC = re.compile(r"^(?P<open>\*(?!\*)|_(?!_))(?P<text>.+?)(?P=open)(?P<after>\.?)$")
# A year written alone; not the first digits of an arXiv identifier (`arXiv:2009.11506`).
YEAR_TOKEN = re.compile(r"(?<![\w./:-])(?:19|20)\d{2}(?![\w/-]|\.\d)")
ARXIV_TEXT = re.compile(r"(?<![\w/])arXiv:[ \t]?(?P<id>\d{4}\.\d{4,5})(?:v\d+)?(?![\w.])", re.IGNORECASE)

PAPER_LABEL = re.compile(r"\b(?:papers?|arxiv|pdf|openreview|doi)\b|:link:", re.IGNORECASE)
CODE_LABEL = re.compile(r"\b(?:code|codes|github|gitlab|repo|repository)\b|:octocat:", re.IGNORECASE)
CODE_TAG = re.compile(r"[ \t]\[(?:__|\*\*)?`")
AROUND_PAIR = re.compile(r"<br\s*/?>|[()]|^\s*\.|\.(?=\s*$)", re.IGNORECASE)
QUOTED_TITLE = re.compile(r"[\"“](?:\*\*)?(?P<title>[^\"“”*\n]{8,300}?)[.,]?(?:\*\*)?[.,]?[\"”]")
SHORT_YEAR_VENUE = re.compile(r"(?<![\w'])(?P<venue>[A-Za-z][A-Za-z0-9-]{1,15}(?: [A-Za-z][A-Za-z0-9-]{1,15}){0,3})"
                              r"(?P<year>'[ \t]?\d\d)(?![\w'])")
BRACKET_TAG = re.compile(r"\[[^\[\]]{1,40}\]")
DATE = re.compile(r"^\d{4}[-/.]\d{1,2}(?:[-/.]\d{1,2})?$")
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
    if m and (known or len(stripped.split()) <= max_words_without_year and _acronym(stripped.split()[0])):
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


def _inline_names(text: str, start: int, stop: int) -> tuple[int, str] | None:
    """`, Ann Author, Ben Author, 2016` after an inline link: (column, names), without a trailing year."""
    tail = text[start:stop]
    body = tail.lstrip(" \t")
    if not body.startswith(","):
        return None
    body = body[1:].rstrip(" \t,")
    if len(body) >= 4 and body[-4:].isdigit() and body[-4:-2] in ("19", "20"):
        body = body[:-4].rstrip(" \t,")
    names = body.strip(" \t")
    if not names or "[" in names or "]" in names or not looks_like_names(names, least=1):
        return None
    return start + tail.index(names), names


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


def parse_entry(lines: Sequence[str], first: int, last: int, section: tuple[str, ...],
                vocab: Vocabulary = DEFAULT, group: int = 0) -> Entry | None:
    """Parse lines ``first..last`` (1-based, inclusive) of a list item or an entry heading, or None."""
    head = lines[first - 1]
    marker = LIST_MARKER.match(head) or HEADING_MARKER.match(head)
    content_start = marker.end() if marker else len(head) - len(head.lstrip())
    bold = False
    authors_inline: Authors | None = None
    title: str | None = None
    title_span = bold_span = None
    venues: list[VenueYear] = []

    m = BOLD.match(head, content_start)
    if m and DATE.match((m.group("inner") or m.group("inner2")).strip()):
        return None  # `- **2024-2-20**: we added ...` is news, not a paper
    if m and BRACKET_TAG.fullmatch((m.group("inner") or m.group("inner2")).strip()) and head[m.end():].strip():
        # `- **[R-CNN]** Rich feature hierarchies ...`: a bold tag before the title, not a bold title.
        content_start = m.end() + len(head[m.end():]) - len(head[m.end():].lstrip())
        m = None
    links: list[Link]
    text_ids: list[PaperId] = []
    if m:
        bold = True
        inner_name = "inner" if m.group("inner") is not None else "inner2"
        inner = m.group(inner_name)
        bold_span = Span.on_line(first, m.start(), m.end())
        links = find_links(head, first, Placement.INLINE, m.end(), vocab)
        # `**Title**, Venue Year, [link](url)`: pairs after the bold leave the title whole.
        stop = links[0].span.column - 1 if links else len(head)
        offset = m.end()
        for segment in head[m.end():stop].split(","):
            # `**Title** (EMNLP 2022) <br />`: parentheses and a line break around the pair, blanked in place.
            pair = parse_venue_segment(segment, first, offset, vocab=vocab)
            if pair is None:
                blanked = parse_venue_segment(AROUND_PAIR.sub(lambda x: " " * len(x.group()), segment), first,
                                              offset, vocab=vocab)
                pair = blanked if blanked is not None and blanked.venue is not None else None
            if pair is not None:
                venues.append(pair)
            offset += len(segment) + 1
        if venues:
            title = inner.strip()
            lead = len(inner) - len(inner.lstrip())
            title_span = Span.on_line(first, m.start(inner_name) + lead, m.start(inner_name) + lead + len(title))
        else:
            title, title_span, venues = split_title(inner, first, m.start(inner_name), vocab)
    else:
        links = find_links(head, first, Placement.INLINE, content_start, vocab)

    date: str | None = None
    dated = DATED.match(head, content_start) if not bold else None
    if dated:
        # `- (yy.mm.dd, Venue Year) [Title](url)`: the date, then the venue in the parentheses.
        date = dated.group("date")
        part = "venue" if dated.group("venue") is not None else "only" if dated.group("only") else None
        pair = parse_venue_segment(dated.group(part), first, dated.start(part), vocab=vocab) if part else None
        if pair is not None:
            venues.append(pair)
        elif part:  # `(22.03.01, 2022 ICLR)`
            for v_start, v_end, y_start, y_end in vocab.years_before_venues(head[: dated.end(part)], dated.start(part)):
                venues.append(VenueYear(venue=head[v_start:v_end], year=head[y_start:y_end],
                                        span=Span.on_line(first, y_start, v_end),
                                        venue_span=Span.on_line(first, v_start, v_end),
                                        year_span=Span.on_line(first, y_start, y_end)))
        content_start = dated.end()
    if not bold:
        lead_link = LINK.match(head, content_start)
        if lead_link and not lead_link.group("label").startswith("["):
            title = lead_link.group("label").strip() or None
            # `[Title](url)` first: the title's link is the paper's, whatever its words (`... for Code ...`).
            links = [link._replace(kind=LinkKind.PAPER)
                     if link.span.column - 1 == lead_link.start() and not host_in(link.url, CODE_HOSTS) else link
                     for link in links]
            if title:
                s = lead_link.start("label")
                title_span = Span.on_line(first, s, s + len(lead_link.group("label")))
        outside = LINK.sub(lambda x: " " * len(x.group()), head)
        for written in ARXIV_TEXT.finditer(outside, content_start):
            # `Hinton et al. arXiv:1503.02531`: the preprint server as the venue, its identifier as text.
            text_ids.append(PaperId("arxiv", written.group("id")))
            span = Span.on_line(first, written.start(), written.end())
            venues.append(VenueYear(venue="arXiv", year=None, span=span,
                                    venue_span=Span.on_line(first, written.start(), written.start() + 5),
                                    year_span=None))
        label_venue = None
        if not venues:
            for link in links[:1]:  # `- [[CVPR](url)] Title`: the venue is the label of the paper link
                if link.label_span is not None and vocab.venues.lookup(link.label.strip()) is not None:
                    label_venue = link
                    venues.append(VenueYear(venue=link.label.strip(), year=None, span=link.label_span,
                                            venue_span=link.label_span, year_span=None))
        pairs = vocab.venue_years(outside, content_start)
        taken = {y_start for _, _, y_start, _ in pairs}
        pairs += [p for p in vocab.years_before_venues(outside, content_start) if p[2] not in taken]
        for short in SHORT_YEAR_VENUE.finditer(outside, content_start):  # `**[CVPR' 16]**`, `NeurIPS Workshop'19`
            words = list(re.finditer(r"\S+", short.group("venue")))
            for word in words:  # the longest run of words before the year that names a known venue
                begin = short.start("venue") + word.start()
                if vocab.venues.lookup(outside[begin:short.end("venue")]) is not None:
                    pairs.append((begin, short.end("venue"), *short.span("year")))
                    break
        for v_start, v_end, y_start, y_end in sorted(pairs, key=lambda p: min(p[0], p[2])):
            venues.append(VenueYear(venue=outside[v_start:v_end], year=outside[y_start:y_end],
                                    span=Span.on_line(first, min(v_start, y_start), max(v_end, y_end)),
                                    venue_span=Span.on_line(first, v_start, v_end),
                                    year_span=Span.on_line(first, y_start, y_end)))
        quoted = QUOTED_TITLE.search(head, content_start) if title is None else None
        if quoted is not None and (not venues or quoted.start() < venues[0].span.column - 1):
            # `"Title", ICCV, 2023.`, `Authors. "**Title**." Nature (2015)`: the quoted words are the title.
            title = quoted.group("title").strip()
            begin = quoted.start("title") + len(quoted.group("title")) - len(quoted.group("title").lstrip())
            title_span = Span.on_line(first, begin, begin + len(title))
        if title is None:
            # `### Title Venue Year [[paper]](url)` or `* Title [[Paper]](url)`: the title is the plain text
            # up to the venue or the first link.
            if label_venue is not None:  # the title follows the venue's link and its closing bracket
                content_start = label_venue.span.end_column - 1
                content_start += len(head[content_start:]) - len(head[content_start:].lstrip(" \t]"))
            after = [link for link in links if link.span.column - 1 >= content_start]
            stops = [v.span.column - 1 for v in venues[:1] if v.span.column - 1 >= content_start]
            stops += [link.span.column - 1 for link in after[:1]]
            end = min(stops) if stops else len(head)
            tag = CODE_TAG.search(head, content_start, end)  # `Title. [__`seg.`__]`: tags after the title
            end = tag.start() if tag else end
            text = head[content_start:end].rstrip(" \t-:,.|*_[(")  # `Title | **[CVPR' 16]**`: the marks before the venue
            lead = len(text) - len(text.lstrip())
            if text.strip() and not text.lstrip().startswith(("[", "<", "!", "*", "_", "`")):
                title = text.strip()
                title_span = Span.on_line(first, content_start + lead, content_start + len(text))
        if lead_link and title and not dated:
            # `- [Title](url), Authors, Year` (or `, Authors, Venue Year`): the names after the link.
            stop = venues[0].span.column - 1 if venues and venues[0].span.column - 1 > lead_link.end() else len(head)
            found = _inline_names(outside, lead_link.end(), stop)
            if found is not None:
                col, text = found
                authors_inline = parse_authors(text, first, col, False, False)
        if not venues:
            y = YEAR_TOKEN.search(outside, content_start)
            if y:
                span = Span.on_line(first, y.start(), y.end())
                venues.append(VenueYear(venue=None, year=y.group(), span=span, venue_span=None, year_span=span))

    authors: Authors | None = authors_inline
    sub_bullets: list[SubBullet] = []
    for number in range(first + 1, last + 1):
        text = lines[number - 1]
        if not text.strip():
            continue
        sub = LIST_MARKER.match(text)
        if not sub:
            sub_bullets.append(SubBullet(line=number, kind="other"))
            links.extend(find_links(text, number, Placement.SUB_BULLET, 0, vocab))
            continue
        start = sub.end()
        body = text[start:].rstrip()
        labeled = LABELED_URL.match(text)
        if labeled and labeled.group("url") and labeled.group("url").startswith("http"):
            label = labeled.group("label").strip()
            url_span = Span.on_line(number, labeled.start("url"), labeled.end("url"))
            label_start = labeled.start("label")
            links.append(Link(label=label, url=labeled.group("url"), kind=classify_label(label, vocab),
                              placement=Placement.SUB_BULLET, double_brackets=False, span=url_span,
                              label_span=Span.on_line(number, label_start, label_start + len(label)),
                              url_span=url_span))
            sub_bullets.append(SubBullet(line=number, kind="links"))
            continue
        if BARE_URL.fullmatch(body.strip("<>")) and " " not in body:
            url_start = start + (1 if body.startswith("<") else 0)
            url = body.strip("<>")
            span = Span.on_line(number, url_start, url_start + len(url))
            links.append(Link(label="", url=url, kind=LinkKind.PAPER, placement=Placement.SUB_BULLET,
                              double_brackets=False, span=span, label_span=None, url_span=span))
            sub_bullets.append(SubBullet(line=number, kind="paper-url"))
            continue
        italic = ITALIC.match(body)
        if italic and authors is None and "](" not in body:
            authors = parse_authors(italic.group("text"), number, start + 1, True, italic.group("after") == ".")
            sub_bullets.append(SubBullet(line=number, kind="authors"))
            continue
        found = find_links(text, number, Placement.SUB_BULLET, start, vocab)
        if found:
            links.extend(found)
            sub_bullets.append(SubBullet(line=number, kind="links"))
            continue
        if authors is None and looks_like_names(body):  # under any title: its markup never decides
            authors = parse_authors(body, number, start, False, False)
            sub_bullets.append(SubBullet(line=number, kind="authors"))
            continue
        sub_bullets.append(SubBullet(line=number, kind="other"))

    is_heading = marker is not None and marker.re is HEADING_MARKER
    if not bold and not is_heading and not any(link.url.startswith(("http://", "https://")) for link in links) \
            and not any(pair.venue for pair in venues):
        return None  # neither a bold title, a web link, nor a known `Venue Year`: not a paper
    # (A heading reaches here only when the document read it as an entry: by its link, its venue, or its
    # list's way of writing entry headings.)

    ids: list[PaperId] = list(dict.fromkeys(text_ids))
    for link in links:
        if link.kind is not LinkKind.CODE:
            for pid in paper_ids(link.url):
                if pid not in ids:
                    ids.append(pid)

    end_text = lines[last - 1]
    return Entry(
        line=first,
        end_line=last,
        span=Span(line=first, column=1, end_line=last, end_column=len(end_text) + 1),
        section=section,
        group=group,
        heading=marker is not None and marker.re is HEADING_MARKER,
        style=("heading" if marker is not None and marker.re is HEADING_MARKER else "bold" if bold
               else "dated" if dated else "inline" if title and LINK.match(head, content_start) else "plain"),
        date=date,
        marker_end=content_start,
        bold=bold,
        title=title,
        title_span=title_span,
        bold_span=bold_span,
        venues=tuple(venues),
        links=tuple(links),
        authors=authors,
        sub_bullets=tuple(sub_bullets),
        paper_ids=tuple(ids),
    )
