"""Baselines: record today's findings, report only new ones, matched by entry identity not line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kdlint.cli import main

OLD = """\
## Papers

- **Relational Knowledge Distillation, CVPR 2019** [[Pytorch]](https://github.com/lenscloth/RKD)
  - https://arxiv.org/abs/1904.05068v2
  - *Wonpyo Park, Dongju Kim, Yan Lu, Minsu Cho.*

- **Contrastive Representation Distillation, ICLR 2020** [[Pytorch]](https://github.com/HobbitLong/RepDistiller)
  - https://arxiv.org/abs/1910.10699
  - *Yonglong Tian, Dilip Krishnan, Phillip Isola.*
"""

NEW_ENTRY = """\
- **Deep Mutual Learning, CVPR 2018** [[Tensorflow]](https://github.com/YingZhangDUT/Deep-Mutual-Learning)
  - https://arxiv.org/abs/1706.00384
  - *Ying Zhang, Tao Xiang, Timothy M. Hospedales, Huchuan Lu.*

"""


@pytest.fixture
def legacy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    Path("README.md").write_text(OLD)
    return tmp_path


def test_write_then_check_against_the_baseline(legacy: Path, capsys) -> None:
    assert main(["check", "--isolated", "--write-baseline", "kdlint-baseline.json", "README.md"]) == 0
    assert capsys.readouterr().err == "Wrote 3 findings to kdlint-baseline.json.\n"
    recorded = json.loads(Path("kdlint-baseline.json").read_text())
    assert recorded["kdlint-baseline"] == 1
    assert [(f["path"], f["code"], f["line"]) for f in recorded["findings"]] == [
        ("README.md", "KD108", 3), ("README.md", "KD502", 4), ("README.md", "KD108", 7)]
    assert main(["check", "--isolated", "--baseline", "kdlint-baseline.json", "README.md"]) == 0
    assert capsys.readouterr().out == "All checks passed!\n"


def test_edits_elsewhere_do_not_resurrect_old_findings(legacy: Path, capsys) -> None:
    main(["check", "--isolated", "--write-baseline", "kdlint-baseline.json", "README.md"])
    capsys.readouterr()
    # A new entry at the top moves every old finding down three lines; the old entries swap places.
    first, second = OLD.split("\n\n- ")[1:]
    Path("README.md").write_text("## Papers\n\n" + NEW_ENTRY + "- " + second + "\n- " + first + "\n")
    assert main(["check", "--isolated", "--baseline", "kdlint-baseline.json", "README.md"]) == 1
    out = capsys.readouterr().out
    assert out.splitlines() == ["README.md:3:41: KD108 [*] code label `Tensorflow` is spelled `TensorFlow`",
                                "Found 1 finding.", "[*] 1 fixable with `kdlint fix`."]


def test_a_second_identical_finding_is_new(legacy: Path, capsys) -> None:
    main(["check", "--isolated", "--write-baseline", "b.json", "README.md"])
    Path("README.md").write_text(OLD.replace("[[Pytorch]](https://github.com/lenscloth/RKD)",
                                             "[[Pytorch]](https://github.com/lenscloth/RKD) [[Pytorch]](https://github.com/lenscloth/RKD)"))
    capsys.readouterr()
    assert main(["check", "--isolated", "--baseline", "b.json", "README.md"]) == 1
    assert capsys.readouterr().out.count("KD108") == 1


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "kdlint: error: missing.json: kdlint baseline not found (write one with --write-baseline)\n"),
        ("{}", "kdlint: error: missing.json: not a valid kdlint baseline (kdlint-baseline: Field required)\n"),
        ("not json", "kdlint: error: missing.json: not a valid kdlint baseline (file: Invalid JSON*"),
        ('{"kdlint-baseline": 9, "findings": []}', "kdlint: error: missing.json: baseline format 9 is not supported (expected 1)\n"),
    ],
)
def test_bad_baselines_are_one_line(legacy: Path, capsys, content: str | None, message: str) -> None:
    if content is not None:
        Path("missing.json").write_text(content)
    assert main(["check", "--isolated", "--baseline", "missing.json", "README.md"]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1
    assert err.startswith(message[:-1]) if message.endswith("*") else err == message
