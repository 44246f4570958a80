"""The command line: `kdlint check`, `kdlint fix`, `kdlint rules`, `kdlint rule CODE`.

Exit codes: 0 clean; 1 findings (for `fix`: findings left, or with `--diff`
changes to make); 2 usage or input error, one line on stderr, no traceback.
"""

from __future__ import annotations

import difflib
import json
import os
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

import click

from . import __version__
from .checker import check_source
from .diagnostics import Diagnostic
from .fixer import ContentLossError, fix_source
from .files import discover
from .model import Document
from .report import json_report, text
from .rules import BY_CODE, RULES
from .source import InputError, SourceText

FORMATS = ("text", "json")
STDIN = "-"


class UserError(Exception):
    """A problem with one input: reported on one line, the run goes on, the exit code is 2."""


def _error(message: str) -> None:
    click.echo(f"kdlint: error: {message}", err=True)


def _read(path: str) -> SourceText:
    if path == STDIN:
        return SourceText.from_bytes(sys.stdin.buffer.read(), "<stdin>")
    return SourceText.read(Path(path))


def _inputs(paths: Sequence[str]) -> tuple[list[str], bool]:
    """The paths to read; reports the ones that give nothing and says whether any did."""
    if list(paths) == [STDIN]:
        return [STDIN], False
    if STDIN in paths:
        raise InputError("'-' (standard input) cannot be combined with other paths")
    files, errors = discover(paths or ["."])
    for error in errors:
        _error(str(error))
    return [str(p) for p in files], bool(errors)


def _explain_skips(path: str, document: Document) -> None:
    for section in document.skipped_sections:
        click.echo(f"{path}:{section.line}: skipping section {section.title!r}: no venue, year, authors or "
                   "paper identifier in any of its items", err=True)
    click.echo(f"{path}: {len(document.entries)} entries in {sum(s.holds_papers for s in document.sections)} "
               "sections with papers", err=True)


def _print_results(results: list[tuple[str, list[Diagnostic]]], output_format: str, unsafe: bool,
                   failed: bool = False) -> None:
    if failed and output_format == "text" and not any(found for _, found in results):
        return  # "All checks passed!" would be false when an input could not be read
    if output_format == "json":
        click.echo(json_report.render(results), nl=False)
    else:
        click.echo(text.render(results, unsafe), nl=False)


def _write_atomic(path: Path, data: bytes) -> None:
    """Write beside the target and rename, keeping its permissions: never half a list."""
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


output_format_option = click.option(
    "--output-format", type=click.Choice(FORMATS), default="text", show_default=True,
    help="How findings are printed.")
unsafe_option = click.option("--unsafe-fixes", is_flag=True, help="Also apply (or mark) fixes that are unsafe.")
verbose_option = click.option("-v", "--verbose", is_flag=True, help="Say which sections are skipped and why.")
paths_argument = click.argument("paths", nargs=-1, type=click.Path())


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="kdlint")
def cli() -> None:
    """kdlint: lint and fix curated Markdown lists of research papers."""


@cli.command()
@paths_argument
@output_format_option
@unsafe_option
@verbose_option
@click.pass_context
def check(ctx: click.Context, paths: tuple[str, ...], output_format: str, unsafe_fixes: bool, verbose: bool) -> None:
    """Report findings in PATHS (files, or directories of Markdown; '-' reads standard input)."""
    results: list[tuple[str, list[Diagnostic]]] = []
    inputs, failed = _inputs(paths)
    for path in inputs:
        try:
            document, found = check_source(_read(path))
        except InputError as exc:
            _error(str(exc))
            failed = True
            continue
        if verbose:
            _explain_skips(path, document)
        results.append((path, found))
    _print_results(results, output_format, unsafe_fixes, failed)
    ctx.exit(2 if failed else 1 if any(found for _, found in results) else 0)


@cli.command()
@paths_argument
@click.option("--diff", "show_diff", is_flag=True, help="Print the changes as a unified diff; write nothing.")
@output_format_option
@unsafe_option
@verbose_option
@click.pass_context
def fix(ctx: click.Context, paths: tuple[str, ...], show_diff: bool, output_format: str, unsafe_fixes: bool,
        verbose: bool) -> None:
    """Apply fixes to PATHS in place (safe fixes only unless --unsafe-fixes)."""
    changed = applied = 0
    results: list[tuple[str, list[Diagnostic]]] = []
    inputs, failed = _inputs(paths)
    for path in inputs:
        try:
            source = _read(path)
            result = fix_source(source, unsafe=unsafe_fixes)
        except InputError as exc:
            _error(str(exc))
            failed = True
            continue
        except ContentLossError as exc:
            _error(f"{path}: not fixed, the result would lose content ({exc})")
            failed = True
            continue
        if verbose:
            _explain_skips(path, result.document)
        results.append((path, result.remaining))
        new = result.source.to_bytes()
        if new == source.to_bytes():
            if path == STDIN and not show_diff:
                sys.stdout.buffer.write(new)
            continue
        changed += 1
        applied += result.applied
        if show_diff:
            before = source.text.splitlines(keepends=True)
            after = result.source.text.splitlines(keepends=True)
            name = "stdin" if path == STDIN else path
            click.echo("".join(difflib.unified_diff(before, after, f"a/{name}", f"b/{name}")), nl=False)
        elif path == STDIN:
            sys.stdout.buffer.write(new)
        else:
            _write_atomic(Path(path), new)
    if not show_diff and STDIN not in paths:
        _print_results(results, output_format, unsafe_fixes, failed)
    remaining = sum(len(found) for _, found in results)
    verb = "Would fix" if show_diff else "Fixed"
    click.echo(f"{verb} {applied} {'finding' if applied == 1 else 'findings'} in {changed} "
               f"{'file' if changed == 1 else 'files'}; {remaining} remaining.", err=True)
    ctx.exit(2 if failed else 1 if remaining or (show_diff and changed) else 0)


@cli.command("rules")
@output_format_option
def rules_command(output_format: str) -> None:
    """List every rule: code, name, whether it can fix, what it checks."""
    if output_format == "json":
        click.echo(json.dumps([{"code": r.code, "name": r.name, "fix": r.fixable.value, "summary": r.summary,
                                "severity": r.severity.value} for r in RULES], indent=2))
        return
    click.echo(f"{'code':<7} {'name':<22} {'fix':<10} summary")
    for rule in RULES:
        click.echo(f"{rule.code:<7} {rule.name:<22} {rule.fixable.value:<10} {rule.summary}")


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
