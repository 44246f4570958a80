"""Titles compared: one function per purpose, each with its own folding.

- `identity`: the same paper (the duplicate rules KD401-KD403, `kdlint merge`):
  case, punctuation, Unicode compatibility forms and spacing folded, a leading
  `(FitNets)` or `[CVPR]` dropped.
- `sort_key`: the title order of KD301: spacing and case folded, a leading
  parenthetical dropped, punctuation kept (a list sorted by hand sorts what it
  reads).
- `fingerprint_key`: the identity of a finding's entry in fingerprints
  (baselines, SARIF): case folded, every run of non-word characters one space.
  Never change it: every saved baseline would stop matching.
"""

from __future__ import annotations

import re
import unicodedata

LEADING_PARENTHETICAL = re.compile(r"^\s*[(\[][^)\]]*[)\]]\s*")
_WORD = re.compile(r"[^\W_]+")  # letters and digits: what is left of a title once punctuation is folded
_ASCII_WORD = re.compile(r"[a-z0-9]+")  # the same in lower-case ASCII
_NON_WORD = re.compile(r"[\W_]+")


def without_leading_parenthetical(title: str) -> str:
    """`(FitNets) Hints for Thin Deep Nets` -> `Hints for Thin Deep Nets`."""
    if "(" in title or "[" in title:  # a leading parenthetical needs one of them
        return LEADING_PARENTHETICAL.sub("", title)
    return title


def identity(title: str) -> str:
    """What two entries of the same paper share: see the module's documentation."""
    title = without_leading_parenthetical(title)
    if title.isascii():  # the common case: compatibility forms are no matter, case folding is lower-casing
        return " ".join(_ASCII_WORD.findall(title.lower()))
    return " ".join(_WORD.findall(unicodedata.normalize("NFKC", title).casefold()))


def sort_key(title: str) -> str:
    """What KD301 compares when a section is sorted by title."""
    return " ".join(without_leading_parenthetical(title).split()).casefold()


def fingerprint_key(title: str) -> str:
    """A finding's entry in its fingerprint, when the entry has no identifier."""
    return _NON_WORD.sub(" ", title.casefold()).strip()
