"""What a URL says about a paper: its identifiers, its host, its canonical form."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
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


@cache
def _mentions(hosts: frozenset[str]) -> re.Pattern[str]:
    """Any of `hosts`, or a tab or line break (urlsplit deletes those, which can join a host's letters)."""
    return re.compile("|".join(re.escape(host) for host in sorted(hosts)) + r"|[\t\r\n]")


def host_in(url: str, hosts: frozenset[str]) -> bool:
    """`host_of(url) in hosts`, without splitting a URL whose text contains none of `hosts`.

    urlsplit costs more than the rest of a rule's work on a link, and most URLs
    in a list contain none of the hosts asked about (lower-cased, as text).
    """
    if _mentions(hosts).search(url.lower()) is None:
        return False
    return host_of(url) in hosts


def arxiv_match(url: str) -> re.Match[str] | None:
    return ARXIV_URL.match(url)


def canonical_arxiv(arxiv_id: str) -> str:
    return f"https://arxiv.org/abs/{arxiv_id}"


def house_arxiv(m: re.Match[str], house_kind: str) -> str:
    """The form an arXiv link (an `ARXIV_URL` match) should take in a list whose house form is `house_kind`:
    the abstract page, or in a list that links PDFs, the PDF without a version (its `.pdf` kept)."""
    if house_kind == "pdf" and m.group("kind").lower() == "pdf":
        return f"https://arxiv.org/pdf/{m.group('id')}{m.group('ext') or ''}"
    return canonical_arxiv(m.group("id"))


# Proceedings pages: the abstract page and the PDF of one paper give one identifier.
_CVF_PAPER = re.compile(r"^https?://openaccess\.thecvf\.com/(?P<where>content[_/][^/]+)(?:/[^/]+)*?/(?:html|papers)/"
                        r"(?:[^/]+/)?(?P<name>[^/]+?)_paper\.(?:html|pdf)$", re.IGNORECASE)
_NEURIPS_PAPER = re.compile(r"^https?://(?:proceedings\.neurips\.cc|papers\.nips\.cc|papers\.neurips\.cc)/"
                            r"(?:paper_files/)?paper/\d{4}/(?:hash|file)/(?P<hash>[0-9a-f]{32})-")
_ACL_PAPER = re.compile(r"^https?://(?:www\.)?(?:aclanthology\.org|aclweb\.org/anthology)/(?:[A-Z]/[A-Z]\d\d/)?"
                        r"(?P<id>\d{4}\.[a-z0-9]+-[a-z0-9]+\.\d+|[A-Z]\d\d-\d{4})(?:\.pdf)?/?$")
_PMLR_PAPER = re.compile(r"^https?://proceedings\.mlr\.press/(?P<volume>v\d+)/(?P<name>[a-z0-9\-_]+?)"
                         r"(?:\.html|\.pdf|/(?P=name)\.pdf)$", re.IGNORECASE)


def paper_ids(url: str) -> list[PaperId]:
    """Identifiers a URL names: arXiv id (no version), DOI, OpenReview id, proceedings pages."""
    found: list[PaperId] = []
    m = ARXIV_URL.match(url)
    if m:
        found.append(PaperId(kind="arxiv", value=m.group("id")))
        return found
    m = _OPENREVIEW.match(url)
    if m:
        found.append(PaperId(kind="openreview", value=m.group(1)))
        return found
    m = _CVF_PAPER.match(url)
    if m:
        return [PaperId(kind="cvf", value=m.group("name").lower())]
    m = _NEURIPS_PAPER.match(url)
    if m:
        return [PaperId(kind="neurips", value=m.group("hash"))]
    m = _ACL_PAPER.match(url)
    if m:
        return [PaperId(kind="acl", value=m.group("id"))]
    m = _PMLR_PAPER.match(url)
    if m:
        return [PaperId(kind="pmlr", value=f"{m.group('volume')}/{m.group('name')}".lower())]
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


# Where a paper URL says which venue and year it belongs to. Only unambiguous
# hosts: a proceedings site whose paths carry the venue and the year.
_CVF = re.compile(r"^https?://openaccess\.thecvf\.com/content[_/](?P<venue>CVPR|ICCV|ECCV|WACV|ACCV)"
                  r"(?P<w1>W)?_?(?P<year>\d{4})(?P<w2>W)?(?:_workshops)?/", re.IGNORECASE)
_NEURIPS = re.compile(r"^https?://(?:proceedings\.neurips\.cc|papers\.nips\.cc|papers\.neurips\.cc)/"
                      r"(?:paper_files/)?paper/(?P<year>\d{4})/")
_ECVA = re.compile(r"^https?://(?:www\.)?ecva\.net/papers/eccv_(?P<year>\d{4})/", re.IGNORECASE)
_ACL_NEW = re.compile(r"^https?://(?:www\.)?(?:aclanthology\.org|aclweb\.org/anthology)/"
                      r"(?P<year>\d{4})\.(?P<event>[a-z]+)(?:-(?P<sub>[a-z]+))?[-.]", re.IGNORECASE)
_ACL_OLD = re.compile(r"^https?://(?:www\.)?(?:aclanthology\.org|aclweb\.org/anthology)/"
                      r"(?:[A-Z]/[A-Z]\d\d/)?(?P<letter>[PDNCEK])(?P<yy>\d\d)-\d{4}")
_PMLR = re.compile(r"^https?://proceedings\.mlr\.press/v(?P<volume>\d+)/")
_IJCAI = re.compile(r"^https?://(?:www\.)?ijcai\.org/proceedings/(?P<year>\d{4})/", re.IGNORECASE)

_ACL_EVENTS = {"acl": "ACL", "emnlp": "EMNLP", "naacl": "NAACL", "eacl": "EACL", "aacl": "AACL",
               "coling": "COLING", "lrec": "LREC", "conll": "CoNLL"}
_ACL_LETTERS = {"P": "ACL", "D": "EMNLP", "N": "NAACL", "C": "COLING", "E": "EACL", "K": "CoNLL"}
# PMLR volumes of the ICML proceedings.
ICML_VOLUMES = {28: 2013, 32: 2014, 37: 2015, 48: 2016, 70: 2017, 80: 2018, 97: 2019, 119: 2020,
                139: 2021, 162: 2022, 202: 2023, 235: 2024, 267: 2025}


@dataclass(frozen=True)
class UrlVenue:
    """What a URL says: the venue (canonical name) and year, and whether the venue itself is certain."""

    venue: str
    year: int
    evidence: str  # the part of the URL that says so
    venue_certain: bool = True


def venue_from_url(url: str) -> UrlVenue | None:
    m = _CVF.match(url)
    if m:
        venue = m.group("venue").upper()
        evidence = m.group().split("thecvf.com/", 1)[1].rstrip("/")
        workshop = bool(m.group("w1") or m.group("w2")) or evidence.lower().endswith("_workshops")
        return UrlVenue(f"{venue} Workshop" if workshop else venue, int(m.group("year")), evidence)
    m = _NEURIPS.match(url)
    if m:
        return UrlVenue("NeurIPS", int(m.group("year")), f"paper/{m.group('year')}",
                        venue_certain="Datasets_and_Benchmarks" not in url)
    m = _ECVA.match(url)
    if m:
        return UrlVenue("ECCV", int(m.group("year")), f"eccv_{m.group('year')}")
    m = _ACL_NEW.match(url)
    if m:
        event, sub = m.group("event").lower(), (m.group("sub") or "").lower()
        if event == "findings" and sub in _ACL_EVENTS:
            return UrlVenue(_ACL_EVENTS[sub], int(m.group("year")), m.group()[m.start("year"):].rstrip("-."),
                            venue_certain=False)
        if event in _ACL_EVENTS:
            return UrlVenue(_ACL_EVENTS[event], int(m.group("year")), m.group()[m.start("year"):].rstrip("-."))
        return None
    m = _ACL_OLD.match(url)
    if m:
        return UrlVenue(_ACL_LETTERS[m.group("letter")], 2000 + int(m.group("yy")),
                        m.group()[m.start("letter"):])
    m = _PMLR.match(url)
    if m and int(m.group("volume")) in ICML_VOLUMES:
        return UrlVenue("ICML", ICML_VOLUMES[int(m.group("volume"))], f"PMLR v{m.group('volume')}")
    m = _IJCAI.match(url)
    if m:
        return UrlVenue("IJCAI", int(m.group("year")), f"proceedings/{m.group('year')}")
    return None
