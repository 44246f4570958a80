"""`kdlint review --repo OWNER/NAME --pr N`: review a pull request through the API alone, as data.

Nothing of the pull request is checked out, installed or run: its changed
Markdown files are read as blobs at its head commit (`GET .../git/blobs/SHA`,
which serves a fork's commits in the base repository too), the lines it
changes come from the patches GitHub lists for it, and kdlint's
configuration comes from the base commit (`GET .../contents/PATH?ref=BASE`,
the directories of each changed file up to the root; the configuration of
the pull request itself is never read: a contributor could switch rules off).
Everything that says which pull request this is (its head commit, its head
repository, the base repository) comes from the API, and is checked against
what the triggering event says when the workflow passes it.
"""

from __future__ import annotations

import base64
import re
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from ..config_files import CONFIG_NAMES, ConfigFinder
from ..engine import Linter
from ..files import MARKDOWN_SUFFIXES
from ..gitdiff import FileChange, parse_hunks
from ..source import InputError, SourceText
from .api import raw
from .payload import ReviewFinding, ReviewPayload
from .prepare import review_findings


class Superseded(Exception):
    """The pull request's head moved on since the event: a newer run reviews it."""


@dataclass(frozen=True)
class PullRequest:
    number: int
    head_sha: str
    head_repo: str | None  # None when the fork was deleted
    base_sha: str
    base_repo: str


def describe(pr: Any) -> PullRequest:
    head, base = raw(pr, "head") or {}, raw(pr, "base") or {}
    return PullRequest(number=int(raw(pr, "number")), head_sha=str(head.get("sha", "")),
                       head_repo=(head.get("repo") or {}).get("full_name"), base_sha=str(base.get("sha", "")),
                       base_repo=str((base.get("repo") or {}).get("full_name", "")))


def verify(found: PullRequest, repo_name: str, head_sha: str | None, head_repo: str | None) -> None:
    """The pull request is the one the event named: in this repository, from that head repository, and (when
    the event's head commit is given) still at that commit."""
    if found.base_repo.casefold() != repo_name.casefold():
        raise InputError(f"pull request #{found.number} is not in {repo_name} but in {found.base_repo}")
    if head_repo is not None and (found.head_repo or "").casefold() != head_repo.casefold():
        raise InputError(f"pull request #{found.number} comes from {found.head_repo or 'a deleted repository'}, "
                         f"not from {head_repo}")
    if head_sha is not None and found.head_sha != head_sha:
        raise Superseded(f"pull request #{found.number} is now at {found.head_sha[:12]}, not at {head_sha[:12]}: "
                         "the run for the newer commit reviews it")


def _markdown(name: str) -> bool:
    return PurePosixPath(name).suffix.lower() in MARKDOWN_SUFFIXES


def _safe_relative(name: str) -> PurePosixPath:
    path = PurePosixPath(name)
    # A control character would let the name start a line of its own in the log (an Actions command).
    if path.is_absolute() or ".." in path.parts or not path.parts or re.search(r"[\x00-\x1f\x7f]", name):
        raise InputError(f"the pull request lists a file with an unusable path: {name!r}")
    return path


def _configuration(repo: Any, base_sha: str, names: list[str], into: Path) -> None:
    """Copy the base commit's configuration files of every directory above `names` into `into`."""
    from github import GithubException

    directories = {PurePosixPath(".")}
    for name in names:
        directories.update(_safe_relative(name).parents)
    for directory in sorted(directories):
        for config in CONFIG_NAMES:
            path = (directory / config).as_posix()
            try:
                found = repo.get_contents(path.removeprefix("./"), ref=base_sha)
            except GithubException as exc:
                if getattr(exc, "status", None) == 404:
                    continue
                raise
            if isinstance(found, list):
                continue  # a directory of that name
            target = into / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(found.decoded_content)


def _blob(repo: Any, sha: str, name: str, limit: int) -> SourceText:
    blob = repo.get_git_blob(sha)
    size = raw(blob, "size")
    if isinstance(size, int) and size > limit:
        raise InputError(f"{name}: more than max-file-size ({limit:,} bytes); not reviewed")
    if raw(blob, "encoding") != "base64":
        raise InputError(f"{name}: GitHub sent the file in an unexpected encoding")
    return SourceText.from_bytes(base64.b64decode(raw(blob, "content") or ""), name=name)


@dataclass(frozen=True)
class ChangedFile:
    name: str
    source: SourceText  # at the head commit
    linter: Linter  # under the base commit's configuration
    patch: str | None  # GitHub's patch; None for a very large diff


def changed_files(repo: Any, pr: Any, found: PullRequest) -> Iterator[ChangedFile]:
    """The Markdown files `pr` adds or changes, read at its head, each with the linter the base commit's
    configuration gives it."""
    files = [f for f in pr.get_files() if _markdown(str(raw(f, "filename"))) and raw(f, "status") != "removed"]
    names = [str(raw(f, "filename")) for f in files]
    relative = [_safe_relative(name) for name in names]
    with tempfile.TemporaryDirectory(prefix="kdlint-review-") as scratch:
        root = Path(scratch)
        _configuration(repo, found.base_sha, names, root)
        finder = ConfigFinder(root=root)
        for item, name, inside in zip(files, names, relative):
            path = root / inside
            settings = finder.settings_for(path)
            source = _blob(repo, str(raw(item, "sha")), name, settings.max_file_size)
            yield ChangedFile(name, source, Linter.for_file(settings, path), raw(item, "patch"))


def remote_payload(repo: Any, pr: Any, found: PullRequest) -> ReviewPayload:
    """Lint the changed Markdown files of `pr` at its head, with the base commit's configuration."""
    names: list[str] = []
    findings: list[ReviewFinding] = []
    for changed in changed_files(repo, pr, found):
        names.append(changed.name)
        if changed.patch:
            added, hunks = parse_hunks(changed.patch)
            change = FileChange(added=frozenset(added), hunks=frozenset(hunks))
        else:  # GitHub leaves the patch out of a very large diff: judge every line, comment on none
            change = FileChange(added=frozenset(range(1, changed.source.line_count + 1)))
        findings += review_findings(changed.name, changed.source, changed.linter, change)
    return ReviewPayload(head_sha=found.head_sha, base=found.base_sha, files=names, findings=findings)
