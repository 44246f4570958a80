"""One tracking issue that `kdlint verify --track-issue` keeps up to date: opened when the services find
something, edited while they do, closed when the list is clean.

The issue is found again by a marker in its body (`MARKER`), among the open
issues of the repository (pull requests left out), so its title can be
edited freely. Everything in the body that came from the list or from a
metadata service (titles, messages, paths) is escaped (`markdown.markdown`):
a title cannot mention anyone, link anywhere or inject HTML. The token is
only ever handed to PyGithub, never printed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..report import FileResult
from .api import PostError, client, describe_error, raw
from .markdown import code_span, markdown

MARKER = "<!-- kdlint:verify-tracking -->"
TITLE = "kdlint verify: entries to check against their papers' metadata"
MOST_LISTED = 500  # findings listed in the body; GitHub takes at most 65,536 characters
BODY_LIMIT = 60_000


@dataclass(frozen=True)
class Tracked:
    """What was done to the tracking issue: `opened`, `updated`, `closed`, or `unchanged` (nothing to
    track, none open, or the same body), and its number when there is one."""

    action: str
    number: int | None = None

    def __str__(self) -> str:
        where = f" #{self.number}" if self.number is not None else ""
        return f"tracking issue{where}: {self.action}"


def body(results: Sequence[FileResult], summary: str) -> str | None:
    """The issue's body, or None when there is nothing to report."""
    found = [(r.path, d) for r in results for d in r.diagnostics]
    if not found:
        return None
    lines = [MARKER, "`kdlint verify` compared the list's entries with arXiv, DBLP, Semantic Scholar, Crossref and "
             "OpenReview, and found:", ""]
    for path, d in found[:MOST_LISTED]:
        lines.append(f"- {code_span(f'{path}:{d.span.line}')} **{d.code}** {markdown(d.message)}")
    if len(found) > MOST_LISTED:
        lines.append(f"- ... and {len(found) - MOST_LISTED} more: run `kdlint verify` to see them all.")
    lines += ["", markdown(summary), "",
              "This issue is edited by each scheduled run and closed when nothing is left to check."]
    text = "\n".join(lines) + "\n"
    while len(text) > BODY_LIMIT:  # cut whole lines
        text = text[: text.rindex("\n- ", 0, BODY_LIMIT)] + "\n- ... (cut: run `kdlint verify`)\n"
    return text


def _open_tracking_issue(repo: Any) -> Any | None:
    for issue in repo.get_issues(state="open"):
        if raw(issue, "pull_request") is None and MARKER in (raw(issue, "body") or ""):
            return issue
    return None


def track(repo_name: str, text: str | None, token: str | None, api_url: str, complete: bool = True) -> Tracked:
    """Open, edit or close the tracking issue of `repo_name` so that it says `text` (None: nothing). An issue
    is closed only after a `complete` run: one in which no entry went unverified (a service down is not a
    clean list)."""
    from github import GithubException

    if not token:
        raise PostError("no token: set GITHUB_TOKEN (the tracking issue needs issues: write)")
    try:
        repo = client(token, api_url).get_repo(repo_name)
        issue = _open_tracking_issue(repo)
        if text is None:
            if issue is None or not complete:
                return Tracked("unchanged", None if issue is None else issue.number)
            issue.create_comment("`kdlint verify` finds nothing left to check: closing.")
            issue.edit(state="closed", state_reason="completed")
            return Tracked("closed", issue.number)
        if issue is None:
            created = repo.create_issue(title=TITLE, body=text)
            return Tracked("opened", created.number)
        if raw(issue, "body") == text:
            return Tracked("unchanged", issue.number)
        issue.edit(body=text)
        return Tracked("updated", issue.number)
    except GithubException as exc:
        raise PostError(f"GitHub API error {describe_error(exc)}") from None
