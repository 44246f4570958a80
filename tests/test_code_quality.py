"""The guard-rails: ruff (the rule set of pyproject.toml) and mypy (strict, on the package) find nothing.

mypy checks the package under its import name: a copy of lint/ as kdlint/, with
schema/ as kdlint/schema/ (the layout the wheel has), because the checkout's
folder names are not the package's.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def test_ruff_finds_nothing() -> None:
    done = subprocess.run([sys.executable, "-m", "ruff", "check", "--no-cache", "."], cwd=REPO,
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def test_mypy_strict_finds_nothing(tmp_path: Path) -> None:
    package = tmp_path / "kdlint"
    shutil.copytree(REPO / "lint", package, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(REPO / "schema", package / "schema", ignore=shutil.ignore_patterns("__pycache__"))
    done = subprocess.run([sys.executable, "-m", "mypy", "--config-file", str(REPO / "pyproject.toml"),
                           "--cache-dir", str(tmp_path / "cache"), "-p", "kdlint"],
                          cwd=tmp_path, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
