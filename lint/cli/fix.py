"""`kdlint fix`: apply fixes in place, or print them as a diff."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import click

from ..files import STDIN, write_atomic
from ..fixer import ContentLossError
from ..report import FileResult
from ..rules import BY_CODE
from ..source import InputError
from ..textdiff import file_diff, header_name
from .options import about, common_options, make_run


@click.command()
@common_options
@click.option("--diff", "show_diff", is_flag=True, help="Print the changes as a unified diff; write nothing.")
@click.pass_context
def fix(ctx: click.Context, paths: tuple[str, ...], config: Path | None, isolated: bool,
        select: tuple[str, ...], extend_select: tuple[str, ...], ignore: tuple[str, ...], output_format: str,
        unsafe_fixes: bool, show_fixes: bool, exit_zero: bool, quiet: bool, verbose: bool, no_color: bool,
        show_diff: bool) -> None:
    """Apply fixes to PATHS in place (safe fixes only unless --unsafe-fixes)."""
    if show_diff and ctx.get_parameter_source("output_format") is not click.core.ParameterSource.DEFAULT:
        # As Ruff refuses `--statistics` with `--diff` (which `fix` does not take at all): the diff is the output.
        raise click.UsageError("--output-format cannot be used with --diff: fix --diff prints the diff, no findings")
    run = make_run(config, isolated, select, extend_select, ignore, output_format, unsafe_fixes, verbose, quiet,
               no_color, show_fixes)
    changed = 0
    applied: Counter[str] = Counter()
    results: list[FileResult] = []
    for path in run.inputs(paths):
        try:
            source, outcome = run.project.fix_file(path, unsafe_fixes)
        except InputError as exc:
            run.error(about(path, exc))
            continue
        except ContentLossError as exc:
            run.error(f"{path}: not fixed, the result would lose content ({exc})")
            continue
        for diagnostic, reason in outcome.refused:
            span = diagnostic.span
            click.echo(f"{path}:{span.line}:{span.column}: {diagnostic.code} fix not applied: {reason}",
                       err=True)
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
        if show_diff:  # bytes, so no locale or newline translation alters the patch
            name = "stdin" if path == STDIN else header_name(path)
            click.echo(file_diff(source.to_bytes(), new, name), nl=False)
        elif path == STDIN:
            sys.stdout.buffer.write(new)
        else:
            write_atomic(Path(path), new)
    if not show_diff and STDIN not in paths:
        run.print_findings(results)
    remaining = sum(len(r.diagnostics) for r in results)
    total = sum(applied.values())
    if not quiet and results:
        verb = "Would fix" if show_diff else "Fixed"
        click.echo(f"{verb} {total} {'finding' if total == 1 else 'findings'} in {changed} "
                   f"{'file' if changed == 1 else 'files'}; {remaining} remaining.", err=True)
        if show_fixes:
            for code, count in sorted(applied.items()):
                click.echo(f"  {count:>4} × {code} {BY_CODE[code].name}", err=True)
    left = remaining or (show_diff and changed)
    ctx.exit(2 if run.failed else 0 if exit_zero or not left else 1)
