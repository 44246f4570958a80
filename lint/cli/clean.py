"""`kdlint clean`: remove the result cache."""

from __future__ import annotations

import shutil
from pathlib import Path

import click

from .. import cache
from ..config_files import ConfigFinder
from ..source import InputError


@click.command()
@click.option("--config", "config", type=click.Path(dir_okay=False, path_type=Path),
              help="Also remove the cache-dir this configuration file names.")
def clean(config: Path | None) -> None:
    """Remove the result cache: .kdlint_cache here, the configured cache-dir and $KDLINT_CACHE_DIR."""
    settings = ConfigFinder(config, False).settings_for(Path.cwd() / "-")
    found = {Path(cache.DEFAULT_DIR).resolve(), cache.directory(settings).resolve()}
    removed = 0
    for folder in sorted(found):
        if not folder.is_dir():
            continue
        if not (folder / "CACHEDIR.TAG").is_file():
            raise InputError(f"{folder}: not removed: it has no CACHEDIR.TAG, so kdlint did not make it")
        shutil.rmtree(folder)
        click.echo(f"Removed {folder}", err=True)
        removed += 1
    if not removed:
        click.echo("No cache to remove.", err=True)
