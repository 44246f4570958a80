"""kdlint imports mistletoe without its Unicode punctuation table, and anything that reads it gets the full one."""

from __future__ import annotations

import subprocess
import sys

PROBE = """
import sys
{setup}
import mistletoe.core_tokens as core
from mistletoe import Document, HTMLRenderer
text = "**«quoted»**x and _—dash—_ y and *¿qué?*z\\n"
with HTMLRenderer() as renderer:
    html = renderer.render(Document(text))
import hashlib
table = "".join(sorted(core.punctuation))
print(type(core.punctuation).__name__, len(core.punctuation), hashlib.md5(table.encode()).hexdigest())
print(repr(html))
"""


def _run(setup: str) -> list[str]:
    done = subprocess.run([sys.executable, "-c", PROBE.format(setup=setup)], capture_output=True, text=True,
                          check=True)
    return done.stdout.splitlines()


def test_a_check_never_builds_the_table() -> None:
    code = ("import kdlint.document as d, mistletoe.core_tokens as core\n"
            "from kdlint.engine import Linter\nfrom kdlint.source import SourceText\n"
            "Linter().check(SourceText('## A\\n\\n- **Deep Mutual Learning, CVPR 2018** “x” — *y*\\n'))\n"
            "print(type(core.punctuation).__name__, core.punctuation._complete)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["FullPunctuation", "False"]


def test_inline_parsing_after_kdlints_import_is_mistletoes_own() -> None:
    plain = _run("")
    through_kdlint = _run("import kdlint.document")
    assert plain[0].split()[1:] == through_kdlint[0].split()[1:]  # the same table, every code point
    assert through_kdlint[0].split()[0] == "FullPunctuation"
    assert plain[1] == through_kdlint[1]  # emphasis next to Unicode punctuation renders the same
    assert int(plain[0].split()[1]) > 700  # the Unicode table, not ASCII's 32
