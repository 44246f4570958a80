"""`kdlint add ID LIST.md`: fetch a paper's metadata and add it to the list in the section's own style."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import click

from ..source import InputError
from . import note
from .options import about

PREPRINT_NOTE = "added as a preprint"


@click.command()
@click.argument("identifier", metavar="ID")
@click.argument("path", metavar="LIST.md", type=click.Path())
@click.option("--section", metavar="NAME", help="The section to add to (default: the best title match).")
@click.option("--dry-run", is_flag=True, help="Print the change as a diff; write nothing.")
@click.option("--config", "config", type=click.Path(dir_okay=False, path_type=Path),
              help="Use this configuration file (pyproject.toml or .kdlint.toml).")
@click.option("--isolated", is_flag=True, help="Ignore every configuration file.")
@click.option("--no-cache", "no_cache", is_flag=True, help="Neither read nor write the services' answers.")
@click.option("--refresh", is_flag=True, help="Ask the services again; keep the new answers.")
@click.pass_context
def add(ctx: click.Context, identifier: str, path: str, section: str | None, dry_run: bool, config: Path | None,
        isolated: bool, no_cache: bool, refresh: bool) -> None:
    """Add the paper ID to LIST.md: arxiv:2104.09044, an arXiv URL, doi:10.NNNN/..., a doi.org URL, or an
    OpenReview forum URL or id.

    Title, authors and year come from arXiv, Crossref or OpenReview, and the published venue of a preprint
    from DBLP (then Semantic Scholar). The entry is written the way the section writes its entries, at its
    sorted place when the section is sorted (at its end otherwise). A paper the list already has is refused.
    """
    from ..add_plan import AddRefused, plan_add
    from ..config_files import ConfigFinder
    from ..files import STDIN, write_atomic
    from ..metadata import SERVICE_NAMES
    from ..metadata import source as source_of
    from ..online.ids import canonical, parse_id
    from ..online.lookup import Lookup
    from ..online.record import NotFound, NotVerified, Paper
    from ..project import Project
    from ..report import text
    from ..section_choice import named
    from ..textdiff import file_diff, header_name

    if isolated and config is not None:
        raise click.UsageError("--config cannot be used with --isolated, which ignores every configuration file")
    if path == STDIN:
        raise click.UsageError("kdlint add writes the list in place: name a file, not standard input")
    wanted = parse_id(identifier)
    project = Project(ConfigFinder(config, isolated))
    try:
        linter, source = project.prepare(path)
    except InputError as exc:
        raise InputError(about(path, exc)) from None
    document = linter.parse(source)
    if section is not None:
        named(document, section)  # an unknown section is said before anything is asked
    for entry in document.entries:  # by identifier, before anything is asked
        if any(canonical(pid) == wanted for pid in entry.paper_ids if Lookup.supports(pid)):
            note(f"kdlint add: {wanted}: already in the list at line {entry.line}: {entry.title!r}")
            ctx.exit(1)
    settings = linter.settings
    with Lookup.from_settings(settings.online, origin=settings.origin, no_cache=no_cache, refresh=refresh) as lookup:
        answer = lookup.fetch([wanted]).get(wanted)
        if isinstance(answer, NotVerified):
            raise InputError(f"{wanted}: {SERVICE_NAMES[answer.service]} could not be asked ({answer.reason})")
        if not isinstance(answer, Paper):
            reason = answer.reason if isinstance(answer, NotFound) else "no service knows this kind of identifier"
            raise InputError(f"{wanted}: not found ({reason})")
        paper = answer
        if paper.preprint:
            newer = lookup.published(paper)
            if isinstance(newer, NotVerified):
                note(f"kdlint add: the published version could not be asked for ({newer.reason}); "
                           f"{PREPRINT_NOTE}")
            elif newer is not None and newer is not paper:
                paper = replace(paper, venue=newer.venue, year=newer.year or paper.year, doi=paper.doi or newer.doi)
                note(f"kdlint add: published: {newer.venue} {newer.year or '(no year)'} ({source_of(newer)})")
    plan = plan_add(source.text, document, paper, section, linter)
    if isinstance(plan, AddRefused):
        note(f"kdlint add: {wanted}: {plan.message}")
        ctx.exit(1)
    how = "in the section's own style" if plan.learnt else "in the canonical style"
    note(f"kdlint add: {path}:{plan.line}: into {plan.section!r} ({plan.reason}), {how}")
    new = source.replace(plan.text)
    _, found = linter.check(new)
    added = frozenset(range(plan.line, plan.line + len(plan.entry)))
    for diagnostic in (d for d in found if d.touches(added)):
        click.echo(text.finding_line(path, diagnostic, unsafe=False, color=False), err=True)
    if dry_run:
        click.echo(file_diff(source.to_bytes(), new.to_bytes(), header_name(path)), nl=False)
    else:
        write_atomic(Path(path), new.to_bytes())
