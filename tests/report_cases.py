"""The small list the tests of each output format report on, and how they run `kdlint check` on it.

LIST has three findings: KD108 with a safe fix (line 3), KD102 without a fix
and KD103 with an unsafe fix (both at 7:3).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kdlint.cli import main
from kdlint.diagnostics import Diagnostic, Fix, Severity, Span
from kdlint.document import parse_document
from kdlint.report import FileResult
from kdlint.source import SourceText

LIST = """\
## Papers

- **Relational Knowledge Distillation, CVPR 2019** [[Pytorch]](https://github.com/lenscloth/RKD)
  - https://arxiv.org/abs/1904.05068
  - *Wonpyo Park, Dongju Kim, Yan Lu, Minsu Cho.*

- **Fast Sampling of Diffusion Models via Operator Learning**
  - https://arxiv.org/abs/2211.13449
  - *Hongkai Zheng, Weili Nie, Arash Vahdat.*
"""
LINE_3 = "- **Relational Knowledge Distillation, CVPR 2019** [[Pytorch]](https://github.com/lenscloth/RKD)"
LINE_7 = "- **Fast Sampling of Diffusion Models via Operator Learning**"
CLEAN = "# Nothing here\n"
ABOVE = """\
- **Deep Mutual Learning, CVPR 2018** [[Pytorch]](https://github.com/a/dml)
  - https://arxiv.org/abs/1706.00384
  - *Ying Zhang, Tao Xiang.*

"""  # an entry to insert above the others: it has a KD108 of its own


def with_entry_above(text: str) -> str:
    return text.replace("## Papers\n\n", "## Papers\n\n" + ABOVE, 1)


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty working directory holding `list.md` (LIST) and `clean.md`."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "list.md").write_text(LIST, encoding="utf-8")
    (tmp_path / "clean.md").write_text(CLEAN, encoding="utf-8")
    return tmp_path


def check(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    """`kdlint check --isolated ARGS`: the exit code and standard output (standard error must stay empty)."""
    code = main(["check", "--isolated", *args])
    captured = capsys.readouterr()
    assert captured.err == ""
    return code, captured.out


def result(text: str, *diagnostics: Diagnostic, path: str = "x.md") -> FileResult:
    source = SourceText(text)
    return FileResult(path=path, source=source, parsed=parse_document(source), diagnostics=list(diagnostics))


def finding(span: Span, message: str = "a message", fix: Fix | None = None, code: str = "KD101",
            severity: Severity = Severity.WARNING) -> Diagnostic:
    return Diagnostic(code=code, name="title", message=message, severity=severity, span=span, fix=fix)
