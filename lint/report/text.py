"""The default output: `path:line:col: CODE message`, then a summary."""

from __future__ import annotations

from collections.abc import Sequence

from ..diagnostics import Applicability, Diagnostic


def finding_line(path: str, d: Diagnostic, unsafe: bool = False) -> str:
    marker = ""
    if d.fix is not None and (d.fix.applicability is Applicability.SAFE or unsafe):
        marker = " [*]"
    return f"{path}:{d.span.line}:{d.span.column}: {d.code}{marker} {d.message}"


def summary(results: Sequence[tuple[str, Sequence[Diagnostic]]], unsafe: bool = False, fix_command: str = "kdlint fix") -> str:
    total = sum(len(found) for _, found in results)
    if total == 0:
        return "All checks passed!"
    safe = sum(1 for _, found in results for d in found if d.fix and d.fix.applicability is Applicability.SAFE)
    hidden = sum(1 for _, found in results for d in found if d.fix and d.fix.applicability is Applicability.UNSAFE)
    lines = [f"Found {total} {'finding' if total == 1 else 'findings'}."]
    fixable = safe + (hidden if unsafe else 0)
    if fixable:
        option = " --unsafe-fixes" if unsafe and hidden else ""
        lines.append(f"[*] {fixable} fixable with `{fix_command}{option}`.")
    if hidden and not unsafe:
        lines.append(f"({hidden} more fixable with `{fix_command} --unsafe-fixes`.)")
    return "\n".join(lines)


def render(results: Sequence[tuple[str, Sequence[Diagnostic]]], unsafe: bool = False) -> str:
    lines = [finding_line(path, d, unsafe) for path, found in results for d in found]
    lines.append(summary(results, unsafe))
    return "\n".join(lines) + "\n"
