"""`kdlint check`: report findings (`--fix`: what `kdlint fix` does, as `ruff check --fix` does)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from ..project import on_changed_lines
from ..report import FileResult
from ..source import InputError
from ..words import plural
from . import note
from .options import Common, about, common_options, make_run


@click.command()
@common_options
@click.option("--fix", "apply_fixes", is_flag=True, help="Apply the fixes in place: `kdlint fix`, as in Ruff.")
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
def check(ctx: click.Context, /, apply_fixes: bool, statistics: bool, baseline_path: Path | None,
          write_baseline: Path | None, diff_base: str | None, no_cache: bool, **common: Any) -> None:
    """Report findings in PATHS (files, or directories of Markdown; '-' reads standard input)."""
    if apply_fixes:
        given = [name for name, value in (("--statistics", statistics), ("--baseline", baseline_path),
                                          ("--write-baseline", write_baseline), ("--diff-base", diff_base))
                 if value]
        if given:
            raise click.UsageError(f"--fix cannot be used with {given[0]}")
        from .fix import fix

        ctx.invoke(fix, show_diff=False, **common)
        return
    options = Common(**common)
    run = make_run(options)
    if options.show_files:
        run.show_files(options.paths)
        ctx.exit(2 if run.failed else 0)
    if options.show_settings:
        run.show_settings(options.paths)
        ctx.exit(2 if run.failed else 0)
    run.project.cached = not no_cache
    if baseline_path or write_baseline:
        from .. import baseline
    known = baseline.load(baseline_path) if baseline_path else None
    results: list[FileResult] = []
    for path in run.inputs(options.paths):
        try:
            run.announce(path)
            result = run.project.check_file(path)
        except InputError as exc:
            run.error(about(path, exc))
            continue
        if diff_base is not None:
            result = on_changed_lines(result, diff_base, path)
        run.explain(result.path, result)
        results.append(result)
    if write_baseline is not None:
        count = baseline.write(write_baseline, results)
        note(f"Wrote {plural(count, 'finding')} to {write_baseline}.")
        ctx.exit(2 if run.failed else 0)
    if known is not None and baseline_path is not None:
        dropped = baseline.subtract(known, baseline_path, results)
        if run.verbose:
            note(f"{plural(dropped, 'finding')} recorded in {baseline_path} not shown.")
    run.print_findings(results, with_statistics=statistics)
    findings = any(r.diagnostics for r in results)
    ctx.exit(2 if run.failed else 0 if options.exit_zero or not findings else 1)
