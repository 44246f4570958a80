"""The command line: the `kdlint` group, its commands, and one place that turns failures into exit codes.

Exit codes: 0 clean; 1 findings (for `fix`: findings left, or with `--diff`
changes to make); 2 usage or input error, one line on stderr, no traceback.

Each command lives in a module of this package, imported only when that
command runs: `kdlint --version` and `kdlint --help` import neither the engine
nor mistletoe (whose import alone is most of a small check's time).
"""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Sequence

import click

from .. import __version__
from ..source import InputError

# name -> (module of this package that defines it, the line `kdlint --help` shows)
COMMANDS: dict[str, tuple[str, str]] = {
    "check": ("check", "Report findings in Markdown lists of papers."),
    "fix": ("fix", "Apply fixes in place, or print them as a diff."),
    "init": ("init", "Write a configuration inferred from a list."),
    "convert": ("convert", "Write a list's entries in the canonical style."),
    "merge": ("convert", "Merge lists section by section, one entry per paper."),
    "export": ("export", "Write a list's entries as JSON, CSV or BibTeX."),
    "add": ("add", "Add a paper by its arXiv id, DOI or OpenReview id, in the section's own style."),
    "verify": ("verify", "Compare entries with arXiv, DBLP, Semantic Scholar, Crossref, OpenReview."),
    "review": ("review", "Review a GitHub pull request with suggested fixes."),
    "rules": ("catalogue", "List every rule."),
    "rule": ("catalogue", "Print the documentation of one rule."),
    "venues": ("catalogue", "Print the venue vocabulary."),
    "clean": ("clean", "Remove the result cache."),
    "server": ("server", "Run the language server (LSP over stdio) for editors."),
    "completion": ("completion", "Print the shell completion script (bash, zsh, fish)."),
}


def note(message: str) -> None:
    """One line on stderr; a control character in it (a file's name, a title, a service's answer may hold one)
    is shown escaped, so nothing a list or a service wrote reaches the terminal raw."""
    from ..report.escape import escape  # here: `kdlint --version` imports nothing of the report

    click.echo(escape(message), err=True)


def error(message: str) -> None:
    note(f"kdlint: error: {message}")


def warning(message: str) -> None:
    note(f"kdlint: warning: {message}")


class LazyGroup(click.Group):
    """A group whose commands are imported when they run; its help lists them from `COMMANDS`."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        """Bare `kdlint`: the help on stderr and exit 2, as bare `ruff` does (not a one-line error)."""
        if not args and not ctx.resilient_parsing:
            click.echo(ctx.get_help(), err=True)
            ctx.exit(2)
        return super().parse_args(ctx, args)

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in COMMANDS:
            return None
        module, short_help = COMMANDS[cmd_name]
        command = getattr(importlib.import_module(f"{__name__}.{module}"), cmd_name.replace("-", "_"))
        assert isinstance(command, click.Command)
        command.short_help = short_help
        return command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        with formatter.section("Commands"):
            formatter.write_dl([(name, short_help) for name, (_, short_help) in COMMANDS.items()])


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, "--version", prog_name="kdlint")
def cli() -> None:
    """kdlint: lint and fix curated Markdown lists of research papers."""


def _quiet_stdout() -> None:
    """After a closed pipe, point standard output at /dev/null so that Python's exit does not complain."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point: runs the command and turns every failure into one line and an exit code."""
    if sys.stdout is None or sys.stderr is None:  # started with a closed standard output or error
        if sys.stderr is not None:
            error("standard output is closed")
        code = 2
    else:
        code = _main(argv)
    if argv is None:
        sys.exit(code)
    return code


def _main(argv: Sequence[str] | None) -> int:
    code = _run(argv)
    try:
        sys.stdout.flush()  # a full disk or a closed pipe surfaces here, not in Python's exit
    except BrokenPipeError:
        _quiet_stdout()
        return code or 1
    except OSError as exc:
        _quiet_stdout()
        error(f"cannot write the output ({exc.strerror or exc})")
        return 2
    return code


def _run(argv: Sequence[str] | None) -> int:
    try:
        code = cli.main(args=list(argv) if argv is not None else None, prog_name="kdlint", standalone_mode=False)
    except click.exceptions.Exit as exc:
        code = exc.exit_code
    except click.ClickException as exc:
        error(exc.format_message().replace("\n", " "))
        code = 2
    except InputError as exc:
        error(str(exc))
        code = 2
    except click.Abort:
        error("interrupted")
        code = 130
    except BrokenPipeError:
        _quiet_stdout()
        code = 1
    except OSError as exc:  # the environment, not kdlint: a full disk, a device that refuses a write
        _quiet_stdout()
        error(f"{exc.filename}: {exc.strerror or exc}" if exc.filename
              else f"cannot write the output ({exc.strerror or exc})")
        code = 2
    except Exception as exc:  # a bug in kdlint: one line unless asked for the traceback
        if os.environ.get("KDLINT_DEBUG"):
            raise
        error(f"internal error: {type(exc).__name__}: {exc} (set KDLINT_DEBUG=1 for the traceback)")
        code = 2
    return code if isinstance(code, int) else 0
