"""Which section a new paper goes into: the one named, or the paper section whose name its title matches best.

A name given (`kdlint add --section NAME`) is matched with the headings'
text, any case, first as written, then by its words alone (`Papers` for
`📜 Papers`); a name that matches none is an error that lists the closest
names. Without a name, each paper section (one that holds papers, not a news
section) is scored by the share of its name's words that the paper's title,
year and venue hold (so that `## 2021` and `### 2020 CVPR` take their papers;
words folded: case, and endings past the sixth letter, so that
`Distillation` matches `distilling`; stop words and `papers` not counted). The
highest score wins, then the section whose name has more words in the title,
then the first; when no word matches at all, the first paper section.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from .duplicates import STOP_WORDS, in_news
from .model import Document, Section
from .source import InputError
from .toc import plain_from_markdown

WORD = re.compile(r"[^\W_]+")
STEM = 6  # letters a word is compared by
GENERIC = frozenset({"paper", "papers", "other", "others", "misc", "miscellaneous", "list", "awesome"})
SHOWN = 5  # section names an error lists


class SectionNotFound(InputError):
    """No section of the list has the name given, or the list has no section to add a paper to."""


@dataclass(frozen=True, slots=True)
class SectionChoice:
    section: Section
    reason: str  # "given", "title match 0.67", "first paper section", "only paper section"
    score: float | None = None  # the title match's, when the title chose


def shown_name(section: Section) -> str:
    """A heading's text as a reader sees it."""
    return " ".join(plain_from_markdown(section.title).split())


def choose_section(document: Document, title: str, name: str | None = None, year: int | None = None,
                   venue: str | None = None) -> SectionChoice:
    """The section named `name`, or without a name the paper section that `title`, `year` and `venue`
    match best."""
    if name is not None:
        return SectionChoice(named(document, name), "given")
    papers = paper_sections(document)
    if not papers:
        raise SectionNotFound("no section of the list holds papers: name the section with --section")
    words = " ".join(part for part in (title, str(year) if year else "", venue or "") if part)
    scored = [(score, matched, -i, section) for i, section in enumerate(papers)
              for score, matched in [title_match(words, shown_name(section))]]
    score, matched, _, best = max(scored, key=lambda found: found[:3])
    if matched:
        return SectionChoice(best, f"title match {score:.2f}", score)
    return SectionChoice(papers[0], "only paper section" if len(papers) == 1 else "first paper section")


def paper_sections(document: Document) -> list[Section]:
    """The sections that hold papers, news and highlights aside (they repeat the body's papers)."""
    return [s for s in document.sections if s.holds_papers and s.entries and not in_news(s.entries[0])]


def named(document: Document, name: str) -> Section:
    """The section whose heading is `name` (any case; else the same words); a SectionNotFound naming the
    closest headings when there is none. Of several, the first that holds papers, else the first."""
    sections = [s for s in document.sections if s.title]
    written = " ".join(name.split()).casefold()
    tries: list[tuple[Callable[[Section], str], str]] = [
        (lambda s: " ".join(s.title.split()).casefold(), written),
        (lambda s: shown_name(s).casefold(), written),
        (lambda s: _words(shown_name(s)), _words(name))]
    for key, wanted in tries:
        found = [s for s in sections if wanted and key(s) == wanted]
        if found:
            return next((s for s in found if s.holds_papers), found[0])
    raise SectionNotFound(_not_found(name, sections))


def _words(text: str) -> str:
    return " ".join(WORD.findall(text.casefold()))


def _not_found(name: str, sections: Sequence[Section]) -> str:
    names = list(dict.fromkeys(shown_name(s) for s in sections))
    close = difflib.get_close_matches(_words(name), [_words(n) for n in names], n=3, cutoff=0.5)
    chosen = [n for n in names if _words(n) in close][:3]
    if chosen:
        return f"no section named {name!r}; the closest: " + ", ".join(repr(n) for n in chosen)
    papers = [shown_name(s) for s in sections if s.holds_papers][:SHOWN]
    listed = ", ".join(repr(n) for n in papers) if papers else "none"
    return f"no section named {name!r}; the sections that hold papers: {listed}"


def _stems(text: str) -> set[str]:
    return {word[:STEM] for word in WORD.findall(text.casefold())
            if word not in STOP_WORDS and word not in GENERIC}


def title_match(title: str, section_name: str) -> tuple[float, int]:
    """(the share of the section name's words the title holds, how many it holds)."""
    wanted = _stems(section_name)
    if not wanted:
        return 0.0, 0
    matched = len(wanted & _stems(title))
    return matched / len(wanted), matched
