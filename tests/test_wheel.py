"""The built wheel carries everything kdlint loads at run time, and works from a fresh venv."""

from __future__ import annotations

import shutil
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    # Build from a clean copy: setuptools reuses build/ in the tree, where stale modules would slip in.
    tree = tmp_path_factory.mktemp("tree") / "kdlint"
    shutil.copytree(REPO, tree, ignore=shutil.ignore_patterns(".git", "build", "dist", "*.egg-info", "__pycache__",
                                                             ".pytest_cache", ".venv"))
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(tree)],
                   check=True, capture_output=True)
    (built,) = out.glob("kdlint-*.whl")
    return built


def test_wheel_holds_the_package_and_its_data(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for name in ("kdlint/__init__.py", "kdlint/cli.py", "kdlint/rules/kd101_title.py", "kdlint/report/text.py",
                 "kdlint/schema/code_labels.toml", "kdlint/schema/report.schema.json"):
        assert name in names
    assert not any(name.startswith(("tests/", "lint/", "schema/")) for name in names)


def test_kdlint_check_from_a_fresh_venv(wheel: Path, tmp_path: Path) -> None:
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    subprocess.run([str(python), "-m", "pip", "install", "-q", "--disable-pip-version-check", str(wheel)],
                   check=True, capture_output=True)
    where = subprocess.run([str(python), "-c", "import kdlint.vocabulary as v; print(v.__file__)"],
                           check=True, capture_output=True, text=True, cwd=tmp_path).stdout
    assert where.startswith(str(env_dir))
    listing = tmp_path / "list.md"
    listing.write_text("## A\n\n- **Deep Mutual Learning, CVPR 2018** [[Pytorch]](https://github.com/x/y)\n"
                       "  - https://arxiv.org/abs/1706.00384\n  - *Ying Zhang, Tao Xiang.*\n")
    done = subprocess.run([str(env_dir / "bin" / "kdlint"), "check", str(listing)], capture_output=True,
                          text=True, cwd=tmp_path)
    assert done.returncode == 1, done.stderr
    assert done.stdout.splitlines()[0] == f"{listing}:3:41: KD108 [*] code label `Pytorch` is spelled `PyTorch`"
    done = subprocess.run([str(env_dir / "bin" / "kdlint"), "check", str(REPO / "README.source.md")],
                          capture_output=True, text=True, cwd=tmp_path)
    assert (done.returncode, done.stdout) == (0, "All checks passed!\n")
