"""The import graph of the package: no cycle, and no arrow back up the layers.

CLI -> commands (review, export, convert, init, the language server) -> engine and fixer -> rules and
their context -> readers and the document -> model, source and the small
helpers. Function-level imports count too: a cycle hidden in a function is a
cycle.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
LINT = REPO / "lint"

# A package of lint/ may not import these (module prefixes); the layers above it.
FORBIDDEN: dict[str, tuple[str, ...]] = {
    "kdlint.rules": ("kdlint.cli", "kdlint.review", "kdlint.report", "kdlint.export", "kdlint.engine",
                     "kdlint.fixer", "kdlint.config"),
    "kdlint.readers": ("kdlint.cli", "kdlint.review", "kdlint.report", "kdlint.export", "kdlint.engine",
                       "kdlint.fixer", "kdlint.rules", "kdlint.context", "kdlint.document", "kdlint.config"),
    "kdlint.report": ("kdlint.cli", "kdlint.review"),
    "kdlint.export": ("kdlint.cli", "kdlint.review"),
    "kdlint.review": ("kdlint.cli",),
    "kdlint.lsp": ("kdlint.cli", "kdlint.review", "kdlint.report", "kdlint.export"),
    "kdlint.engine": ("kdlint.cli", "kdlint.review", "kdlint.report", "kdlint.export", "kdlint.fixer"),
    "kdlint.context": ("kdlint.cli", "kdlint.review", "kdlint.report", "kdlint.export", "kdlint.engine",
                       "kdlint.fixer", "kdlint.rules"),
    "kdlint.settings": ("kdlint.config", "kdlint.config_files", "kdlint.engine", "kdlint.cli"),
    "kdlint.settings_check": ("kdlint.config", "kdlint.schemas", "kdlint.config_files", "kdlint.engine", "kdlint.cli"),
}


def module_names() -> dict[str, Path]:
    found = {}
    for path in LINT.rglob("*.py"):
        parts = path.relative_to(LINT).with_suffix("").parts
        name = ".".join(("kdlint", *parts)).removesuffix(".__init__")
        found[name] = path
    return found


def imports() -> dict[str, set[str]]:
    """For each module of the package, the package's modules it imports (at any depth of its code)."""
    modules = module_names()
    graph: dict[str, set[str]] = defaultdict(set)
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                if node.level:
                    base = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                    target = ".".join([*base, *([node.module] if node.module else [])])
                else:
                    target = node.module or ""
                candidates = [target, *(f"{target}.{alias.name}" for alias in node.names)]
            elif isinstance(node, ast.Import):
                candidates = [alias.name for alias in node.names]
            else:
                continue
            graph[name].update(c for c in candidates if c in modules and c != name)
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan's algorithm, iteratively)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is None:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    component = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == node:
                            break
                    if len(component) > 1:
                        found.append(sorted(component))
            elif child not in index:
                index[child] = low[child] = len(index)
                stack.append(child)
                on_stack.add(child)
                work.append((child, iter(sorted(graph.get(child, ())))))
            elif child in on_stack:
                low[node] = min(low[node], index[child])
    return found


def test_the_package_has_no_import_cycle() -> None:
    assert cycles(imports()) == []


def test_the_cycle_finder_finds_one() -> None:
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_no_module_imports_a_layer_above_its_own() -> None:
    wrong = [(name, target) for name, targets in imports().items() for target in sorted(targets)
             for package, above in FORBIDDEN.items() if name == package or name.startswith(package + ".")
             for banned in above if target == banned or target.startswith(banned + ".")]
    assert wrong == []


def test_only_the_language_server_imports_pygls() -> None:
    """pygls and its protocol types are the server's (kdlint.lsp, started by `kdlint server`): no other module
    imports them, at any depth, so no other command pays for them."""
    outside = []
    for name, path in module_names().items():
        if name == "kdlint.lsp" or name.startswith("kdlint.lsp."):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = ([alias.name for alias in node.names] if isinstance(node, ast.Import)
                     else [node.module or ""] if isinstance(node, ast.ImportFrom) and not node.level else [])
            outside += [(name, n) for n in names if n.split(".")[0] in ("pygls", "lsprotocol")]
    assert outside == []
    assert "kdlint.lsp.server" in imports()["kdlint.cli.server"]
