"""`kdlint review`: prepare a pull-request review payload, and post it."""

from __future__ import annotations

import os
import re
from pathlib import Path

import click

from ..review import payload as review_payload
from ..review.post import PostError, event_pr_number, post
from ..review.prepare import prepare
from ..source import InputError


@click.command("review")
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--prepare", "prepare_to", type=click.Path(dir_okay=False, path_type=Path), metavar="OUT.json",
              help="Lint the changed Markdown files of the checked-out head and write the review payload.")
@click.option("--post", "post_from", type=click.Path(dir_okay=False, path_type=Path), metavar="IN.json",
              help="Post the review a payload describes.")
@click.option("--diff-base", "diff_base", metavar="REF",
              help="The revision the pull request is compared with (default: origin/$GITHUB_BASE_REF).")
@click.option("--repo", "repo_name", metavar="OWNER/NAME", help="Default: $GITHUB_REPOSITORY.")
@click.option("--pr", "pr_number", type=click.IntRange(min=1), help="Default: the pull request of $GITHUB_EVENT_PATH.")
@click.option("--head-sha", "head_sha", metavar="SHA", help="Find the pull request by its head commit instead.")
@click.option("--config", "config", type=click.Path(dir_okay=False, path_type=Path),
              help="Use this configuration file for every file.")
@click.option("--dry-run", is_flag=True, help="Print the requests that would change anything; send none of them.")
def review(paths: tuple[str, ...], prepare_to: Path | None, post_from: Path | None, diff_base: str | None,
                   repo_name: str | None, pr_number: int | None, head_sha: str | None, config: Path | None,
                   dry_run: bool) -> None:
    """Review a pull request: --prepare a payload (read-only), --post it (needs GITHUB_TOKEN), or both."""

    if prepare_to is None and post_from is not None and paths:
        raise InputError("--post reads a payload; it takes no files")
    if post_from is not None:
        data = review_payload.load(post_from)
    else:
        base = diff_base or (f"origin/{os.environ['GITHUB_BASE_REF']}" if os.environ.get("GITHUB_BASE_REF") else None)
        if base is None:
            raise InputError("no base revision: give --diff-base REF (or run in a pull_request workflow)")
        data = prepare(base, paths, config)
        if prepare_to is not None:
            review_payload.write(data, prepare_to)
            click.echo(f"Wrote {len(data.findings)} findings on {len(data.files)} files to {prepare_to}.", err=True)
            return
    repository = repo_name or os.environ.get("GITHUB_REPOSITORY")
    if not repository or not re.fullmatch(r"[\w.-]+/[\w.-]+", repository):
        raise InputError("no repository: give --repo OWNER/NAME (or set GITHUB_REPOSITORY)")
    number = pr_number
    if number is None and head_sha is None:
        number = event_pr_number()
    if head_sha is not None and head_sha != data.head_sha:
        raise InputError(f"--head-sha {head_sha} is not the payload's head ({data.head_sha})")
    if number is None and head_sha is None:
        head_sha = data.head_sha
    try:
        outcome = post(data, repository, number, os.environ.get("GITHUB_TOKEN") or None,
                       os.environ.get("GITHUB_API_URL") or "https://api.github.com", dry_run,
                       echo=lambda line: click.echo(line))
    except PostError as exc:
        raise InputError(str(exc)) from None
    for message in outcome.messages:
        click.echo(f"kdlint review: {message}", err=True)
