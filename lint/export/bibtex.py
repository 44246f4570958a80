"""`kdlint export --format bibtex`: one BibTeX entry per record, written with bibtexparser.

The entry type follows the venue: a conference or workshop gives
`@inproceedings` (booktitle), a journal `@article` (journal), a preprint, an
unknown venue or none `@misc` (eprint for an arXiv id, else howpublished). The
venue that decides is the entry's first pair whose venue the vocabulary knows
and is not a preprint, else its first known preprint, else its first venue,
so `arXiv 2018, NeurIPS 2019` is the NeurIPS paper; the year is that pair's.

bibtexparser writes every value exactly as given, inside braces: the text
fields (title, author, venue) are escaped here for LaTeX, while url, doi and
eprint stay verbatim, as BibTeX styles print them through `\\url` or a link.
Escaping keeps every field's braces balanced, which BibTeX needs (it counts
braces and ignores backslashes): a literal `{` is `{\\textbraceleft}`, not
`\\{`. A `$...$` span that reads as inline math (GitHub renders it so) is kept
as LaTeX. Titles are not case-protected: a style may lower-case them.

Keys are `familyYEARword`, lower-case ASCII: the last word of the first
author's name (`anon` without authors), the year, the first title word that
is not a stop word; a part that is missing is left out. A key that an earlier
entry already has gets a suffix: `a`, `b`, ... `z`, `aa`... so the first
entry keeps its key when a later one is added.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Sequence
from itertools import count, product
from string import ascii_lowercase

from .records import ExportRecord, VenueRecord

STOP_WORDS = frozenset(["a", "an", "the", "and", "or", "nor", "but", "of", "on", "in", "into", "onto", "for", "to",
                        "from", "with", "without", "within", "via", "by", "at", "as", "over", "under", "about",
                        "through", "towards", "toward", "beyond", "than", "is", "are", "was", "were", "be", "been",
                        "being", "do", "does", "did", "can", "could", "should", "would", "will", "how", "what",
                        "when", "where", "which", "who", "why", "whose", "this", "that", "these", "those", "it",
                        "its", "we", "our", "you", "your", "not", "no", "yes"])

# LaTeX's special characters; braces and the backslash as balanced groups.
_SPECIAL = {
    "\\": r"{\textbackslash}",
    "{": r"{\textbraceleft}",
    "}": r"{\textbraceright}",
    "%": r"\%",
    "&": r"\&",
    "#": r"\#",
    "$": r"\$",
    "_": r"\_",
    "~": r"{\textasciitilde}",
    "^": r"{\textasciicircum}",
}
_SPECIAL_CHAR = re.compile("[" + re.escape("".join(_SPECIAL)) + "]")
# `$x^2$` as GitHub reads inline math: no space inside either dollar, no digit right after the closing one.
_MATH = re.compile(r"\$(?=\S)[^$\n]+(?<=\S)\$(?!\d)")
_NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
# Characters that cannot stand verbatim inside a braced BibTeX value, percent-encoded as a URL would be.
_VERBATIM = str.maketrans({"{": "%7B", "}": "%7D", "\\": "%5C"})


def balanced(text: str) -> bool:
    """Whether the braces of `text` nest as BibTeX counts them (backslashes do not escape them)."""
    depth = 0
    for char in text:
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth < 0:
                return False
    return depth == 0


def _escape_plain(text: str) -> str:
    return _SPECIAL_CHAR.sub(lambda m: _SPECIAL[m.group()], text)


def _keeps_math(span: str) -> bool:
    """A `$...$` span kept as LaTeX: its braces balance and it holds none of the characters that break a field."""
    return balanced(span) and not any(char in span for char in "%#&")


def escape(text: str) -> str:
    """`text` as the value of a BibTeX text field: what LaTeX treats as special escaped, inline math kept."""
    out: list[str] = []
    pos = 0
    for math in _MATH.finditer(text):
        if _keeps_math(math.group()):
            out += [_escape_plain(text[pos:math.start()]), math.group()]
            pos = math.end()
    out.append(_escape_plain(text[pos:]))
    return "".join(out)


def verbatim(text: str) -> str:
    """A URL, DOI or eprint as given, less the characters that would unbalance its field."""
    return text.translate(_VERBATIM)


def author_field(names: Sequence[str]) -> str:
    """`A and B and C`, each name escaped; a name with a comma or a word `and` is braced whole, so that BibTeX
    reads it as one name and not as `Last, First` or as two names."""
    written = []
    for name in names:
        value = escape(" ".join(name.split()))
        if "," in value or "and" in value.casefold().split():
            value = "{" + value + "}"
        written.append(value)
    return " and ".join(written)


def _ascii_words(text: str) -> list[str]:
    """The runs of lower-case ASCII letters and digits of `text`, accents dropped (`Núñez-Ruiz` -> nunez, ruiz)."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    return re.findall(r"[a-z0-9]+", folded)


def family_name(name: str) -> str:
    """The key part of an author: the last word of the name (not a `Jr.`), in ASCII; empty if none is left."""
    words = ["".join(_ascii_words(word)) for word in name.split()]
    words = [word for word in words if word]
    while len(words) > 1 and words[-1] in _NAME_SUFFIXES:
        words.pop()
    return words[-1] if words else ""


def title_word(title: str | None) -> str:
    """The first word of `title` that is not a stop word, in ASCII (`Born-Again Networks` -> `born`)."""
    return next((word for word in _ascii_words(title or "") if word not in STOP_WORDS), "")


def publication(found: ExportRecord) -> VenueRecord | None:
    """The pair that decides the entry type and year (see the module's docstring)."""
    known = [pair for pair in found.venues if pair.kind is not None]
    published = [pair for pair in known if pair.kind != "preprint"]
    written = [pair for pair in found.venues if pair.venue]
    chosen = published or known or written
    return chosen[0] if chosen else None


def year(found: ExportRecord) -> str | None:
    """The publication's year when well-formed, else the entry's first well-formed year."""
    pair = publication(found)
    return pair.year if pair is not None and pair.year_ok else found.year


def base_key(found: ExportRecord) -> str:
    """`hinton2014distilling`: before any suffix."""
    family = family_name(found.authors[0]) if found.authors else ""
    return (family or "anon") + (year(found) or "") + title_word(found.title)


def _suffixes() -> Iterator[str]:
    for length in count(1):
        for letters in product(ascii_lowercase, repeat=length):
            yield "".join(letters)


def keys(found: Sequence[ExportRecord]) -> list[str]:
    """One key per record, distinct: later records whose key is taken get the first free suffix."""
    bases = [base_key(r) for r in found]
    taken = set(bases)  # a suffixed key never takes another record's own key
    given: set[str] = set()
    out = []
    for base in bases:
        key = base
        if base in given:
            key = next(base + suffix for suffix in _suffixes() if base + suffix not in taken)
            taken.add(key)
        given.add(key)
        out.append(key)
    return out


def entry_fields(found: ExportRecord) -> tuple[str, list[tuple[str, str]]]:
    """The entry type and the (name, value) fields of one record, in a fixed order, empty ones left out."""
    pair = publication(found)
    kind = pair.kind if pair is not None else None
    venue = (pair.canonical or pair.venue) if pair is not None else None
    arxiv = found.identifier("arxiv")
    doi = found.identifier("doi")
    if kind in ("conference", "workshop"):
        entry_type, venue_field = "inproceedings", "booktitle"
    elif kind == "journal":
        entry_type, venue_field = "article", "journal"
    else:
        entry_type, venue_field = "misc", "howpublished"
        if arxiv is not None:
            venue = None  # the eprint says where it is published
    fields = [
        ("title", escape(" ".join(found.title.split())) if found.title else ""),
        ("author", author_field(found.authors)),
        (venue_field, escape(venue) if venue else ""),
        ("year", year(found) or ""),
        ("doi", verbatim(doi) if doi else ""),
        ("eprint", verbatim(arxiv) if arxiv else ""),
        ("archivePrefix", "arXiv" if arxiv else ""),
        ("url", verbatim(found.paper_url) if found.paper_url else ""),
    ]
    return entry_type, [(name, value) for name, value in fields if value]


def render_bibtex(found: Sequence[ExportRecord]) -> str:
    from bibtexparser.entrypoint import write_string
    from bibtexparser.library import Library
    from bibtexparser.middlewares import default_unparse_stack
    from bibtexparser.model import Entry, Field
    from bibtexparser.writer import BibtexFormat

    library = Library()
    for key, one in zip(keys(found), found):
        entry_type, fields = entry_fields(one)
        library.add(Entry(entry_type, key, [Field(name, value) for name, value in fields]))
    style = BibtexFormat()  # type: ignore[no-untyped-call]  # bibtexparser leaves its __init__ unannotated
    style.indent = "  "
    style.block_separator = "\n"
    # In place: the library is thrown away after writing, and copying it is most of the time for a large list.
    stack = default_unparse_stack(allow_inplace_modification=True)
    return write_string(library, unparse_stack=stack, bibtex_format=style)
