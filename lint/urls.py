"""What a URL says about a paper: its identifiers, its host, its canonical form."""

from __future__ import annotations

import re
from urllib.parse import unquote, urlsplit

from .model import PaperId

# New-style ids (0704.0001 onwards) and old-style ids (cs/0601001, math.GT/0309136).
_ARXIV_ID = r"(?P<id>\d{4}\.\d{4,5}|[a-z][a-z\-]*(?:\.[A-Z]{2})?/\d{7})(?P<version>v\d+)?"
ARXIV_URL = re.compile(
    r"^(?P<scheme>https?)://(?P<host>(?:www\.|export\.)?arxiv\.org)/"
    r"(?P<kind>abs|pdf|html|format)/" + _ARXIV_ID + r"(?P<ext>\.pdf)?/?$",
    re.IGNORECASE,
)
_DOI = re.compile(r"(?<![\w.])(10\.\d{4,9}/[^\s?#]+)")
_OPENREVIEW = re.compile(r"^https?://(?:www\.)?openreview\.net/(?:forum|pdf)\?(?:.*&)?id=([\w\-]+)")

CODE_HOSTS = frozenset({"github.com", "gitlab.com", "bitbucket.org", "gitee.com", "codeberg.org"})

# Hosts known to serve https; an http:// link to them is needlessly insecure.
HTTPS_HOSTS = frozenset(
    {
        "arxiv.org",
        "export.arxiv.org",
        "github.com",
        "gitlab.com",
        "bitbucket.org",
        "openaccess.thecvf.com",
        "proceedings.neurips.cc",
        "papers.nips.cc",
        "papers.neurips.cc",
        "openreview.net",
        "aclanthology.org",
        "www.aclweb.org",
        "aclweb.org",
        "proceedings.mlr.press",
        "doi.org",
        "dx.doi.org",
        "dl.acm.org",
        "ieeexplore.ieee.org",
        "link.springer.com",
        "www.sciencedirect.com",
        "ojs.aaai.org",
        "www.ijcai.org",
        "ijcai.org",
        "www.ecva.net",
        "www.isca-speech.org",
        "isca-speech.org",
        "huggingface.co",
        "paperswithcode.com",
        "www.semanticscholar.org",
        "scholar.google.com",
        "www.youtube.com",
        "youtube.com",
        "drive.google.com",
        "colab.research.google.com",
        "www.nature.com",
        "sites.google.com",
        "www.microsoft.com",
        "ai.googleblog.com",
        "www.mdpi.com",
    }
)


def host_of(url: str) -> str:
    try:
        return (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""


def arxiv_match(url: str) -> re.Match[str] | None:
    return ARXIV_URL.match(url)


def canonical_arxiv(arxiv_id: str) -> str:
    return f"https://arxiv.org/abs/{arxiv_id}"


def paper_ids(url: str) -> list[PaperId]:
    """Identifiers a URL names: arXiv id (no version), DOI, OpenReview id."""
    found: list[PaperId] = []
    m = ARXIV_URL.match(url)
    if m:
        found.append(PaperId(kind="arxiv", value=m.group("id")))
        return found
    m = _OPENREVIEW.match(url)
    if m:
        found.append(PaperId(kind="openreview", value=m.group(1)))
        return found
    m = _DOI.search(unquote(url))
    if m:
        doi = m.group(1).rstrip(".,;)")
        for suffix in (".pdf", ".full", ".html", ".abstract"):
            if doi.lower().endswith(suffix):
                doi = doi[: -len(suffix)]
        found.append(PaperId(kind="doi", value=doi.lower()))
    return found


def arxiv_year(arxiv_id: str) -> int | None:
    """The year an arXiv identifier was issued: 2211.13449 is 2022, cs/9901001 is 1999."""
    digits = arxiv_id.rsplit("/", 1)[-1]
    if not digits[:2].isdigit():
        return None
    yy = int(digits[:2])
    return 1900 + yy if yy >= 91 else 2000 + yy
