"""How a table of papers writes its rows, learnt from its header and its rows.

The header names the columns, as the table reader reads them
(`kdlint.readers.table.Columns`): the title, the venue, the year, a date, the
authors, code and paper-link columns; any other column is kept empty the way
the rows keep it. From the rows: whether the title cell is the paper's link
(`[**Title**](url)`) and bold, whether the venue cell holds the year too when
there is no year column (`CVPR 2021`), how a date is written (`2023-06`, from
the arXiv identifier: the month the preprint was first submitted), the label
of the paper-link column (`[Link](url)`), what a row writes in a column it has
nothing for (`-`, nothing, or no cell at all at the end of the row), and the
pipes around the row.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from .literal_text import Place, literal
from .model import Entry
from .paper_facts import PaperFacts
from .readers.parts import LINK
from .readers.table import DELIMITER_CELL, Columns, split_row
from .urls import arxiv_year

YEAR_IN_CELL = re.compile(r"\b(?:19|20)\d\d\b")
DATE_FORMATS = {"yyyy-mm": re.compile(r"^\d{4}-\d{2}$"), "yyyy/mm": re.compile(r"^\d{4}/\d{2}$"),
                "yyyy.mm": re.compile(r"^\d{4}\.\d{2}$"), "yyyy": re.compile(r"^\d{4}$")}


class Column(StrEnum):
    TITLE = "title"
    VENUE = "venue"
    YEAR = "year"
    DATE = "date"
    AUTHORS = "authors"
    CODE = "code"
    LINKS = "links"
    OTHER = "other"


@dataclass(frozen=True, slots=True, kw_only=True)
class TableForm:
    """How the rows of one table are written."""

    header: str  # the header row and the delimiter row, as written (a row is read under them)
    delimiter: str
    columns: tuple[Column, ...]
    title_linked: bool
    title_bold: bool
    venue_with_year: bool
    date_format: str | None
    link_label: str
    fillers: tuple[str | None, ...]  # per column, for a row with nothing to write there (`-` for a fact the
    # paper lacks); None: no cell
    leading_pipe: bool
    trailing_pipe: bool

    @property
    def has_venue(self) -> bool:
        return Column.VENUE in self.columns

    @property
    def has_url(self) -> bool:
        return self.title_linked or Column.LINKS in self.columns

    @property
    def has_authors(self) -> bool:
        return Column.AUTHORS in self.columns

    def has_year(self, facts: PaperFacts) -> bool:
        """Whether a row of `facts` writes its year where the reader reads one (a year column, or the venue's)."""
        return facts.year is not None and (Column.YEAR in self.columns
                                           or (self.venue_with_year and Column.VENUE in self.columns))


def header_line(lines: Sequence[str], first_row: int) -> int | None:
    """The line of the header of the table whose row is on line `first_row`."""
    number = first_row - 1
    while number >= 2 and lines[number - 1].strip():
        text = lines[number - 1]
        if all(DELIMITER_CELL.match(text[s:e]) for s, e in split_row(text)) and "-" in text:
            return number - 1
        number -= 1
    return None


def learn(rows: Sequence[Entry], lines: Sequence[str]) -> TableForm | None:
    """The form of the table holding `rows` (entries of one table), or None when its header is not found."""
    if not rows:
        return None
    at = header_line(lines, min(row.line for row in rows))
    if at is None:
        return None
    header = lines[at - 1]
    cells = [header[s:e] for s, e in split_row(header)]
    found = Columns.of(cells)
    if found is None:
        return None
    columns = tuple(_role(found, i) for i in range(len(cells)))
    written = [[lines[row.line - 1][s:e].strip() for s, e in split_row(lines[row.line - 1])] for row in rows]
    titles = [cells_[found.title] for cells_ in written if found.title < len(cells_)]
    venues = [cells_[found.venue] for cells_ in written if found.venue is not None and found.venue < len(cells_)]
    dates = [cells_[found.date] for cells_ in written if found.date is not None and found.date < len(cells_)]
    labels = [m.group("label") for cells_ in written for i, cell in enumerate(cells_)
              if i < len(columns) and columns[i] is Column.LINKS for m in LINK.finditer(cell)]
    texts = [lines[row.line - 1].strip() for row in rows]
    return TableForm(
        header=header, delimiter=lines[at], columns=columns,
        title_linked=_majority([_linked(t) for t in titles]),
        title_bold=_majority(["**" in t for t in titles]),
        venue_with_year=found.year is None and _majority([bool(YEAR_IN_CELL.search(v)) for v in venues]),
        date_format=_most_common([next((name for name, form in DATE_FORMATS.items() if form.match(d)), None)
                                  for d in dates if d.strip(" -")]),
        link_label=_most_common(labels) or "Link",
        fillers=tuple(_filler(written, i) if role in (Column.CODE, Column.LINKS, Column.OTHER) else "-"
                      for i, role in enumerate(columns)),
        leading_pipe=_majority([t.startswith("|") for t in texts]),
        trailing_pipe=_majority([t.endswith("|") for t in texts]))


def _linked(cell: str) -> bool:
    """Whether a title cell links the paper: a link that is not an image (`![Star](badge)`)."""
    return any(not m.group("label").startswith("!") and not (m.start() and cell[m.start() - 1] == "!")
               for m in LINK.finditer(cell))


def _role(found: Columns, i: int) -> Column:
    if i == found.title:
        return Column.TITLE
    roles = ((found.venue, Column.VENUE), (found.year, Column.YEAR), (found.date, Column.DATE),
             (found.authors, Column.AUTHORS))
    for index, role in roles:
        if index == i:
            return role
    if i in found.code:
        return Column.CODE
    if i in found.links:
        return Column.LINKS
    return Column.OTHER


def _majority(values: Sequence[bool]) -> bool:
    return sum(values) * 2 > len(values)


def _most_common(values: Sequence[str | None]) -> str | None:
    counts = Counter(values)
    return counts.most_common(1)[0][0] if counts else None


def _filler(written: Sequence[Sequence[str]], i: int) -> str | None:
    """What the rows write in the code, link or other column `i` when they have nothing there: the commonest
    short cell without a link or a year, or None when most such rows end before the column."""
    empty: list[str | None] = []
    for cells in written:
        if i >= len(cells):
            empty.append(None)
        elif "](" not in cells[i] and "://" not in cells[i] and not YEAR_IN_CELL.search(cells[i]) \
                and len(cells[i]) <= 12:
            empty.append(cells[i])
    return _most_common(empty) if empty else "-"


def render(facts: PaperFacts, form: TableForm, strict: bool = False) -> str:
    """The row of `facts` in `form`'s table."""
    cells: list[str | None] = []
    for i, column in enumerate(form.columns):
        value = _cell(facts, form, column, strict)
        cells.append(value if value is not None else form.fillers[i] if i < len(form.fillers) else "")
    while cells and cells[-1] is None:
        cells.pop()
    shown = [cell or "" for cell in cells]
    row = " | ".join(shown)
    return ("| " if form.leading_pipe else "") + row + (" |" if form.trailing_pipe else "")


def _cell(facts: PaperFacts, form: TableForm, column: Column, strict: bool) -> str | None:
    if column is Column.TITLE:
        title = literal(facts.title, Place.CELL, strict)
        title = f"**{title}**" if form.title_bold else title
        return f"[{title}]({facts.url})" if form.title_linked and facts.url else title
    if column is Column.VENUE:
        if form.venue_with_year and facts.venue_year:
            return facts.venue_year
        return facts.venue
    if column is Column.YEAR:
        return str(facts.year) if facts.year else None
    if column is Column.DATE:
        return _date(facts, form.date_format)
    if column is Column.AUTHORS:
        return ", ".join(literal(name, Place.NAMES) for name in facts.authors) or None
    if column is Column.LINKS:
        return f"[{form.link_label}]({facts.url})" if facts.url else None
    return None


def _date(facts: PaperFacts, date_format: str | None) -> str | None:
    """The date cell: the arXiv identifier's year and month in the table's format, or the year."""
    if date_format == "yyyy":
        return str(facts.year) if facts.year else None
    if date_format is None or facts.arxiv_id is None:
        return None
    year = arxiv_year(facts.arxiv_id)
    month = facts.arxiv_id.rsplit("/", 1)[-1][2:4]
    if year is None or not month.isdigit() or not 1 <= int(month) <= 12:
        return None
    return f"{year}{date_format[4]}{month}"
