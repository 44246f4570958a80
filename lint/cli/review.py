"""`kdlint review`: review a pull request through the API and post the review, or prepare a payload locally."""

from __future__ import annotations

import os
import re
from pathlib import Path

import click

from ..report.escape import escape
from ..source import InputError
from ..words import plural
from . import note

REPOSITORY = re.compile(r"\A[\w.-]+/[\w.-]+\Z")


def _repository(value: str | None, option: str) -> str | None:
    if value is not None and not REPOSITORY.fullmatch(value):
        raise InputError(f"{option} {value!r} is not OWNER/NAME")
    return value


@click.command("review")
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--repo", "repo_name", metavar="OWNER/NAME", help="The base repository (default: $GITHUB_REPOSITORY).")
@click.option("--pr", "pr_number", type=click.IntRange(min=1),
              help="The pull request (default: the one of $GITHUB_EVENT_PATH).")
@click.option("--head-sha", "head_sha", metavar="SHA",
              help="The head commit the triggering event names; a pull request that moved on is not reviewed.")
@click.option("--head-repo", "head_repo", metavar="OWNER/NAME",
              help="The head repository the triggering event names; another one is an error.")
@click.option("--dry-run", is_flag=True, help="Print the requests that would change anything; send none of them.")
@click.option("--exit-zero", is_flag=True,
              help="Exit 0 even when the changed lines have findings (errors still exit 2).")
@click.option("--fix-command", "fix_command", is_flag=True,
              help="Answer a `/kdlint fix` comment: commit the safe fixes to the pull request's branch (when "
                   "--commenter may write to the repository), then review the new head.")
@click.option("--commenter", "commenter", metavar="LOGIN", help="With --fix-command: who wrote the comment.")
@click.option("--prepare", "prepare_to", type=click.Path(dir_okay=False, path_type=Path), metavar="OUT.json",
              help="Instead: lint the changed Markdown of the checked-out head and write the review payload.")
@click.option("--diff-base", "diff_base", metavar="REF",
              help="With --prepare: the revision the pull request is compared with (default: origin/$GITHUB_BASE_REF).")
@click.option("--config", "config", type=click.Path(dir_okay=False, path_type=Path),
              help="With --prepare: use this configuration file for every file.")
def review(paths: tuple[str, ...], repo_name: str | None, pr_number: int | None, head_sha: str | None,
           head_repo: str | None, dry_run: bool, exit_zero: bool, fix_command: bool, commenter: str | None,
           prepare_to: Path | None, diff_base: str | None, config: Path | None) -> None:
    """Review a pull request: read it through the GitHub API as data (no checkout), lint its changed Markdown
    with the base branch's configuration, and post one review (GITHUB_TOKEN). With --prepare, write the
    review payload of a local checkout instead. Exits 1 when the changed lines have findings. With
    --fix-command --commenter LOGIN, answer LOGIN's `/kdlint fix` comment instead (exit 0 unless it fails)."""
    if prepare_to is not None:
        _prepare(paths, prepare_to, diff_base, config)
        return
    if paths or diff_base or config:
        raise InputError("files, --diff-base and --config go with --prepare; a review reads the pull request "
                         "and the base branch's configuration through the API")
    from ..review.api import PostError
    from ..review.post import event_pr_number, review_pull_request
    from ..review.remote import Superseded

    repository = _repository(repo_name or os.environ.get("GITHUB_REPOSITORY"), "--repo")
    if repository is None:
        raise InputError("no repository: give --repo OWNER/NAME (or set GITHUB_REPOSITORY)")
    number = pr_number or event_pr_number()
    if number is None:
        raise InputError("no pull request: give --pr N (or run on a pull_request_target event)")
    if head_sha is not None and not re.fullmatch(r"[0-9a-f]{40}", head_sha):
        raise InputError(f"--head-sha {head_sha!r} is not a commit id")
    if fix_command or commenter is not None:
        _fix(repository, number, commenter, fix_command, dry_run)
        return
    try:
        outcome = review_pull_request(repository, number, os.environ.get("GITHUB_TOKEN") or None,
                                      os.environ.get("GITHUB_API_URL") or "https://api.github.com",
                                      head_sha=head_sha, head_repo=_repository(head_repo, "--head-repo"),
                                      dry_run=dry_run, echo=lambda line: click.echo(escape(line)))
    except Superseded as exc:
        note(f"kdlint review: not reviewed: {exc}")
        return
    except PostError as exc:
        raise InputError(str(exc)) from None
    for message in outcome.messages:
        note(f"kdlint review: {message}")
    if outcome.findings and not exit_zero:
        click.get_current_context().exit(1)


def _fix(repository: str, number: int, commenter: str | None, fix_command: bool, dry_run: bool) -> None:
    """`--fix-command`: answer `commenter`'s `/kdlint fix` on pull request `number`."""
    from ..review.api import PostError
    from ..review.fix_command import COMMAND, LOGIN, asked_by, fix_pull_request

    if not fix_command:
        raise InputError("--commenter goes with --fix-command")
    if commenter is None:
        raise InputError("--fix-command needs --commenter LOGIN: who wrote the comment")
    if not LOGIN.fullmatch(commenter):
        raise InputError(f"--commenter {commenter!r} is not a GitHub login")
    if not asked_by(commenter):
        click.echo(f"kdlint review: the comment is not {COMMAND} (its first line must be exactly that); "
                   "nothing to do", err=True)
        return
    try:
        outcome = fix_pull_request(repository, number, commenter, os.environ.get("GITHUB_TOKEN") or None,
                                   os.environ.get("GITHUB_API_URL") or "https://api.github.com", dry_run=dry_run,
                                   echo=lambda line: click.echo(escape(line)))
    except PostError as exc:
        raise InputError(str(exc)) from None
    for message in outcome.messages:
        note(f"kdlint review: {message}")


def _prepare(paths: tuple[str, ...], target: Path, diff_base: str | None, config: Path | None) -> None:
    from ..review import payload as review_payload
    from ..review.prepare import prepare

    base = diff_base or (f"origin/{os.environ['GITHUB_BASE_REF']}" if os.environ.get("GITHUB_BASE_REF") else None)
    if base is None:
        raise InputError("no base revision: give --diff-base REF (or run in a pull_request workflow)")
    data = prepare(base, paths, config)
    review_payload.write(data, target)
    click.echo(f"Wrote {plural(len(data.findings), 'finding')} on {plural(len(data.files), 'file')} to {target}.",
               err=True)
