"""Posting a review (`kdlint review`): one review per run, with suggestions, never the same comment twice.

- A finding inside the pull request's diff becomes an inline comment, with a
  ```suggestion block when it has a safe fix (the fixes of one line range
  together); at most MAX_INLINE of them.
- Findings outside the diff, and those beyond MAX_INLINE, are listed in the
  review body, as many as fit under GitHub's limit; the job summary lists
  every finding.
- Every comment carries a hidden fingerprint: a re-run posts nothing it has
  posted, deletes its own outdated comments that have no replies, and says
  once that everything is fixed. Only the comments and reviews of the bot's
  own login count as its own.
- Waits and retries are `kdlint.review.api`'s (rate limits, 5xx, timeouts).
  Before a POST is retried, the reviews are searched for this run's marker,
  so a review the server created despite an error is never posted twice. A
  DELETE answered 404 is done.
- 422 (a line GitHub does not accept): the pull request's own diff is fetched
  and the comments it rejects move to the body. 403 without a rate limit (a
  token that may not write): annotations on stdout instead.
- What is posted is rendered by `kdlint.review.markdown` (escaped; rule names
  from kdlint's registry). The token is never printed.
"""
from __future__ import annotations

import json
import os
import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from ..report.github import annotation
from ..source import InputError
from ..words import plural
from .api import (
    ACTIONS_LOGIN,
    ATTEMPTS,
    RATE_LIMIT_WAIT,
    PostError,
    client,
    delay,
    describe_error,
    own_login,
    rate_limited,
    raw,
    status_of,
)
from .markdown import CLEAN, FP, LISTED, RUN, inline_comment, listed_line, review_body
from .payload import ReviewFinding, ReviewPayload

MAX_INLINE = 30
T = TypeVar("T")


def diff_lines(patch: str | None) -> set[int]:
    """New-side lines of a GitHub file patch where a review comment is accepted."""
    from ..gitdiff import parse_hunks

    return parse_hunks(patch or "")[1] if patch else set()


@dataclass
class Outcome:
    messages: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)  # dry run: the writes that would be sent
    findings: int = 0  # findings on the pull request's changed lines, posted before or now


@dataclass
class Poster:
    payload: ReviewPayload
    repo_name: str
    pr_number: int
    token: str | None
    api_url: str
    dry_run: bool = False
    sleep: Callable[[float], None] = time.sleep
    echo: Callable[[str], None] = print
    nonce: str = field(default_factory=lambda: uuid.uuid4().hex)
    repo: Any = None
    pr: Any = None
    login: str = ACTIONS_LOGIN  # whose comments and reviews are the bot's own

    waited: float = 0.0  # seconds spent waiting for rate limits

    def _wait(self, exc: Exception, attempt: int) -> bool:
        """Wait before trying again after `exc`; False when trying again cannot help (or the attempts are
        spent). A rate limit that does not lift within RATE_LIMIT_WAIT, over the whole run, ends it."""
        wait = delay(exc, attempt)
        if wait is None:
            return False
        if rate_limited(exc):
            if self.waited + wait > RATE_LIMIT_WAIT:
                raise PostError(f"GitHub's rate limit did not lift within {RATE_LIMIT_WAIT:.0f} s "
                                f"({describe_error(exc)}); no review was posted") from None
            self.waited += wait
        elif attempt + 1 >= ATTEMPTS:
            return False
        self.sleep(wait)
        return True

    def _retrying(self, call: Callable[[], T]) -> T:
        """Reads and deletes: tried again after rate limits, server errors and timeouts."""
        attempt = 0
        while True:
            try:
                return call()
            except Exception as exc:
                if not self._wait(exc, attempt):
                    raise
                attempt += 1

    def run(self) -> Outcome:
        from github import GithubException

        outcome = Outcome()
        if self.dry_run and not self.token and self.repo is None:
            return self._plan(outcome, existing=[], reviews=[], replies=set(), pr=None)
        if not self.token and not self.dry_run:
            raise PostError("no token: set GITHUB_TOKEN (or use --dry-run)")
        try:
            if self.repo is None:
                gh = client(self.token, self.api_url)
                self.repo = gh.get_repo(self.repo_name)
                self.login = own_login(gh, self.token)
            repo = self.repo
            pr = self.pr if self.pr is not None else self._retrying(lambda: self._find_pr(repo))
            existing = self._retrying(lambda: list(pr.get_review_comments()))
            reviews = self._retrying(lambda: list(pr.get_reviews()))
        except GithubException as exc:
            if status_of(exc) == 403:
                return self._fallback(outcome, f"the token may not read this pull request ({describe_error(exc)})")
            raise PostError(f"GitHub API error {describe_error(exc)}") from None
        replies = {raw(c, "in_reply_to_id") for c in existing if raw(c, "in_reply_to_id")}
        return self._plan(outcome, existing, reviews, replies, pr)

    def _find_pr(self, repo: Any) -> Any:
        pull = repo.get_pull(self.pr_number)
        if (pull.raw_data.get("head") or {}).get("sha") != self.payload.head_sha:  # raw_data fetches it
            raise PostError(f"pull request #{self.pr_number} is not at {self.payload.head_sha[:12]}; not posted")
        return pull

    def _own(self, item: Any) -> bool:
        return ((raw(item, "user") or {}).get("login") or "").casefold() == self.login.casefold()

    def _plan(self, outcome: Outcome, existing: list[Any], reviews: list[Any], replies: set[int], pr: Any) -> Outcome:
        ours = [c for c in existing if self._own(c) and FP.search(raw(c, "body") or "")]
        reviews = [r for r in reviews if self._own(r) and RUN.search(raw(r, "body") or "")]  # earlier runs
        posted = {FP.search(raw(c, "body")).group(1) for c in ours}  # type: ignore[union-attr]
        listed_before: set[str] = set()
        for review in reviews:
            m = LISTED.search(raw(review, "body") or "")
            if m:
                listed_before.update(x for x in m.group(1).split(",") if x)
        findings = self.payload.findings
        current = {f.fingerprint for f in findings}
        new_inline = [f for f in findings if f.in_diff and f.fingerprint not in posted]
        inline, overflow = new_inline[:MAX_INLINE], new_inline[MAX_INLINE:]
        listed = [f for f in findings if (not f.in_diff or f in overflow)
                  and f.fingerprint not in listed_before and f.fingerprint not in posted]
        for comment in ours:
            fingerprint = FP.search(raw(comment, "body")).group(1)  # type: ignore[union-attr]
            if fingerprint not in current and raw(comment, "id") not in replies:
                self._write(outcome, f"DELETE pull request review comment {comment.id}", _deleting(comment))
        if inline or listed:
            body = review_body(listed, len(inline), self.nonce)
            self._create(outcome, pr, body, [inline_comment(f) for f in inline], listed)
            verb = "would post" if self.dry_run else "posted"
            outcome.messages.append(f"{verb} a review: {len(inline)} inline comments, {len(listed)} in the body")
        elif not findings and (ours or reviews):
            if not reviews or CLEAN not in (raw(reviews[-1], "body") or ""):
                body = f"**kdlint**: no findings left. {CLEAN}\n<!-- kdlint:run={self.nonce} -->"
                self._create(outcome, pr, body, [], [])
                outcome.messages.append(f"{'would post' if self.dry_run else 'posted'} a review: no findings left")
            else:
                outcome.messages.append("nothing new to post")
        else:
            outcome.messages.append("nothing new to post")
        return outcome

    def _write(self, outcome: Outcome, description: str, call: Callable[[], Any]) -> None:
        if self.dry_run:
            outcome.requests.append(description)
            self.echo(description)
            return
        self._retrying(call)

    def _create(self, outcome: Outcome, pr: Any, body: str, comments: list[dict[str, Any]],
                listed: list[ReviewFinding]) -> None:
        from github import GithubException

        request = {"commit_id": self.payload.head_sha, "event": "COMMENT", "body": body, "comments": comments}
        if self.dry_run:
            line = f"POST review {json.dumps(request, ensure_ascii=False)}"
            outcome.requests.append(line)
            self.echo(line)
            return
        commit = self._retrying(lambda: self.repo.get_commit(self.payload.head_sha))
        attempt = rejected = 0
        while True:
            try:
                pr.create_review(commit=commit, body=body, event="COMMENT", comments=comments)
                return
            except Exception as exc:
                status = status_of(exc) or 0
                if status == 422 and comments and rejected < 2:
                    rejected += 1
                    body, comments = self._without_rejected(pr, body, comments, listed)
                    continue
                if status == 403 and not rate_limited(exc):
                    reason = f"the token may not write reviews ({describe_error(exc)})"
                    raise _Handled(self._fallback(outcome, reason)) from None
                if delay(exc, attempt) is not None and self._already_posted(pr):
                    return  # the server made the review despite the error
                if not self._wait(exc, attempt):
                    if isinstance(exc, GithubException):
                        raise PostError(f"GitHub API error {describe_error(exc)}") from None
                    raise PostError(f"GitHub did not answer ({type(exc).__name__}); no review was posted") from None
                attempt += 1

    def _already_posted(self, pr: Any) -> bool:
        try:
            return any(f"kdlint:run={self.nonce}" in (raw(r, "body") or "") for r in pr.get_reviews())
        except Exception:  # the check itself failed: retrying is the lesser risk
            return False

    def _without_rejected(self, pr: Any, body: str, comments: list[dict[str, Any]],
                          listed: list[ReviewFinding]) -> tuple[str, list[dict[str, Any]]]:
        """Keep the comments on lines of the pull request's own diff; list the others in the body."""
        try:
            accepted = {raw(f, "filename"): diff_lines(raw(f, "patch")) for f in pr.get_files()}
        except Exception:
            accepted = {}
        keep = [c for c in comments if c["line"] in accepted.get(c["path"], set())
                and c.get("start_line", c["line"]) in accepted.get(c["path"], set())]
        if len(keep) == len(comments):
            keep = []  # GitHub rejected them for another reason: all go to the body
        moved = [c for c in comments if c not in keep]
        by_fp = {f.fingerprint: f for f in self.payload.findings}
        extra = [by_fp[m.group(1)] for c in moved if (m := FP.search(c["body"])) and m.group(1) in by_fp]
        return review_body([*listed, *extra], len(keep), self.nonce), keep

    def _fallback(self, outcome: Outcome, reason: str) -> Outcome:
        """No review possible: annotations on stdout instead (the job summary is written in every run)."""
        for f in self.payload.findings:
            self.echo(annotation(f.severity, f"{f.code} {f.message}", file=f.path, line=f.start_line,
                                 endLine=f.end_line, title=f.code))
        outcome.messages.append(f"could not post a review: {reason}; wrote "
                                f"{plural(len(self.payload.findings), 'annotation')} instead")
        return outcome


def _deleting(comment: Any) -> Callable[[], None]:
    """Delete `comment`; one already gone (404) is deleted."""

    def delete() -> None:
        from github import GithubException

        try:
            comment.delete()
        except GithubException as exc:
            if status_of(exc) != 404:
                raise

    return delete


class _Handled(Exception):
    """A failure already reported through the fallback, which made this outcome."""

    def __init__(self, outcome: Outcome) -> None:
        super().__init__("handled")
        self.outcome = outcome


def post(payload: ReviewPayload, repo_name: str, pr_number: int, token: str | None, api_url: str,
         dry_run: bool = False, sleep: Callable[[float], None] = time.sleep,
         echo: Callable[[str], None] = print) -> Outcome:
    """Post the review `payload` describes on pull request `pr_number`, which must be at its head commit."""
    return _posting(Poster(payload, repo_name, pr_number, token, api_url, dry_run, sleep, echo))


def review_pull_request(repo_name: str, pr_number: int, token: str | None, api_url: str, *,
                        head_sha: str | None = None, head_repo: str | None = None, dry_run: bool = False,
                        sleep: Callable[[float], None] = time.sleep, echo: Callable[[str], None] = print) -> Outcome:
    """Review pull request `pr_number` of `repo_name` through the API alone (`kdlint.review.remote`) and post
    the review; `head_sha` and `head_repo`, when given, are what the triggering event says."""
    from github import GithubException

    from .remote import describe, remote_payload, verify

    gh = client(token, api_url)
    # One poster for the whole run: reading the pull request and posting share its rate-limit wait.
    poster = Poster(ReviewPayload(head_sha="0" * 40, findings=[]), repo_name, pr_number, token, api_url, dry_run,
                    sleep, echo)
    try:
        repo = gh.get_repo(repo_name)
        pr = repo.get_pull(pr_number)
        poster._retrying(lambda: pr.raw_data)  # the lazy pull request, fetched
        found = describe(pr)
        verify(found, repo_name, head_sha, head_repo)
        poster.payload = poster._retrying(lambda: remote_payload(repo, pr, found))
    except GithubException as exc:
        raise PostError(f"GitHub API error {describe_error(exc)}") from None
    poster.repo, poster.pr, poster.login = repo, pr, own_login(gh, token)
    return _posting(poster)


def _posting(poster: Poster) -> Outcome:
    try:
        outcome = poster.run()
    except _Handled as handled:
        outcome = handled.outcome
    outcome.findings = len(poster.payload.findings)
    write_summary(poster.payload.findings)
    return outcome


def write_summary(findings: Sequence[ReviewFinding]) -> None:
    """Every finding in the job summary ($GITHUB_STEP_SUMMARY), when Actions gives one: the review body may
    hold only some of them."""
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if not summary:
        return
    lines = [f"### kdlint: {len(findings)} {'finding' if len(findings) == 1 else 'findings'} on the changed lines", ""]
    lines += [listed_line(f) for f in findings]
    with open(summary, "a", encoding="utf-8") as handle:
        handle.write("\n".join(lines) + "\n")


def _event() -> dict[str, Any]:
    """The triggering event of GITHUB_EVENT_PATH; empty outside Actions."""
    path = os.environ.get("GITHUB_EVENT_PATH")
    if not path:
        return {}
    try:
        event = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raise InputError(f"{path}: GITHUB_EVENT_PATH is not a readable JSON event") from None
    return event if isinstance(event, dict) else {}


def event_pr_number() -> int | None:
    """The pull request number from GITHUB_EVENT_PATH, when Actions runs on a pull_request event."""
    event = _event()
    number = (event.get("pull_request") or {}).get("number") or event.get("number")
    return int(number) if isinstance(number, int) else None


def event_comment() -> tuple[str, str] | None:
    """The body and the author's login of the comment of an issue_comment event (GITHUB_EVENT_PATH)."""
    comment = _event().get("comment")
    if not isinstance(comment, dict):
        return None
    return str(comment.get("body") or ""), str((comment.get("user") or {}).get("login") or "")
