"""Lists in each layout kdlint reads, generated deterministically for the benchmark.

`generate(entries, layout)` writes the same papers (titles, venues, years,
authors, links drawn from one seeded random stream) in one layout, sections of
`PER_SECTION` entries under a table of contents, about one entry in ten with a
defect (a misspelled venue, a code label, an `http` or versioned link, a
trailing space, one entry out of order per section). `worst=True` reverses
every section and misspells every venue. `LAYOUTS` names them; each is written
as real lists write it (README.md's "Layouts kdlint reads" shows one entry of each).
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass

VENUES = ["CVPR", "ICCV", "ECCV", "NeurIPS", "ICLR", "ICML", "AAAI", "IJCAI", "TPAMI", "arXiv"]
# Each venue's wrong spellings. A spelling written throughout is a list's house spelling (KD202), so the
# worst case takes turns between two of them: every venue is still written wrongly and reported.
TYPOS = {"NeurIPS": ("NIPS",), "CVPR": ("CPVR",), "TPAMI": ("IEEE TPAMI", "IEEE PAMI"), "arXiv": ("arxive",),
         "ICLR": ("ICRL",),
         "ECCV": ("Eccv", "ECcv"), "ICCV": ("iccv", "Iccv"), "ICML": ("Icml", "ICml"), "AAAI": ("Aaai", "AAai"),
         "IJCAI": ("Ijcai", "IJcai")}
WORDS = ["knowledge", "distillation", "neural", "network", "deep", "learning", "teacher", "student", "feature",
         "contrastive", "online", "data", "free", "self", "attention", "transfer", "compression", "model",
         "efficient", "semantic", "segmentation", "detection", "vision", "language", "large", "small", "graph",
         "relation", "response", "logit", "hint", "adaptive", "multi", "progressive", "mutual", "ensemble"]
PER_SECTION = 200


@dataclass(frozen=True)
class Paper:
    number: int
    title: str
    venue: str  # as written (perhaps misspelled)
    year: int
    authors: str
    url: str  # the paper's link (perhaps `http`, perhaps versioned)
    code: str
    label: str  # the code link's label (perhaps `Pytorch`)
    trailing: str  # perhaps a trailing space


def _year_for(venue: str, year: int) -> int:
    if venue == "ICCV" and year % 2 == 0:
        return year + 1
    if venue == "ECCV" and year % 2 == 1:
        return year + 1
    return year


def _paper(rng: random.Random, number: int, index: int, count: int, worst: bool) -> Paper:
    title = f"Paper {number}: " + " ".join(rng.choice(WORDS) for _ in range(rng.randint(4, 10)))
    venue = rng.choice(VENUES)
    year = _year_for(venue, 2016 + (index * 9) // max(count, 1))
    typos = TYPOS[venue]
    written = typos[number % len(typos)] if worst else typos[0] if rng.random() < 0.03 else venue
    label = "Pytorch" if rng.random() < 0.03 else "PyTorch"
    arxiv = f"{year % 100:02d}{rng.randint(1, 12):02d}.{number % 100000:05d}"
    url = f"https://arxiv.org/abs/{arxiv}" + ("v2" if rng.random() < 0.02 else "")
    if rng.random() < 0.02:
        url = url.replace("https:", "http:", 1)
    authors = ", ".join(f"Author{rng.randint(1, 999)} Name{rng.randint(1, 999)}" for _ in range(rng.randint(1, 5)))
    trailing = " " if rng.random() < 0.02 else ""
    return Paper(number, title, written, year, authors, url, f"https://github.com/example/repo{number}", label,
                 trailing)


def _bold(p: Paper) -> list[str]:
    return [f"- **{p.title}, {p.venue} {p.year}** [[{p.label}]]({p.code}){p.trailing}", f"  - {p.url}",
            f"  - *{p.authors}.*", ""]


def _heading(p: Paper) -> list[str]:
    return [f"### {p.title} {p.venue} {p.year} [[paper]]({p.url}) [[{p.label}]]({p.code}){p.trailing}", "",
            f"*{p.authors}*", ""]


def _dated(p: Paper) -> list[str]:
    return [f"- ({p.year % 100:02d}.03.01, {p.venue} {p.year}) [{p.title}]({p.url}) [[{p.label}]]({p.code})"
            f"{p.trailing}"]


def _inline(p: Paper) -> list[str]:
    return [f"- [{p.title}]({p.url}), {p.authors}, {p.venue} {p.year}{p.trailing}"]


def _numbered(p: Paper) -> list[str]:
    return [f"1. [**{p.title}.**]({p.url}) _{p.authors}._ {p.venue} {p.year}. [[{p.label}]]({p.code}){p.trailing}"]


def _table(p: Paper) -> list[str]:
    return [f"| {p.title} | {p.venue} {p.year} | [paper]({p.url}) | [{p.label}]({p.code}) |"]


@dataclass(frozen=True)
class Style:
    entry: Callable[[Paper], list[str]]
    header: tuple[str, ...] = ()  # lines that open each section's entries
    footer: tuple[str, ...] = ("",)  # lines that close them


LAYOUTS: dict[str, Style] = {
    "bold": Style(_bold, footer=()),
    "heading": Style(_heading, footer=()),
    "dated": Style(_dated),
    "inline": Style(_inline),
    "numbered": Style(_numbered),
    "table": Style(_table, header=("| Title | Venue | Paper | Code |", "|---|---|---|---|")),
}


def generate(entries: int, layout: str = "bold", seed: int = 7, worst: bool = False) -> str:
    """`entries` papers in `layout`; about one in ten has a defect (worst: every section reversed, every venue
    misspelled)."""
    style = LAYOUTS[layout]
    rng = random.Random(seed)
    lines = ["# Knowledge Distillation Papers", ""]
    sections = max(1, entries // PER_SECTION)
    lines += [f"- [Section {s}](#section-{s})" for s in range(sections)] + [""]
    number = 0
    for s in range(sections):
        lines += [f"## Section {s}", ""]
        count = PER_SECTION if s + 1 < sections else entries - PER_SECTION * (sections - 1)
        block = []
        for i in range(count):
            number += 1
            block.append(style.entry(_paper(rng, number, i, count, worst)))
        if worst:
            block.reverse()
        elif count > 10:
            a, b = rng.randrange(count), rng.randrange(count)
            block[a], block[b] = block[b], block[a]  # an entry out of order
        lines += style.header
        for entry in block:
            lines += entry
        lines += style.footer
    return "\n".join(lines) + "\n"
