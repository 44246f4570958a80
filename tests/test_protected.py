"""Protected regions: no finding points into code or raw HTML and no fix changes them (`kdlint.protected`)."""

from __future__ import annotations

from kdlint.diagnostics import Edit, Span
from kdlint.document import parse_document
from kdlint.engine import Linter
from kdlint.fixer import fix_source
from kdlint.protected import Protected
from kdlint.source import SourceText

HOSTILE = """# Papers

## Distillation

- **Distilling the Knowledge in a Neural Network, NIPS 2014** [[Pytorch]](http://github.com/a/b)
  - http://arxiv.org/abs/1503.02531v2
  - *Geoffrey Hinton, Oriol Vinyals, Jeff Dean.*
  - BibTeX:
    ```bibtex
    @inproceedings{hinton, url = {http://arxiv.org/abs/1503.02531v1}, booktitle = {NIPS 2014}}
    ```

> Quoted code:
> ```
> see http://arxiv.org/abs/1503.02531v1 and NIPS 2014
> ```

<div>
  A note on http://arxiv.org/abs/1503.02531v3 at NIPS 2014 [[Pytorch]](http://github.com/c/d)
</div>

<pre>
- **Not an entry, NIPS 2015**
  - http://arxiv.org/abs/1503.02532v1
</pre>

A prose line with `http://arxiv.org/abs/1503.02531v4` in code, <span title="http://arxiv.org/abs/1503.02531v5">a tag</span>,
and <!-- http://arxiv.org/abs/1503.02531v6 NIPS 2014 --> a comment.
"""
PROTECTED_LINES = {9, 10, 11, 14, 15, 16, 18, 19, 20, 22, 23, 24, 25}


def test_nothing_points_into_code_or_raw_html_and_the_entry_is_still_checked() -> None:
    _, found = Linter().check(SourceText(HOSTILE))
    assert sorted((d.span.line, d.code) for d in found) == [
        (5, "KD108"), (5, "KD202"), (5, "KD501"), (6, "KD502")]
    assert not [d for d in found if d.span.line in PROTECTED_LINES or d.span.line >= 27]


def test_raw_html_blocks_are_never_read_as_entries() -> None:
    document = parse_document(SourceText(HOSTILE))
    assert [e.line for e in document.entries] == [5]
    assert document.html_lines >= {18, 19, 20, 22, 23, 24, 25}
    assert document.code_lines >= {9, 10, 11, 14, 15, 16}


def test_fix_leaves_every_protected_byte_as_it_was() -> None:
    fixed = fix_source(SourceText(HOSTILE), Linter(), unsafe=True).source.text
    before, after = HOSTILE.splitlines(), fixed.splitlines()
    assert len(before) == len(after)
    changed = [n for n, (a, b) in enumerate(zip(before, after), 1) if a != b]
    assert changed == [5, 6]
    assert after[4] == ("- **Distilling the Knowledge in a Neural Network, NeurIPS 2014** "
                        "[[PyTorch]](https://github.com/a/b)")
    assert after[5] == "  - https://arxiv.org/abs/1503.02531"


def test_an_edit_may_carry_a_protected_line_along_but_not_change_it() -> None:
    source = SourceText("- a `code` b\n- c\n")
    protected = Protected(source, frozenset())
    assert not protected.keeps(Edit.replace(Span(1, 6, 1, 9), "CODE"))  # inside the code span
    assert protected.keeps(Edit.replace(Span(1, 12, 1, 13), "B"))  # beside it
    assert not protected.keeps(Edit.insert(1, 6, "x"))  # a point inside it
    assert protected.keeps(Edit.insert(1, 5, "x"))  # at its edge
    assert protected.keeps(Edit.replace(Span(1, 1, 2, 4), "- c\n- a `code` b"))  # a move: the line comes back whole
    assert not protected.keeps(Edit.replace(Span(1, 1, 2, 4), "- c\n- a `cod` b"))
