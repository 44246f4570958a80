"""`kdlint fix`: apply fixes in place, or print them as a diff."""

from __future__ import annotations

import shutil
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import click

from ..files import STDIN, write_atomic
from ..fixer import ContentLossError
from ..report import FileResult
from ..rules import BY_CODE
from ..source import InputError
from ..textdiff import file_diff, header_name
from ..words import plural
from . import note
from .options import Common, about, common_options, make_run


@click.command()
@common_options
@click.option("--diff", "show_diff", is_flag=True, help="Print the changes as a unified diff; write nothing.")
@click.pass_context
def fix(ctx: click.Context, /, show_diff: bool, **common: Any) -> None:
    """Apply fixes to PATHS in place (safe fixes only unless --unsafe-fixes)."""
    options = Common(**common)
    if ctx.get_parameter_source("output_format") is not click.core.ParameterSource.DEFAULT:
        # As Ruff refuses `--statistics` with `--diff` (which `fix` does not take at all): the diff, or the
        # fixed standard input, is the output; a format of findings would be silently dropped.
        if show_diff:
            raise click.UsageError("--output-format cannot be used with --diff: fix --diff prints the diff, no "
                                   "findings")
        if STDIN in options.paths or options.stdin_filename is not None:
            raise click.UsageError("--output-format cannot be used with standard input: fix prints the fixed "
                                   "text, no findings")
    run = make_run(options)
    if options.show_files:
        run.show_files(options.paths)
        ctx.exit(2 if run.failed else 0)
    if options.show_settings:
        run.show_settings(options.paths)
        ctx.exit(2 if run.failed else 0)
    changed = 0
    applied: Counter[str] = Counter()
    results: list[FileResult] = []
    inputs = run.inputs(options.paths)
    if run.project.stdin_excluded and not show_diff:  # --force-exclude leaves it out: given back as it came
        shutil.copyfileobj(sys.stdin.buffer, sys.stdout.buffer)
    for path in inputs:
        try:
            run.announce(path)
            source, outcome = run.project.fix_file(path, options.unsafe_fixes)
        except InputError as exc:
            run.error(about(path, exc))
            continue
        except ContentLossError as exc:
            run.error(f"{run.project.name(path)}: not fixed, the result would lose content ({exc})")
            continue
        name = run.project.name(path)
        for diagnostic, reason in outcome.refused:
            span = diagnostic.span
            note(f"{name}:{span.line}:{span.column}: {diagnostic.code} fix not applied: {reason}")
        result = FileResult(name, outcome.source, outcome.document, outcome.remaining)
        run.explain(name, result)
        results.append(result)
        new = outcome.source.to_bytes()
        if new == source.to_bytes():
            if path == STDIN and not show_diff:
                sys.stdout.buffer.write(new)
            continue
        changed += 1
        applied.update(outcome.codes)
        if show_diff:  # bytes, so no locale or newline translation alters the patch
            header = "stdin" if name == STDIN else header_name(name)
            run.echo(file_diff(source.to_bytes(), new, header), nl=False)
        elif path == STDIN:
            sys.stdout.buffer.write(new)
        else:
            write_atomic(Path(path), new)
    if not show_diff and STDIN not in inputs:
        run.print_findings(results, summary=False)  # the one summary is the line below
    remaining = sum(len(r.diagnostics) for r in results)
    total = sum(applied.values())
    if not options.quiet and results:
        if not total and not remaining:
            click.echo("All checks passed!", err=True)
        else:
            verb = "Would fix" if show_diff else "Fixed"
            click.echo(f"{verb} {plural(total, 'finding')} in {plural(changed, 'file')}; {remaining} remaining.",
                       err=True)
        if options.show_fixes:
            for code, count in sorted(applied.items()):
                click.echo(f"  {count:>4} × {code} {BY_CODE[code].name}", err=True)
    left = remaining or (show_diff and changed)
    ctx.exit(2 if run.failed else 0 if options.exit_zero or not left else 1)
