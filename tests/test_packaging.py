"""What pyproject.toml declares covers what the code imports, and every published example names one version."""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

import pytest

from kdlint import __version__

REPO = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((REPO / "pyproject.toml").read_text())


def _name(requirement: str) -> str:
    """The normalised distribution name of a requirement string (PEP 503)."""
    match = re.match(r"[A-Za-z0-9][A-Za-z0-9._-]*", requirement)
    assert match, requirement
    return re.sub(r"[-_.]+", "-", match.group()).lower()


RUNTIME = {_name(r) for r in PYPROJECT["project"]["dependencies"]}
TEST = {_name(r) for r in PYPROJECT["project"]["optional-dependencies"]["test"]}


def top_level_imports(folder: Path) -> dict[str, Path]:
    """Every absolute import's top-level module in the Python files below `folder`, with one file using it."""
    found: dict[str, Path] = {}
    for path in sorted(folder.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                found.setdefault(name.split(".")[0], path)
    return found


LOCAL = {p.stem for folder in ("tests", "bench", "fuzz") for p in (REPO / folder).rglob("*.py")} | {"fuzz"}


def third_party(folder: Path) -> dict[str, Path]:
    """The imports below `folder` that are neither the standard library, kdlint, nor one of the project's
    scripts (tests/, bench/ and fuzz/ import each other's modules through sys.path)."""
    return {name: path for name, path in top_level_imports(folder).items()
            if name not in sys.stdlib_module_names and name not in LOCAL and name != "kdlint"}


def distributions(imports: dict[str, Path]) -> dict[str, str]:
    """Import name -> the normalised name of the installed distribution that provides it."""
    provided = packages_distributions()
    out = {}
    for name, path in imports.items():
        assert name in provided, f"{path.relative_to(REPO)} imports {name!r}, which no installed distribution provides"
        out[name] = _name(provided[name][0])
    return out


def test_the_package_imports_only_its_runtime_dependencies() -> None:
    used = distributions(third_party(REPO / "lint"))
    assert used, "the scan found no third-party import in lint/"
    undeclared = {name: dist for name, dist in used.items() if dist not in RUNTIME}
    assert not undeclared, f"lint/ imports what [project] dependencies does not declare: {undeclared}"


@pytest.mark.parametrize("folder", ["tests", "bench", "fuzz"])
def test_tests_bench_and_fuzz_import_only_declared_packages(folder: str) -> None:
    used = distributions(third_party(REPO / folder))
    undeclared = {name: dist for name, dist in used.items() if dist not in RUNTIME | TEST}
    assert not undeclared, f"{folder}/ imports what neither dependencies nor the test extra declares: {undeclared}"


def test_the_scan_sees_the_imports_that_matter() -> None:
    """The scan itself: it must see hypothesis (the import that was once undeclared) and pytest."""
    assert {"hypothesis", "pytest", "jsonschema"} <= set(third_party(REPO / "tests"))
    assert {"mistletoe", "click", "pydantic"} <= set(third_party(REPO / "lint"))


def test_ci_runs_the_readme_test_command_verbatim_in_a_fresh_venv() -> None:
    readme = (REPO / "README.md").read_text()
    commands = re.findall(r"```sh\n(.+?)\n```", readme.split("## Set-up on a fresh machine", 1)[1])[:2]
    install, test = commands
    assert install.startswith("pip install . && kdlint ") and "README.source.md" in install
    ci = (REPO / ".ci" / "run").read_text()
    assert f"\n{test}" in ci, f".ci/run does not run the README's test command {test!r} verbatim"
    venv_at = re.search(r"python3? -m venv", ci)
    assert venv_at and venv_at.start() < ci.index(test) and "/bin/activate" in ci


def test_one_version_story() -> None:
    """`kdlint --version`, the changelog and every example that pins kdlint name the same release."""
    tag = f"v{__version__}"
    home = PYPROJECT["project"]["urls"]["Homepage"]
    repository = home.removeprefix("https://github.com/")
    changelog = (REPO / "CHANGELOG.md").read_text()
    assert re.search(rf"^## {re.escape(__version__)}\b", changelog, re.M), "CHANGELOG.md has no section for it"
    texts = {name: (REPO / name).read_text() for name in ("README.md", ".pre-commit-hooks.yaml", "action.yml")}
    pins = [(name, m.group(1), m.group(2)) for name, text in texts.items()
            for m in re.finditer(r"uses: ([\w.-]+/kdlint)@(\S+)", text)]
    revs = [(name, m.group(1)) for name, text in texts.items() for m in re.finditer(r"rev: (\S+)", text)]
    repos = [(name, m.group(1)) for name, text in texts.items()
             for m in re.finditer(r"repo: (https://github\.com/\S+)", text)]
    assert pins and revs and repos
    assert all(p[1] == repository and p[2] == tag for p in pins), pins
    assert all(r[1] == tag for r in revs), revs
    assert all(r[1] == home for r in repos), repos
    assert "OWNER/kdlint" not in "".join(texts.values())


def test_license_matches_the_declared_one() -> None:
    assert PYPROJECT["project"]["license"] == "MIT"
    assert (REPO / "LICENSE").read_text().startswith("MIT License\n")
    assert (REPO / "lint" / "py.typed").is_file()
