"""`kdlint export`: what kdlint read of a list, one record per paper entry, as JSON, CSV or BibTeX."""

from __future__ import annotations

from pathlib import Path

import click

from ..export import FORMATS, records, render
from .listfile import OUTPUT_HELP, configured, emit


@click.command("export")
@click.argument("list_file", type=click.Path(dir_okay=False), metavar="FILE")
@click.option("--format", "fmt", type=click.Choice(FORMATS), required=True,
              help="json (schema/export.schema.json), csv, or bibtex.")
@click.option("-o", "--output", "output", type=click.Path(dir_okay=False, path_type=Path),
              help=OUTPUT_HELP)
@click.option("--config", "config", type=click.Path(dir_okay=False, path_type=Path))
def export(list_file: str, fmt: str, output: Path | None, config: Path | None) -> None:
    """Write the paper entries of FILE ('-' reads standard input) as JSON, CSV or BibTeX."""

    linter, source = configured(list_file, config)
    emit(render(records(list_file, linter.parse(source), linter.vocabulary), fmt), output)
