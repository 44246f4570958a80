"""`kdlint verify` end to end against the local fakes of the metadata services (tests/online_fakes.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from online_fakes import FakeServices, serve

from kdlint.cli import main

LIST = """\
## Distillation

- **Distilling Knowledge via Knowledge Review, arXiv 2021**
  - https://arxiv.org/abs/2104.09044
  - *Pengguang Chen, Shu Liu, Hengshuang Zhao, Jiaya Jia.*

- **Deep Residual Learning for Image Recognition, CVPR 2016**
  - https://arxiv.org/abs/1512.03385
  - *Geoffrey Hinton, Oriol Vinyals, Jeff Dean.*

- **A Result That Did Not Hold, arXiv 2017**
  - https://arxiv.org/abs/1708.00001
  - *Bea Example.*

- **A Preprint Nobody Has Published, arXiv 2023**
  - https://arxiv.org/abs/2301.01234
  - *Ada Example.*

- **Deep Learning in Neural Networks: A Survey, arXiv 2014**
  - https://arxiv.org/abs/1404.7828
  - *Juergen Schmidhuber.*
"""

EXPECTED = [
    "list.md:3:48: KD603 arxiv:2104.09044 was published: CVPR 2021 (DBLP conf/cvpr/ChenLZJ21)",
    "list.md:9:6: KD602 authors differ from arxiv:1512.03385's record: Kaiming He, Xiangyu Zhang, Shaoqing Ren, ...",
    "list.md:11:5: KD604 arxiv:1708.00001 was withdrawn by its authors",
    "list.md:19:5: KD601 title differs from arxiv:1404.7828's record: `Deep Learning in Neural Networks: An "
    "Overview` (renamed?)",
    "list.md:19:49: KD603 arxiv:1404.7828 was published: Neural Networks 2015 (DBLP journals/nn/Schmidhuber15)",
]


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[FakeServices]:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "list.md").write_text(LIST, encoding="utf-8")
    with serve(monkeypatch) as running:
        yield running


def verify(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, list[str], str]:
    code = main(["verify", "--no-color", *args])
    out, err = capsys.readouterr()
    return code, out.splitlines(), err


def test_each_kind_of_finding_with_exact_lines(fake: FakeServices, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = verify(capsys, "list.md")
    assert code == 1
    assert [line for line in out if line.startswith("list.md")] == EXPECTED
    assert err.splitlines()[-1] == "Verified 5 of 5 entries."
    assert len(fake.of("arxiv")) == 1  # every identifier in one request


def test_a_second_run_asks_nothing(fake: FakeServices, capsys: pytest.CaptureFixture[str]) -> None:
    first = verify(capsys, "list.md")
    asked = len(fake.requests)
    assert verify(capsys, "list.md") == first
    assert len(fake.requests) == asked
    verify(capsys, "list.md", "--no-cache")
    assert len(fake.requests) > asked


def test_a_service_down_is_not_verified_never_a_finding(fake: FakeServices,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    fake.fail("arxiv", "503", times=0)
    code, out, err = verify(capsys, "list.md")
    assert code == 0
    assert not [line for line in out if line.startswith("list.md")]
    assert err.splitlines()[-1].startswith("Verified 0 of 5 entries; 5 not verified (")


def test_fix_with_unsafe_fixes_writes_the_published_venue_and_the_records_title(
        fake: FakeServices, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = verify(capsys, "list.md", "--fix", "--unsafe-fixes", "--diff")
    assert code == 1
    diff = "\n".join(out)
    assert "+- **Distilling Knowledge via Knowledge Review, CVPR 2021**" in diff
    assert "+- **Deep Learning in Neural Networks: An Overview, Neural Networks 2015**" in diff
    assert Path("list.md").read_text(encoding="utf-8") == LIST  # --diff writes nothing
    assert verify(capsys, "list.md", "--fix")[0] == 1  # safe fixes only: there are none, the findings stay
    assert Path("list.md").read_text(encoding="utf-8") == LIST
    verify(capsys, "list.md", "--fix", "--unsafe-fixes")
    fixed = Path("list.md").read_text(encoding="utf-8")
    assert "- **Distilling Knowledge via Knowledge Review, CVPR 2021**" in fixed
    code, out, _ = verify(capsys, "list.md")
    assert [line.split(": ")[1].split()[0] for line in out if line.startswith("list.md")] == ["KD602", "KD604"]


def test_suppressions_and_ignore_apply(fake: FakeServices, capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = verify(capsys, "list.md", "--ignore", "KD603,KD601")
    assert [line for line in out if line.startswith("list.md")] == [EXPECTED[1], EXPECTED[2]]


def test_bad_input_is_one_line_and_exit_2(fake: FakeServices, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = verify(capsys, "missing.md")
    assert code == 2 and err.count("\n") == 1 and "missing.md" in err
    code, _, err = verify(capsys, "list.md", "--diff")
    assert code == 2 and "--diff needs --fix" in err


def test_progress_is_shown_on_stderr_once_a_run_lasts(fake: FakeServices, capsys: pytest.CaptureFixture[str],
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    import kdlint.cli.verify as command

    _, _, err = verify(capsys, "list.md")
    assert "identifiers looked up" not in err  # a quick run says nothing
    monkeypatch.setattr(command, "QUIET_FOR", 0.0)
    _, _, err = verify(capsys, "list.md", "--no-cache")
    assert "kdlint verify list.md: 5/5 identifiers looked up" in err.splitlines()
