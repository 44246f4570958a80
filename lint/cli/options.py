"""What `check` and `fix` share: their options, and `Run`, what one invocation reads and how it reports."""

from __future__ import annotations

import os
import sys
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any

import click

from ..config_files import ConfigFinder
from ..project import Project
from ..report import FileResult
from ..report.formats import BY_NAME, FORMATS, Options
from ..selection import SelectorError, check_selector
from ..settings import ConfigError
from ..source import STDIN_NAME, InputError
from . import error


@dataclass
class Run:
    """What one `check` or `fix` invocation reads and how it reports."""

    project: Project
    output_format: str
    unsafe: bool
    verbose: bool
    quiet: bool
    color: bool
    show_fixes: bool
    failed: bool = False
    _reported: set[str] = field(default_factory=set)

    def error(self, message: str) -> None:
        self.failed = True
        if message not in self._reported:  # a broken config file is said once, not once per list
            self._reported.add(message)
            error(message)

    def inputs(self, paths: Sequence[str]) -> list[str]:
        """The files to lint; the paths that name none are reported."""
        files, errors = self.project.inputs(paths)
        for problem in errors:
            self.error(str(problem))
        return files

    def explain(self, path: str, result: FileResult) -> None:
        if not self.verbose:
            return
        for section in result.document.sections:
            if section.skip_reason:
                click.echo(f"{path}:{section.line}: skipping section {section.title!r}: {section.skip_reason}",
                           err=True)
            elif section.holds_papers:
                layouts = Counter(e.style for e in section.entries)
                shown = ", ".join(f"{style} {count}" for style, count in layouts.most_common())
                entries = len(section.entries)
                click.echo(f"{path}:{section.line}: section {section.title!r}: {entries} "
                           f"{'entry' if entries == 1 else 'entries'} ({shown})", err=True)
        sections = sum(s.holds_papers for s in result.document.sections)
        entries = len(result.document.entries)
        click.echo(f"{path}: {entries} {'entry' if entries == 1 else 'entries'} in {sections} "
                   f"{'section' if sections == 1 else 'sections'} with papers", err=True)

    def print_findings(self, results: list[FileResult], with_statistics: bool = False) -> None:
        if self.failed and BY_NAME[self.output_format].human and not any(r.diagnostics for r in results):
            return  # "All checks passed!" would be false when an input could not be read
        if with_statistics:
            from ..report import statistics

            click.echo(statistics.render(results, self.unsafe, as_json=self.output_format == "json"), nl=False)
            return
        render = BY_NAME[self.output_format].load()
        pieces = iter(render(results, Options(self.unsafe, self.color, self.show_fixes, self.quiet)))
        # Printed a batch of pieces at a time: held whole (a list of lines, then one string), the text report
        # of a list with a finding on each of millions of lines added half again to the findings' memory.
        while batch := "".join(islice(pieces, 4096)):
            click.echo(batch, nl=False, color=self.color)


def about(path: str, exc: InputError) -> str:
    """The error's line, naming the list when the error itself does not (configuration errors name theirs)."""
    message = str(exc)
    named = isinstance(exc, ConfigError) or message.startswith((path, STDIN_NAME))
    return message if named else f"{path}: {message}"


def _selectors(values: Sequence[str], option: str) -> list[str]:
    found = []
    for value in values:
        for part in value.split(","):
            if part.strip():
                try:
                    found.append(check_selector(part))
                except SelectorError as exc:
                    raise click.BadParameter(str(exc), param_hint=option) from None
    return found


def _use_color(no_color: bool) -> bool:
    return not no_color and not os.environ.get("NO_COLOR") and sys.stdout.isatty()


def common_options(function: Callable[..., Any]) -> Callable[..., Any]:
    options = [
        click.argument("paths", nargs=-1, type=click.Path()),
        click.option("--config", "config", type=click.Path(dir_okay=False, path_type=Path),
                     help="Use this configuration file for every input (pyproject.toml or .kdlint.toml)."),
        click.option("--isolated", is_flag=True, help="Ignore every configuration file."),
        click.option("--select", multiple=True, metavar="CODES",
                     help="Rules to check, replacing the configured ones (codes or prefixes, comma-separated)."),
        click.option("--extend-select", multiple=True, metavar="CODES", help="Rules to check in addition."),
        click.option("--ignore", multiple=True, metavar="CODES", help="Rules not to report."),
        click.option("--output-format", type=click.Choice([f.name for f in FORMATS]), default="text",
                     show_default=True, help="How findings are printed ("
                     + ", ".join(f"{f.name}: {f.summary}" for f in FORMATS) + ")."),
        click.option("--unsafe-fixes", is_flag=True, help="Also apply (or mark) fixes that are unsafe."),
        click.option("--show-fixes", is_flag=True, help="Show the fixes: under each finding, or those applied."),
        click.option("--exit-zero", is_flag=True, help="Exit 0 even when findings remain (errors still exit 2)."),
        click.option("-q", "--quiet", is_flag=True, help="Print the findings only, no summary."),
        click.option("-v", "--verbose", is_flag=True, help="Say which sections are skipped and why."),
        click.option("--no-color", is_flag=True, help="Never colour the output (NO_COLOR is honoured too)."),
    ]
    for option in reversed(options):
        function = option(function)
    return function


def make_run(config: Path | None, isolated: bool, select: Sequence[str], extend_select: Sequence[str],
             ignore: Sequence[str], output_format: str, unsafe_fixes: bool, verbose: bool, quiet: bool,
             no_color: bool, show_fixes: bool) -> Run:
    project = Project(ConfigFinder(config, isolated), select=_selectors(select, "--select") if select else None,
                      extend_select=_selectors(extend_select, "--extend-select"),
                      ignore=_selectors(ignore, "--ignore"))
    return Run(project=project, output_format=output_format, unsafe=unsafe_fixes,
               verbose=verbose, quiet=quiet, color=_use_color(no_color) and BY_NAME[output_format].human,
               show_fixes=show_fixes)
