"""`kdlint completion SHELL`: click's shell completion script for kdlint.

The script calls kdlint back with `_KDLINT_COMPLETE` set (click's mechanism:
`_{PROG}_COMPLETE`), and click answers with the commands, options and choices
that fit the word being completed.
"""

from __future__ import annotations

import click

SHELLS = ("bash", "zsh", "fish")
COMPLETE_VAR = "_KDLINT_COMPLETE"  # what click's `BaseCommand.main` reads for the program name kdlint


def script(shell: str) -> str:
    """The completion script click generates for `kdlint` in `shell`."""
    from click.shell_completion import get_completion_class

    from . import cli

    complete = get_completion_class(shell)
    assert complete is not None  # one of SHELLS: click registers all three
    return complete(cli, {}, "kdlint", COMPLETE_VAR).source()


@click.command("completion")
@click.argument("shell", type=click.Choice(SHELLS))
def completion(shell: str) -> None:
    """Print the completion script for SHELL (bash, zsh or fish).

    \b
    bash:  eval "$(kdlint completion bash)"   in ~/.bashrc
    zsh:   eval "$(kdlint completion zsh)"    in ~/.zshrc
    fish:  kdlint completion fish > ~/.config/fish/completions/kdlint.fish
    """
    text = script(shell)
    click.echo(text, nl=not text.endswith("\n"))
