"""bench/recall.py: each defect class injected exactly as meant, and one run of the script on a corpus list."""

from __future__ import annotations

import json
import random
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TypeVar

import pytest
from conftest import SHARED, needs_shared

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "bench"))

import recall  # noqa: E402  (bench/recall.py)

from kdlint.engine import Linter  # noqa: E402
from kdlint.source import SourceText  # noqa: E402

T = TypeVar("T")

LINES = [
    "# Papers",
    "",
    "## Distillation",
    "",
    "- **Masked Generative Distillation, CVPR 2022** [[PyTorch]](https://github.com/yzd-v/MGD)",
    "  - https://arxiv.org/abs/2205.01529",
    "  - *Zhendong Yang, Zhe Li.*",
    "",
    "| Title | Venue | Year | Paper |",
    "|---|---|---|---|",
    "| **Contrastive Representation Distillation** | ECCV | 2020 | [Link](https://arxiv.org/abs/1910.10699) |",
    "",
]
BOLD = recall.Entry(line=5, end=7, section="3", layout="bold-title-item")
ROW = recall.Entry(line=11, end=11, section="3", layout="table-row")


class First(random.Random):
    """A random source that always picks the first choice: the injections become exact."""

    def choice(self, seq: Sequence[T]) -> T:  # type: ignore[override]
        return seq[0]


def tiny(newline: str = "\n") -> recall.ListText:
    return recall.ListText("tiny.md", SourceText(newline.join(LINES)), [BOLD, ROW])


def injected(defect: str, entry: recall.Entry, newline: str = "\n") -> tuple[str, str] | None:
    """The changed line before and after, checking that nothing else in the file changed."""
    doc = tiny(newline)
    injection = recall.INJECTORS[defect](doc, entry, First(), recall.Vocab.build())
    if injection is None:
        return None
    assert len(injection.edits) == 1
    line = injection.line
    after = injection.apply(doc.source).split(newline)
    assert after[: line - 1] == LINES[: line - 1] and after[line:] == LINES[line:]
    return LINES[line - 1], after[line - 1]


def test_the_misspellings_are_the_vocabularys_typos_not_its_other_names() -> None:
    typos = recall.Vocab.build().typos
    assert typos["CVPR"] == ("CPVR", "CVRP") and typos["NeurIPS"] == ("NeuIPS", "NeurlPS")
    assert typos["ICLR"] == ("ICRL",) and typos["TPAMI"] == ("T-MAPI",) and typos["arXiv"] == ("arxive",)
    assert "ECCV" not in typos and "ICCV" not in typos  # the vocabulary lists no misspelling of them
    assert all("NIPS" not in v and "PAMI" not in v and "T-PAMI" not in v for v in typos.values())


def test_a_venue_is_misspelled_in_the_bold_title_and_a_row_without_a_known_misspelling_is_skipped() -> None:
    assert injected("venue", BOLD) == (LINES[4], LINES[4].replace("CVPR 2022", "CPVR 2022"))
    assert injected("venue", ROW) is None


def test_a_year_goes_to_the_future_or_to_the_wrong_parity() -> None:
    assert injected("year", BOLD) == (LINES[4], LINES[4].replace("CVPR 2022", "CVPR 2031"))
    assert injected("year", ROW) == (LINES[10], LINES[10].replace("| 2020 |", "| 2021 |"))  # ECCV: even years


def test_the_arxiv_link_loses_its_https_or_gains_a_version() -> None:
    assert injected("http-arxiv", BOLD) == (LINES[5], "  - http://arxiv.org/abs/2205.01529")
    assert injected("http-arxiv", ROW) == (LINES[10], LINES[10].replace("https://arxiv", "http://arxiv"))
    assert injected("arxiv-version", BOLD) == (LINES[5], "  - https://arxiv.org/abs/2205.01529v2")
    assert injected("arxiv-version", ROW) == (LINES[10], LINES[10].replace("10699)", "10699v2)"))


def test_the_scheme_is_doubled_in_the_paper_link_not_the_code_link() -> None:
    assert injected("double-scheme", BOLD) == (LINES[5], "  - https://https://arxiv.org/abs/2205.01529")
    assert injected("double-scheme", ROW) == (LINES[10], LINES[10].replace("(https://", "(https://https://"))


def test_the_arxiv_id_becomes_the_other_entrys_of_the_section() -> None:
    assert injected("duplicate-id", BOLD) == (LINES[5], "  - https://arxiv.org/abs/1910.10699")
    assert injected("duplicate-id", ROW) == (LINES[10], LINES[10].replace("1910.10699", "2205.01529"))
    doc = tiny()
    injection = recall.inject_duplicate_id(doc, BOLD, First(), recall.Vocab.build())
    assert injection is not None and injection.check_lines == (5, 6, 11)


def test_line_endings_and_every_other_byte_stay_as_they_were() -> None:
    assert injected("year", BOLD, "\r\n") == (LINES[4], LINES[4].replace("2022", "2031"))
    doc = tiny("\r\n")
    injection = recall.inject_http_arxiv(doc, BOLD, First(), recall.Vocab.build())
    assert injection is not None
    text = injection.apply(doc.source)
    assert text == doc.source.text.replace("https://arxiv.org/abs/2205", "http://arxiv.org/abs/2205")


def test_kdlint_finds_each_defect_on_the_canonical_entry() -> None:
    doc, linter, vocab = tiny(), Linter(), recall.Vocab.build()
    _, before = linter.check(doc.source)
    for defect in recall.CLASSES:
        injection = recall.INJECTORS[defect](doc, BOLD, First(), vocab)
        assert injection is not None
        assert recall.run_one(linter, doc, before, injection).found, defect


def test_a_defect_kdlint_already_reported_there_is_not_a_find() -> None:
    doc, linter = tiny(), Linter()
    injection = recall.Injection("venue", BOLD, ((5, LINES[4]),), (5,))  # no change at all
    _, before = linter.check(doc.source)
    assert not recall.run_one(linter, doc, before, injection).found


@needs_shared
def test_the_script_runs_on_one_corpus_list(capsys: pytest.CaptureFixture[str]) -> None:
    assert recall.main(["--lists", "DefangChen", "--per-class", "2", "--corpus", str(SHARED / "corpus")]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("kdlint recall: 1 lists")
    assert out[1] == "| list | venue | year | http-arxiv | arxiv-version | double-scheme | duplicate-id | all |"
    assert out[3].startswith("| DefangChen__Knowledge-Distillation-Paper | ")
    assert out[4].startswith("| **total** |") and "/12 " in out[4]
    assert recall.main(["--lists", "DefangChen", "--per-class", "2", "--corpus", str(SHARED / "corpus"),
                        "--json", "--no-truth"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["entries_from"] == {"DefangChen__Knowledge-Distillation-Paper__README.md": "kdlint"}
    assert all(report["results"]["total"][c]["injected"] == 2 for c in recall.CLASSES)
