"""The output formats of `check --output-format`, in one table (like the rules in `kdlint.rules`).

Each format is a module of `kdlint.report` with a `render` function; the
table names it and imports it only when that format is asked for, so that
start-up stays short. A format's report is a sequence of text pieces, printed
as they come (the text report of a huge list is never held whole).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from . import FileResult


@dataclass(frozen=True)
class Options:
    """How the findings are shown (the text formats read them; rdjson reads `unsafe`, the others none)."""

    unsafe: bool = False  # unsafe fixes count as fixable
    color: bool = False
    show_fixes: bool = False
    quiet: bool = False  # no summary line


Render = Callable[[Sequence[FileResult], Options], Iterable[str]]


def _text() -> Render:
    from . import text

    return lambda results, o: text.render_lines(results, o.unsafe, o.color, o.show_fixes, o.quiet)


def _concise() -> Render:
    from . import text

    return lambda results, o: text.render_lines(results, o.unsafe, o.color, show_fixes=False, quiet=True)


def _full() -> Render:
    from . import full

    return lambda results, o: full.render_lines(results, o.unsafe, o.color, o.quiet)


def _grouped() -> Render:
    from . import text

    return lambda results, o: text.grouped_lines(results, o.unsafe, o.color, o.show_fixes, o.quiet)


def _json() -> Render:
    from . import json_report

    return lambda results, o: [json_report.render(results)]


def _json_lines() -> Render:
    from . import json_report

    return lambda results, o: json_report.render_lines(results)


def _github() -> Render:
    from . import github

    return lambda results, o: [github.render(results)]


def _sarif() -> Render:
    from . import sarif

    return lambda results, o: [sarif.render(results)]


def _junit() -> Render:
    from . import junit

    return lambda results, o: [junit.render(results)]


def _rdjson() -> Render:
    from . import rdjson

    return lambda results, o: [rdjson.render(results, o.unsafe)]


def _gitlab() -> Render:
    from . import gitlab

    return lambda results, o: [gitlab.render(results)]


@dataclass(frozen=True)
class OutputFormat:
    name: str
    summary: str  # a few words for `--help`
    load: Callable[[], Render]  # imports the format's module
    human: bool = False  # read by people: coloured on a terminal, and no "All checks passed!" after an input error


FORMATS: tuple[OutputFormat, ...] = (
    OutputFormat("text", "a line per finding, then a summary", _text, human=True),
    OutputFormat("concise", "a line per finding", _concise, human=True),
    OutputFormat("full", "each finding with its source line, a caret and the fix", _full, human=True),
    OutputFormat("grouped", "the findings under each file's name", _grouped, human=True),
    OutputFormat("json", "findings and fixes", _json),
    OutputFormat("json-lines", "json's objects, one per line", _json_lines),
    OutputFormat("github", "Actions annotations", _github),
    OutputFormat("sarif", "SARIF 2.1.0", _sarif),
    OutputFormat("junit", "JUnit XML", _junit),
    OutputFormat("rdjson", "reviewdog's Diagnostic Format", _rdjson),
    OutputFormat("gitlab", "GitLab Code Quality", _gitlab),
)
BY_NAME = {f.name: f for f in FORMATS}
