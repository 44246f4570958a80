"""The inline layout's title is the link's label less its emphasis: `[**Title.**](url)` is titled `Title`."""

from __future__ import annotations

import pytest

from kdlint.diagnostics import Span
from kdlint.engine import Linter
from kdlint.source import SourceText


@pytest.mark.parametrize(("label", "title", "column"), [
    ("**Sparse Sinkhorn Attention.**", "Sparse Sinkhorn Attention", 7),
    ("__Sparse Sinkhorn Attention__", "Sparse Sinkhorn Attention", 7),
    ("** Sparse Sinkhorn Attention. **", "Sparse Sinkhorn Attention", 8),
    ("**Wait for it...**", "Wait for it...", 7),
    ("Sparse Sinkhorn Attention.", "Sparse Sinkhorn Attention.", 5),  # no emphasis: the label as written
    ("**Sparse** Sinkhorn **Attention**", "**Sparse** Sinkhorn **Attention**", 5),
])
def test_the_title_inside_emphasis(label: str, title: str, column: int) -> None:
    text = f"# Papers\n\n1. [{label}](https://arxiv.org/abs/2002.11296) _Yi Tay, Dara Bahri._ ICML 2020.\n"
    document, _ = Linter().check(SourceText(text))
    [entry] = document.entries
    assert entry.title == title
    assert entry.title_span == Span(3, column, 3, column + len(title))
