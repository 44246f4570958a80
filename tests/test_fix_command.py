"""`/kdlint fix` (`kdlint review --fix-command`): the safe fixes as one commit through the (fake) GitHub API."""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from fake_github import FakeGitHub, serve

from kdlint.cli import main
from kdlint.fixer import fix_source
from kdlint.source import SourceText

HEAD = "c" * 40
TOKEN = "ghs_SECRETSECRETSECRET0123"
ENTRY = ("- **Relational Knowledge Distillation, CVPR 2019** [[Pytorch]](https://github.com/lenscloth/RKD)\n"
         "  - https://arxiv.org/abs/1904.05068\n  - *Wonpyo Park, Dongju Kim.*\n")
README = "## A\n\n" + ENTRY
PATCH = "@@ -0,0 +1,5 @@\n+" + "\n+".join(README.splitlines())
CLEAN = README.replace("Pytorch", "PyTorch")


@pytest.fixture
def github(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[FakeGitHub]:
    fake = FakeGitHub(head_sha=HEAD, patches={"README.md": PATCH}, head_files={"README.md": README.encode()},
                      actions_token=True, login="github-actions[bot]",
                      permissions={"maintainer": "maintain", "reader": "read", "owner": "admin"})
    server, _ = serve(fake)
    monkeypatch.setenv("GITHUB_TOKEN", TOKEN)
    monkeypatch.setenv("GITHUB_API_URL", fake.url)
    monkeypatch.delenv("GITHUB_EVENT_PATH", raising=False)
    monkeypatch.chdir(tmp_path)
    yield fake
    server.shutdown()


def _fix(capsys: pytest.CaptureFixture[str], commenter: str, *args: str) -> tuple[int, str, str]:
    code = main(["review", "--repo", "octo/list", "--pr", "7", "--fix-command", "--commenter", commenter, *args])
    out, err = capsys.readouterr()
    return code, out, err


def _git_writes(fake: FakeGitHub) -> list[str]:
    return [f"{r.method} {r.path}" for r in fake.writes() if "/git/" in r.path]


def _comments(fake: FakeGitHub) -> list[str]:
    return [r.body["body"] for r in fake.writes() if r.path.endswith("/issues/7/comments")]


def test_a_maintainers_command_commits_the_fixes_once_and_reviews_the_new_head(github: FakeGitHub, capsys) -> None:
    expected = fix_source(SourceText.from_bytes(README.encode())).source.to_bytes()
    head_tree = github.head_tree
    code, out, err = _fix(capsys, "maintainer")
    assert code == 0, err
    (blob, tree, commit, ref) = [r for r in github.writes() if "/git/" in r.path]
    assert (blob.method, blob.path) == ("POST", "/repos/octo/list/git/blobs")
    assert base64.b64decode(blob.body["content"]) == expected  # what `kdlint fix` writes
    assert expected.decode() != README
    assert (tree.method, tree.path) == ("POST", "/repos/octo/list/git/trees")
    assert tree.body["base_tree"] == head_tree
    assert tree.body["tree"] == [{"path": "README.md", "mode": "100644", "type": "blob",
                                  "sha": github.blob_sha(expected)}]
    assert (commit.method, commit.path) == ("POST", "/repos/octo/list/git/commits")
    assert commit.body["parents"] == [HEAD]
    assert commit.body["message"].splitlines()[0] == "kdlint fix: 1 safe fix (KD108 x1)"
    assert (ref.method, ref.path) == ("PATCH", "/repos/octo/list/git/refs/heads/feature")
    new = github.head_sha
    assert ref.body == {"sha": new, "force": False} and new != HEAD
    assert _comments(github) == [f"**kdlint** committed 1 safe fix (KD108) as {new}; the review of the new head "
                                 "follows."]
    # The review of the new head: it is at the new commit, and the fixed text has nothing left to say.
    assert github.head_files["README.md"] == expected
    after = github.requests[github.requests.index(ref) + 1:]
    assert f"GET /repos/octo/list/git/blobs/{github.blob_sha(expected)}" in [f"{r.method} {r.path}" for r in after]
    assert not [r for r in github.writes() if r.path.endswith("/reviews")]
    assert err.splitlines()[-1] == "kdlint review: nothing new to post"
    assert TOKEN not in out + err


def test_the_review_of_the_new_head_posts_what_the_fixes_leave(github: FakeGitHub, capsys) -> None:
    readme = README.replace("CVPR 2019", "CVPR2019")  # KD201 (unknown venue), which has no safe fix
    github.head_files["README.md"] = readme.encode()
    expected = fix_source(SourceText.from_bytes(readme.encode()))
    assert [d.code for d in expected.remaining] == ["KD201"]
    code, _, err = _fix(capsys, "owner")
    assert code == 0, err  # findings left are no failure of the command
    (review,) = [r.body for r in github.writes() if r.path.endswith("/reviews")]
    assert review["commit_id"] == github.head_sha != HEAD
    assert github.head_files["README.md"] == expected.source.to_bytes()
    assert [(c["line"], c["body"].split(":", 1)[0]) for c in review["comments"]] == [(3, "**KD201** (unknown-venue)")]


def test_a_read_only_users_command_gets_one_polite_line_and_changes_nothing(github: FakeGitHub, capsys) -> None:
    code, out, err = _fix(capsys, "reader")
    assert code == 0, err
    assert [f"{r.method} {r.path}" for r in github.writes()] == ["POST /repos/octo/list/issues/7/comments"]
    (body,) = _comments(github)
    assert body == ("`/kdlint fix` is for people with write access to this repository (`reader` has `read`), "
                    "so nothing was changed; a maintainer can run it.")
    assert "@" not in body
    assert TOKEN not in out + err


def test_someone_who_is_no_collaborator_is_refused_the_same_way(github: FakeGitHub, capsys) -> None:
    code, _, err = _fix(capsys, "stranger")
    assert code == 0, err
    assert _comments(github) == ["`/kdlint fix` is for people with write access to this repository (`stranger` "
                                 "has `none`), so nothing was changed; a maintainer can run it."]
    assert _git_writes(github) == []


def test_a_fork_that_does_not_allow_maintainer_edits_gets_the_explanation(github: FakeGitHub, capsys) -> None:
    github.head_repo = "stranger/list"
    code, _, err = _fix(capsys, "maintainer")
    assert code == 0, err
    assert [f"{r.method} {r.path}" for r in github.writes()] == ["POST /repos/octo/list/issues/7/comments"]
    assert _comments(github) == ["`/kdlint fix` cannot commit to this pull request: it comes from a fork that does "
                                 "not allow edits by maintainers. Its author can tick \"Allow edits by maintainers\", "
                                 "or run `kdlint fix` on the branch and push."]


def test_a_fork_that_allows_maintainer_edits_gets_the_commit_on_its_own_branch(github: FakeGitHub, capsys) -> None:
    github.head_repo = "stranger/list"
    github.maintainer_can_modify = True
    code, _, err = _fix(capsys, "maintainer")
    assert code == 0, err
    assert [w.split(" ")[1].rsplit("/", 1)[0] for w in _git_writes(github)] == [
        "/repos/stranger/list/git", "/repos/stranger/list/git", "/repos/stranger/list/git",
        "/repos/stranger/list/git/refs/heads"]
    assert len(_comments(github)) == 1


def test_nothing_to_fix_is_one_comment(github: FakeGitHub, capsys) -> None:
    github.head_files["README.md"] = CLEAN.encode()
    code, _, err = _fix(capsys, "maintainer")
    assert code == 0, err
    assert [f"{r.method} {r.path}" for r in github.writes()] == ["POST /repos/octo/list/issues/7/comments"]
    assert _comments(github) == ["**kdlint**: nothing to fix: the changed Markdown files have no safe fixes."]


def test_a_branch_that_moved_on_is_one_line_and_nothing_else_is_written(github: FakeGitHub, capsys) -> None:
    github.ref_status = 422
    code, out, err = _fix(capsys, "maintainer")
    assert code == 2
    assert err == ("kdlint: error: the branch feature moved on while kdlint fixed it; nothing was committed to it "
                   "(run /kdlint fix again)\n")
    assert _comments(github) == []
    assert github.head_sha == HEAD
    assert TOKEN not in out + err


def test_a_branch_found_moved_on_before_writing_gets_nothing_written(github: FakeGitHub, capsys) -> None:
    github.branch_sha = "e" * 40  # pushed to after the pull request was read
    code, _, err = _fix(capsys, "maintainer")
    assert code == 2
    assert err == ("kdlint: error: the branch feature moved on while kdlint fixed it; nothing was committed to it "
                   "(run /kdlint fix again)\n")
    assert github.writes() == []


def test_the_files_mode_is_kept(github: FakeGitHub, capsys) -> None:
    github.head_files = {"docs/lists/README.md": README.encode(), "docs/other.txt": b"x"}
    github.patches = {"docs/lists/README.md": PATCH}
    github.modes = {"docs/lists/README.md": "100755"}
    code, _, err = _fix(capsys, "maintainer")
    assert code == 0, err
    (tree,) = [r.body for r in github.writes() if r.path.endswith("/git/trees")]
    assert [(e["path"], e["mode"]) for e in tree["tree"]] == [("docs/lists/README.md", "100755")]
    assert github.head_files["docs/lists/README.md"] == fix_source(SourceText.from_bytes(README.encode())).source.to_bytes()


def test_a_symbolic_link_is_left_as_it_is(github: FakeGitHub, capsys) -> None:
    github.head_files = {"README.md": README.encode(), "mirror.md": README.encode()}
    github.patches = {"README.md": PATCH, "mirror.md": PATCH}
    github.modes = {"mirror.md": "120000"}
    code, _, err = _fix(capsys, "maintainer")
    assert code == 0, err
    (tree,) = [r.body for r in github.writes() if r.path.endswith("/git/trees")]
    assert [e["path"] for e in tree["tree"]] == ["README.md"]
    (comment,) = _comments(github)
    assert comment.endswith(" (`mirror.md` left as it is: a symbolic link, whose target kdlint does not follow); "
                            "the review of the new head follows.")


def test_a_token_that_may_not_push_to_the_fork_is_one_line(github: FakeGitHub, capsys) -> None:
    github.head_repo = "stranger/list"
    github.maintainer_can_modify = True
    github.forbid_writes = True  # GITHUB_TOKEN cannot push to a fork's branch
    code, out, err = _fix(capsys, "maintainer")
    assert code == 2
    assert err == ("kdlint: error: the token may not write to stranger/list (403: Resource not accessible by "
                   "integration); nothing was committed: for a fork's pull request the action needs a github-token "
                   "that may push to the fork\n")
    assert _comments(github) == [] and github.head_sha == HEAD
    assert TOKEN not in out + err


def test_a_dry_run_prints_the_writes_and_sends_none(github: FakeGitHub, capsys) -> None:
    code, out, err = _fix(capsys, "maintainer", "--dry-run")
    assert code == 0, err
    assert github.writes() == []
    assert out.splitlines() == ["POST git blob README.md", "POST git tree", "POST git commit kdlint fix: 1 safe fix "
                                "(KD108 x1)", "PATCH git ref heads/feature (force: false)"]


@pytest.mark.parametrize(("args", "message"), [
    (["--fix-command"], "--fix-command needs --commenter LOGIN: who wrote the comment"),
    (["--commenter", "maintainer"], "--commenter goes with --fix-command"),
    (["--fix-command", "--commenter", "@everyone <b>"], "--commenter '@everyone <b>' is not a GitHub login"),
])
def test_bad_fix_options_are_one_line(github: FakeGitHub, args: list[str], message: str, capsys) -> None:
    code = main(["review", "--repo", "octo/list", "--pr", "7", *args])
    _, err = capsys.readouterr()
    assert code == 2
    assert err == f"kdlint: error: {message}\n"
    assert github.writes() == []


def _event(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, body: str, login: str) -> None:
    event = tmp_path / "event.json"
    event.write_text(json.dumps({"action": "created", "issue": {"number": 7, "pull_request": {}},
                                 "comment": {"body": body, "user": {"login": login}}}))
    monkeypatch.setenv("GITHUB_EVENT_PATH", str(event))


@pytest.mark.parametrize("body", ["/kdlint fixes", "/kdlint fix-it", "please /kdlint fix", "> /kdlint fix\n\nok?"])
def test_a_comment_that_is_not_exactly_the_command_does_nothing(github: FakeGitHub, capsys, tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch, body: str) -> None:
    _event(tmp_path, monkeypatch, body, "maintainer")
    code, _, err = _fix(capsys, "maintainer")
    assert code == 0
    assert err == ("kdlint review: the comment is not /kdlint fix (its first line must be exactly that); "
                   "nothing to do\n")
    assert github.requests == []


def test_the_command_may_have_more_lines_after_it(github: FakeGitHub, capsys, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    _event(tmp_path, monkeypatch, "  /kdlint fix  \r\nthanks!", "maintainer")
    code, _, err = _fix(capsys, "maintainer")
    assert code == 0, err
    assert len([w for w in github.writes() if w.path.endswith("/git/commits")]) == 1


def test_a_commenter_other_than_the_events_author_is_an_error(github: FakeGitHub, capsys, tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    _event(tmp_path, monkeypatch, "/kdlint fix", "reader")
    code, _, err = _fix(capsys, "maintainer")
    assert code == 2
    assert err == "kdlint: error: --commenter maintainer did not write the comment of the event (its author is 'reader')\n"
    assert github.requests == []

