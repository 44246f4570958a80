"""`kdlint export`: what kdlint read of a list, one record per paper entry, as JSON, CSV or BibTeX."""

from __future__ import annotations

from pathlib import Path

import click

from ..engine import Linter
from ..export import FORMATS, records, render
from ..files import STDIN, read, write_new
from ..settings import ConfigFinder


@click.command("export")
@click.argument("list_file", type=click.Path(dir_okay=False), metavar="FILE")
@click.option("--format", "fmt", type=click.Choice(FORMATS), required=True,
              help="json (schema/export.schema.json), csv, or bibtex.")
@click.option("-o", "--output", "output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write here instead of standard output.")
@click.option("--config", "config", type=click.Path(dir_okay=False, path_type=Path))
def export(list_file: str, fmt: str, output: Path | None, config: Path | None) -> None:
    """Write the paper entries of FILE ('-' reads standard input) as JSON, CSV or BibTeX."""

    settings = ConfigFinder(config).settings_for(None if list_file == STDIN else Path(list_file))
    source = read(list_file, settings.max_file_size)
    linter = Linter.for_file(settings, Path(list_file))
    text = render(records(list_file, linter.parse(source), linter.vocabulary), fmt)
    if output is None:
        click.echo(text, nl=False)
    else:
        write_new(output, text)
