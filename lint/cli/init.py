"""`kdlint init`: write a configuration inferred from a list."""

from __future__ import annotations

import tomllib
from pathlib import Path

import click

from ..config import parse_settings
from ..config_files import load_file
from ..engine import Linter
from ..files import read, write_new
from ..init_config import infer, render
from ..source import DEFAULT_MAX_FILE_SIZE, InputError


@click.command("init")
@click.argument("list_file", default="README.md", type=click.Path(dir_okay=False), metavar="[FILE]")
@click.option("--print", "print_only", is_flag=True, help="Print the configuration instead of writing it.")
def init(list_file: str, print_only: bool) -> None:
    """Write a configuration inferred from the list FILE (default README.md).

    It goes into [tool.kdlint] of the pyproject.toml beside FILE, or into a new
    .kdlint.toml there when there is no pyproject.toml.
    """

    source = read(list_file, DEFAULT_MAX_FILE_SIZE)
    linter = Linter()
    inferred = infer(linter.parse(source), linter)
    directory = Path(list_file).resolve().parent
    pyproject, dotfile = directory / "pyproject.toml", directory / ".kdlint.toml"
    if print_only:
        click.echo(render(inferred, list_file, ""), nl=False)
        return
    if dotfile.exists():
        raise InputError(f"{dotfile}: already exists; edit it, or remove it and run `kdlint init` again")
    if pyproject.exists():
        if load_file(pyproject) is not None:
            raise InputError(f"{pyproject}: already has [tool.kdlint]; edit it, or remove the table and run "
                             "`kdlint init` again")
        target, text = pyproject, render(inferred, list_file, "tool.kdlint")
        existing = pyproject.read_text(encoding="utf-8")
        content = existing + ("" if existing.endswith("\n") or not existing else "\n") + "\n" + text
    else:
        target, text = dotfile, render(inferred, list_file, "")
        content = text

    parse_settings(tomllib.loads(text).get("tool", {}).get("kdlint", tomllib.loads(text)), target, str(target))
    write_new(target, content)
    summary = [f"sort = {inferred.sort}"]
    if inferred.skip_sections:
        summary.append(f"{len(inferred.skip_sections)} sections skipped")
    if inferred.code_labels:
        summary.append(f"{len(inferred.code_labels)} code labels")
    if inferred.venues:
        summary.append(f"{len(inferred.venues)} venues")
    click.echo(f"Wrote {'[tool.kdlint] to ' if target == pyproject else ''}{target}: {'; '.join(summary)}.", err=True)
