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
- Rate limits (429; 403 with Retry-After or no requests remaining) are waited
  out up to RATE_LIMIT_WAIT over the run; 5xx, timeouts and dropped
  connections are retried with backoff. Before a POST is retried, the reviews
  are searched for this run's marker, so a review the server created despite
  an error is never posted twice. A DELETE answered 404 is done.
- 422 (a line GitHub does not accept): the pull request's own diff is fetched
  and the comments it rejects move to the body. 403 without a rate limit (a
  token that may not write): annotations on stdout instead.
- Text from the pull request is escaped, or shown in code spans: no mentions,
  no HTML, no Markdown that could inject links or images; rule names come
  from kdlint's registry. The token is never printed.
"""
from __future__ import annotations

import json
import os
import re
import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from ..report.github import annotation
from ..source import InputError
from .payload import ReviewFinding, ReviewPayload

MAX_INLINE = 30
MAX_BODY = 65_536  # characters GitHub accepts in a review or comment body
BODY_ROOM = 60_000  # what the listed findings may take of it, leaving room for the rest
ATTEMPTS = 4
TIMEOUT = 30  # seconds for one request
RATE_LIMIT_WAIT = 300.0  # seconds a run waits, in all, for a rate limit to lift
RUN = re.compile(r"<!-- kdlint:run=[0-9a-f]{32} -->")
ACTIONS_LOGIN = "github-actions[bot]"  # who GITHUB_TOKEN writes as; `GET /user` is closed to it
FP = re.compile(r"<!-- kdlint:fp=([0-9a-f]{32}) -->")
LISTED = re.compile(r"<!-- kdlint:listed=([0-9a-f,]*) -->")
CLEAN = "<!-- kdlint:clean -->"
T = TypeVar("T")


def markdown(message: str) -> str:
    """A kdlint message as Markdown: its backticked parts as code spans (inert whatever they hold: no
    mention, link or HTML works inside one), the rest escaped."""
    parts = message.replace("\r", " ").replace("\n", " ").split("`")
    if len(parts) % 2 == 0:  # an odd backtick (from the pull request): nothing is code
        return escape(message)
    out = []
    for i, part in enumerate(parts):
        if i % 2 == 0:
            out.append(escape(part))
        elif part:
            out.append(_code_span(part))
    return "".join(out)


def _code_span(text: str) -> str:
    text = text.replace("\r", " ").replace("\n", " ")  # a line break (a file name may hold one) would end it
    ticks = "`" * (max((len(m.group()) for m in re.finditer(r"`+", text)), default=0) + 1)
    pad = " " if text.startswith(("`", " ")) or text.endswith("`") else ""
    return f"{ticks}{pad}{text}{pad}{ticks}"


def escape(text: str) -> str:
    """Text from a pull request, made inert in GitHub Markdown: literal characters, no mentions, no HTML, no
    links. GitHub links some text after rendering, where a backslash no longer counts (mentions, e-mail
    addresses, `#123` and `owner/name#123` references) and autolinks `www.` and `scheme://` even with an
    escaped dot (cmark-gfm issue 388): a zero-width space after `@` and `#`, before `://` and in `www.` breaks
    each of them and shows nothing."""
    text = text.replace("\r", " ").replace("\n", " ")
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = re.sub(r"([\\`*_{}\[\]()#+\-!|~])", r"\\\1", text)
    text = text.replace("@", "@\u200b").replace("#", "#\u200b").replace("://", "\u200b://")
    return re.sub(r"(?i)\bwww\.", lambda m: m.group()[:3] + "\u200b.", text)


def fence(content: str, info: str) -> str:
    """A fenced block longer than any backtick run inside it."""
    longest = max((len(m.group()) for m in re.finditer(r"`+", content)), default=0)
    ticks = "`" * max(3, longest + 1)
    return f"{ticks}{info}\n{content}\n{ticks}"


def docs_link(code: str, name: str) -> str:
    """The rule's documentation: its module in the action's repository, when kdlint runs as an action."""
    repository = os.environ.get("GITHUB_ACTION_REPOSITORY")
    if not repository or not re.fullmatch(r"[\w.-]+/[\w.-]+", repository):
        return f"`kdlint rule {code}` explains it."
    server = os.environ.get("GITHUB_SERVER_URL", "https://github.com")
    ref = os.environ.get("GITHUB_ACTION_REF") or "main"
    if not re.fullmatch(r"[\w./-]+", ref):
        ref = "main"
    module = f"kd{code[2:]}_{name.replace('-', '_')}.py"
    return f"[{code} documentation]({server}/{repository}/blob/{ref}/lint/rules/{module})"


def rule_name(code: str) -> str:
    """A rule's name from kdlint's own registry, never from the payload."""
    from ..rules import BY_CODE

    rule = BY_CODE.get(code)
    return rule.name if rule is not None else "unknown-rule"


def listed_line(f: ReviewFinding) -> str:
    """A finding as one item of a Markdown list: where, which rule, what."""
    return f"- {_code_span(f'{f.path}:{f.start_line}')} **{f.code}** ({rule_name(f.code)}): {markdown(f.message)}"


def comment_body(f: ReviewFinding) -> str:
    name = rule_name(f.code)
    parts = [f"**{f.code}** ({name}): {markdown(f.message)}"]
    if f.suggestion is not None:
        parts.append(fence(f.suggestion, "suggestion"))
        also = [code for code in f.also_fixes if re.fullmatch(r"KD\d{3}", code)]
        if also:
            named = ", ".join(f"**{code}** ({rule_name(code)})" for code in also)
            parts.append(f"The suggestion also fixes {named} on these lines.")
    parts.append(docs_link(f.code, name))
    parts.append(f"<!-- kdlint:fp={f.fingerprint} -->")
    return "\n\n".join(parts)


def inline_comment(f: ReviewFinding) -> dict[str, Any]:
    comment: dict[str, Any] = {"path": f.path, "line": f.end_line, "side": "RIGHT", "body": comment_body(f)}
    if f.start_line != f.end_line:
        comment["start_line"] = f.start_line
        comment["start_side"] = "RIGHT"
    return comment


def review_body(listed: Sequence[ReviewFinding], inline: int, nonce: str) -> str:
    """The review's body: the count, the findings outside the diff (as many as fit under GitHub's limit, the
    rest counted), and the markers: which findings it lists (earlier reviews list theirs), and the run."""
    shown: list[ReviewFinding] = []
    lines = [f"**kdlint** found {inline + len(listed)} new {'finding' if inline + len(listed) == 1 else 'findings'}"
             f" in this pull request ({inline} as inline comments)."]
    if listed:
        lines.append("")
        lines.append("Outside the diff, or beyond the inline comments:")
        lines.append("")
        used = 0
        for f in listed:
            line = listed_line(f)
            if used + len(line) + 34 > BODY_ROOM:  # the line and its fingerprint in the marker
                lines.append(f"- ... and {len(listed) - len(shown)} more (the job summary lists every finding)")
                break
            lines.append(line)
            shown.append(f)
            used += len(line) + 34
    lines.append("")
    lines.append("Run `kdlint fix` on your branch to apply the safe fixes.")
    fingerprints = ",".join(sorted({f.fingerprint for f in shown}))
    lines.append(f"<!-- kdlint:listed={fingerprints} -->")
    lines.append(f"<!-- kdlint:run={nonce} -->")
    return "\n".join(lines)


def diff_lines(patch: str | None) -> set[int]:
    """New-side lines of a GitHub file patch where a review comment is accepted."""
    from ..gitdiff import parse_hunks

    return parse_hunks(patch or "")[1] if patch else set()


class PostError(Exception):
    """Posting failed in a way the user must hear about; the message is one line."""


@dataclass
class Outcome:
    messages: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)  # dry run: the writes that would be sent
    findings: int = 0  # findings on the pull request's changed lines, posted before or now


def raw(obj: Any, key: str) -> Any:
    """A field as the API sent it: PyGithub would fetch the object again for a field the list left out."""
    return (getattr(obj, "_rawData", None) or {}).get(key)


def _status(exc: Exception) -> int | None:
    return getattr(exc, "status", None)


def _retry_after(exc: Exception) -> float | None:
    headers = getattr(exc, "headers", None) or {}
    value = next((v for k, v in headers.items() if k.lower() == "retry-after"), None)
    try:
        return float(value) if value is not None else None
    except ValueError:
        return None


def _header(exc: Exception, name: str) -> str | None:
    headers = getattr(exc, "headers", None) or {}
    return next((str(v) for k, v in headers.items() if k.lower() == name), None)


def rate_limited(exc: Exception) -> bool:
    """429, or a 403 that says it is a rate limit (primary: no requests remaining; secondary: Retry-After)."""
    status = _status(exc)
    return status == 429 or (status == 403 and (_header(exc, "retry-after") is not None
                                                or _header(exc, "x-ratelimit-remaining") == "0"))


def transient(exc: Exception) -> bool:
    """A server error, a timeout or a dropped connection: worth another try."""
    import requests

    status = _status(exc)
    return (status is not None and status >= 500) or isinstance(exc, (requests.Timeout, requests.ConnectionError))


def delay(exc: Exception, attempt: int, now: Callable[[], float] = time.time) -> float | None:
    """How long to wait before trying again after `exc`; None when trying again cannot help."""
    if rate_limited(exc):
        after = _retry_after(exc)
        if after is not None:
            return max(after, 1.0)
        reset = _header(exc, "x-ratelimit-reset")
        if reset is not None and reset.isdigit():
            return max(float(reset) - now(), 1.0)
        return 60.0  # GitHub: wait at least a minute when a secondary limit gives no time
    if transient(exc):
        return min(_retry_after(exc) or 2.0 ** attempt, 60.0)
    return None


def _describe(exc: Exception) -> str:
    data = getattr(exc, "data", None)
    message = data.get("message") if isinstance(data, dict) else None
    return f"{_status(exc) or type(exc).__name__}: {message or 'request failed'}"


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
                                f"({_describe(exc)}); no review was posted") from None
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
            if _status(exc) == 403:
                return self._fallback(outcome, f"the token may not read this pull request ({_describe(exc)})")
            raise PostError(f"GitHub API error {_describe(exc)}") from None
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
                status = _status(exc) or 0
                if status == 422 and comments and rejected < 2:
                    rejected += 1
                    body, comments = self._without_rejected(pr, body, comments, listed)
                    continue
                if status == 403 and not rate_limited(exc):
                    raise _Handled(self._fallback(outcome, f"the token may not write reviews ({_describe(exc)})")) \
                        from None
                if delay(exc, attempt) is not None and self._already_posted(pr):
                    return  # the server made the review despite the error
                if not self._wait(exc, attempt):
                    if isinstance(exc, GithubException):
                        raise PostError(f"GitHub API error {_describe(exc)}") from None
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
        outcome.messages.append(f"could not post a review: {reason}; wrote {len(self.payload.findings)} annotations"
                                " instead")
        return outcome


def _deleting(comment: Any) -> Callable[[], None]:
    """Delete `comment`; one already gone (404) is deleted."""

    def delete() -> None:
        from github import GithubException

        try:
            comment.delete()
        except GithubException as exc:
            if _status(exc) != 404:
                raise

    return delete


class _Handled(Exception):
    """A failure already reported through the fallback, which made this outcome."""

    def __init__(self, outcome: Outcome) -> None:
        super().__init__("handled")
        self.outcome = outcome


def client(token: str | None, api_url: str) -> Any:
    from github import Auth, Github

    return Github(auth=Auth.Token(token) if token else None, base_url=api_url.rstrip("/"), retry=None, timeout=TIMEOUT,
                  seconds_between_requests=None, seconds_between_writes=None, lazy=True)


def own_login(gh: Any, token: str | None) -> str:
    """The login the token writes as: `GET /user` for a personal or app user token, else GitHub Actions' bot."""
    from github import GithubException

    if not token:
        return ACTIONS_LOGIN
    try:
        return str(gh.get_user().login)
    except GithubException:
        return ACTIONS_LOGIN


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
        raise PostError(f"GitHub API error {_describe(exc)}") from None
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
