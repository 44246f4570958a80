"""KD108 code-label: a code-link label spelled differently from its canonical form.

## What it does
Checks the labels of an entry's links against the code-label vocabulary
(`schema/code_labels.toml`, extended by the `code-labels` setting): `[[Pytorch]]`, `[[pytorch]]` and `[[Py Torch]]`
are all `[[PyTorch]]`; `[[Tensorflow]]` is `[[TensorFlow]]`.

## Why is this bad?
Readers filter lists by framework with the browser's search; `Pytorch` and
`PyTorch` side by side look careless and split that search in two.

## Example
```markdown
- **Relational Knowledge Distillation, CVPR 2019** [[Pytorch]](https://github.com/lenscloth/RKD)
```
Use instead:
```markdown
- **Relational Knowledge Distillation, CVPR 2019** [[PyTorch]](https://github.com/lenscloth/RKD)
```

## Fix safety
Safe: only the label's spelling changes, never the URL.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from ..context import Context
from ..diagnostics import Applicability, Diagnostic, Edit, Fix, Severity, TextChange
from ..house_style import HOUSE_SHARE, HOUSE_STYLE_LEAST
from .base import Fixable, Rule


def check(ctx: Context) -> Iterator[Diagnostic]:
    spellings = ctx.vocabulary.code_labels
    uses: dict[str, Counter[str]] = {}  # canonical label -> how often each spelling of it is written
    for entry in ctx.entries:
        for link in entry.links:
            label = link.label.strip()
            if link.label_span is not None and (canonical := spellings.get(label.casefold())) is not None:
                uses.setdefault(canonical, Counter())[label] += 1
    for entry in ctx.entries:
        for link in entry.links:
            if link.label_span is None:
                continue
            label = link.label.strip()
            canonical = spellings.get(label.casefold())
            if canonical is None or canonical == label:
                continue
            written = uses[canonical]
            if written[label] >= HOUSE_STYLE_LEAST and written[label] >= HOUSE_SHARE * sum(written.values()):
                continue  # `[Github]` throughout: the list's own spelling, not a slip
            start = link.label_span.column + link.label.index(label)
            span = link.label_span._replace(column=start, end_column=start + len(label))
            fix = Fix(applicability=Applicability.SAFE, message=f"Write `{canonical}`",
                      edits=(Edit.replace(span, canonical),), changes=(TextChange(label, canonical),))
            yield RULE.diagnostic(f"code label `{label}` is spelled `{canonical}`", span, fix)


RULE = Rule(code="KD108", name="code-label", summary="Code-link label not in its canonical spelling",
            severity=Severity.WARNING, fixable=Fixable.ALWAYS, check=check, doc=__doc__ or "")
