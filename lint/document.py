"""Build the `Document` model: mistletoe for the block structure, source lines for the rest.

mistletoe 1.x gives block tokens a start line only. A block ends where the
next sibling starts, less the blank lines between them; a list item also ends
before a line, after a blank one, that is indented less than its content
(mistletoe puts link reference definitions and the like there).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from itertools import count
from typing import Any

from . import collector
from .mistletoe_import import block_token, span_token  # mistletoe without its Unicode table up front
from .model import CONFIGURED, NO_PAPERS, Document, Entry, Heading, Layout, Section, Toc, TocItem
from .pragmas import scan
from .protected import comment_ranges, offset_in
from .readers.body import LABELED_URL
from .readers.card import is_card, read_card
from .readers.item import read_item
from .readers.parts import LINK, LIST_MARKER
from .readers.table import read_table
from .section_year import SectionYears
from .source import InputError, SourceText
from .toc import TOC_ITEM, anchors, github_text, plain_from_markdown
from .urls import paper_ids
from .vocabulary import DEFAULT, Vocabulary

BOLD_ONLY = re.compile(r"^(\*\*[^*]+\*\*|__[^_]+__):?$")
# How a paragraph that is an entry opens: a bold title or bold `[n]`, or an abbreviation and an italic venue.
PARAGRAPH_HEAD = re.compile(r"^ {0,3}(?:\*\*|__)\S|^ {0,3}[\w-]{1,20}\.[ \t]+\*[^*\s][^*]*\*")
# `**[14]** Hinton, Geoffrey E., et al. "**Title**." ...`: a numbered reference, its title in quotes.
NUMBERED_REFERENCE = re.compile(r"^ {0,3}(?:\*\*|__)\[\d{1,4}\](?:\*\*|__)[ \t]+[^\"“]*[\"“]")
# The opening tag of an HTML table cell, alone on its line: `<td>`, `<td width="150px">`.
CELL_OPEN = re.compile(r"^[ \t]*<td\b[^<>]*>[ \t]*$", re.IGNORECASE)
CELL_CLOSE = re.compile(r"^[ \t]*</td>", re.IGNORECASE)
BULLET_MARK = re.compile(r"[•◦▪▸►‣·*-]")
BOLD_TITLE = re.compile(r"^(\*\*[^*]+\*\*|__[^_]+__)[ \t]*\\?$")
# A label of a group of papers: `Detection:`, `基于样本的图像编辑`: short text without links, code or years.
PLAIN_LABEL = re.compile(r"^[^\[\]`<>*_|]{1,80}$")
ATX_HEADING = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+|$)(.*?)(?:[ \t]+#+)?[ \t]*$")


@contextmanager
def _blocks_only() -> Iterator[None]:
    """Parse block structure only: kdlint reads every span from the source lines itself.

    mistletoe tokenizes the inline Markdown of every paragraph while it parses,
    which is most of its time; kdlint uses none of it. For the length of the
    parse, inline text stays raw text; Python's collector, which walks the
    growing token tree again and again, is paused too. Raw HTML blocks are read
    as such (mistletoe registers its `HtmlBlock` only inside its HTML renderer),
    so that `<div>` or `<pre>` content is never read as paragraphs and lists.
    """
    tokenize_inner = span_token.tokenize_inner
    # (mistletoe leaves these three unannotated.)
    span_token.tokenize_inner = lambda content: [span_token.RawText(content)]  # type: ignore[no-untyped-call]
    block_token.add_token(block_token.HtmlBlock)  # type: ignore[no-untyped-call]
    try:
        with collector.paused():
            yield
    finally:
        block_token.remove_token(block_token.HtmlBlock)  # type: ignore[no-untyped-call]
        span_token.tokenize_inner = tokenize_inner


FENCE = re.compile(r"^[ \t>]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)?(?:```|~~~)")


def verbatim_lines(tree: block_token.Document, lines: tuple[str, ...]) -> tuple[set[int], set[int]]:
    """The lines of code (fenced and indented) and of raw HTML blocks, at any depth: in list items and
    quotes too. mistletoe gives each block its first line; its content gives the rest."""
    code: set[int] = set()
    html: set[int] = set()
    stack: list[Any] = list(tree.children or [])
    while stack:
        token = stack.pop()
        first = getattr(token, "line_number", None)
        if isinstance(token, (block_token.CodeFence, block_token.BlockCode)) and first:
            children: Any = token.children  # its one RawText
            content = children[0].content if children else ""
            last = first + content.count("\n") - (1 if isinstance(token, block_token.BlockCode) else 0)
            if isinstance(token, block_token.CodeFence) and last + 1 <= len(lines) and FENCE.match(lines[last]):
                last += 1  # the closing fence
            elif isinstance(token, block_token.BlockCode):
                last = _trim_blank(lines, first, last)
            code.update(range(first, min(last, len(lines)) + 1))
        elif isinstance(token, block_token.HtmlBlock) and first and not token.content.lstrip().startswith("<!--"):
            # (A comment is protected up to its `-->`, and kdlint's own are read: `kdlint.protected`.)
            html.update(range(first, min(first + token.content.count("\n"), len(lines)) + 1))
        elif token.children:
            stack.extend(child for child in token.children if isinstance(child, block_token.BlockToken))
    return code, html


def release(tree: block_token.Document) -> None:
    """Take mistletoe's tree apart so that reference counting frees it now.

    Every token points at its parent, so the tree is one big reference cycle
    that only the (paused) cyclic collector could free.
    """
    stack: list[block_token.BlockToken] = [tree]
    while stack:
        children = stack.pop().__dict__.pop("_children", None)
        if children:
            stack.extend(children)


def _line(token: Any) -> int:
    """The first line of a mistletoe block token: set on every block at run time, absent from its annotations."""
    return int(token.line_number)


def _trim_blank(lines: tuple[str, ...], first: int, last: int) -> int:
    while last > first and not lines[last - 1].strip():
        last -= 1
    return last


def _item_end(lines: tuple[str, ...], first: int, last: int) -> int:
    """The last line of a list item whose raw range is ``first..last``."""
    marker = LIST_MARKER.match(lines[first - 1])
    indent = marker.end() if marker and marker.group(3) else (marker.end() + 1 if marker else 1)
    after_blank = False
    for number in range(first + 1, last + 1):
        text = lines[number - 1]
        if not text.strip():
            after_blank = True
            continue
        width = len(text) - len(text.lstrip(" \t"))
        if after_blank and width < indent:
            return _trim_blank(lines, first, number - 1)
        after_blank = False
    return _trim_blank(lines, first, last)


def _is_group(lines: tuple[str, ...], item: block_token.ListItem, nested: list[block_token.List]) -> bool:
    """A label with a list of entries under it (`- **GPT**`, `* Detection:`, then the papers)."""
    head = lines[_line(item) - 1]
    marker = LIST_MARKER.match(head)
    content = head[marker.end():].strip() if marker else head.strip()
    if "](" in content or "://" in content:
        return False  # an item with a link of its own is an entry, whatever is nested under it
    if not (BOLD_ONLY.match(content) or not content or PLAIN_LABEL.match(content)):
        return False
    for sub in nested:
        for child in sub.children or []:
            child_head = lines[_line(child) - 1]
            child_marker = LIST_MARKER.match(child_head)
            rest = child_head[child_marker.end():] if child_marker else child_head
            if rest.startswith(("**", "__")) or "](http" in rest:
                return True
    return False


def _entry_items(lines: tuple[str, ...], token: block_token.List, last: int,
                 groups: Iterator[int]) -> list[tuple[int, int, int]]:
    """(first, last, group) of each item of a list that may hold an entry; group labels give their nested items.

    Items of one list share a group number: entries are sorted within their group.
    """
    found: list[tuple[int, int, int]] = []
    group = next(groups)
    items = [item for item in token.children or [] if isinstance(item, block_token.ListItem)]
    for i, item in enumerate(items):
        first = _line(item)
        end = _item_end(lines, first, _line(items[i + 1]) - 1 if i + 1 < len(items) else last)
        nested = [child for child in item.children or [] if isinstance(child, block_token.List)]
        if nested and _is_group(lines, item, nested):
            for j, sub in enumerate(nested):
                sub_last = _line(nested[j + 1]) - 1 if j + 1 < len(nested) else end
                found.extend(_entry_items(lines, sub, _trim_blank(lines, _line(sub), sub_last), groups))
        else:
            found.append((first, end, group))
    return found


def _paragraph_entry(lines: tuple[str, ...], first: int, last: int) -> bool:
    """A paragraph that is a paper: it opens like an entry (`**Title**`, `**[12]** Authors. "**Title**."`,
    `FGFI. *CVPR 2019*.`) and links a paper by its identifier (arXiv, DOI, proceedings); a numbered
    reference with a quoted title needs only a web link (`[[pdf]](...)` on an author's page)."""
    if not PARAGRAPH_HEAD.match(lines[first - 1]):
        return False
    links = [m.group("url") for n in range(first, last + 1) for m in LINK.finditer(lines[n - 1])]
    if NUMBERED_REFERENCE.match(lines[first - 1]) and any(url.startswith(("http://", "https://")) for url in links):
        return True
    return any(paper_ids(url) for url in links)


def _card_title(lines: tuple[str, ...], blocks: list[block_token.BlockToken], index: int, first: int,
                last: int, total: int) -> tuple[int, int] | None:
    """(first, last line) of the title list that makes the paragraph ``first..last`` a card
    (`kdlint.readers.card`), if it is one."""
    if index + 1 >= len(blocks) or not isinstance(blocks[index + 1], block_token.List):
        return None
    title_first = _line(blocks[index + 1])
    end = _line(blocks[index + 2]) - 1 if index + 2 < len(blocks) else total
    title_last = _trim_blank(lines, title_first, end)
    if title_first > last + 2 or not is_card(lines, first, last, title_first, title_last):
        return None
    return title_first, title_last


def _in_cell(lines: tuple[str, ...], first: int) -> bool:
    """Whether the line before `first`, blank lines aside, opens an HTML table cell."""
    number = first - 1
    while number >= 1 and not lines[number - 1].strip():
        number -= 1
    return number >= 1 and bool(CELL_OPEN.match(lines[number - 1]))


def _cell_end(lines: tuple[str, ...], first: int, limit: int) -> int:
    """The last line before the `</td>` that closes the cell holding line `first` (at most `limit`)."""
    for number in range(first + 1, limit + 1):
        if CELL_CLOSE.match(lines[number - 1]):
            return _trim_blank(lines, first, number - 1)
    return _trim_blank(lines, first, limit)


def _titled_by(lines: tuple[str, ...], blocks: list[block_token.BlockToken], index: int, first: int,
               last: int) -> int | None:
    """The line of the bold-title paragraph that a list of `Label: url` lines belongs to, if it is one.

    `**Run, Don't Walk: ...**` and then `- 论文/Paper: https://...`, `- 代码/Code: None`: a paper written as a
    paragraph, its links as a list of labelled lines (`kdlint.readers.body.LABELED_URL`).
    """
    if index == 0 or not isinstance(blocks[index - 1], block_token.Paragraph):
        return None
    title_line = _line(blocks[index - 1])
    if title_line + 2 < first or not BOLD_TITLE.match(lines[title_line - 1].strip()):
        return None
    items = [lines[n - 1] for n in range(first, last + 1) if lines[n - 1].strip()]
    return title_line if items and all(LABELED_URL.match(item) for item in items) else None


def _toc(lines: tuple[str, ...], first: int, last: int) -> Toc | None:
    """The list on lines first..last as a table of contents, if every item is a link to an anchor."""
    items = []
    for number in range(first, last + 1):
        text = lines[number - 1]
        if not text.strip():
            continue
        m = TOC_ITEM.match(text)
        if m is None:
            return None
        items.append(TocItem(line=number, indent=m.group("indent"), marker=m.group("marker"),
                             text=m.group("text"), anchor=m.group("anchor")))
    return Toc(first=first, last=last, items=tuple(items)) if len(items) >= 2 else None


def _is_entry_heading(line: str, vocab: Vocabulary) -> bool:
    """A level-3+ heading that carries a web link or a known `Venue Year` is a paper, not a section."""
    return "](http" in line or bool(vocab.venue_years(line))


def _entry_heading_marks(lines: Sequence[str], vocab: Vocabulary) -> set[tuple[int, str]]:
    """(level, bullet) of the headings that open with a bullet (`##### • Title [\\[PDF\\]](url)`) and are
    entries: the list's way of writing an entry, so a heading written so is one even without a link."""
    marks: set[tuple[int, str]] = set()
    for text in lines:
        if not text.startswith("#"):
            continue
        m = ATX_HEADING.match(text)
        if m is None or len(m.group(1)) < 4 or not m.group(2):
            continue
        mark = m.group(2).split(maxsplit=1)[0]
        if BULLET_MARK.fullmatch(mark) and _is_entry_heading(text, vocab):
            marks.add((len(m.group(1)), mark))
    return marks


def heading_text(source: SourceText, token: block_token.BlockToken) -> str:
    line = source.line(_line(token))
    if isinstance(token, block_token.Heading):
        m = ATX_HEADING.match(line)
        if m:
            return m.group(2).strip()
    return line.strip()


def parse_document(source: SourceText, vocab: Vocabulary = DEFAULT, skip_sections: Iterable[str] = (),
                   style: Layout | str | None = None) -> Document:
    """Read `source` into sections and entries.

    `skip_sections` are heading texts (any case) not to check; `style` forces
    every section's style (else each section takes its entries' majority).
    """
    lines = source.lines
    total = source.line_count
    try:
        with _blocks_only():
            tree = block_token.Document(source.parse_lines())
    except RecursionError:
        raise InputError("lists or quotes nested deeper than kdlint can read (mistletoe recurses once per "
                         "level)") from None
    blocks = [block for block in tree.children or [] if isinstance(block, block_token.BlockToken)]

    headings: list[tuple[int, int, str, str, bool]] = []  # line, level, text, plain text, is an entry
    toc: Toc | None = None
    comments = comment_ranges(source.text) if "<!--" in source.text else []
    code_lines: set[int] = set()
    path: list[tuple[int, str]] = []
    sections: list[dict[str, Any]] = [{"path": (), "title": "", "level": 0, "line": 0, "items": [], "tables": []}]

    groups = count()
    cards: dict[int, int] = {}  # first line of a card -> the line of its title
    heading_group: int | None = None  # consecutive heading entries sort together
    entry_marks = _entry_heading_marks(lines, vocab)
    for index, token in enumerate(blocks):
        first = _line(token)
        raw_last = _line(blocks[index + 1]) - 1 if index + 1 < len(blocks) else total
        last = _trim_blank(lines, first, raw_last)
        if isinstance(token, (block_token.Heading, block_token.SetextHeading)):
            text = heading_text(source, token)
            level = token.level
            in_cell = isinstance(token, block_token.Heading) and level >= 3 and _in_cell(lines, first)
            # A heading alone at the top of an HTML table cell is a paper's card: the cell is the entry.
            is_entry = in_cell or (isinstance(token, block_token.Heading) and level >= 3
                                   and _is_entry_heading(lines[first - 1], vocab))
            if not is_entry and level >= 4 and text and (level, text.split(maxsplit=1)[0]) in entry_marks:
                is_entry = True  # `##### • Title.` without a link, where `##### • ...` headings are entries
            headings.append((first, level, text, plain_from_markdown(text), is_entry))
            if is_entry:
                # `### Title Venue Year [[paper]](url)`: an entry, with the note paragraphs under it.
                # Walked by index: a copy of the rest of the blocks, and a search for each paragraph's place
                # in them, are quadratic in a list of thousands of heading entries.
                end = first
                nxt = index + 1
                while nxt < len(blocks) and isinstance(blocks[nxt], block_token.Paragraph) and not in_cell:
                    following = blocks[nxt]
                    nxt += 1
                    end = _trim_blank(lines, _line(following),
                                      _line(blocks[nxt]) - 1 if nxt < len(blocks) else total)
                if in_cell:  # mistletoe reads the cell's HTML as paragraphs: the cell ends at its `</td>`
                    while nxt < len(blocks) and not isinstance(blocks[nxt], (block_token.Heading,
                                                                             block_token.SetextHeading)):
                        nxt += 1
                    end = _cell_end(lines, first, _line(blocks[nxt]) - 1 if nxt < len(blocks) else total)
                if heading_group is None:
                    heading_group = next(groups)
                sections[-1]["items"].append((first, end, heading_group))
                continue
            heading_group = None
            while path and path[-1][0] >= level:
                path.pop()
            path.append((level, text))
            sections.append({"path": tuple(t for _, t in path), "title": text, "level": level,
                             "line": first, "items": [], "tables": []})
            continue
        if not isinstance(token, block_token.Paragraph):
            heading_group = None
        if isinstance(token, (block_token.Quote, block_token.BlockCode)) and index and sections[-1]["items"] \
                and isinstance(blocks[index - 1], (block_token.List, block_token.Quote, block_token.BlockCode)) \
                and sections[-1]["items"][-1][1] < first:
            # `> summary` and an indented `Datasets: ...` block right after a list belong to its last entry
            # (the dated style writes them so).
            item_first, _, group = sections[-1]["items"][-1]
            sections[-1]["items"][-1] = (item_first, last, group)
        if isinstance(token, (block_token.CodeFence, block_token.BlockCode)):
            code_lines.update(range(first, last + 1))
        elif isinstance(token, block_token.Paragraph):
            items = sections[-1]["items"]
            card = _card_title(lines, blocks, index, first, last, total) if not items or items[-1][1] < first else None
            if card is not None:  # the paragraph and the title list after it: one entry
                cards[first] = card[0]
                items.append((first, card[1], next(groups)))
            elif (not items or items[-1][1] < first) and _paragraph_entry(lines, first, last):
                items.append((first, last, next(groups)))
        elif isinstance(token, block_token.Table):
            sections[-1]["tables"].append((first, last, next(groups)))
        elif isinstance(token, block_token.List) and not (sections[-1]["items"]
                                                          and sections[-1]["items"][-1][1] >= first):
            # (A list inside an entry already read, like one in a paper's HTML card, is part of it.)
            if toc is None and not (comments and offset_in(comments, source.starts[first - 1])):
                toc = _toc(lines, first, last)  # (a list in an HTML comment is not shown: no table of contents)
            if toc is None or toc.first != first:
                title_first = _titled_by(lines, blocks, index, first, last)
                if title_first is not None:
                    # `**Title**` then `- Paper: url` / `- Code: url`: one entry, the paragraph its title.
                    sections[-1]["items"].append((title_first, last, next(groups)))
                else:
                    sections[-1]["items"].extend(_entry_items(lines, token, last, groups))

    nested_code, html_lines = verbatim_lines(tree, lines)
    code_lines |= nested_code
    release(tree)
    del tree, blocks

    skip = {" ".join(title.split()).casefold() for title in skip_sections}
    parsed: list[tuple[dict[str, Any], list[Entry], str | None]] = []
    years = SectionYears(lines)
    for sec in sections:
        entries = [e for first, last, group in sec["items"]
                   if (e := read_card(lines, first, last, cards[first], sec["path"], vocab, group) if first in cards
                       else read_item(lines, first, last, sec["path"], vocab, group))]
        if sec["tables"]:
            rows = [e for first, last, group in sec["tables"]
                    for e in read_table(lines, first, last, sec["path"], group, vocab)]
            entries = sorted([*entries, *rows], key=lambda e: e.line)
        entries = [e if (year := years.at(e.line, sec["path"])) is None else replace(e, section_year=year)
                   for e in entries]
        reason = None
        if entries and " ".join(sec["title"].split()).casefold() in skip:
            reason = CONFIGURED
        elif entries and not any(e.venues or e.authors or e.paper_ids or e.section_year for e in entries):
            reason = NO_PAPERS
        parsed.append((sec, entries, reason))
    in_papers = [e for _, entries, reason in parsed if reason is None for e in entries]
    bold_document = sum(e.bold for e in in_papers) * 2 >= len(in_papers)

    built: list[Section] = []
    for sec, entries, reason in parsed:
        bold = sum(e.bold for e in entries)
        # A section is canonical when most of its entries are, or when the document
        # is and the section has a bold entry at all: one stray entry does not
        # switch a small section to another style.
        if style is not None:
            section_style = Layout(style)
        elif bold * 2 >= len(entries) or (bold_document and bold > 0):
            section_style = Layout.BOLD
        else:
            section_style = Counter(e.style for e in entries).most_common(1)[0][0]
        built.append(Section(path=sec["path"], title=sec["title"], level=sec["level"], line=sec["line"],
                             holds_papers=bool(entries) and reason is None, skip_reason=reason,
                             style=section_style, entries=tuple(entries)))

    pragmas, bad_pragmas = scan((n, lines[n - 1]) for n in range(1, total + 1) if n not in code_lines)
    slugs = anchors([github_text(text) for _, _, text, _, _ in headings])
    heading_models = tuple(Heading(line=line, level=level, text=text, plain=plain, anchor=anchor, entry=is_entry)
                           for (line, level, text, plain, is_entry), anchor in zip(headings, slugs))
    return Document(sections=tuple(built), headings=heading_models, toc=toc, code_lines=frozenset(code_lines),
                    html_lines=frozenset(html_lines),
                    pragmas=tuple(pragmas), bad_pragmas=tuple(bad_pragmas))
