"""Fuzz kdlint with generated paper lists: `python fuzz/fuzz_lint.py --examples 20000`.

Lists come from a grammar of entries in every style kdlint reads (bold,
heading, dated, inline, plain), with defects injected at random (aliases and
misspelled venues, malformed years, versioned or http arXiv links, label
spellings, whitespace, duplicates, disorder, broken brackets, pragmas, CRLF,
a BOM), plus raw Markdown noise. For each list:

- check never raises, and every span lies inside the file;
- fix (safe, and with --unsafe-fixes) never loses content, offers no fix that
  the content guard refuses, reaches a fixpoint (fixing again changes
  nothing) and leaves no fix of its own kind behind.

The test suite runs a short version of this (tests/test_properties.py).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kdlint.diagnostics import Applicability
from kdlint.engine import Linter
from kdlint.fixer import fix_source
from kdlint.source import SourceText

WORDS = ["Knowledge", "Distillation", "Deep", "Mutual", "Learning", "Feature", "Online", "Teacher", "Student",
         "Contrastive", "Relational", "Networks", "via", "for", "with", "a", "the", "Self-Supervised", "(FitNets)",
         "Review:", "DINO", "GAN", "BERT", "`code`", "<b>x</b>", "@admin", "::error::", "100%", "[x]", "C++"]
VENUES = ["CVPR", "ICCV", "ECCV", "NeurIPS", "NIPS", "NeurlPS", "CPVR", "ICLR", "ICML", "AAAI", "arXiv", "arxive",
          "IEEE TPAMI", "TPAMI", "NIPSW", "NeurIPS-workshop", "JMI", "Visual Intelligence", "Imaginary Letters",
          "ACM MM", "cvpr", "Interspeech"]
YEARS = ["2014", "2015", "2018", "2019", "2020", "2021", "2022", "2025", "'19", "20019", "1970", "2099"]
LABELS = ["PyTorch", "Pytorch", "pytorch", "TensorFlow", "Tensorflow", "Code", "code", "Project", "[Paper]", ""]
NAMES = ["Ann Author", "Ben Bright", "Geoffrey E. Hinton", "Jian-Ping Mei", "Q. Tian", "Zhang"]


@st.composite
def urls(draw: st.DrawFn) -> str:
    kind = draw(st.sampled_from(["abs", "pdf", "html", "openreview", "doi", "github", "cvf", "plain", "double"]))
    number = f"{draw(st.integers(10, 24)):02d}{draw(st.integers(1, 12)):02d}.{draw(st.integers(0, 99999)):05d}"
    scheme = draw(st.sampled_from(["https://", "http://"]))
    version = draw(st.sampled_from(["", "v1", "v3"]))
    return {
        "abs": f"{scheme}arxiv.org/abs/{number}{version}",
        "pdf": f"{scheme}arxiv.org/pdf/{number}{version}.pdf",
        "html": f"https://arxiv.org/html/{number}",
        "openreview": f"https://openreview.net/forum?id=Ab{draw(st.integers(0, 99))}",
        "doi": f"https://doi.org/10.1145/{draw(st.integers(1000, 9999))}",
        "github": f"{scheme}github.com/x/y{draw(st.integers(0, 9))}",
        "cvf": "https://openaccess.thecvf.com/content_CVPR_"
               f"{draw(st.sampled_from(['2019', '2021']))}/html/X_paper.html",
        "plain": f"https://example.org/{draw(st.integers(0, 99))}",
        "double": f"https://https://arxiv.org/abs/{number}",
    }[kind]


@st.composite
def entries(draw: st.DrawFn) -> str:
    title = " ".join(draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=7)))
    pairs = draw(st.lists(st.tuples(st.sampled_from(VENUES), st.sampled_from(YEARS)), max_size=2))
    venue = ", ".join(f"{v} {y}" for v, y in pairs)
    authors = ", ".join(draw(st.lists(st.sampled_from(NAMES), max_size=4, unique=True)))
    label = draw(st.sampled_from(LABELS))
    code = f" [[{label}]]({draw(urls())})" if draw(st.booleans()) else ""
    url = draw(urls())
    style = draw(st.sampled_from(["bold", "bold", "bold-ipl", "heading", "dated", "inline", "plain", "broken"]))
    trailing = draw(st.sampled_from(["", "", " ", "  ", "\t"]))
    if style == "bold":
        lines = [f"- **{title}{', ' + venue if venue else ''}**{code}{trailing}"]
        if draw(st.booleans()):
            lines.append(f"  - {url}")
        if authors:
            period = draw(st.sampled_from([".", ""]))
            lines.append(f"  - {draw(st.sampled_from(['*', '_', '']))}{authors}{period}"
                         f"{draw(st.sampled_from(['*', '_', '']))}")
        if draw(st.booleans()):
            lines.reverse() if len(lines) == 3 and draw(st.booleans()) else None
        return "\n".join(lines)
    if style == "bold-ipl":
        return f"- **{title}**, {venue or 'arXiv 2020'}, [ :link: ]({url}){code}"
    if style == "heading":
        return f"### {title} {venue.replace(',', '')} [[paper]]({url}){code}"
    if style == "dated":
        date = f"{draw(st.integers(10, 24))}.0{draw(st.integers(1, 9))}.1{draw(st.integers(0, 9))}"
        return f"- ({date}, {venue}) [{title}]({url})"
    if style == "inline":
        return f"- [{title}]({url}), {authors or 'Ann Author'}, {draw(st.sampled_from(YEARS))}"
    if style == "plain":
        return f"* {title} [[Paper]]({url}){code}"
    return f"- **{title}, {venue}** [[[arXiv paper]]({url}) [[Code]] [x]()"


@st.composite
def lists(draw: st.DrawFn) -> bytes:
    parts = ["# Papers", ""]
    if draw(st.booleans()):
        parts += ["- [Papers](#papers)", "  - [Other](#other)", "  - [Missing](#missing)", ""]
    for _number in range(draw(st.integers(1, 3))):
        heading = draw(st.sampled_from(["Feature Distillation", "2021", "2019", "Useful Resources", "Papers"]))
        parts += [f"## {heading}", ""]
        if draw(st.booleans()):
            parts.append(draw(st.sampled_from(["<!-- kdlint-disable-next-line KD108 -->", "<!-- kdlint-disable KD2 -->",
                                               "<!-- kdlint-enable -->", "<!-- kdlint-bogus -->",
                                               "<!-- kdlint-disable-file KD777 -->", "Some prose.",
                                               "```\ncode  \n```"])))
        items = draw(st.lists(entries(), min_size=0, max_size=6))
        if items and draw(st.booleans()):
            items.append(items[0])  # a duplicate
        separator = draw(st.sampled_from(["\n\n", "\n", "\n  \n"]))
        parts.append(separator.join(items))
        parts.append("")
    noise = draw(st.text(alphabet="-*_[]()#>`! \n\tab1:/.,\\<!->|", max_size=40))
    text = "\n".join(parts) + noise
    if draw(st.booleans()):
        text = text.replace("\n", "\r\n")
    data = text.encode("utf-8")
    return (b"\xef\xbb\xbf" + data) if draw(st.booleans()) else data


def check_invariants(data: bytes) -> None:
    """Everything kdlint promises for one list; raises AssertionError (or the bug's own error) if broken."""
    source = SourceText.from_bytes(data)
    linter = Linter()
    _, found = linter.check(source)
    for d in found:
        for span in [d.span, *(edit.span for edit in (d.fix.edits if d.fix else ()))]:
            assert 1 <= span.line <= span.end_line <= len(source.lines), (d, span)
            assert 1 <= span.column <= len(source.line(span.line)) + 1, (d, span)
            assert 1 <= span.end_column <= len(source.line(span.end_line)) + 1, (d, span)
    for unsafe in (False, True):
        once = fix_source(source, linter, unsafe=unsafe)  # ContentLossError would be a bug
        # A fix the content guard refuses is a rule's defect too: it offers what it cannot prove.
        assert not once.refused, f"fix refused: {[(d.code, d.span.line, why) for d, why in once.refused[:2]]}"
        again = fix_source(once.source, linter, unsafe=unsafe)
        assert again.source.text == once.source.text, "fixing twice changed more than fixing once"
        left = [d for d in once.remaining if d.fix and (unsafe or d.fix.applicability is Applicability.SAFE)]
        assert once.passes < 10 or not left, f"no fixpoint: {left[:3]}"
        assert once.source.bom == source.bom


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=2000, help="how many lists to generate")
    parser.add_argument("--seed", type=int, default=None, help="hypothesis seed, to repeat a run")
    args = parser.parse_args(argv)

    @settings(max_examples=args.examples, deadline=None, derandomize=args.seed is not None, database=None,
              suppress_health_check=list(HealthCheck))
    @given(lists())
    def run(data: bytes) -> None:
        check_invariants(data)

    if args.seed is not None:
        from hypothesis import seed as hypothesis_seed

        run = hypothesis_seed(args.seed)(run)
    run()
    print(f"{args.examples} generated lists kept every invariant.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
