"""Build the `Document` model: mistletoe for the block structure, source lines for the rest.

mistletoe 1.x gives block tokens a start line only. A block ends where the
next sibling starts, less the blank lines between them; a list item also ends
before a line, after a blank one, that is indented less than its content
(mistletoe puts link reference definitions and the like there).
"""

from __future__ import annotations

import re

import mistletoe
from mistletoe import block_token

from .entry_parser import LIST_MARKER, parse_entry
from .model import Document, Entry, Section
from .source import SourceText

ATX_HEADING = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+|$)(.*?)(?:[ \t]+#+)?[ \t]*$")


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


def heading_text(source: SourceText, token: block_token.BlockToken) -> str:
    line = source.line(token.line_number)
    if isinstance(token, block_token.Heading):
        m = ATX_HEADING.match(line)
        if m:
            return m.group(2).strip()
    return line.strip()


def parse_document(source: SourceText) -> Document:
    lines = source.lines
    total = source.line_count
    tree = mistletoe.Document(source.parse_lines())
    blocks = list(tree.children or [])

    headings: list[tuple[int, int, str]] = []
    code_lines: set[int] = set()
    path: list[tuple[int, str]] = []
    sections: list[dict] = [{"path": (), "title": "", "level": 0, "line": 0, "items": []}]

    for index, token in enumerate(blocks):
        first = token.line_number
        raw_last = blocks[index + 1].line_number - 1 if index + 1 < len(blocks) else total
        last = _trim_blank(lines, first, raw_last)
        if isinstance(token, (block_token.Heading, block_token.SetextHeading)):
            text = heading_text(source, token)
            level = token.level
            headings.append((first, level, text))
            while path and path[-1][0] >= level:
                path.pop()
            path.append((level, text))
            sections.append({"path": tuple(t for _, t in path), "title": text, "level": level,
                             "line": first, "items": []})
        elif isinstance(token, (block_token.CodeFence, block_token.BlockCode)):
            code_lines.update(range(first, last + 1))
        elif isinstance(token, block_token.List):
            items = list(token.children or [])
            for i, item in enumerate(items):
                item_first = item.line_number
                item_raw_last = items[i + 1].line_number - 1 if i + 1 < len(items) else last
                sections[-1]["items"].append((item_first, _item_end(lines, item_first, item_raw_last)))

    parsed: list[tuple[dict, list[Entry], bool]] = []
    for sec in sections:
        entries = [e for first, last in sec["items"] if (e := parse_entry(lines, first, last, sec["path"]))]
        parsed.append((sec, entries, any(e.venues or e.authors or e.paper_ids for e in entries)))
    in_papers = [e for _, entries, holds in parsed if holds for e in entries]
    bold_document = sum(e.bold for e in in_papers) * 2 >= len(in_papers)

    built: list[Section] = []
    for sec, entries, holds in parsed:
        bold = sum(e.bold for e in entries)
        # A section is canonical when most of its entries are, or when the document
        # is and the section has a bold entry at all: one stray entry does not
        # switch a small section to another style.
        canonical = bold * 2 >= len(entries) or (bold_document and bold > 0)
        built.append(Section(path=sec["path"], title=sec["title"], level=sec["level"], line=sec["line"],
                             holds_papers=holds, style="bold" if canonical else "other",
                             entries=tuple(entries)))

    return Document(sections=tuple(built), headings=tuple(headings),
                    code_lines=frozenset(code_lines))
