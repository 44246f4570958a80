"""`kdlint review --repo --pr`: a pull request read through the (fake) GitHub API alone, forks included."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fake_github import FakeGitHub, serve

from kdlint.cli import main

HEAD = "c" * 40
ENTRY = ("- **Relational Knowledge Distillation, CVPR 2019** [[Pytorch]](https://github.com/lenscloth/RKD)\n"
         "  - https://arxiv.org/abs/1904.05068\n  - *Wonpyo Park, Dongju Kim.*\n")
NEW = ENTRY.replace("Relational Knowledge", "Contrastive Representation").replace("1904.05068", "1910.10699")
README = "## A\n\n" + ENTRY + "\n" + NEW.replace("CVPR 2019", "NIPS 2019")
# Lines 7-9 are added: the new entry, with `Pytorch` (KD108) and `NIPS` (KD202) on line 7.
PATCH = ("@@ -3,3 +3,7 @@\n " + ENTRY.splitlines()[0] + "\n " + ENTRY.splitlines()[1] + "\n "
         + ENTRY.splitlines()[2] + "\n+\n+" + "\n+".join(NEW.replace("CVPR 2019", "NIPS 2019").splitlines()))


@pytest.fixture
def github() -> Iterator[FakeGitHub]:
    fake = FakeGitHub(head_sha=HEAD, patches={"README.md": PATCH}, head_files={"README.md": README.encode()},
                      actions_token=True, login="github-actions[bot]")
    server, _ = serve(fake)
    yield fake
    server.shutdown()


@pytest.fixture
def env(github: FakeGitHub, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> FakeGitHub:
    monkeypatch.setenv("GITHUB_TOKEN", "ghs_SECRETSECRETSECRET0123")
    monkeypatch.setenv("GITHUB_API_URL", github.url)
    monkeypatch.delenv("GITHUB_EVENT_PATH", raising=False)
    monkeypatch.chdir(tmp_path)  # an empty directory: no checkout, no configuration of its own
    return github


def _review(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["review", "--repo", "octo/list", "--pr", "7", *args])
    out, err = capsys.readouterr()
    return code, out, err


def _posted(fake: FakeGitHub) -> list[dict]:
    return [r.body for r in fake.requests if r.method == "POST" and r.path.endswith("/reviews")]


def _inline(fake: FakeGitHub) -> list[tuple[int, str]]:
    return [(c["line"], c["body"].split(":", 1)[0]) for review in _posted(fake) for c in review["comments"]]


def test_a_fork_pull_request_is_reviewed_from_an_empty_directory(env: FakeGitHub, capsys) -> None:
    env.head_repo = "stranger/list"  # GitHub lists no pull request for a commit that lives in the fork only
    code, _, err = _review(capsys, "--head-sha", HEAD, "--head-repo", "stranger/list")
    assert code == 1, err
    assert _inline(env) == [(7, "**KD202** (venue-alias)"), (7, "**KD108** (code-label)")]
    (review,) = _posted(env)
    assert review["commit_id"] == HEAD
    assert err.splitlines()[-1] == "kdlint review: posted a review: 2 inline comments, 0 in the body"
    # Read as data: the head's blob, the base's configuration; nothing is run, nothing of the fork is fetched.
    reads = [r.path.split("?")[0] for r in env.requests if r.method == "GET"]
    assert f"/repos/octo/list/git/blobs/{env.blob_sha(README.encode())}" in reads
    assert not [path for path in reads if path.startswith("/repos/stranger/")]


def test_the_base_branch_configuration_is_used_and_the_pull_requests_is_not(env: FakeGitHub, capsys) -> None:
    env.base_files = {".kdlint.toml": b'ignore = ["KD108"]\n'}
    env.head_files[".kdlint.toml"] = b'ignore = ["KD202"]\n'  # the contributor's own: never read
    env.patches[".kdlint.toml"] = "@@ -0,0 +1 @@\n+ignore = [\"KD202\"]"
    code, _, err = _review(capsys)
    assert code == 1, err
    assert _inline(env) == [(7, "**KD202** (venue-alias)")]
    contents = [r.path for r in env.requests if "/contents/" in r.path]
    assert contents and all(f"ref={env.base_sha}" in path for path in contents)


def test_a_pull_request_that_moved_on_is_not_reviewed(env: FakeGitHub, capsys) -> None:
    code, _, err = _review(capsys, "--head-sha", "d" * 40)
    assert code == 0
    assert err == (f"kdlint review: not reviewed: pull request #7 is now at {HEAD[:12]}, not at {'d' * 12}: "
                   "the run for the newer commit reviews it\n")
    assert env.writes() == []


def test_another_head_repository_than_the_events_is_an_error(env: FakeGitHub, capsys) -> None:
    env.head_repo = "stranger/list"
    code, _, err = _review(capsys, "--head-repo", "octo/list")
    assert code == 2
    assert err == "kdlint: error: pull request #7 comes from stranger/list, not from octo/list\n"
    assert env.writes() == []


def test_a_file_name_that_would_start_a_log_line_of_its_own_is_refused(env: FakeGitHub, capsys) -> None:
    name = "docs/a\n::error title=forged::x.md"
    env.head_files[name], env.patches[name] = README.encode(), PATCH
    code, out, err = _review(capsys)
    assert code == 2
    assert err == ("kdlint: error: the pull request lists a file with an unusable path: "
                   "'docs/a\\n::error title=forged::x.md'\n")
    assert out == "" and env.writes() == []


def test_files_are_read_across_pages(env: FakeGitHub, capsys) -> None:
    env.per_page = 2
    for i in range(5):
        env.head_files[f"docs/{i}.txt"] = b"not markdown"
        env.patches[f"docs/{i}.txt"] = "@@ -0,0 +1 @@\n+x"
    env.head_files["z.md"] = README.encode()
    env.patches["z.md"] = PATCH
    code, _, err = _review(capsys)
    assert code == 1, err
    paths = sorted({c["path"] for review in _posted(env) for c in review["comments"]})
    assert paths == ["README.md", "z.md"]


def test_only_the_bots_own_comments_and_reviews_count(env: FakeGitHub, capsys) -> None:
    fp = "<!-- kdlint:fp=" + "e" * 32 + " -->"
    env.comments = [{"id": 1, "body": "I quote the bot: " + fp, "path": "README.md", "line": 7, "login": "maintainer"}]
    env.reviews = [{"id": 2, "body": "kdlint says this is fine <!-- kdlint:run=" + "f" * 32 + " -->",
                    "state": "COMMENTED", "login": "maintainer"}]
    env.head_files["README.md"] = ("## A\n\n" + ENTRY.replace("Pytorch", "PyTorch")).encode()
    env.patches["README.md"] = "@@ -3,0 +3,1 @@\n+" + ENTRY.replace("Pytorch", "PyTorch").splitlines()[0]
    code, _, err = _review(capsys)
    assert code == 0, err
    assert env.writes() == []  # the maintainer's comment stays; their review is not an earlier run of the bot
    assert err.splitlines()[-1] == "kdlint review: nothing new to post"


def test_the_token_is_never_printed(env: FakeGitHub, capsys) -> None:
    env.number = 8  # a pull request the fake does not know
    code, out, err = _review(capsys)
    assert code == 2
    assert "SECRET" not in out + err
    assert err == "kdlint: error: GitHub API error 404: Not Found: GET /repos/octo/list/pulls/7\n"


@pytest.mark.parametrize(("args", "message"), [
    (["--repo", "not a repo", "--pr", "7"], "--repo 'not a repo' is not OWNER/NAME"),
    (["--repo", "octo/list"], "no pull request: give --pr N (or run on a pull_request_target event)"),
    (["--repo", "octo/list", "--pr", "7", "--head-sha", "main"], "--head-sha 'main' is not a commit id"),
    (["--repo", "octo/list", "--pr", "7", "README.md"],
     "files, --diff-base and --config go with --prepare; a review reads the pull request and the base branch's "
     "configuration through the API"),
])
def test_bad_review_options_are_one_line(args: list[str], message: str, monkeypatch: pytest.MonkeyPatch,
                                         capsys) -> None:
    monkeypatch.delenv("GITHUB_EVENT_PATH", raising=False)
    assert main(["review", *args]) == 2
    assert capsys.readouterr().err == f"kdlint: error: {message}\n"


def test_exit_zero_keeps_the_check_green_and_the_summary_lists_every_finding(env: FakeGitHub, capsys,
                                                                             monkeypatch: pytest.MonkeyPatch,
                                                                             tmp_path: Path) -> None:
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    code, _, err = _review(capsys, "--exit-zero")
    assert code == 0, err
    assert summary.read_text() == (
        "### kdlint: 2 findings on the changed lines\n\n"
        "- `README.md:7` **KD202** (venue-alias): venue `NIPS` should be written `NeurIPS`\n"
        "- `README.md:7` **KD108** (code-label): code label `Pytorch` is spelled `PyTorch`\n")


def test_a_renamed_file_is_judged_on_its_changed_lines_only(env: FakeGitHub, capsys) -> None:
    old = ENTRY.replace("CVPR 2019", "NIPS 2019")  # an old NIPS, carried over by the rename
    text = "## A\n\n" + old + "\n" + NEW.replace("CVPR 2019", "NIPS 2019")
    env.head_files = {"papers/list.md": text.encode()}
    env.statuses = {"papers/list.md": "renamed"}
    env.patches = {"papers/list.md": "@@ -7,1 +7,1 @@\n-" + NEW.splitlines()[0] + "\n+"
                   + NEW.replace("CVPR 2019", "NIPS 2019").splitlines()[0]}
    code, _, err = _review(capsys)
    assert code == 1, err
    assert _inline(env) == [(7, "**KD202** (venue-alias)"), (7, "**KD108** (code-label)")]  # not line 3's


def test_a_line_of_any_length_is_reviewed_without_a_suggestion_too_long_to_post(env: FakeGitHub, capsys) -> None:
    long = NEW.replace("Contrastive Representation", "Contrastive " + "Representation " * 7000)
    text = "## A\n\n" + ENTRY + "\n" + long
    env.head_files = {"README.md": text.encode()}
    env.patches = {"README.md": "@@ -6,0 +7,3 @@\n+" + "\n+".join(long.splitlines())}
    code, _, err = _review(capsys)
    assert code == 1, err
    (comment,) = [c for review in _posted(env) for c in review["comments"]]
    assert comment["line"] == 7 and "```suggestion" not in comment["body"] and len(comment["body"]) < 65_536


def test_fixes_on_one_line_are_one_suggestion(env: FakeGitHub, capsys) -> None:
    code, _, err = _review(capsys)
    assert code == 1, err
    first, second = [c["body"] for review in _posted(env) for c in review["comments"]]
    fixed = NEW.splitlines()[0].replace("CVPR 2019", "NeurIPS 2019").replace("Pytorch", "PyTorch")
    assert first.startswith("**KD202** (venue-alias): venue `NIPS` should be written `NeurIPS`\n\n"
                            f"```suggestion\n{fixed}\n```\n\n"
                            "The suggestion also fixes **KD108** (code-label) on these lines.\n\n")
    assert second.startswith("**KD108** (code-label): code label `Pytorch` is spelled `PyTorch`\n\n`kdlint rule")


def test_a_rerun_replaces_a_suggestion_whose_lines_changed(env: FakeGitHub, capsys) -> None:
    assert _review(capsys)[0] == 1
    # The contributor fixes the venue by hand: the combined suggestion is stale, KD108 now has its own.
    text = README.replace("NIPS 2019", "NeurIPS 2019")
    env.head_sha, env.head_files = "e" * 40, {"README.md": text.encode()}
    env.patches = {"README.md": PATCH.replace("NIPS 2019", "NeurIPS 2019")}
    posted = len(_posted(env))
    assert _review(capsys)[0] == 1
    deleted = [r.path for r in env.requests if r.method == "DELETE"]
    assert len(deleted) == 2  # both old comments: KD202 is fixed, KD108's has no suggestion of its own
    (review,) = _posted(env)[posted:]
    (comment,) = review["comments"]
    assert comment["body"].startswith("**KD108** (code-label)") and "```suggestion\n" in comment["body"]
    assert "also fixes" not in comment["body"]
