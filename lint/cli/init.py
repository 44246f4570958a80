"""`kdlint init`: write a configuration inferred from a list."""

from __future__ import annotations

import click

from ..files import read, write_new
from ..init_config import infer_from, plan, render
from ..source import DEFAULT_MAX_FILE_SIZE


@click.command("init")
@click.argument("list_file", default="README.md", type=click.Path(dir_okay=False), metavar="[FILE]")
@click.option("--print", "print_only", is_flag=True, help="Print the configuration instead of writing it.")
def init(list_file: str, print_only: bool) -> None:
    """Write a configuration inferred from the list FILE (default README.md).

    It goes into [tool.kdlint] of the pyproject.toml beside FILE, or into a new
    .kdlint.toml there when there is no pyproject.toml.
    """

    source = read(list_file, DEFAULT_MAX_FILE_SIZE)
    if print_only:
        click.echo(render(infer_from(source), list_file, ""), nl=False)
        return
    written = plan(source, list_file)
    write_new(written.target, written.content)
    click.echo(written.summary(), err=True)
