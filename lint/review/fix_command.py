"""`/kdlint fix`: commit a pull request's safe fixes to its branch through the API, then review the new head.

Someone with write access to the base repository (GitHub's permission
"admin" or "write"; the "maintain" role reads as "write") comments
`/kdlint fix` (the whole first line of the comment; run by the event, the
comment and its author are read from it); anyone else's command is answered
with one line and changes nothing. A fork's pull request is changed only when its author allows edits
by maintainers (`maintainer_can_modify`). The changed Markdown files are read
as in `kdlint.review.remote` (blobs at the head commit, the base commit's
configuration), fixed with the safe fixes only, and written as ONE commit on
the head branch through the Git Data API: blobs, a tree on the head commit's
tree (each file keeps its mode; a symbolic link is left alone), a commit
whose parent is the head commit, and a ref update without force (a branch
that moved on, found before writing or answered 422, gets nothing). The
comment names the commit; the review of the new head follows.
Text from the pull request appears only in code spans; the token is never
printed.
"""

from __future__ import annotations

import base64
import functools
import re
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..fixer import ContentLossError, fix_source
from ..source import InputError
from .api import ATTEMPTS, PostError, client, describe_error, rate_limited, raw, status_of
from .markdown import code_span
from .payload import ReviewPayload
from .post import Outcome, Poster, event_comment, review_pull_request
from .remote import PullRequest, Superseded, changed_files, describe, verify

WRITERS = frozenset({"admin", "maintain", "write"})
COMMAND = "/kdlint fix"  # the whole first line of the comment
LOGIN = re.compile(r"\A[A-Za-z0-9][A-Za-z0-9-]{0,38}(?:\[bot\])?\Z")  # a GitHub login, an app's with [bot]


REGULAR = frozenset({"100644", "100755"})  # the tree modes of a file (plain, executable); 120000 is a link


@dataclass
class FixedFile:
    path: str
    content: bytes  # the fixed text, as `kdlint fix` writes it
    codes: Counter[str]
    mode: str  # kept as the head tree has it


@dataclass
class FixedFiles:
    files: list[FixedFile] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)  # files left as they are: fixing them would lose content
    links: list[str] = field(default_factory=list)  # symbolic links: their blob is a path, not the list

    @property
    def codes(self) -> Counter[str]:
        total: Counter[str] = Counter()
        for item in self.files:
            total.update(item.codes)
        return total


def plural(count: int, word: str, words: str) -> str:
    return f"{count} {word if count == 1 else words}"


def commit_message(codes: Counter[str], commenter: str) -> str:
    """'kdlint fix: 3 safe fixes (KD108 x2, KD502 x1)', and who asked for it."""
    counted = ", ".join(f"{code} x{n}" for code, n in sorted(codes.items()))
    return (f"kdlint fix: {plural(sum(codes.values()), 'safe fix', 'safe fixes')} ({counted})\n\n"
            f"Requested with /kdlint fix by {commenter}.\n")


def asked_by(commenter: str) -> bool:
    """Whether the comment of the triggering issue_comment event is `/kdlint fix` (its first line, exactly)
    by `commenter`; True outside such an event. An InputError when the comment is somebody else's."""
    comment = event_comment()
    if comment is None:
        return True
    body, author = comment
    if author.casefold() != commenter.casefold():
        raise InputError(f"--commenter {commenter} did not write the comment of the event (its author is "
                         f"{author!r})")
    lines = body.strip().splitlines()
    return bool(lines) and lines[0].strip() == COMMAND


def permission(repo: Any, login: str) -> str:
    """The commenter's permission on the base repository; someone GitHub does not know there has none."""
    from github import GithubException

    try:
        return str(repo.get_collaborator_permission(login))
    except GithubException as exc:
        if status_of(exc) == 404:
            return "none"
        raise


def refusal(repo: Any, pr: Any, found: PullRequest, commenter: str) -> str | None:
    """Why the command changes nothing, as one comment line; None when it may run."""
    level = permission(repo, commenter)
    if level not in WRITERS:
        return (f"`/kdlint fix` is for people with write access to this repository ({code_span(commenter)} has "
                f"{code_span(level)}), so nothing was changed; a maintainer can run it.")
    if found.head_repo is None:
        return "`/kdlint fix` cannot commit to this pull request: the repository it comes from was deleted."
    if found.head_repo.casefold() != found.base_repo.casefold() and raw(pr, "maintainer_can_modify") is not True:
        return ("`/kdlint fix` cannot commit to this pull request: it comes from a fork that does not allow edits "
                "by maintainers. Its author can tick \"Allow edits by maintainers\", or run `kdlint fix` on the "
                "branch and push.")
    return None


def fixed_files(repo: Any, pr: Any, found: PullRequest) -> FixedFiles:
    """The changed Markdown files at the head, fixed with the safe fixes under the base commit's configuration;
    only the files the fixes change."""
    result = FixedFiles()
    tree: Tree | None = None
    for changed in changed_files(repo, pr, found):
        try:
            fixed = fix_source(changed.source, changed.linter)
        except ContentLossError:
            result.refused.append(changed.name)
            continue
        content = fixed.source.to_bytes()
        if content == changed.source.to_bytes():
            continue
        tree = tree or Tree(repo, repo.get_git_commit(found.head_sha).tree.sha)
        mode = tree.mode(changed.name)
        if mode in REGULAR:
            result.files.append(FixedFile(changed.name, content, Counter(fixed.codes), mode))
        else:
            result.links.append(changed.name)
    return result


class Tree:
    """The head commit's tree, read one directory at a time as paths ask for it."""

    def __init__(self, repo: Any, sha: str) -> None:
        self.repo = repo
        self.root = sha
        self.listed: dict[str, dict[str, Any]] = {}  # directory -> name -> PyGithub's GitTreeElement

    def mode(self, path: str) -> str | None:
        """The mode of the file at `path` ("100644", "100755", "120000" for a link); None if it is no blob."""
        directory, _, name = path.rpartition("/")
        entry = self._entries(directory).get(name)
        return str(entry.mode) if entry is not None and entry.type == "blob" else None

    def _entries(self, directory: str) -> dict[str, Any]:
        if directory not in self.listed:
            sha: str | None = self.root
            if directory:
                parent, _, name = directory.rpartition("/")
                entry = self._entries(parent).get(name)
                sha = entry.sha if entry is not None and entry.type == "tree" else None
            self.listed[directory] = {} if sha is None else {e.path: e for e in self.repo.get_git_tree(sha).tree}
        return self.listed[directory]


@dataclass
class FixCommand:
    """One run of `/kdlint fix` on one pull request; `poster` carries the retrying and the dry run."""

    poster: Poster
    commenter: str
    outcome: Outcome = field(default_factory=Outcome)

    def comment(self, pr: Any, body: str) -> None:
        """One issue comment on the pull request (a line printed instead in a dry run)."""
        if self.poster.dry_run:
            self._planned(f"POST issue comment {body}")
            return
        self.poster._retrying(lambda: pr.create_issue_comment(body))
        self.outcome.messages.append(f"commented: {body}")

    def _planned(self, line: str) -> None:
        self.outcome.requests.append(line)
        self.poster.echo(line)

    def commit(self, gh: Any, pr: Any, found: PullRequest, fixed: FixedFiles) -> str | None:
        """Blobs, a tree on the head commit's tree, one commit on the head commit, and the branch moved to it
        without force. The new commit's sha; None in a dry run."""
        from github import GithubException

        branch = str((raw(pr, "head") or {}).get("ref") or "")
        message = commit_message(fixed.codes, self.commenter)
        if self.poster.dry_run:
            for item in fixed.files:
                self._planned(f"POST git blob {item.path}")
            self._planned("POST git tree")
            self._planned(f"POST git commit {message.splitlines()[0]}")
            self._planned(f"PATCH git ref heads/{branch} (force: false)")
            return None
        try:
            return self._write_commit(gh.get_repo(found.head_repo), found, branch, message, fixed)
        except GithubException as exc:
            if status_of(exc) in (403, 404) and not rate_limited(exc):
                hint = (": for a fork's pull request the action needs a github-token that may push to the fork"
                        if (found.head_repo or "").casefold() != found.base_repo.casefold() else "")
                raise PostError(f"the token may not write to {found.head_repo} ({describe_error(exc)}); nothing was "
                                f"committed{hint}") from None
            raise

    def _write_commit(self, head: Any, found: PullRequest, branch: str, message: str, fixed: FixedFiles) -> str:
        """The Git Data writes on the head repository; the new commit's sha."""
        from github import GithubException, InputGitTreeElement

        retrying = self.poster._retrying
        moved = PostError(f"the branch {branch} moved on while kdlint fixed it; nothing was committed to it "
                          "(run /kdlint fix again)")
        ref = head.get_git_ref(f"heads/{branch}")
        if retrying(lambda: ref.object.sha) != found.head_sha:  # the lazy ref, fetched
            raise moved
        base = retrying(lambda: head.get_git_commit(found.head_sha))
        elements = []
        for item in fixed.files:
            encoded = base64.b64encode(item.content).decode("ascii")
            blob = retrying(functools.partial(head.create_git_blob, encoded, "base64"))
            elements.append(InputGitTreeElement(item.path, item.mode, "blob", sha=blob.sha))
        tree = retrying(lambda: head.create_git_tree(elements, base.tree))
        commit = retrying(lambda: head.create_git_commit(message, tree, [base]))
        try:
            retrying(lambda: ref.edit(commit.sha, force=False))
        except GithubException as exc:
            if status_of(exc) == 422:  # not a fast forward: it moved on after all
                raise moved from None
            raise
        return str(commit.sha)


def fix_pull_request(repo_name: str, pr_number: int, commenter: str, token: str | None, api_url: str, *,
                     dry_run: bool = False, sleep: Callable[[float], None] = time.sleep,
                     echo: Callable[[str], None] = print) -> Outcome:
    """Run `/kdlint fix` as `commenter` asked for it on pull request `pr_number` of `repo_name`: a refusal
    comment, a 'nothing to fix' comment, or one commit of the safe fixes, a comment naming it, and the review
    of the new head."""
    from github import GithubException

    if not token and not dry_run:
        raise PostError("no token: set GITHUB_TOKEN (or use --dry-run)")
    gh = client(token, api_url)
    run = FixCommand(Poster(ReviewPayload(head_sha="0" * 40, findings=[]), repo_name, pr_number, token, api_url,
                            dry_run, sleep, echo), commenter)
    try:
        repo = gh.get_repo(repo_name)
        pr = repo.get_pull(pr_number)
        run.poster._retrying(lambda: pr.raw_data)  # the lazy pull request, fetched
        found = describe(pr)
        verify(found, repo_name, None, None)
        reason = run.poster._retrying(lambda: refusal(repo, pr, found, commenter))
        if reason is not None:
            run.comment(pr, reason)
            return run.outcome
        fixed = run.poster._retrying(lambda: fixed_files(repo, pr, found))
        if not fixed.files:
            run.comment(pr, "**kdlint**: nothing to fix: the changed Markdown files have no safe fixes"
                            f"{_refused_note(fixed)}.")
            return run.outcome
        sha = run.commit(gh, pr, found, fixed)
        if sha is None:
            return run.outcome
        count = sum(fixed.codes.values())
        run.comment(pr, f"**kdlint** committed {plural(count, 'safe fix', 'safe fixes')} "
                        f"({', '.join(sorted(fixed.codes))}) as {sha}{_refused_note(fixed)}; the review of the new "
                        "head follows.")
    except GithubException as exc:
        raise PostError(f"GitHub API error {describe_error(exc)}") from None
    return _review_new_head(run, sha, repo_name, pr_number, token, api_url)


def _refused_note(fixed: FixedFiles) -> str:
    notes = []
    for names, one, many in ((fixed.refused, "left as it is: its fixes would lose content",
                              "left as they are: their fixes would lose content"),
                             (fixed.links, "left as it is: a symbolic link, whose target kdlint does not follow",
                              "left as they are: symbolic links, whose targets kdlint does not follow")):
        if names:
            notes.append(f"{', '.join(code_span(name) for name in names)} {one if len(names) == 1 else many}")
    return f" ({'; '.join(notes)})" if notes else ""


def _review_new_head(run: FixCommand, sha: str, repo_name: str, pr_number: int, token: str | None,
                     api_url: str) -> Outcome:
    """Review the pull request at the new commit; GitHub may take a moment to show the new head."""
    poster = run.poster
    attempt = 0
    while True:
        try:
            review = review_pull_request(repo_name, pr_number, token, api_url, head_sha=sha, sleep=poster.sleep,
                                         echo=poster.echo)
        except Superseded as exc:
            attempt += 1
            if attempt == ATTEMPTS:
                run.outcome.messages.append(f"the new head was not reviewed: {exc}")
                return run.outcome
            poster.sleep(2.0 ** attempt)
            continue
        review.messages[:0] = run.outcome.messages
        return review

