"""`kdlint check`: report findings."""

from __future__ import annotations

from pathlib import Path

import click

from ..project import on_changed_lines
from ..report import FileResult
from ..source import InputError
from .options import about, common_options, make_run


@click.command()
@common_options
@click.option("--statistics", is_flag=True, help="Print how many findings each rule has, not the findings.")
@click.option("--baseline", "baseline_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Report only findings this baseline file does not record.")
@click.option("--write-baseline", "write_baseline", type=click.Path(dir_okay=False, path_type=Path),
              help="Record the current findings in this file and exit 0.")
@click.option("--diff-base", "diff_base", metavar="REF",
              help="Report only findings on lines added or changed since the git revision REF.")
@click.option("--no-cache", "no_cache", is_flag=True,
              help="Neither read nor write the result cache (.kdlint_cache; `kdlint clean` removes it).")
@click.pass_context
def check(ctx: click.Context, paths: tuple[str, ...], config: Path | None, isolated: bool,
          select: tuple[str, ...], extend_select: tuple[str, ...], ignore: tuple[str, ...], output_format: str,
          unsafe_fixes: bool, show_fixes: bool, exit_zero: bool, quiet: bool, verbose: bool, no_color: bool,
          statistics: bool, baseline_path: Path | None, write_baseline: Path | None, diff_base: str | None,
          no_cache: bool) -> None:
    """Report findings in PATHS (files, or directories of Markdown; '-' reads standard input)."""
    run = make_run(config, isolated, select, extend_select, ignore, output_format, unsafe_fixes, verbose, quiet,
               no_color, show_fixes)
    run.project.cached = not no_cache
    if baseline_path or write_baseline:
        from .. import baseline
    known = baseline.load(baseline_path) if baseline_path else None
    results: list[FileResult] = []
    for path in run.inputs(paths):
        try:
            result = run.project.check_file(path)
        except InputError as exc:
            run.error(about(path, exc))
            continue
        if diff_base is not None:
            result = on_changed_lines(result, diff_base)
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
