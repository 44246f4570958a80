"""Every real list in ../shared goes through check and fix without a crash or a loss."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import shared_files

from kdlint.cli import main
from kdlint.engine import Linter
from kdlint.fixer import fix_source
from kdlint.source import SourceText

FILES = shared_files()
pytestmark = pytest.mark.skipif(not FILES, reason="../shared is not beside this clone")


@pytest.mark.parametrize("path", FILES, ids=[p.name[:40] for p in FILES])
def test_check_and_fix_diff_exit_0_or_1(path: Path, capsys) -> None:
    assert main(["check", str(path)]) in (0, 1)
    assert main(["fix", "--diff", str(path)]) in (0, 1)
    assert main(["check", "--output-format", "json", str(path)]) in (0, 1)
    assert "Traceback" not in capsys.readouterr().err


@pytest.mark.parametrize("path", FILES, ids=[p.name[:40] for p in FILES])
@pytest.mark.parametrize("unsafe", [False, True], ids=["safe", "unsafe"])
def test_fix_is_idempotent_and_loses_nothing(path: Path, unsafe: bool) -> None:
    source = SourceText.read(path)
    before, _ = Linter().check(source)
    once = fix_source(source, unsafe=unsafe)  # raises ContentLossError on any loss
    twice = fix_source(once.source, unsafe=unsafe)
    assert twice.source.text == once.source.text
    assert len(once.document.entries) == len(before.entries) - once.dropped
    assert once.dropped == 0 or unsafe  # only an unsafe fix removes a duplicate
    assert not [d for d in once.remaining if d.fix and (unsafe or d.fix.applicability.value == "safe")]


@pytest.mark.parametrize("path", FILES, ids=[p.name[:40] for p in FILES])
def test_every_span_lies_inside_the_file(path: Path) -> None:
    source = SourceText.read(path)
    _, found = Linter().check(source)
    for d in found:
        for span in [d.span, *(edit.span for edit in (d.fix.edits if d.fix else ()))]:
            assert 1 <= span.line <= span.end_line <= len(source.lines)
            assert 1 <= span.column <= len(source.line(span.line)) + 1
            assert 1 <= span.end_column <= len(source.line(span.end_line)) + 1
            assert (span.line, span.column) <= (span.end_line, span.end_column)
