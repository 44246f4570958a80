"""KD106 broken-markdown: Markdown that does not render as meant inside an entry.

## What it does
Looks at every line of every entry for:
- unbalanced square brackets, like `[[[arXiv paper]](url)`;
- link text without a URL, like `[[Code]]` with nothing after it;
- an empty link target, `[Paper]()` (not a placeholder the list writes on
  purpose: a label it gives empty targets HOUSE_STYLE_LEAST times or more,
  `[Coming soon]()`);
- a doubled scheme, `https://https://arxiv.org/abs/1503.02531`.

## Why is this bad?
GitHub renders these as literal brackets or as links that lead nowhere; the
reader sees the damage, the author usually did not.

## Example
```markdown
- **Distilling Knowledge via Knowledge Review, CVPR 2021** [[[arXiv paper]](https://arxiv.org/abs/2104.09044)
```
Use instead:
```markdown
- **Distilling Knowledge via Knowledge Review, CVPR 2021** [[arXiv paper]](https://arxiv.org/abs/2104.09044)
```

## Fix safety
Two cases have a safe fix: a tripled opening bracket before a `[[label]](url)`
link loses one bracket, and a doubled scheme keeps only the last one. The
others need a human to say what was meant.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from ..context import Context
from ..diagnostics import Applicability, Diagnostic, Edit, Fix, Severity, Span, UrlChange
from ..house_style import HOUSE_STYLE_LEAST
from ..readers.parts import LINK
from .base import Fixable, Rule

CODE_SPAN = re.compile(r"`[^`]*`")
TRIPLE_OPEN = re.compile(r"\[(?=\[\[[^\[\]]+\]\]\()")
DANGLING = re.compile(r"\[\[[^\[\]]+\]\](?![(\[:])")
DOUBLED_SCHEME = re.compile(r"^(?:https?://)+(?=https?://)", re.IGNORECASE)
# A bracket after `](` with no space between: the only way a link target (which holds no space) can hold one.
BRACKET_IN_TARGET = re.compile(r"\]\([^\s\[\]]*[\[\]]")


def _masked(text: str) -> str:
    """The line with link targets and code spans blanked out, as the bracket checks read it.

    Without a code span, and without a bracket in any link target, blanking
    changes no bracket and no character next to one, so the checks find the
    same in the line as it is: it is returned unchanged.
    """
    if "`" not in text and not BRACKET_IN_TARGET.search(text):
        return text
    out = CODE_SPAN.sub(lambda m: " " * len(m.group()), text)
    return LINK.sub(lambda m: m.group()[: m.start("url") - m.start()] + " " * len(m.group("url"))
                    + m.group()[m.end("url") - m.start():], out)


def check(ctx: Context) -> Iterator[Diagnostic]:
    lines, code = ctx.source.lines, ctx.document.code_lines
    for entry in ctx.entries:
        for number in range(entry.line, entry.end_line + 1):
            text = lines[number - 1]
            if ("[" not in text and "]" not in text) or number in code:  # blanking never adds a bracket
                continue
            masked = _masked(text)
            opened, closed = masked.count("["), masked.count("]")
            triple = TRIPLE_OPEN.search(masked) if "[[[" in masked else None
            if triple and opened == closed + 1:
                fix = Fix(applicability=Applicability.SAFE, message="Remove the extra `[`",
                          edits=(Edit.replace(Span.on_line(number, triple.start(), triple.end()), ""),))
                yield RULE.diagnostic("unbalanced brackets: `[[[` opens a link with one bracket too many",
                                      Span.on_line(number, triple.start(), triple.end() + 2), fix)
            elif opened != closed:
                yield RULE.diagnostic(f"unbalanced brackets: {opened} `[` but {closed} `]`",
                                      Span.on_line(number, len(text) - len(text.lstrip()), len(text.rstrip())))
            for m in DANGLING.finditer(masked):
                yield RULE.diagnostic(f"link text `{text[m.start():m.end()]}` has no URL",
                                      Span.on_line(number, m.start(), m.end()))
    placeholders = Counter(link.label.strip().casefold() for link in ctx.links
                           if link.label_span is not None and not link.url)
    for link in ctx.links:
        if link.label_span is not None and not link.url \
                and placeholders[link.label.strip().casefold()] < HOUSE_STYLE_LEAST:
            yield RULE.diagnostic("empty link target", link.span)
        doubled = DOUBLED_SCHEME.match(link.url) if link.url.count("://") > 1 else None
        if doubled:
            fixed = link.url[doubled.end():]
            span = Span(line=link.url_span.line, column=link.url_span.column,
                        end_line=link.url_span.line, end_column=link.url_span.column + doubled.end())
            fix = Fix(applicability=Applicability.SAFE, message=f"Remove the extra `{doubled.group()}`",
                      edits=(Edit.replace(span, ""),), changes=(UrlChange(old=link.url, new=fixed),))
            yield RULE.diagnostic(f"doubled scheme in `{link.url}`", link.url_span, fix)


RULE = Rule(code="KD106", name="broken-markdown", summary="Markdown broken inside an entry",
            severity=Severity.ERROR, fixable=Fixable.SOMETIMES, check=check, doc=__doc__ or "")
