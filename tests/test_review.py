"""The review bot against a local fake GitHub API: the exact requests it sends."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterator
from pathlib import Path

import jsonschema
import pytest
from fake_github import FakeGitHub, serve

from kdlint.cli import main
from kdlint.review.markdown import code_span, escape, fence
from kdlint.review.payload import ReviewFinding, ReviewPayload
from kdlint.review.post import post
from kdlint.schemas import schema_text

REPO = Path(__file__).resolve().parent.parent
HEAD = "a" * 40
PATCH = "@@ -10,3 +10,7 @@\n context\n+added one\n+added two\n+added three\n+added four\n context\n context"


def finding(line: int, code: str = "KD108", in_diff: bool = True, suggestion: str | None = "fixed line",
            message: str = "code label `Pytorch` is spelled `PyTorch`", end: int | None = None) -> ReviewFinding:
    return ReviewFinding(path="README.md", start_line=line, end_line=end or line, code=code, name="code-label",
                         message=message, severity="warning", fingerprint=f"{line:032x}", in_diff=in_diff,
                         suggestion=suggestion)


def payload(*findings: ReviewFinding) -> ReviewPayload:
    return ReviewPayload(head_sha=HEAD, base="origin/main", files=["README.md"], findings=list(findings))


@pytest.fixture
def github() -> Iterator[FakeGitHub]:
    fake = FakeGitHub(patches={"README.md": PATCH})
    server, _ = serve(fake)
    yield fake
    server.shutdown()


def run(fake: FakeGitHub, data: ReviewPayload, **kwargs):
    lines: list[str] = []
    outcome = post(data, "octo/list", 7, "ghp_not_a_real_token", fake.url, sleep=lambda s: None,
                   echo=lines.append, **kwargs)
    return outcome, lines


def posted_reviews(fake: FakeGitHub) -> list[dict]:
    return [r.body for r in fake.requests if r.method == "POST" and r.path.endswith("/reviews")]


def test_suggestion_comment_on_the_exact_lines_and_the_rest_in_the_body(github: FakeGitHub) -> None:
    outcome, _ = run(github, payload(finding(11), finding(12, end=13, suggestion="a\nb"),
                                     finding(30, code="KD301", in_diff=False, suggestion=None, message="entry out of order")))
    (review,) = posted_reviews(github)
    assert review["event"] == "COMMENT" and review["commit_id"] == HEAD
    first, second = review["comments"]
    assert {k: first[k] for k in ("path", "line", "side")} == {"path": "README.md", "line": 11, "side": "RIGHT"}
    assert "start_line" not in first
    assert first["body"] == ("**KD108** (code-label): code label `Pytorch` is spelled `PyTorch`\n\n"
                             "```suggestion\nfixed line\n```\n\n`kdlint rule KD108` explains it.\n\n"
                             f"<!-- kdlint:fp={11:032x} -->")
    assert (second["start_line"], second["line"], second["start_side"]) == (12, 13, "RIGHT")
    assert "```suggestion\na\nb\n```" in second["body"]
    assert "- `README.md:30` **KD301** (unsorted): entry out of order" in review["body"]  # the registry's name
    assert outcome.messages == ["posted a review: 2 inline comments, 1 in the body"]


def test_a_second_run_posts_nothing_new(github: FakeGitHub) -> None:
    data = payload(finding(11), finding(30, in_diff=False))
    run(github, data)
    writes = len(github.writes())
    outcome, _ = run(github, data)
    assert len(github.writes()) == writes
    assert outcome.messages == ["nothing new to post"]


def test_outdated_comments_without_replies_are_deleted(github: FakeGitHub) -> None:
    run(github, payload(finding(11), finding(12)))
    kept, replied = github.comments
    github.comments.append({"id": 999, "body": "I disagree", "path": "README.md", "line": 12,
                            "in_reply_to_id": replied["id"], "login": "contributor"})
    run(github, payload())
    deletes = [r.path for r in github.writes() if r.method == "DELETE"]
    assert deletes == [f"/repos/octo/list/pulls/comments/{kept['id']}"]


def test_a_clean_rerun_says_so_once(github: FakeGitHub) -> None:
    run(github, payload(finding(11)))
    outcome, _ = run(github, payload())
    assert outcome.messages == ["posted a review: no findings left"]
    assert "no findings left" in posted_reviews(github)[-1]["body"]
    outcome, _ = run(github, payload())
    assert outcome.messages == ["nothing new to post"] and len(posted_reviews(github)) == 2


def test_500_then_success_makes_exactly_one_review(github: FakeGitHub) -> None:
    github.review_statuses = [500, 200]
    run(github, payload(finding(11)))
    assert len(posted_reviews(github)) == 2 and len(github.reviews) == 1


def test_a_review_created_despite_a_500_is_not_posted_again(github: FakeGitHub) -> None:
    github.review_statuses = [502]
    github.create_despite_error = True
    run(github, payload(finding(11)))
    assert len(posted_reviews(github)) == 1 and len(github.reviews) == 1


def test_422_moves_the_rejected_comment_to_the_body(github: FakeGitHub) -> None:
    # Line 40 is not in GitHub's diff (the local diff said it was): GitHub answers 422.
    outcome, _ = run(github, payload(finding(11), finding(40)))
    first, second = posted_reviews(github)
    assert [c["line"] for c in first["comments"]] == [11, 40]
    assert [c["line"] for c in second["comments"]] == [11]
    assert "- `README.md:40` **KD108**" in second["body"]
    assert len(github.reviews) == 1
    assert outcome.messages == ["posted a review: 2 inline comments, 0 in the body"]


def test_403_falls_back_to_annotations_and_the_job_summary(github: FakeGitHub, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    github.forbid_writes = True
    outcome, lines = run(github, payload(finding(11, message="title @admin <b>x</b>")))
    assert lines == ["::warning file=README.md,line=11,endLine=11,title=KD108::KD108 title @admin <b>x</b>"]
    assert "@\u200badmin" in summary.read_text() and "&lt;b" in summary.read_text()
    assert outcome.messages[0].startswith("could not post a review: the token may not write reviews (403")
    assert github.reviews == []


def test_more_than_30_inline_comments_go_to_the_body(github: FakeGitHub) -> None:
    github.patches = {"README.md": "@@ -1,1 +1,40 @@\n" + "".join(f"+line {i}\n" for i in range(40))}
    run(github, payload(*(finding(i) for i in range(1, 36))))
    (review,) = posted_reviews(github)
    assert len(review["comments"]) == 30
    assert review["body"].count("- `README.md:") == 5


def test_dry_run_sends_no_write(github: FakeGitHub) -> None:
    outcome, lines = run(github, payload(finding(11)), dry_run=True)
    assert github.writes() == []
    assert lines[0].startswith('POST review {"commit_id": "' + HEAD)
    assert outcome.messages == ["would post a review: 1 inline comments, 0 in the body"]


def test_escaping_and_fences() -> None:
    assert escape("see @admin <script>alert(1)</script> [x](javascript:y) ![i](http://t)") == (
        "see @\u200badmin &lt;script&gt;alert\\(1\\)&lt;/script&gt; \\[x\\]\\(javascript:y\\) \\!\\[i\\]\\(http\u200b://t\\)")
    # What GitHub links after rendering or despite an escape: e-mail, references, bare URLs, www.
    assert escape("a@b.org octo/list#12 https://evil.example WWW.evil.example") == (
        "a@\u200bb.org octo/list\\#\u200b12 https\u200b://evil.example WWW\u200b.evil.example")
    assert code_span("docs/a\n\nb`.md") == "``docs/a  b`.md``"
    assert fence("a ```` b", "suggestion") == "`````suggestion\na ```` b\n`````"


def _git(cwd: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True).stdout


def test_prepare_lints_what_the_branch_changed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _git(tmp_path, "init", "-q")
    _git(tmp_path, "config", "user.email", "t@example.org")
    _git(tmp_path, "config", "user.name", "t")
    entry = ("- **Relational Knowledge Distillation, CVPR 2019** [[Pytorch]](https://github.com/lenscloth/RKD)\n"
             "  - https://arxiv.org/abs/1904.05068\n  - *Wonpyo Park, Dongju Kim.*\n")
    (tmp_path / "README.md").write_text("## A\n\n" + entry)
    _git(tmp_path, "add", ".")
    _git(tmp_path, "commit", "-qm", "base")
    (tmp_path / "README.md").write_text("## A\n\n" + entry + "\n" + entry.replace("Relational Knowledge", "Contrastive Representation")
                                        .replace("1904.05068", "1910.10699"))
    (tmp_path / "notes.txt").write_text("not markdown")
    _git(tmp_path, "add", ".")
    _git(tmp_path, "commit", "-qm", "pr")
    monkeypatch.chdir(tmp_path)
    assert main(["review", "--prepare", "out.json", "--diff-base", "HEAD~1"]) == 0
    data = json.loads((tmp_path / "out.json").read_text())
    jsonschema.validate(data, json.loads((REPO / "schema" / "review.schema.json").read_text()))
    assert data["head_sha"] == _git(tmp_path, "rev-parse", "HEAD").strip() and data["files"] == ["README.md"]
    # The old entry's KD108 is old debt; only the added entry's findings are reviewed.
    assert [(f["code"], f["start_line"], f["in_diff"]) for f in data["findings"]] == [("KD108", 7, True)]
    assert data["findings"][0]["suggestion"] == entry.splitlines()[0].replace(
        "Relational Knowledge", "Contrastive Representation").replace("Pytorch", "PyTorch")


def test_review_schema_file_is_current() -> None:
    assert (REPO / "schema" / "review.schema.json").read_text() == schema_text(ReviewPayload.model_json_schema()), (
        "regenerate: python -m kdlint.review.payload > schema/review.schema.json")
