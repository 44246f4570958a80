"""What the commands that read one list and write a text share: the list with its configuration, the output."""

from __future__ import annotations

from pathlib import Path

import click

from ..config_files import ConfigFinder
from ..engine import Linter
from ..files import STDIN, read, write_new
from ..source import SourceText

OUTPUT_HELP = "Write here instead of standard output."


def configured(list_file: str, config: Path | None) -> tuple[Linter, SourceText]:
    """The list at `list_file` (`-`: standard input) and the linter its configuration gives."""
    settings = ConfigFinder(config).settings_for(None if list_file == STDIN else Path(list_file))
    source = read(list_file, settings.max_file_size)
    return Linter.for_file(settings, Path(list_file)), source


def emit(text: str, output: Path | None) -> None:
    """`text` to standard output, or to the file `output`."""
    if output is None:
        click.echo(text, nl=False)
    else:
        write_new(output, text)
