"""Settings: every key of a list's configuration, declared once.

`Settings` is the one declaration of each setting: its name, its key in the
file (`extend-select`), its type, its default and its documentation (its
field's `fields.doc` metadata). Everything else is derived from it: the pydantic
model that validates a file and gives schema/config.schema.json
(`kdlint.config`), the defaults of a run without a file, what the linter and
the rules read (`Linter.settings`, `Context.settings`). It is a plain
dataclass so that a run never imports pydantic for it: without a
configuration file, or with a valid one (`kdlint.settings_check` validates it
from this declaration, and leaves only what it is not sure of to
`kdlint.config`). `kdlint.config_files` finds the files.

The type aliases below (`Selector`, `FileSize`, ...) are what the rest of
kdlint reads (a `str`, an `int`); `kdlint.config` gives each its validation
(`VALIDATED`), and `kdlint.settings_check` its plain check (`CHECKS`), from
the facts here (`parse_size`, `SIMILARITY_MIN`, `glob_regex`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path, PurePosixPath
from typing import Literal

from .fields import doc
from .source import DEFAULT_MAX_FILE_SIZE, InputError

Selector = str  # a rule code or prefix: KD102, KD1, ALL
Glob = str  # `*`, `?`, `**`, `[...]`, relative to the configuration file (`glob_regex`)
PerFileIgnores = dict[Glob, list[Selector]]
Similarity = float  # SIMILARITY_MIN-SIMILARITY_MAX
FileSize = int  # bytes; a file may write "10MB" or "512KiB" (`parse_size`)
Style = Literal["bold", "heading", "dated", "inline", "plain"]  # the layouts (`model.Layout`) a list may force
Order = Literal["year", "-year", "title", "none"]
VenueKind = Literal["conference", "workshop", "journal", "preprint"]
Endpoint = str  # an http:// or https:// URL without a query (`check_endpoint`)
Seconds = float  # more than 0, at most SECONDS_MAX
Days = float  # 0 (nothing kept) to DAYS_MAX

SIMILARITY_MIN, SIMILARITY_MAX = 50, 100
SECONDS_MAX = 600
DAYS_MAX = 3650
_ENDPOINT = re.compile(r"https?://[^\s/?#]+[^\s?#]*", re.IGNORECASE)
_SIZE = re.compile(r"^\s*(\d+)\s*(B|KB|KiB|MB|MiB|GB|GiB)?\s*$", re.IGNORECASE)
_UNITS = {"b": 1, "kb": 1000, "kib": 1024, "mb": 1000**2, "mib": 1024**2, "gb": 1000**3, "gib": 1024**3}
_SIZE_EXPECTED = "expected a size in bytes (10485760) or with a unit (\"10MB\", \"512KiB\")"
# What a directory's walk leaves out unless `exclude` says otherwise (`kdlint.exclusion` matches them).
DEFAULT_EXCLUDE = (".*", "__pycache__", "build", "dist", "node_modules", "site-packages", "venv")


class ConfigError(InputError):
    """A configuration file kdlint cannot use."""


@dataclass(frozen=True, kw_only=True)
class VenueSpec:
    """A venue a list uses that the shipped vocabulary lacks, or extra spellings for one it has."""

    aliases: list[str] = field(default_factory=list, metadata=doc("Other spellings that mean this venue."))
    kind: VenueKind | None = field(
        default=None, metadata=doc("What the venue is; a venue new to kdlint without one counts as a conference."))


@dataclass(frozen=True, kw_only=True)
class CacheTtl:
    """How many days an answer of each metadata service is kept (0: not kept)."""

    arxiv: Days = field(default=7.0, metadata=doc("arXiv (titles change with new versions; withdrawals are news)."))
    dblp: Days = field(default=30.0, metadata=doc("DBLP's search."))
    s2: Days = field(default=30.0, metadata=doc("Semantic Scholar."))
    crossref: Days = field(default=30.0, metadata=doc("Crossref."))
    openreview: Days = field(default=7.0, metadata=doc("OpenReview (a decision changes the venue)."))


@dataclass(frozen=True, kw_only=True)
class OnlineSettings:
    """The `[tool.kdlint.online]` table: the metadata services `kdlint add` and `kdlint verify` ask.

    An environment variable (`KDLINT_ARXIV_API`, `KDLINT_DBLP_API`, `KDLINT_S2_API`, `KDLINT_CROSSREF_API`,
    `KDLINT_OPENREVIEW_API`, `KDLINT_CONTACT`) wins over the file, a command-line option over both.
    """

    arxiv_api: Endpoint = field(default="https://export.arxiv.org/api/query",
                                metadata=doc("The arXiv API's query endpoint.", "arxiv-api"))
    dblp_api: Endpoint = field(default="https://dblp.org/search/publ/api",
                               metadata=doc("DBLP's publication search endpoint.", "dblp-api"))
    s2_api: Endpoint = field(default="https://api.semanticscholar.org/graph/v1",
                             metadata=doc("The Semantic Scholar Graph API (its key comes from $KDLINT_S2_KEY only).",
                                          "s2-api"))
    crossref_api: Endpoint = field(default="https://api.crossref.org",
                                   metadata=doc("The Crossref REST API.", "crossref-api"))
    openreview_api: Endpoint = field(default="https://api2.openreview.net",
                                     metadata=doc("The OpenReview API (version 2).", "openreview-api"))
    contact: str | None = field(default=None, metadata=doc(
        "An e-mail address or URL sent in the User-Agent, so a service can reach whoever runs kdlint."))
    timeout: Seconds = field(default=20.0, metadata=doc("Seconds to wait for one answer."))
    cache_dir: str | None = field(default=None, metadata=doc(
        "Where answers are kept (relative to the configuration file); the user's cache directory when unset "
        "(`~/.cache/kdlint/online` on Linux).", "cache-dir"))
    cache_ttl: CacheTtl = field(default_factory=CacheTtl, metadata=doc(
        "Days each service's answers are kept.", "cache-ttl"))


@dataclass(frozen=True, kw_only=True)
class Settings:
    """The `[tool.kdlint]` table of pyproject.toml, or the top level of .kdlint.toml."""

    select: list[Selector] | None = field(
        default=None, metadata=doc("Rules to check (codes or prefixes); all when unset."))
    extend_select: list[Selector] = field(
        default_factory=list, metadata=doc("Rules to check in addition to `select`.", "extend-select"))
    ignore: list[Selector] = field(default_factory=list, metadata=doc("Rules never to report."))
    per_file_ignores: PerFileIgnores = field(default_factory=dict, metadata=doc(
        "Glob (relative to the configuration file) to the rules not reported for matching files.",
        "per-file-ignores"))
    style: Style | None = field(
        default=None, metadata=doc("The entry style of every section; detected per section when unset."))
    sort: Order | None = field(
        default=None, metadata=doc("The order entries keep within a section; inferred from the list when unset."))
    skip_sections: list[str] = field(default_factory=list, metadata=doc(
        "Headings whose sections hold no papers and are not checked.", "skip-sections"))
    allow_cross_section_duplicates: bool | None = field(default=None, metadata=doc(
        "Report duplicates only within a section (true), or across sections too (false); unset, kdlint infers "
        "it: a list that files many papers under several sections does so on purpose.",
        "allow-cross-section-duplicates"))
    title_similarity: Similarity = field(default=95.0, metadata=doc(
        "How alike two titles must be (0-100, rapidfuzz ratio of the normalised titles) for KD403.",
        "title-similarity"))
    venues: dict[str, VenueSpec] = field(default_factory=dict, metadata=doc(
        "Venues the list uses beyond kdlint's vocabulary, or extra aliases for a venue it has (`kdlint venues` "
        "lists them)."))
    keep_historical_venue_names: bool = field(default=False, metadata=doc(
        "Accept a venue's earlier name for the years it carried it (NIPS 2017); by default KD202 writes the "
        "current name for every year (NeurIPS 2017).", "keep-historical-venue-names"))
    code_labels: dict[str, list[str]] = field(default_factory=dict, metadata=doc(
        "Accepted code-link labels, each with the spellings kdlint rewrites to it.", "code-labels"))
    max_file_size: FileSize = field(default=DEFAULT_MAX_FILE_SIZE, metadata=doc(
        "Files larger than this are not read (bytes, or a string like \"10MB\").", "max-file-size"))
    cache_dir: str | None = field(default=None, metadata=doc(
        "Where `kdlint check` keeps its results (relative to the configuration file); `.kdlint_cache` in the "
        "current directory when unset, `$KDLINT_CACHE_DIR` over both.", "cache-dir"))
    exclude: list[Glob] = field(default_factory=lambda: list(DEFAULT_EXCLUDE), metadata=doc(
        "Files and directories a directory's walk leaves out: globs relative to the configuration file, matched "
        "against each path below it and, for a glob without a `/`, against each name (a file named on the "
        "command line is still checked, unless `--force-exclude`). Setting it replaces the default; "
        "`extend-exclude` adds to it."))
    extend_exclude: list[Glob] = field(default_factory=list, metadata=doc(
        "More globs to leave out, in addition to `exclude`.", "extend-exclude"))
    respect_gitignore: bool = field(default=True, metadata=doc(
        "Leave out what git ignores (.gitignore files, .git/info/exclude, the global excludes file) when "
        "walking a directory of a git repository.", "respect-gitignore"))
    online: OnlineSettings = field(default_factory=OnlineSettings, metadata=doc(
        "The metadata services of `kdlint add` and `kdlint verify`."))
    origin: Path | None = None  # not a setting: the file the settings came from, for messages and globs

    @cached_property
    def _ignore_globs(self) -> list[tuple[re.Pattern[str], list[str]]]:
        return [(glob_regex(pattern), codes) for pattern, codes in self.per_file_ignores.items()]

    def file_ignores(self, path: Path) -> list[str]:
        """The per-file-ignores selectors that apply to `path`."""
        if not self.per_file_ignores:
            return []
        base = self.origin.parent if self.origin else Path.cwd()
        try:
            relative = PurePosixPath(path.resolve().relative_to(base.resolve()).as_posix())
        except ValueError:
            relative = PurePosixPath(path.as_posix())
        found: list[str] = []
        for regex, codes in self._ignore_globs:
            if regex.match(str(relative)) or ("/" not in regex.pattern and regex.match(relative.name)):
                found.extend(codes)
        return found

    @property
    def reports_cross_section_duplicates(self) -> bool | None:
        """Whether duplicates across sections are reported, as configured; None: inferred from the list."""
        allowed = self.allow_cross_section_duplicates
        return None if allowed is None else not allowed


def parse_size(value: object) -> int:
    """A `FileSize` as a file writes it (bytes, or a string like "10MB"); ValueError says what is allowed."""
    if isinstance(value, bool):
        raise ValueError(_SIZE_EXPECTED)
    if isinstance(value, int):
        if value <= 0:
            raise ValueError("expected a positive size")
        return value
    m = _SIZE.match(value) if isinstance(value, str) else None
    if not m:
        raise ValueError(_SIZE_EXPECTED)
    return int(m.group(1)) * _UNITS[(m.group(2) or "b").lower()]


def check_endpoint(value: str) -> str:
    """An `Endpoint` as written, or ValueError saying what is allowed."""
    if not _ENDPOINT.fullmatch(value):
        raise ValueError("expected an http:// or https:// URL without a query or fragment")
    return value


def glob_regex(pattern: str) -> re.Pattern[str]:
    """Translate a glob (`*`, `?`, `**`, `[...]`) to a regex matching a relative POSIX path."""
    out: list[str] = []
    i = 0
    while i < len(pattern):
        ch = pattern[i]
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
            continue
        if pattern.startswith("**", i):
            out.append(".*")
            i += 2
            continue
        if ch == "*":
            out.append("[^/]*")
        elif ch == "?":
            out.append("[^/]")
        elif ch == "[":
            start = i + 2 if pattern[i + 1 : i + 2] == "!" else i + 1
            start += pattern[start : start + 1] == "]"  # a `]` first in the set is one of its characters
            end = pattern.find("]", start)
            if end < 0:
                raise ValueError(f"invalid glob {pattern!r}: '[' without a closing ']'")
            body = pattern[i + 1 : end]
            negated = body.startswith("!")
            chars = "".join(c if c == "-" else re.escape(c) for c in body[negated:])  # `a-z` stays a range
            out.append("[" + "^" * negated + chars + "]")
            i = end
        else:
            out.append(re.escape(ch))
        i += 1
    try:
        return re.compile("".join(out) + r"\Z")
    except re.error as exc:  # a range backwards, like `[z-a]`
        raise ValueError(f"invalid glob {pattern!r}: {exc.msg}") from None
