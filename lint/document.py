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

    built: list[Section] = []
    for sec in sections:
        entries: list[Entry] = []
        for first, last in sec["items"]:
            entry = parse_entry(lines, first, last, sec["path"])
            if entry is not None:
                entries.append(entry)
        holds = any(e.venues or e.authors or e.paper_ids for e in entries)
        bold = sum(e.bold for e in entries)
        built.append(Section(path=sec["path"], title=sec["title"], level=sec["level"], line=sec["line"],
                             holds_papers=holds, style="bold" if bold * 2 >= len(entries) else "other",
                             entries=tuple(entries)))

    return Document(sections=tuple(built), headings=tuple(headings),
                    code_lines=frozenset(code_lines))
