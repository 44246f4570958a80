"""How a list of cards writes them, learnt from its cards (`kdlint.readers.card`).

    FitNets. *ICLR 2015*.
    \\[[arXiv](https://arxiv.org/abs/1412.6550)\\]

    - FitNets: Hints for Thin Deep Nets
    - Adriana Romero and Nicolas Ballas and Yoshua Bengio

The first line is the method's short name and the venue in emphasis; a new
card takes the name from the title when the title opens with one
(`FitNets: Hints for ...`), else writes the venue alone. The link line keeps
the cards' brackets (`\\[...\\]`, `<...>`) and their label for the link's host
(`arXiv`, `OpenReview`); the title and author items keep their marker and the
cards' way of joining names (`A and B and C`).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from .entry_form import AuthorsForm
from .form_learning import authors_form
from .literal_text import Place, literal
from .model import Entry, Layout, Section
from .paper_facts import PaperFacts
from .readers.parts import LIST_MARKER
from .urls import host_of

LINK_LINE = re.compile(r"^[ \t]*(?P<open>\\?\[|<)?\[(?P<label>[^\[\]]{1,40})\]\((?P<url>https?://[^()\s]+)\)"
                       r"(?P<close>\\?\]|>)?[ \t]*$")
SHORT_NAME = re.compile(r"^(?P<name>[^:]{1,30}?):[ \t]")
MAX_NAME_WORDS = 3
DEFAULT_LABELS = (("arxiv.org", "arXiv"), ("openreview.net", "OpenReview"), ("doi.org", "DOI"))
NAMES_JOINED = AuthorsForm(emphasis="", period="", between=" and ", last=" and ")  # `A and B and C`


@dataclass(frozen=True, slots=True, kw_only=True)
class CardForm:
    emphasis: str = "*"  # around the venue on the first line
    link_open: str = "\\["
    link_close: str = "\\]"
    labels: tuple[tuple[str, str], ...] = DEFAULT_LABELS  # host -> label
    marker: str = "- "
    authors: AuthorsForm = NAMES_JOINED


def learn(section: Section, lines: Sequence[str]) -> CardForm | None:
    """The form of `section`'s cards, or None when it holds none."""
    cards = [entry for entry in section.entries if entry.style is Layout.CARD and entry.title_span is not None]
    if not cards:
        return None
    brackets: Counter[tuple[str, str]] = Counter()
    labels: Counter[tuple[str, str]] = Counter()
    markers: Counter[str] = Counter()
    emphasis: Counter[str] = Counter()
    authors: Counter[AuthorsForm] = Counter()
    for card in cards:
        _read(card, lines, brackets, labels, markers, emphasis, authors)
    learnt = dict(DEFAULT_LABELS)
    for (host, label), _ in reversed(labels.most_common()):
        learnt[host] = label  # the commonest label of each host last, so it stays
    link_open, link_close = brackets.most_common(1)[0][0] if brackets else ("\\[", "\\]")
    return CardForm(emphasis=emphasis.most_common(1)[0][0] if emphasis else "*", link_open=link_open,
                    link_close=link_close, labels=tuple(learnt.items()),
                    marker=markers.most_common(1)[0][0] if markers else "- ",
                    authors=authors.most_common(1)[0][0] if authors else CardForm().authors)


def _read(card: Entry, lines: Sequence[str], brackets: Counter[tuple[str, str]], labels: Counter[tuple[str, str]],
          markers: Counter[str], emphasis: Counter[str], authors: Counter[AuthorsForm]) -> None:
    """Count what one card writes."""
    head = lines[card.line - 1]
    for pair in card.venues[:1]:
        at = pair.span.column - 2
        if pair.span.line == card.line and at >= 0 and head[at] in "*_":
            emphasis[head[at]] += 1
    for number in range(card.line + 1, card.end_line + 1):
        m = LINK_LINE.match(lines[number - 1])
        if m is not None:
            brackets[(m.group("open") or "", m.group("close") or "")] += 1
            labels[(host_of(m.group("url")).removeprefix("www."), m.group("label"))] += 1
    if card.title_span is not None:
        marker = LIST_MARKER.match(lines[card.title_span.line - 1])
        if marker is not None:
            markers[marker.group(2) + (marker.group(3) or " ")] += 1
    if card.authors is not None:
        found = card.authors
        authors[authors_form(found.text, found.names, found.italic, found.ends_with_period, found.last_separator,
                             lines[found.line - 1], found.span.column - 1)] += 1


def short_name(title: str) -> str | None:
    """`FitNets` of `FitNets: Hints for Thin Deep Nets`: a name of a few words before a colon."""
    m = SHORT_NAME.match(title)
    return m.group("name") if m and len(m.group("name").split()) <= MAX_NAME_WORDS else None


def render(facts: PaperFacts, form: CardForm, names: str | None, strict: bool = False) -> list[str] | None:
    """The card of `facts`, its authors written as `names` (`kdlint.entry_render` writes them); `strict`: the
    title written as free text is (a title that looks like names would be read as the authors). None when the
    card would have no first line (no short name, no venue and no year) or no link line (no URL)."""
    name = short_name(facts.title)
    venue = facts.venue_year
    parts = [f"{literal(name, Place.FREE, strict)}." if name else "",
             f"{form.emphasis}{venue}{form.emphasis}." if venue else ""]
    first = " ".join(part for part in parts if part)
    if not first or not facts.url:
        return None
    label = dict(form.labels).get(host_of(facts.url).removeprefix("www."), "Paper")
    lines = [first, f"{form.link_open}[{label}]({facts.url}){form.link_close}",
             "", f"{form.marker}{literal(facts.title, Place.FREE if strict else Place.TEXT, strict)}"]
    if names:
        lines.append(f"{form.marker}{names}")
    return lines
