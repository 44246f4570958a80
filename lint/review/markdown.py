"""What the review bot posts, as GitHub Markdown: comments, the review body, the hidden markers.

Text from the pull request is escaped, or shown in code spans: no mentions,
no HTML, no Markdown that could inject links or images; rule names come from
kdlint's registry. Every comment carries a hidden fingerprint (FP), the
review body the fingerprints it lists (LISTED) and the run's marker (RUN).
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from typing import Any

from ..words import plural
from .payload import ReviewFinding

MAX_BODY = 65_536  # characters GitHub accepts in a review or comment body
BODY_ROOM = 60_000  # what the listed findings may take of it, leaving room for the rest
FP = re.compile(r"<!-- kdlint:fp=([0-9a-f]{32}) -->")
LISTED = re.compile(r"<!-- kdlint:listed=([0-9a-f,]*) -->")
CLEAN = "<!-- kdlint:clean -->"
RUN = re.compile(r"<!-- kdlint:run=[0-9a-f]{32} -->")


def markdown(message: str) -> str:
    """A kdlint message as Markdown: its backticked parts as code spans (inert whatever they hold: no
    mention, link or HTML works inside one), the rest escaped."""
    parts = message.replace("\r", " ").replace("\n", " ").split("`")
    if len(parts) % 2 == 0:  # an odd backtick (from the pull request): nothing is code
        return escape(message)
    out = []
    for i, part in enumerate(parts):
        if i % 2 == 0:
            out.append(escape(part))
        elif part:
            out.append(code_span(part))
    return "".join(out)


def code_span(text: str) -> str:
    text = text.replace("\r", " ").replace("\n", " ")  # a line break (a file name may hold one) would end it
    ticks = "`" * (max((len(m.group()) for m in re.finditer(r"`+", text)), default=0) + 1)
    pad = " " if text.startswith(("`", " ")) or text.endswith("`") else ""
    return f"{ticks}{pad}{text}{pad}{ticks}"


def escape(text: str) -> str:
    """Text from a pull request, made inert in GitHub Markdown: literal characters, no mentions, no HTML, no
    links. GitHub links some text after rendering, where a backslash no longer counts (mentions, e-mail
    addresses, `#123` and `owner/name#123` references) and autolinks `www.` and `scheme://` even with an
    escaped dot (cmark-gfm issue 388): a zero-width space after `@` and `#`, before `://` and in `www.` breaks
    each of them and shows nothing."""
    text = text.replace("\r", " ").replace("\n", " ")
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = re.sub(r"([\\`*_{}\[\]()#+\-!|~])", r"\\\1", text)
    text = text.replace("@", "@\u200b").replace("#", "#\u200b").replace("://", "\u200b://")
    return re.sub(r"(?i)\bwww\.", lambda m: m.group()[:3] + "\u200b.", text)


def fence(content: str, info: str) -> str:
    """A fenced block longer than any backtick run inside it."""
    longest = max((len(m.group()) for m in re.finditer(r"`+", content)), default=0)
    ticks = "`" * max(3, longest + 1)
    return f"{ticks}{info}\n{content}\n{ticks}"


def docs_link(code: str, name: str) -> str:
    """The rule's documentation: its module in the action's repository, when kdlint runs as an action."""
    repository = os.environ.get("GITHUB_ACTION_REPOSITORY")
    if not repository or not re.fullmatch(r"[\w.-]+/[\w.-]+", repository):
        return f"`kdlint rule {code}` explains it."
    server = os.environ.get("GITHUB_SERVER_URL", "https://github.com")
    ref = os.environ.get("GITHUB_ACTION_REF") or "main"
    if not re.fullmatch(r"[\w./-]+", ref):
        ref = "main"
    module = f"kd{code[2:]}_{name.replace('-', '_')}.py"
    return f"[{code} documentation]({server}/{repository}/blob/{ref}/lint/rules/{module})"


def rule_name(code: str) -> str:
    """A rule's name from kdlint's own registry, never from the payload."""
    from ..rules import BY_CODE

    rule = BY_CODE.get(code)
    return rule.name if rule is not None else "unknown-rule"


def listed_line(f: ReviewFinding) -> str:
    """A finding as one item of a Markdown list: where, which rule, what."""
    return f"- {code_span(f'{f.path}:{f.start_line}')} **{f.code}** ({rule_name(f.code)}): {markdown(f.message)}"


def comment_body(f: ReviewFinding) -> str:
    name = rule_name(f.code)
    parts = [f"**{f.code}** ({name}): {markdown(f.message)}"]
    if f.suggestion is not None:
        parts.append(fence(f.suggestion, "suggestion"))
        also = [code for code in f.also_fixes if re.fullmatch(r"KD\d{3}", code)]
        if also:
            named = ", ".join(f"**{code}** ({rule_name(code)})" for code in also)
            parts.append(f"The suggestion also fixes {named} on these lines.")
    parts.append(docs_link(f.code, name))
    parts.append(f"<!-- kdlint:fp={f.fingerprint} -->")
    return "\n\n".join(parts)


def inline_comment(f: ReviewFinding) -> dict[str, Any]:
    comment: dict[str, Any] = {"path": f.path, "line": f.end_line, "side": "RIGHT", "body": comment_body(f)}
    if f.start_line != f.end_line:
        comment["start_line"] = f.start_line
        comment["start_side"] = "RIGHT"
    return comment


def review_body(listed: Sequence[ReviewFinding], inline: int, nonce: str) -> str:
    """The review's body: the count, the findings outside the diff (as many as fit under GitHub's limit, the
    rest counted), and the markers: which findings it lists (earlier reviews list theirs), and the run."""
    shown: list[ReviewFinding] = []
    lines = [f"**kdlint** found {plural(inline + len(listed), 'new finding')} in this pull request "
             f"({inline} as {'an inline comment' if inline == 1 else 'inline comments'})."]
    if listed:
        lines.append("")
        lines.append("Outside the diff, or beyond the inline comments:")
        lines.append("")
        used = 0
        for f in listed:
            line = listed_line(f)
            if used + len(line) + 34 > BODY_ROOM:  # the line and its fingerprint in the marker
                lines.append(f"- ... and {len(listed) - len(shown)} more (the job summary lists every finding)")
                break
            lines.append(line)
            shown.append(f)
            used += len(line) + 34
    lines.append("")
    lines.append("Run `kdlint fix` on your branch to apply the safe fixes.")
    fingerprints = ",".join(sorted({f.fingerprint for f in shown}))
    lines.append(f"<!-- kdlint:listed={fingerprints} -->")
    lines.append(f"<!-- kdlint:run={nonce} -->")
    return "\n".join(lines)
