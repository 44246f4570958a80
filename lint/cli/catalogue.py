"""`kdlint rules`, `kdlint rule CODE` and `kdlint venues`: what kdlint knows."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path

import click

from ..config_files import ConfigFinder
from ..engine import Linter
from ..rules import BY_CODE, RULES, documentation, find
from ..venue_table import Venue


@click.command("rules")
@click.option("--output-format", type=click.Choice(("text", "json")), default="text", show_default=True)
def rules(output_format: str) -> None:
    """List every rule: code, name, whether it can fix, what it checks."""
    if output_format == "json":

        click.echo(json.dumps([{"code": r.code, "name": r.name, "fix": r.fixable.value, "summary": r.summary,
                                "severity": r.severity.value} for r in RULES], indent=2))
        return
    click.echo(f"{'code':<7} {'name':<22} {'fix':<10} summary")
    for rule in RULES:
        click.echo(f"{rule.code:<7} {rule.name:<22} {rule.fixable.value:<10} {rule.summary}")


@click.command("venues")
@click.option("--output-format", type=click.Choice(("text", "json")), default="text", show_default=True)
@click.option("--config", "config", type=click.Path(dir_okay=False, path_type=Path),
              help="Include the venues of this configuration file.")
def venues(output_format: str, config: Path | None) -> None:
    """Print the venue vocabulary: canonical name, kind, rhythm, first year, other spellings."""
    settings = ConfigFinder(config).settings_for(None)
    vocabulary = Linter.for_file(settings).vocabulary
    table = vocabulary.venues.venues
    if output_format == "json":

        rows = [Venue.model_validate(asdict(venue)).model_dump(exclude_defaults=True) for venue in table]
        click.echo(json.dumps(rows, indent=2))
        return
    click.echo(f"{'venue':<34} {'kind':<11} {'held':<20} {'since':<6} other spellings")
    for venue in table:
        held: str = venue.periodicity or "-"
        if venue.periodicity_since and venue.earlier_periodicity:
            held += f" (from {venue.periodicity_since})"
        spellings = [*venue.aliases, *(f"{r.name} (until {r.until})" for r in venue.renamed_from
                                       if r.name not in venue.aliases)]
        click.echo(f"{venue.name:<34} {venue.kind:<11} {held:<20} {venue.first_year or '-'!s:<6} "
                   f"{', '.join(spellings)}".rstrip())


@click.command("rule")
@click.argument("code")
def rule(code: str) -> None:
    """Print the documentation of one rule (by code, like KD102, or by name)."""
    found = find(code)
    if found is None:
        close = close_rules(code)
        hint = ""
        if close:
            either = close[0] if len(close) == 1 else f"{', '.join(close[:-1])} or {close[-1]}"
            hint = f"did you mean {either}? "
        raise click.BadParameter(f"unknown rule {code!r}; {hint}`kdlint rules` lists them", param_hint="CODE")
    click.echo(documentation(found))


_LOOK_ALIKES = str.maketrans({"O": "0", "o": "0", "I": "1", "i": "1", "l": "1", "L": "1"})


def close_rules(given: str) -> list[str]:
    """The codes or names `given` is likely a slip for: KD2O2 (a letter O) is KD202; then near codes and names."""
    import difflib

    text = given.strip()
    digits = text[:2].upper() + text[2:].translate(_LOOK_ALIKES) if text[:2].upper() == "KD" else text.upper()
    if digits in BY_CODE:
        return [digits]
    codes = difflib.get_close_matches(digits, list(BY_CODE), n=3, cutoff=0.75)
    names = difflib.get_close_matches(text.lower(), [r.name for r in RULES], n=2, cutoff=0.75)
    return [*codes, *names][:3]
