"""`kdlint verify`: compare entries with the paper metadata services (KD6xx)."""

from __future__ import annotations

import os
import sys
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

import click

from ..files import STDIN, write_atomic
from ..fixer import ContentLossError, fix_source
from ..report import FileResult, text
from ..report.formats import BY_NAME
from ..source import InputError
from ..textdiff import file_diff, header_name
from . import note
from .options import Common, about, common_options, make_run

ONLINE_RULES = "KD6"  # the rules verify runs: the others are `check`'s
QUIET_FOR = 1.0  # seconds of a run before progress is shown


class Progress:
    """Identifiers answered, on standard error, once a run has lasted QUIET_FOR: a bar redrawn in place on
    a terminal, else a line every few seconds and at the end."""

    def __init__(self) -> None:
        self.label = "kdlint verify"
        self.started = time.monotonic()
        self.terminal = sys.stderr.isatty()
        self.last = 0.0
        self.shown = False

    def start(self, path: str) -> None:
        """A new list: its own label, its own second of quiet."""
        self.end()
        self.label, self.started, self.last = f"kdlint verify {path}", time.monotonic(), 0.0

    def __call__(self, done: int, total: int) -> None:
        now = time.monotonic()
        if now - self.started < QUIET_FOR or total == 0:
            return
        if self.terminal:
            width = 30
            filled = width * done // total
            click.echo(f"\r{self.label}: [{'#' * filled}{'.' * (width - filled)}] {done}/{total}", err=True,
                       nl=False)
            self.shown = True
            if done == total:
                click.echo("", err=True)
                self.shown = False
        elif done == total or now - self.last >= 5:
            self.last = now
            click.echo(f"{self.label}: {done}/{total} identifiers looked up", err=True)

    def end(self) -> None:
        if self.shown:
            click.echo("", err=True)
            self.shown = False


@click.command()
@common_options
@click.option("--fix", "apply_fixes", is_flag=True,
              help="Apply the fixes (all KD6xx fixes are unsafe: with --unsafe-fixes).")
@click.option("--diff", "show_diff", is_flag=True, help="With --fix: print the changes as a diff; write nothing.")
@click.option("--no-cache", "no_cache", is_flag=True, help="Neither read nor write the services' answers.")
@click.option("--refresh", is_flag=True, help="Ask the services again; keep the new answers.")
@click.option("--track-issue", "track_issue", is_flag=True,
              help="Keep one issue of $GITHUB_REPOSITORY up to date with the findings (GITHUB_TOKEN, issues: "
                   "write): opened, edited, closed when clean; findings then exit 0.")
@click.pass_context
def verify(ctx: click.Context, /, apply_fixes: bool, show_diff: bool, no_cache: bool, refresh: bool,
           track_issue: bool, **common: Any) -> None:
    """Compare the entries of PATHS with arXiv, DBLP, Semantic Scholar, Crossref and OpenReview.

    Reports titles and authors that are not their identifier's record's, preprints since published and
    withdrawn papers. Entries a service could not be asked about (down, slow, throttling) are counted as not
    verified: never a finding, never a failing exit code. Answers are kept on disk (see `cache-ttl` under
    [tool.kdlint.online]), so a second run asks nothing.
    """
    from ..online.lookup import Lookup
    from ..verify import Verification, summary
    from ..verify import verify as verify_list

    if show_diff and not apply_fixes:
        raise click.UsageError("--diff needs --fix")
    repository = os.environ.get("GITHUB_REPOSITORY", "").strip()
    if track_issue and (apply_fixes or not repository):
        raise click.UsageError("--track-issue needs GITHUB_REPOSITORY (OWNER/NAME), and no --fix")
    options = Common(**{**common, "select": common["select"] or (ONLINE_RULES,)})
    run = make_run(options)
    if options.show_files:
        run.show_files(options.paths)
        ctx.exit(2 if run.failed else 0)
    if options.show_settings:
        run.show_settings(options.paths)
        ctx.exit(2 if run.failed else 0)
    progress = Progress()
    lookups: dict[str, Lookup] = {}
    verifications: list[Verification] = []
    results: list[FileResult] = []
    changed = 0
    try:
        for path in run.inputs(options.paths):
            try:
                linter, source = run.project.prepare(path)
                rules = tuple(rule for rule in linter.rules if rule.code.startswith(ONLINE_RULES))
                settings = linter.settings
                key = repr(settings.online)
                if key not in lookups:
                    lookups[key] = Lookup.from_settings(settings.online, origin=settings.origin, no_cache=no_cache,
                                                        refresh=refresh, progress=progress)
                document = linter.parse(source)
                progress.start(path)
                verification = verify_list(linter.context(source, document), lookups[key])
                online = replace(linter, rules=rules, metadata=verification.metadata)
                if apply_fixes:
                    outcome = fix_source(source, online, unsafe=options.unsafe_fixes)
                    result = FileResult(run.project.name(path), outcome.source, outcome.document, outcome.remaining)
                    new = outcome.source.to_bytes()
                    if new != source.to_bytes():
                        changed += 1
                        if show_diff:
                            name = "stdin" if path == STDIN else header_name(path)
                            run.echo(file_diff(source.to_bytes(), new, name), nl=False)
                        elif path == STDIN:
                            sys.stdout.buffer.write(new)
                        else:
                            write_atomic(Path(path), new)
                else:
                    found = online.findings(source, document).finish()
                    result = FileResult(run.project.name(path), source, document, found)
            except InputError as exc:
                run.error(about(path, exc))
                continue
            except ContentLossError as exc:
                run.error(f"{path}: not fixed, the result would lose content ({exc})")
                continue
            verifications.append(verification)
            results.append(result)
    finally:
        progress.end()
        for lookup in lookups.values():
            lookup.close()
    if not (apply_fixes and (show_diff or STDIN in options.paths)):
        run.print_findings(results, summary=False)  # its own summary names `kdlint verify --fix`
        if not options.quiet and BY_NAME[options.output_format].human and not (run.failed and not results):
            run.echo(text.summary(results, options.unsafe_fixes, fix_command="kdlint verify --fix"))
    said = summary(verifications)
    if not options.quiet and verifications:
        note(said)
    if track_issue and not run.failed:
        from ..review.api import PostError
        from ..review.tracking import body, track

        try:
            tracked = track(repository, body(results, said), os.environ.get("GITHUB_TOKEN") or None,
                            os.environ.get("GITHUB_API_URL") or "https://api.github.com",
                            complete=not any(v.not_verified for v in verifications))
        except PostError as exc:
            raise InputError(str(exc)) from None
        note(f"kdlint verify: {tracked}")
        ctx.exit(0)
    findings = any(r.diagnostics for r in results)
    ctx.exit(2 if run.failed else 0 if options.exit_zero or not (findings or (show_diff and changed)) else 1)
