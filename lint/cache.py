"""The result cache of `kdlint check`: findings of a file kdlint has checked before, unchanged, as it was set up.

An entry holds one file's findings, keyed by everything they depend on (`key`):
kdlint's version (and, run from a source tree, the state of that tree), the
file's path and text, its resolved settings and the command line's selection.
Entries are JSON (never pickle: a cache file could have been planted), one file
per key, written to a temporary file and renamed into place, so that runs at
the same time never read half an entry; an entry that cannot be read or decoded
is a miss, and is written again. The directory is `.kdlint_cache` in the
current directory, or `cache-dir` from the configuration (relative to its
file), or `$KDLINT_CACHE_DIR`; kdlint writes a `.gitignore` (`*`) and a
`CACHEDIR.TAG` into it, `--no-cache` leaves it alone, and `kdlint clean` removes
it. A cache kdlint cannot write to is not an error: the run goes on without it.
Standard input is never cached.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from . import __version__
from .diagnostics import (
    Applicability,
    Change,
    Diagnostic,
    Edit,
    EntryRemoved,
    Fix,
    LinesMoved,
    Severity,
    Span,
    TextChange,
    TocItemsChanged,
    UrlChange,
    YearAdded,
)
from .settings import Settings

DEFAULT_DIR = ".kdlint_cache"
ENVIRONMENT = "KDLINT_CACHE_DIR"
FORMAT = 1  # of an entry: a new layout of the JSON below gets a new number
TAG = ("Signature: 8a477f597d28d172789f06886806bc55\n"
       "# This file is a cache directory tag created by kdlint.\n"
       "# For information about cache directory tags see https://bford.info/cachedir/\n")


class BadEntry(Exception):
    """An entry that is not what `encode` writes."""


def directory(settings: Settings) -> Path:
    """Where the cache of a file with these settings lives."""
    if named := os.environ.get(ENVIRONMENT):
        return Path(named)
    if settings.cache_dir is not None:
        base = settings.origin.parent if settings.origin else Path.cwd()
        return base / settings.cache_dir
    return Path(DEFAULT_DIR)


@cache
def _source_state() -> str:
    """The state of kdlint's own files when it runs from a source tree (an editable install), else ''."""
    package = Path(__file__).parent
    if "site-packages" in package.parts or "dist-packages" in package.parts:
        return ""
    stamps = []
    for folder in (package, package.parent / "schema"):
        for path in sorted(folder.rglob("*")):
            if path.suffix in (".py", ".json", ".toml", ".yaml", ".yml") and path.is_file():
                info = path.stat()
                stamps.append(f"{path}:{info.st_mtime_ns}:{info.st_size}")
    return "\n".join(stamps)


def key(path: str, text: str, settings: Settings, selection: Sequence[Sequence[str] | None]) -> str:
    """The entry name of `path` holding `text`, checked with `settings` and the command line's `selection`."""
    digest = hashlib.sha256()
    # today's year: the rules that judge years read it; the working directory: globs fall back to it
    for part in (__version__, _source_state(), str(Path(path).resolve()), os.getcwd(), str(date.today().year),
                 repr(settings), repr(selection)):
        digest.update(part.encode("utf-8", "surrogatepass"))
        digest.update(b"\0")
    digest.update(text.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def _span(span: Span) -> list[int]:
    return list(span)


def _unspan(value: Any) -> Span:
    if not (isinstance(value, list) and len(value) == 4 and all(type(n) is int for n in value)):
        raise BadEntry
    return Span(*value)


def _strings(value: Any) -> tuple[str, ...]:
    if not (isinstance(value, list) and all(isinstance(item, str) for item in value)):
        raise BadEntry
    return tuple(value)


def _ints(value: Any) -> tuple[int, ...]:
    if not (isinstance(value, list) and all(type(item) is int for item in value)):
        raise BadEntry
    return tuple(value)


def _text_change(value: Any) -> TextChange:
    old, new = _strings(value)
    return TextChange(old, new)


# each change kind: its name in an entry, how it is written and how it is read back
CHANGES: dict[str, tuple[type[Any], Callable[[Any], list[Any]], Callable[[list[Any]], Change]]] = {
    "url": (UrlChange, lambda c: [c.old, c.new], lambda v: UrlChange(*_strings(v))),
    "text": (TextChange, lambda c: [c.old, c.new], _text_change),
    "year": (YearAdded, lambda c: [c.text, list(c.lines)], lambda v: YearAdded(_strings(v[:1])[0], _ints(v[1]))),
    "removed": (EntryRemoved, lambda c: [c.line, c.end_line, c.kept, c.kept_end],
                lambda v: EntryRemoved(*_ints(v))),
    "moved": (LinesMoved, lambda c: list(c.order), lambda v: LinesMoved(_ints(v))),
    "toc": (TocItemsChanged, lambda c: [list(c.added), list(c.removed), [[r.old, r.new] for r in c.relinked]],
            lambda v: TocItemsChanged(_strings(v[0]), _strings(v[1]), tuple(map(_text_change, v[2])))),
}
_KIND = {cls: (name, write) for name, (cls, write, _) in CHANGES.items()}


def _fix(fix: Fix) -> list[Any]:
    return [fix.applicability.value, fix.message, [[_span(e.span), e.content] for e in fix.edits],
            [[_KIND[type(c)][0], _KIND[type(c)][1](c)] for c in fix.changes]]


def _unfix(value: Any, words: dict[str, str], spans: dict[tuple[int, ...], Span]) -> Fix:
    applicability, message, edits, changes = value
    if not isinstance(message, str) or not all(isinstance(e[1], str) for e in edits):
        raise BadEntry
    return Fix(applicability=Applicability(applicability), message=words.setdefault(message, message),
               edits=tuple(Edit(_shared(span, spans), words.setdefault(content, content)) for span, content in edits),
               changes=tuple(CHANGES[name][2](fields) for name, fields in changes))


def _shared(value: Any, spans: dict[tuple[int, ...], Span]) -> Span:
    """The span `value` writes, one object for the same span (a finding's and its fix's edit's, mostly)."""
    span = _unspan(value)
    return spans.setdefault(span, span)


def _line(d: Diagnostic) -> str:
    return json.dumps([d.code, d.name, d.message, d.severity.value, _span(d.span), _fix(d.fix) if d.fix else None,
                       [_span(s) for s in d.related]], ensure_ascii=False, separators=(",", ":"))


def encode(diagnostics: Iterable[Diagnostic]) -> Iterator[str]:
    """`diagnostics` as an entry's lines: a header, then one JSON array per finding (so that neither writing
    nor reading an entry holds more than one finding's text at a time)."""
    yield json.dumps({"format": FORMAT}) + "\n"
    for diagnostic in diagnostics:
        yield _line(diagnostic) + "\n"


def decode(lines: Iterable[str]) -> list[Diagnostic]:
    """The findings an entry's lines hold; BadEntry when they hold something else."""
    words: dict[str, str] = {}  # one string for the codes, names and messages many findings share
    spans: dict[tuple[int, ...], Span] = {}  # of this finding
    found = []
    try:
        rows = iter(lines)
        if json.loads(next(rows)) != {"format": FORMAT}:
            raise BadEntry
        for row in rows:
            code, name, message, severity, span, fix, related = json.loads(row)
            if not all(isinstance(text, str) for text in (code, name, message)):
                raise BadEntry
            spans.clear()
            found.append(Diagnostic(code=words.setdefault(code, code), name=words.setdefault(name, name),
                                    message=words.setdefault(message, message), severity=Severity(severity),
                                    span=_shared(span, spans), fix=None if fix is None else _unfix(fix, words, spans),
                                    related=tuple(_shared(s, spans) for s in related)))
        return found
    except (ValueError, TypeError, KeyError, IndexError, AttributeError, StopIteration) as exc:
        raise BadEntry from exc


class Cache:
    """One cache directory: entries read (a miss when absent or bad) and written (silently not, when it cannot)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.entries = root / __version__

    def load(self, name: str) -> list[Diagnostic] | None:
        try:
            with open(self.entries / name, encoding="utf-8") as entry:
                return decode(entry)
        except (OSError, UnicodeDecodeError, BadEntry):
            return None

    def store(self, name: str, diagnostics: Sequence[Diagnostic]) -> None:
        """Write an entry; nothing when the directory cannot be written."""
        try:
            self._create()
            # A name no other process or thread uses (tempfile would cost a tenth of a small check's start-up).
            temporary = self.entries / f".{name}.{os.getpid()}.{os.urandom(6).hex()}.tmp"
            try:
                with open(temporary, "x", encoding="utf-8") as out:
                    out.writelines(encode(diagnostics))
                os.replace(temporary, self.entries / name)
            except BaseException:
                temporary.unlink(missing_ok=True)
                raise
        except OSError:
            pass

    def _create(self) -> None:
        if self.entries.is_dir():
            return
        self.root.mkdir(parents=True, exist_ok=True)
        for name, text in ((".gitignore", "# Created by kdlint: the cache is not for version control.\n*\n"),
                           ("CACHEDIR.TAG", TAG)):
            if not (self.root / name).exists():
                (self.root / name).write_text(text, encoding="utf-8")
        self.entries.mkdir(exist_ok=True)
