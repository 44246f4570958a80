"""The command line: `kdlint check`, `kdlint fix`, `kdlint rules`, `kdlint rule CODE`.

Exit codes: 0 clean; 1 findings (for `fix`: findings left, or with `--diff`
changes to make); 2 usage or input error, one line on stderr, no traceback.
"""

from __future__ import annotations

import importlib
import os
import re
import sys
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any

import click

from . import __version__
from .settings import DEFAULT_MAX_FILE_SIZE, ConfigError, ConfigFinder, Settings, load_file
from .engine import Linter
from .files import discover
from .report import FileResult, text
from .rules import BY_CODE, RULES
from .selection import SelectorError, check_selector
from .source import InputError, SourceText

FORMATS = ("text", "json", "github", "sarif", "junit")
FORMAT_MODULES = {"json": "json_report", "github": "github", "sarif": "sarif", "junit": "junit"}
STDIN = "-"


def _error(message: str) -> None:
    click.echo(f"kdlint: error: {message}", err=True)


@dataclass
class Run:
    """What one `check` or `fix` invocation reads and how it reports."""

    finder: ConfigFinder
    select: list[str] | None
    extend_select: list[str]
    ignore: list[str]
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
            _error(message)

    def inputs(self, paths: Sequence[str]) -> list[str]:
        if list(paths) == [STDIN]:
            return [STDIN]
        if STDIN in paths:
            raise InputError("'-' (standard input) cannot be combined with other paths")
        files, errors = discover(paths or ["."])
        for error in errors:
            self.error(str(error))
        return [str(p) for p in files]

    def prepare(self, path: str) -> tuple[Settings, Linter, SourceText]:
        where = None if path == STDIN else Path(path)
        settings = self.finder.settings_for(where)
        linter = Linter.for_file(settings, where, self.select, self.extend_select, self.ignore)
        return settings, linter, read(path, settings.max_file_size)

    def explain(self, path: str, result: FileResult) -> None:
        if not self.verbose:
            return
        for section in result.document.skipped_sections:
            click.echo(f"{path}:{section.line}: skipping section {section.title!r}: {section.skip_reason}", err=True)
        sections = sum(s.holds_papers for s in result.document.sections)
        click.echo(f"{path}: {len(result.document.entries)} entries in {sections} sections with papers", err=True)

    def print_findings(self, results: list[FileResult], with_statistics: bool = False) -> None:
        if self.failed and self.output_format == "text" and not any(r.diagnostics for r in results):
            return  # "All checks passed!" would be false when an input could not be read
        if with_statistics:
            from .report import statistics

            click.echo(statistics.render(results, self.unsafe, as_json=self.output_format == "json"), nl=False)
            return
        if self.output_format == "text":
            # Printed a batch of lines at a time: held whole (a list of lines, then one string), the report
            # of a list with a finding on each of millions of lines added half again to the findings' memory.
            lines = text.render_lines(results, self.unsafe, self.color, self.show_fixes, self.quiet)
            while batch := "".join(islice(lines, 4096)):
                click.echo(batch, nl=False, color=self.color)
            return
        # each other format is imported when asked for: start-up stays short
        module = importlib.import_module(f"kdlint.report.{FORMAT_MODULES[self.output_format]}")
        click.echo(module.render(results), nl=False, color=self.color)


def _about(path: str, exc: InputError) -> str:
    """The error's line, naming the list when the error itself does not (configuration errors name theirs)."""
    message = str(exc)
    return message if isinstance(exc, ConfigError) or message.startswith(path) else f"{path}: {message}"


def read(path: str, max_size: int) -> SourceText:
    if path == STDIN:
        data = sys.stdin.buffer.read(max_size + 1)
        name = "<stdin>"
    else:
        try:
            size = os.stat(path).st_size
        except OSError as exc:
            raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from None
        if size > max_size:
            raise InputError(f"{path}: {size:,} bytes is more than max-file-size ({max_size:,} bytes); "
                             "raise max-file-size to check it")
        return SourceText.read(Path(path))
    if len(data) > max_size:
        raise InputError(f"{name}: more than max-file-size ({max_size:,} bytes); raise max-file-size to check it")
    return SourceText.from_bytes(data, name)


def _write_atomic(path: Path, data: bytes) -> None:
    """Write beside the target and rename, keeping its permissions: never half a list.

    A symbolic link is written through: its target changes, the link stays a link.
    """
    import tempfile

    path = path.resolve() if path.is_symlink() else path
    mode = path.stat().st_mode
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".kdlint", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, mode & 0o7777)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


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
        click.option("--output-format", type=click.Choice(FORMATS), default="text", show_default=True,
                     help="How findings are printed."),
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


def _run(config: Path | None, isolated: bool, select: Sequence[str], extend_select: Sequence[str],
         ignore: Sequence[str], output_format: str, unsafe_fixes: bool, verbose: bool, quiet: bool,
         no_color: bool, show_fixes: bool) -> Run:
    return Run(finder=ConfigFinder(config, isolated),
               select=_selectors(select, "--select") if select else None,
               extend_select=_selectors(extend_select, "--extend-select"),
               ignore=_selectors(ignore, "--ignore"), output_format=output_format, unsafe=unsafe_fixes,
               verbose=verbose, quiet=quiet, color=_use_color(no_color) and output_format == "text",
               show_fixes=show_fixes)


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, "--version", prog_name="kdlint")
def cli() -> None:
    """kdlint: lint and fix curated Markdown lists of research papers."""


@cli.command()
@common_options
@click.option("--statistics", is_flag=True, help="Print how many findings each rule has, not the findings.")
@click.option("--baseline", "baseline_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Report only findings this baseline file does not record.")
@click.option("--write-baseline", "write_baseline", type=click.Path(dir_okay=False, path_type=Path),
              help="Record the current findings in this file and exit 0.")
@click.option("--diff-base", "diff_base", metavar="REF",
              help="Report only findings on lines added or changed since the git revision REF.")
@click.pass_context
def check(ctx: click.Context, paths: tuple[str, ...], config: Path | None, isolated: bool,
          select: tuple[str, ...], extend_select: tuple[str, ...], ignore: tuple[str, ...], output_format: str,
          unsafe_fixes: bool, show_fixes: bool, exit_zero: bool, quiet: bool, verbose: bool, no_color: bool,
          statistics: bool, baseline_path: Path | None, write_baseline: Path | None, diff_base: str | None) -> None:
    """Report findings in PATHS (files, or directories of Markdown; '-' reads standard input)."""
    run = _run(config, isolated, select, extend_select, ignore, output_format, unsafe_fixes, verbose, quiet,
               no_color, show_fixes)
    if baseline_path or write_baseline:
        from . import baseline
    known = baseline.load(baseline_path) if baseline_path else None
    results: list[FileResult] = []
    for path in run.inputs(paths):
        try:
            _, linter, source = run.prepare(path)
            document, found = linter.check(source)
        except InputError as exc:
            run.error(_about(path, exc))
            continue
        if diff_base is not None:
            if path == STDIN:
                raise InputError("--diff-base needs files in a git repository, not standard input")
            from .gitdiff import changes

            added = changes(Path(path), diff_base).added
            found = [d for d in found if d.touches(added)]
        result = FileResult(path, source, document, found)
        run.explain(path, result)
        results.append(result)
    if write_baseline is not None:
        count = baseline.write(write_baseline, results)
        click.echo(f"Wrote {count} {'finding' if count == 1 else 'findings'} to {write_baseline}.", err=True)
        ctx.exit(2 if run.failed else 0)
    if known is not None and baseline_path is not None:
        dropped = baseline.subtract(known, baseline_path, results)
        if run.verbose:
            click.echo(f"{dropped} findings recorded in {baseline_path} not shown.", err=True)
    run.print_findings(results, with_statistics=statistics)
    findings = any(r.diagnostics for r in results)
    ctx.exit(2 if run.failed else 0 if exit_zero or not findings else 1)


@cli.command()
@common_options
@click.option("--diff", "show_diff", is_flag=True, help="Print the changes as a unified diff; write nothing.")
@click.pass_context
def fix(ctx: click.Context, paths: tuple[str, ...], config: Path | None, isolated: bool,
        select: tuple[str, ...], extend_select: tuple[str, ...], ignore: tuple[str, ...], output_format: str,
        unsafe_fixes: bool, show_fixes: bool, exit_zero: bool, quiet: bool, verbose: bool, no_color: bool,
        show_diff: bool) -> None:
    """Apply fixes to PATHS in place (safe fixes only unless --unsafe-fixes)."""
    from .fixer import ContentLossError, fix_source

    run = _run(config, isolated, select, extend_select, ignore, output_format, unsafe_fixes, verbose, quiet,
               no_color, show_fixes)
    changed = 0
    applied: Counter[str] = Counter()
    results: list[FileResult] = []
    for path in run.inputs(paths):
        try:
            _, linter, source = run.prepare(path)
            outcome = fix_source(source, linter, unsafe=unsafe_fixes)
        except InputError as exc:
            run.error(_about(path, exc))
            continue
        except ContentLossError as exc:
            run.error(f"{path}: not fixed, the result would lose content ({exc})")
            continue
        result = FileResult(path, outcome.source, outcome.document, outcome.remaining)
        run.explain(path, result)
        results.append(result)
        new = outcome.source.to_bytes()
        if new == source.to_bytes():
            if path == STDIN and not show_diff:
                sys.stdout.buffer.write(new)
            continue
        changed += 1
        applied.update(outcome.codes)
        if show_diff:
            before = source.text.splitlines(keepends=True)
            after = outcome.source.text.splitlines(keepends=True)
            name = "stdin" if path == STDIN else path
            from .textdiff import unified_diff

            click.echo("".join(unified_diff(before, after, f"a/{name}", f"b/{name}")), nl=False)
        elif path == STDIN:
            sys.stdout.buffer.write(new)
        else:
            _write_atomic(Path(path), new)
    if not show_diff and STDIN not in paths:
        run.print_findings(results)
    remaining = sum(len(r.diagnostics) for r in results)
    total = sum(applied.values())
    if not quiet:
        verb = "Would fix" if show_diff else "Fixed"
        click.echo(f"{verb} {total} {'finding' if total == 1 else 'findings'} in {changed} "
                   f"{'file' if changed == 1 else 'files'}; {remaining} remaining.", err=True)
        if show_fixes:
            for code, count in sorted(applied.items()):
                click.echo(f"  {count:>4} × {code} {BY_CODE[code].name}", err=True)
    left = remaining or (show_diff and changed)
    ctx.exit(2 if run.failed else 0 if exit_zero or not left else 1)


@cli.command("review")
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--prepare", "prepare_to", type=click.Path(dir_okay=False, path_type=Path), metavar="OUT.json",
              help="Lint the changed Markdown files of the checked-out head and write the review payload.")
@click.option("--post", "post_from", type=click.Path(dir_okay=False, path_type=Path), metavar="IN.json",
              help="Post the review a payload describes.")
@click.option("--diff-base", "diff_base", metavar="REF",
              help="The revision the pull request is compared with (default: origin/$GITHUB_BASE_REF).")
@click.option("--repo", "repo_name", metavar="OWNER/NAME", help="Default: $GITHUB_REPOSITORY.")
@click.option("--pr", "pr_number", type=click.IntRange(min=1), help="Default: the pull request of $GITHUB_EVENT_PATH.")
@click.option("--head-sha", "head_sha", metavar="SHA", help="Find the pull request by its head commit instead.")
@click.option("--config", "config", type=click.Path(dir_okay=False, path_type=Path),
              help="Use this configuration file for every file.")
@click.option("--dry-run", is_flag=True, help="Print the requests that would change anything; send none of them.")
def review_command(paths: tuple[str, ...], prepare_to: Path | None, post_from: Path | None, diff_base: str | None,
                   repo_name: str | None, pr_number: int | None, head_sha: str | None, config: Path | None,
                   dry_run: bool) -> None:
    """Review a pull request: --prepare a payload (read-only), --post it (needs GITHUB_TOKEN), or both."""
    from .review import payload as review_payload
    from .review.post import PostError, event_pr_number, post
    from .review.prepare import prepare

    if prepare_to is None and post_from is not None and paths:
        raise InputError("--post reads a payload; it takes no files")
    if post_from is not None:
        data = review_payload.load(post_from)
    else:
        base = diff_base or (f"origin/{os.environ['GITHUB_BASE_REF']}" if os.environ.get("GITHUB_BASE_REF") else None)
        if base is None:
            raise InputError("no base revision: give --diff-base REF (or run in a pull_request workflow)")
        data = prepare(base, paths, config)
        if prepare_to is not None:
            review_payload.write(data, prepare_to)
            click.echo(f"Wrote {len(data.findings)} findings on {len(data.files)} files to {prepare_to}.", err=True)
            return
    repository = repo_name or os.environ.get("GITHUB_REPOSITORY")
    if not repository or not re.fullmatch(r"[\w.-]+/[\w.-]+", repository):
        raise InputError("no repository: give --repo OWNER/NAME (or set GITHUB_REPOSITORY)")
    number = pr_number
    if number is None and head_sha is None:
        number = event_pr_number()
    if head_sha is not None and head_sha != data.head_sha:
        raise InputError(f"--head-sha {head_sha} is not the payload's head ({data.head_sha})")
    if number is None and head_sha is None:
        head_sha = data.head_sha
    try:
        outcome = post(data, repository, number, os.environ.get("GITHUB_TOKEN") or None,
                       os.environ.get("GITHUB_API_URL") or "https://api.github.com", dry_run,
                       echo=lambda line: click.echo(line))
    except PostError as exc:
        raise InputError(str(exc)) from None
    for message in outcome.messages:
        click.echo(f"kdlint review: {message}", err=True)


@cli.command("convert")
@click.argument("list_file", type=click.Path(dir_okay=False), metavar="FILE")
@click.option("--to", "style", type=click.Choice(["bold"]), default="bold", show_default=True,
              help="The style to write (the canonical one).")
@click.option("-o", "--output", "output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write here instead of standard output.")
@click.option("--config", "config", type=click.Path(dir_okay=False, path_type=Path))
def convert_command(list_file: str, style: str, output: Path | None, config: Path | None) -> None:
    """Write FILE's entries in the canonical style; headings and prose stay as they are."""
    from .convert import convert

    settings = ConfigFinder(config).settings_for(None if list_file == STDIN else Path(list_file))
    source = read(list_file, settings.max_file_size)
    linter = Linter.for_file(settings, Path(list_file))
    document, _ = linter.check(source)
    text = convert(source, document, linter.vocabulary)
    converted = sum(1 for e in document.entries if e.title)
    if output is None:
        click.echo(text, nl=False)
    else:
        _write_new(output, text)
    click.echo(f"Converted {converted} entries of {list_file} to the {style} style.", err=True)


@cli.command("merge")
@click.argument("lists", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("-o", "--output", "output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write here instead of standard output.")
@click.option("--title", default="Papers", show_default=True, help="The merged list's top heading.")
@click.option("--config", "config", type=click.Path(dir_okay=False, path_type=Path))
def merge_command(lists: tuple[str, ...], output: Path | None, title: str, config: Path | None) -> None:
    """Merge LISTS section by section into one canonical list, one entry per paper."""
    from .convert import merge

    finder = ConfigFinder(config)
    parsed = []
    vocabulary = Linter().vocabulary
    for name in lists:
        settings = finder.settings_for(Path(name))
        source = read(name, settings.max_file_size)
        linter = Linter.for_file(settings, Path(name))
        vocabulary = linter.vocabulary
        parsed.append((source, linter.check(source)[0]))
    text, report = merge(parsed, vocabulary, title)
    if output is None:
        click.echo(text, nl=False)
    else:
        _write_new(output, text)
    click.echo(f"Merged {report.read} entries of {report.files} lists into {report.written} entries in "
               f"{report.sections} sections ({report.merged} duplicates folded into their first entry).", err=True)


def _write_new(path: Path, text: str) -> None:
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise InputError(f"{path}: cannot write ({exc.strerror or exc})") from None


@cli.command("init")
@click.argument("list_file", default="README.md", type=click.Path(dir_okay=False), metavar="[FILE]")
@click.option("--print", "print_only", is_flag=True, help="Print the configuration instead of writing it.")
def init_command(list_file: str, print_only: bool) -> None:
    """Write a configuration inferred from the list FILE (default README.md).

    It goes into [tool.kdlint] of the pyproject.toml beside FILE, or into a new
    .kdlint.toml there when there is no pyproject.toml.
    """
    from .init_config import infer, render

    source = read(list_file, DEFAULT_MAX_FILE_SIZE)
    linter = Linter()
    document, found = linter.check(source)
    inferred = infer(document, found, linter)
    directory = Path(list_file).resolve().parent
    pyproject, dotfile = directory / "pyproject.toml", directory / ".kdlint.toml"
    if print_only:
        click.echo(render(inferred, list_file, ""), nl=False)
        return
    if dotfile.exists():
        raise InputError(f"{dotfile}: already exists; edit it, or remove it and run `kdlint init` again")
    if pyproject.exists():
        if load_file(pyproject) is not None:
            raise InputError(f"{pyproject}: already has [tool.kdlint]; edit it, or remove the table and run "
                             "`kdlint init` again")
        target, text = pyproject, render(inferred, list_file, "tool.kdlint")
        existing = pyproject.read_text(encoding="utf-8")
        content = existing + ("" if existing.endswith("\n") or not existing else "\n") + "\n" + text
    else:
        target, text = dotfile, render(inferred, list_file, "")
        content = text
    import tomllib

    from .config import parse_settings

    parse_settings(tomllib.loads(text).get("tool", {}).get("kdlint", tomllib.loads(text)), target, str(target))
    target.write_text(content, encoding="utf-8")
    summary = [f"sort = {inferred.sort}"]
    if inferred.skip_sections:
        summary.append(f"{len(inferred.skip_sections)} sections skipped")
    if inferred.ignore:
        summary.append(f"ignoring {', '.join(inferred.ignore)}")
    if inferred.code_labels:
        summary.append(f"{len(inferred.code_labels)} code labels")
    if inferred.venues:
        summary.append(f"{len(inferred.venues)} venues")
    click.echo(f"Wrote {'[tool.kdlint] to ' if target == pyproject else ''}{target}: {'; '.join(summary)}.", err=True)


@cli.command("rules")
@click.option("--output-format", type=click.Choice(("text", "json")), default="text", show_default=True)
def rules_command(output_format: str) -> None:
    """List every rule: code, name, whether it can fix, what it checks."""
    if output_format == "json":
        import json

        click.echo(json.dumps([{"code": r.code, "name": r.name, "fix": r.fixable.value, "summary": r.summary,
                                "severity": r.severity.value} for r in RULES], indent=2))
        return
    click.echo(f"{'code':<7} {'name':<22} {'fix':<10} summary")
    for rule in RULES:
        click.echo(f"{rule.code:<7} {rule.name:<22} {rule.fixable.value:<10} {rule.summary}")


@cli.command("venues")
@click.option("--output-format", type=click.Choice(("text", "json")), default="text", show_default=True)
@click.option("--config", "config", type=click.Path(dir_okay=False, path_type=Path),
              help="Include the venues of this configuration file.")
def venues_command(output_format: str, config: Path | None) -> None:
    """Print the venue vocabulary: canonical name, kind, rhythm, first year, other spellings."""
    settings = ConfigFinder(config).settings_for(None)
    vocabulary = Linter.for_file(settings).vocabulary
    table = vocabulary.venues.venues
    if output_format == "json":
        import json
        from dataclasses import asdict

        from .venue_table import Venue

        rows = [Venue.model_validate(asdict(venue)).model_dump(exclude_defaults=True) for venue in table]
        click.echo(json.dumps(rows, indent=2))
        return
    click.echo(f"{'venue':<34} {'kind':<11} {'held':<20} {'since':<6} other spellings")
    for venue in table:
        held = venue.periodicity or "-"
        if venue.periodicity_since and venue.earlier_periodicity:
            held += f" (from {venue.periodicity_since})"
        spellings = [*venue.aliases, *(f"{r.name} (until {r.until})" for r in venue.renamed_from
                                       if r.name not in venue.aliases)]
        click.echo(f"{venue.name:<34} {venue.kind:<11} {held:<20} {venue.first_year or '-'!s:<6} "
                   f"{', '.join(spellings)}".rstrip())


@cli.command("rule")
@click.argument("code")
def rule_command(code: str) -> None:
    """Print the documentation of one rule (by code, like KD102, or by name)."""
    rule = BY_CODE.get(code.upper()) or next((r for r in RULES if r.name == code.lower()), None)
    if rule is None:
        raise click.BadParameter(f"unknown rule {code!r}; `kdlint rules` lists them", param_hint="CODE")
    click.echo(rule.doc.strip())


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point: runs the command and turns every failure into one line and an exit code."""
    try:
        code = cli.main(args=list(argv) if argv is not None else None, prog_name="kdlint", standalone_mode=False)
    except click.exceptions.Exit as exc:
        code = exc.exit_code
    except click.ClickException as exc:
        _error(exc.format_message().replace("\n", " "))
        code = 2
    except InputError as exc:
        _error(str(exc))
        code = 2
    except click.Abort:
        _error("interrupted")
        code = 130
    except BrokenPipeError:
        code = 1
    except Exception as exc:  # a bug in kdlint: one line unless asked for the traceback
        if os.environ.get("KDLINT_DEBUG"):
            raise
        _error(f"internal error: {type(exc).__name__}: {exc} (set KDLINT_DEBUG=1 for the traceback)")
        code = 2
    code = code if isinstance(code, int) else 0
    if argv is None:
        sys.exit(code)
    return code
