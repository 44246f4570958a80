"""`kdlint convert` and `kdlint merge`: lists written anew in the canonical style."""

from __future__ import annotations

from pathlib import Path

import click

from ..config_files import ConfigFinder
from ..convert import convert as convert_list
from ..convert import merge as merge_lists
from ..engine import Linter
from ..files import read
from ..words import plural
from .listfile import OUTPUT_HELP, configured, emit


@click.command("convert")
@click.argument("list_file", type=click.Path(dir_okay=False), metavar="FILE")
@click.option("--to", "style", type=click.Choice(["bold"]), default="bold", show_default=True,
              help="The style to write (the canonical one).")
@click.option("-o", "--output", "output", type=click.Path(dir_okay=False, path_type=Path),
              help=OUTPUT_HELP)
@click.option("--config", "config", type=click.Path(dir_okay=False, path_type=Path))
def convert(list_file: str, style: str, output: Path | None, config: Path | None) -> None:
    """Write FILE's entries in the canonical style; headings and prose stay as they are."""

    linter, source = configured(list_file, config)
    document = linter.parse(source)
    converted = sum(1 for e in document.entries if e.title)
    emit(convert_list(source, document, linter.vocabulary), output)
    click.echo(f"Converted {plural(converted, 'entry')} of {list_file} to the {style} style.", err=True)


@click.command("merge")
@click.argument("lists", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("-o", "--output", "output", type=click.Path(dir_okay=False, path_type=Path),
              help=OUTPUT_HELP)
@click.option("--title", default="Papers", show_default=True, help="The merged list's top heading.")
@click.option("--config", "config", type=click.Path(dir_okay=False, path_type=Path))
def merge(lists: tuple[str, ...], output: Path | None, title: str, config: Path | None) -> None:
    """Merge LISTS section by section into one canonical list, one entry per paper."""

    finder = ConfigFinder(config)
    parsed = []
    vocabulary = Linter().vocabulary
    for name in lists:
        settings = finder.settings_for(Path(name))
        source = read(name, settings.max_file_size)
        linter = Linter.for_file(settings, Path(name))
        vocabulary = linter.vocabulary
        parsed.append((source, linter.check(source)[0]))
    text, report = merge_lists(parsed, vocabulary, title)
    emit(text, output)
    click.echo(f"Merged {plural(report.read, 'entry')} of {plural(report.files, 'list')} into "
               f"{plural(report.written, 'entry')} in {plural(report.sections, 'section')} "
               f"({plural(report.merged, 'duplicate')} folded into their first entry).", err=True)
