from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def shared_files() -> list[Path]:
    """The seeds and the corpus beside the clone; empty when ../shared is absent."""
    if not SHARED.is_dir():
        return []
    return sorted((SHARED / "seeds").glob("*.txt")) + sorted((SHARED / "corpus").glob("*.md"))


def seed(number: int) -> Path:
    matches = sorted((SHARED / "seeds").glob(f"{number:03d}_*.txt")) if SHARED.is_dir() else []
    if not matches:
        pytest.skip("../shared/seeds is not beside this clone")
    return matches[0]


needs_shared = pytest.mark.skipif(not SHARED.is_dir(), reason="../shared is not beside this clone")


@pytest.fixture(autouse=True)
def own_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test's result cache, and the cache of the metadata services' answers (the user's cache directory,
    `$XDG_CACHE_HOME`), in a directory of its own: never in the repository or the home, never shared by tests."""
    folder = tmp_path_factory.mktemp("kdlint-cache")
    monkeypatch.setenv("KDLINT_CACHE_DIR", str(folder))
    monkeypatch.setenv("XDG_CACHE_HOME", str(folder / "user-cache"))
    return folder
