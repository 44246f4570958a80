"""What `check` and `fix` share: their options, and `Run`, what one invocation reads and how it reports."""

from __future__ import annotations

import os
import sys
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import IO, Any

import click

from ..config_files import ConfigFinder
from ..project import Project
from ..report import FileResult
from ..report.formats import BY_NAME, FORMATS, Options
from ..selection import SelectorError, check_selector
from ..settings import ConfigError
from ..source import STDIN_NAME, InputError
from ..words import plural
from . import error, note, warning


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
    out: IO[str] | None = None  # --output-file; standard output when None
    failed: bool = False
    _reported: set[str] = field(default_factory=set)

    def error(self, message: str) -> None:
        self.failed = True
        if message not in self._reported:  # a broken config file is said once, not once per list
            self._reported.add(message)
            error(message)

    def echo(self, text: str | bytes, nl: bool = True, color: bool | None = None) -> None:
        """Print to the report's stream: --output-file, or standard output."""
        click.echo(text, file=self.out, nl=nl, color=color)

    def inputs(self, paths: Sequence[str]) -> list[str]:
        """The files to lint; the paths that name none are reported."""
        found = self.project.inputs(paths)
        for message in found.warnings:
            warning(message)
        for problem in found.errors:
            self.error(str(problem))
        if not found.files and not found.errors and not self.project.stdin_excluded:
            warning("no files to check: every path given is excluded (--force-exclude)")
        return [str(p) for p in found.files]

    def show_files(self, paths: Sequence[str]) -> None:
        """`--show-files`: the files a run would check, one a line, sorted."""
        for path in sorted(self.project.name(path) for path in self.inputs(paths)):
            self.echo(path)

    def show_settings(self, paths: Sequence[str]) -> None:
        """`--show-settings`: the configuration file and the settings of the first file a run would check."""
        from ..settings_show import render

        files = self.inputs(paths)
        if not files:
            if not self.failed:
                self.error("no file to show the settings of")
            return
        path = files[0]
        settings = self.project.settings(path)
        rules = [rule.code for rule in self.project.linter(path).rules]
        self.echo(render(self.project.name(path), self.project.finder.describe(settings), settings, rules), nl=False)

    def announce(self, path: str) -> None:
        """`-v`: the configuration file `path` takes its settings from."""
        if self.verbose:
            settings = self.project.settings(path)
            note(f"{self.project.name(path)}: settings from {self.project.finder.describe(settings)}")

    def explain(self, path: str, result: FileResult) -> None:
        if not self.verbose:
            return
        for section in result.document.sections:
            if section.skip_reason:
                note(f"{path}:{section.line}: skipping section {section.title!r}: {section.skip_reason}")
            elif section.holds_papers:
                layouts = Counter(e.style for e in section.entries)
                shown = ", ".join(f"{style} {count}" for style, count in layouts.most_common())
                note(f"{path}:{section.line}: section {section.title!r}: "
                           f"{plural(len(section.entries), 'entry')} ({shown})")
        sections = sum(s.holds_papers for s in result.document.sections)
        note(f"{path}: {plural(len(result.document.entries), 'entry')} in {plural(sections, 'section')} "
                   "with papers")

    def print_findings(self, results: list[FileResult], with_statistics: bool = False, summary: bool = True) -> None:
        if self.failed and BY_NAME[self.output_format].human and not any(r.diagnostics for r in results):
            return  # "All checks passed!" would be false when an input could not be read
        if with_statistics:
            from ..report import statistics

            self.echo(statistics.render(results, self.unsafe, as_json=self.output_format == "json",
                                        legend=not self.quiet), nl=False)
            return
        render = BY_NAME[self.output_format].load()
        pieces = iter(render(results, Options(self.unsafe, self.color, self.show_fixes, self.quiet or not summary)))
        # Printed a batch of pieces at a time: held whole (a list of lines, then one string), the text report
        # of a list with a finding on each of millions of lines added half again to the findings' memory.
        while batch := "".join(islice(pieces, 4096)):
            self.echo(batch, nl=False, color=self.color)


def about(path: str, exc: InputError) -> str:
    """The error's line, naming the list when the error itself does not (configuration errors name theirs)."""
    message = str(exc)
    named = isinstance(exc, ConfigError) or message.startswith((path, STDIN_NAME))
    return message if named else f"{path}: {message}"


def _selectors(values: Sequence[str], option: str) -> list[str]:
    found = []
    for value in values:
        if not value.strip(" ,"):  # `--select ""`: nothing named, which Ruff refuses too
            raise click.BadParameter("no rule code given (codes or prefixes, comma-separated; ALL for every rule)",
                                     param_hint=option)
        for part in value.split(","):
            if part.strip():
                try:
                    found.append(check_selector(part))
                except SelectorError as exc:
                    raise click.BadParameter(str(exc), param_hint=option) from None
    return found


def use_color(when: str | None, stream: IO[str] | None) -> bool:
    """Whether to colour: `--color always|never` first, then NO_COLOR, then FORCE_COLOR (either set to
    anything but the empty string), then whether the report goes to a terminal (`auto`, the default): as
    Ruff decides."""
    if when in ("always", "never"):
        return when == "always"
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    target = stream if stream is not None else sys.stdout
    try:
        return target.isatty()
    except (AttributeError, ValueError):  # a closed or unusual stream
        return False


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
        click.option("-o", "--output-file", "output_file", type=click.Path(dir_okay=False, path_type=Path),
                     help="Write the report to this file, not to standard output."),
        click.option("--unsafe-fixes", is_flag=True, help="Also apply (or mark) fixes that are unsafe."),
        click.option("--show-fixes", is_flag=True, help="Show the fixes: under each finding, or those applied."),
        click.option("--exit-zero", is_flag=True, help="Exit 0 even when findings remain (errors still exit 2)."),
        click.option("--stdin-filename", metavar="PATH",
                     help="Read standard input as if it were the file PATH: its configuration, its name in the "
                          "findings."),
        click.option("--force-exclude", is_flag=True,
                     help="Apply exclude and extend-exclude to the paths named too (and to --stdin-filename)."),
        click.option("--respect-gitignore/--no-respect-gitignore", "respect_gitignore", default=None,
                     help="Leave out what git ignores when walking a directory [default: the respect-gitignore "
                          "setting, true]."),
        click.option("--show-files", is_flag=True, help="Print the files that would be checked, and exit."),
        click.option("--show-settings", is_flag=True,
                     help="Print the configuration file and the settings of the first file, and exit."),
        click.option("-q", "--quiet", is_flag=True, help="Print the findings only, no summary."),
        click.option("-v", "--verbose", is_flag=True,
                     help="Say which configuration file each list takes, and which sections are skipped and why."),
        click.option("--color", "color", type=click.Choice(["auto", "always", "never"]), default=None,
                     help="When to colour the text output [default: auto: on a terminal; NO_COLOR, then "
                          "FORCE_COLOR, decide first]."),
        click.option("--no-color", is_flag=True, help="Never colour the output: --color never."),
    ]
    for option in reversed(options):
        function = option(function)
    return function


@dataclass(frozen=True)
class Common:
    """The options of `common_options`, as click gives them."""

    paths: tuple[str, ...]
    config: Path | None
    isolated: bool
    select: tuple[str, ...]
    extend_select: tuple[str, ...]
    ignore: tuple[str, ...]
    output_format: str
    output_file: Path | None
    unsafe_fixes: bool
    show_fixes: bool
    exit_zero: bool
    stdin_filename: str | None
    force_exclude: bool
    respect_gitignore: bool | None
    show_files: bool
    show_settings: bool
    quiet: bool
    verbose: bool
    color: str | None
    no_color: bool


def _open_output(path: Path) -> IO[str]:
    try:
        handle = path.open("w", encoding="utf-8")
    except OSError as exc:
        raise InputError(f"{path}: cannot write the report ({exc.strerror or exc})") from None
    click.get_current_context().call_on_close(handle.close)
    return handle


def make_run(options: Common) -> Run:
    if options.isolated and options.config is not None:
        raise click.UsageError("--config cannot be used with --isolated, which ignores every configuration file")
    if options.no_color and options.color in ("always", "auto"):
        raise click.UsageError(f"--no-color cannot be used with --color {options.color}")
    if options.show_files and options.show_settings:
        raise click.UsageError("--show-files cannot be used with --show-settings")
    if options.stdin_filename == "":
        raise click.BadParameter("expected a path", param_hint="--stdin-filename")
    project = Project(ConfigFinder(options.config, options.isolated),
                      select=_selectors(options.select, "--select") if options.select else None,
                      extend_select=_selectors(options.extend_select, "--extend-select"),
                      ignore=_selectors(options.ignore, "--ignore"), force_exclude=options.force_exclude,
                      respect_gitignore=options.respect_gitignore, stdin_filename=options.stdin_filename)
    out = _open_output(options.output_file) if options.output_file is not None else None
    when = "never" if options.no_color else options.color
    return Run(project=project, output_format=options.output_format, unsafe=options.unsafe_fixes,
               verbose=options.verbose, quiet=options.quiet,
               color=use_color(when, out) and BY_NAME[options.output_format].human, show_fixes=options.show_fixes,
               out=out)
