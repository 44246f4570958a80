"""The identifiers `kdlint add` takes and the metadata services are asked about.

`parse_id` reads what a user types: `arxiv:2104.09044`, an arXiv abstract or
PDF URL (a version, an old-style id like `cs/0112017`), `doi:10.1109/...` or a
doi.org URL, an OpenReview forum or PDF URL, or `openreview:ID`; a bare arXiv
id or a bare DOI is read too. It gives the `PaperId` the list's entries carry
(`kdlint.model`), so an entry's identifiers and a typed one are looked up
alike. `canonical` gives the form a service is asked for, or None for a value
that cannot be an identifier of its kind (arXiv answers a batch with one
malformed id by an error for the whole batch, so those are never sent).
"""

from __future__ import annotations

import re

from ..model import PaperId
from ..source import InputError
from ..urls import paper_ids

LOOKED_UP = ("arxiv", "doi", "openreview")  # the kinds of `PaperId` some service knows
_NEW_ARXIV = re.compile(r"(?P<yy>\d\d)(?P<mm>\d\d)\.(?P<number>\d{4,5})(?:v\d+)?")
_OLD_ARXIV = re.compile(r"(?P<archive>[a-z][a-z\-]{0,15})(?:\.[a-z]{2})?/"  # bounded: linear on any text
                        r"(?P<yy>\d\d)(?P<mm>\d\d)(?P<number>\d{3})(?:v\d+)?", re.IGNORECASE)
_DOI = re.compile(r"10\.\d{4,9}/\S+")
_ARXIV_DOI = re.compile(r"10\.48550/arxiv\.(?P<id>\S+)", re.IGNORECASE)
_OPENREVIEW = re.compile(r"[A-Za-z0-9_\-]{5,64}")
_PREFIXES = {"arxiv": "arxiv", "doi": "doi", "openreview": "openreview"}
_EXPECTED = ("expected arxiv:ID, an arXiv URL, doi:10.NNNN/..., a doi.org URL, an OpenReview URL or "
             "openreview:ID")


class IdError(InputError):
    """What the user typed names no paper kdlint can look up; the message is one line."""


def arxiv_id(value: str) -> str | None:
    """The arXiv id a service is asked for: without its version, an old-style archive lower-case and without
    its subject class (`math.GT/0309136` is `math/0309136`); None for what arXiv would refuse."""
    new = _NEW_ARXIV.fullmatch(value)
    if new:
        month, digits = int(new["mm"]), len(new["number"])
        era_digits = 4 if (int(new["yy"]), month) < (15, 1) else 5
        if not 1 <= month <= 12 or digits != era_digits or (int(new["yy"]), month) < (7, 4):
            return None
        return f"{new['yy']}{new['mm']}.{new['number']}"
    old = _OLD_ARXIV.fullmatch(value)
    if old and 1 <= int(old["mm"]) <= 12:
        return f"{old['archive'].lower()}/{old['yy']}{old['mm']}{old['number']}"
    return None


def canonical(paper_id: PaperId) -> PaperId | None:
    """The identifier as its service is asked for it (an arXiv DOI is the arXiv id); None when it cannot be
    one of its kind, or no service knows its kind (`LOOKED_UP`)."""
    kind, value = paper_id.kind, paper_id.value.strip()
    if kind == "doi":
        arxiv_doi = _ARXIV_DOI.fullmatch(value)
        if arxiv_doi:
            kind, value = "arxiv", arxiv_doi["id"]
    if kind == "arxiv":
        found = arxiv_id(value)
        return PaperId("arxiv", found) if found else None
    if kind == "doi":
        return PaperId("doi", value.lower()) if _DOI.fullmatch(value) else None
    if kind == "openreview":
        return PaperId("openreview", value) if _OPENREVIEW.fullmatch(value) else None
    return None


def parse_id(text: str) -> PaperId:
    """The identifier a user typed, in its `canonical` form; IdError (an InputError) says what is expected."""
    written = text.strip()
    prefix, colon, rest = written.partition(":")
    if colon and prefix.lower() in _PREFIXES and not rest.startswith("//"):
        found = canonical(PaperId(_PREFIXES[prefix.lower()], rest.strip()))
        if found is None:
            raise IdError(f"{written!r} is not a valid {prefix.lower()} identifier ({_EXPECTED})")
        return found
    if re.match(r"https?://", written, re.IGNORECASE):
        for candidate in paper_ids(written):
            found = canonical(candidate) if candidate.kind in LOOKED_UP else None
            if found is not None:
                return found
        raise IdError(f"{written!r} names no paper kdlint can look up ({_EXPECTED})")
    for kind in ("arxiv", "doi"):
        found = canonical(PaperId(kind, written))
        if found is not None:
            return found
    raise IdError(f"{written!r} is not an identifier ({_EXPECTED})")
