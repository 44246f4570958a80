"""The result cache of `kdlint check` (kdlint.cache): a hit gives what a check gives; anything else is a miss."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import FIXTURES, REPO, shared_files

from kdlint import cache
from kdlint.cli import main
from kdlint.engine import Linter
from kdlint.files import read

LIST = """# Papers

## Feature Distillation

- **FitNets: Hints for Thin Deep Nets, ICLR 2015** [[Theano]](https://github.com/adri-romsor/FitNets)
  - https://arxiv.org/abs/1412.6550
  - *Adriana Romero, Nicolas Ballas, Samira Ebrahimi Kahou, Yoshua Bengio.*

- **Relational Knowledge Distillation, CPVR 2019** [[PyTorch]](https://github.com/lenscloth/RKD)
  - https://arxiv.org/abs/1904.05068
  - *Wonpyo Park, Dongju Kim, Yan Lu, Minsu Cho.*
"""


def _check(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = main(["check", "--isolated", *args])
    return code, capsys.readouterr().out


def _entries(folder: Path) -> list[Path]:
    return sorted(p for p in (folder / cache.__version__).glob("*") if not p.name.startswith("."))


@pytest.fixture
def listed(tmp_path: Path) -> Path:
    path = tmp_path / "README.md"
    path.write_text(LIST, encoding="utf-8")
    return path


def test_round_trip_of_every_list() -> None:
    lists = [*FIXTURES.rglob("*.md"), *shared_files()]
    assert lists
    for path in lists:
        found = Linter().check(read(str(path), 10**9))[1]
        assert cache.decode(cache.encode(found)) == found, path
        assert cache.decode("".join(cache.encode(found)).splitlines(keepends=True)) == found, path


@pytest.mark.parametrize("output", ["text", "json", "sarif", "github", "full", "rdjson", "gitlab"])
def test_a_hit_prints_what_a_check_prints(capsys: pytest.CaptureFixture[str], listed: Path, own_cache: Path,
                                          output: str) -> None:
    fresh = _check(capsys, "--no-cache", "--output-format", output, str(listed))
    assert _entries(own_cache) == []
    first = _check(capsys, "--output-format", output, str(listed))
    assert len(_entries(own_cache)) == 1
    second = _check(capsys, "--output-format", output, str(listed))
    assert fresh == first == second
    assert fresh[0] == 1 and "KD202" in fresh[1]


def test_the_directory_is_tagged_and_ignored(capsys: pytest.CaptureFixture[str], listed: Path,
                                             own_cache: Path) -> None:
    _check(capsys, str(listed))
    assert (own_cache / ".gitignore").read_text().splitlines()[-1] == "*"
    assert (own_cache / "CACHEDIR.TAG").read_text().startswith("Signature: 8a477f597d28d172789f06886806bc55\n")


def test_what_the_findings_depend_on_is_in_the_key(capsys: pytest.CaptureFixture[str], listed: Path,
                                                   own_cache: Path) -> None:
    _check(capsys, str(listed))
    code, out = _check(capsys, "--select", "KD3", str(listed))  # another selection
    assert (code, out.startswith("All checks passed!")) == (0, True)
    listed.write_text(LIST.replace("CPVR", "CVPR"), encoding="utf-8")  # another text
    code, out = _check(capsys, str(listed))
    assert code == 0, out
    other = listed.with_name("other.md")  # another path, same text
    other.write_text(LIST, encoding="utf-8")
    assert _check(capsys, str(other))[0] == 1
    (listed.parent / ".kdlint.toml").write_text('ignore = ["KD202"]\n')  # other settings
    main(["check", str(other)])
    assert "KD202" not in capsys.readouterr().out
    assert len(_entries(own_cache)) == 5


@pytest.mark.parametrize("garbage", ["", "not json", '{"format": 1}\n[1]\n', '{"format": 1}\n{}\n', '{"format": 99}\n',
                                     '{"format": 1}\n["KD202", "name", "message", "error", [1, 2, 3]]\n',
                                     '{"format": 1}\n["KD202", "name"', "\udcff"])
def test_a_bad_entry_is_a_miss(capsys: pytest.CaptureFixture[str], listed: Path, own_cache: Path,
                               garbage: str) -> None:
    expected = _check(capsys, "--no-cache", str(listed))
    _check(capsys, str(listed))
    [entry] = _entries(own_cache)
    entry.write_bytes(garbage.encode("utf-8", "surrogateescape"))
    assert _check(capsys, str(listed)) == expected
    assert cache.decode(entry.read_text(encoding="utf-8").splitlines()) != []  # written again


def test_concurrent_runs_agree(listed: Path, own_cache: Path) -> None:
    command = [sys.executable, "-m", "kdlint", "check", "--isolated", str(listed)]
    expected = subprocess.run([*command, "--no-cache"], capture_output=True, text=True).stdout
    runs = [subprocess.Popen(command, stdout=subprocess.PIPE, text=True) for _ in range(6)]
    assert [run.communicate()[0] for run in runs] == [expected] * 6
    assert len(_entries(own_cache)) == 1
    assert not list((own_cache / cache.__version__).glob(".*.tmp"))


def test_cache_dir_is_relative_to_the_configuration(capsys: pytest.CaptureFixture[str], listed: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(cache.ENVIRONMENT)
    (listed.parent / ".kdlint.toml").write_text('cache-dir = "build/lint-cache"\n')
    monkeypatch.chdir(REPO / "tests")
    main(["check", str(listed)])
    assert len(_entries(listed.parent / "build" / "lint-cache")) == 1
    assert not (REPO / "tests" / ".kdlint_cache").exists()


def test_default_directory_and_clean(capsys: pytest.CaptureFixture[str], listed: Path, tmp_path: Path,
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(cache.ENVIRONMENT)
    monkeypatch.chdir(tmp_path)
    _check(capsys, str(listed))
    assert len(_entries(tmp_path / ".kdlint_cache")) == 1
    assert main(["clean"]) == 0
    assert capsys.readouterr().err == f"Removed {tmp_path / '.kdlint_cache'}\n"
    assert not (tmp_path / ".kdlint_cache").exists()
    assert main(["clean"]) == 0
    assert capsys.readouterr().err == "No cache to remove.\n"


def test_clean_leaves_a_directory_kdlint_did_not_make(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    mine = tmp_path / "precious"
    (mine / cache.__version__).mkdir(parents=True)
    monkeypatch.setenv(cache.ENVIRONMENT, str(mine))
    monkeypatch.chdir(tmp_path)
    assert main(["clean"]) == 2
    assert capsys.readouterr().err == f"kdlint: error: {mine}: not removed: it has no CACHEDIR.TAG, so kdlint did not make it\n"
    assert mine.is_dir()


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into a read-only directory")
def test_a_cache_that_cannot_be_written_is_no_error(capsys: pytest.CaptureFixture[str], listed: Path,
                                                    tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    monkeypatch.setenv(cache.ENVIRONMENT, str(locked / "cache"))
    assert _check(capsys, str(listed)) == _check(capsys, "--no-cache", str(listed))


def test_a_cache_path_that_is_a_file_is_no_error(capsys: pytest.CaptureFixture[str], listed: Path,
                                                 tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "blocker"
    blocker.write_text("a file, not a directory")
    monkeypatch.setenv(cache.ENVIRONMENT, str(blocker / "cache"))
    assert _check(capsys, str(listed)) == _check(capsys, "--no-cache", str(listed))
    assert blocker.read_text() == "a file, not a directory"


def test_standard_input_is_not_cached(listed: Path, own_cache: Path) -> None:
    out = subprocess.run([sys.executable, "-m", "kdlint", "check", "--isolated", "-"], input=LIST,
                         capture_output=True, text=True)
    assert out.returncode == 1 and "KD202" in out.stdout
    assert not own_cache.joinpath(cache.__version__).exists()


def test_a_hit_parses_only_when_asked(listed: Path, own_cache: Path) -> None:
    """A cached text report needs no parse; a cached verbose run still says what it read."""
    command = [sys.executable, "-m", "kdlint", "check", "--isolated", str(listed)]
    subprocess.run(command, capture_output=True, check=False)
    probe = ("import sys, kdlint.document as d; calls = []; real = d.parse_document\n"
             "d.parse_document = lambda *a, **k: calls.append(1) or real(*a, **k)\n"
             "import kdlint.engine as e; e.parse_document = d.parse_document\n"
             "from kdlint.cli import main; code = main(sys.argv[1:]); print(json.dumps([code, len(calls)]))")
    quiet = subprocess.run([sys.executable, "-c", "import json\n" + probe, "check", "--isolated", str(listed)],
                           capture_output=True, text=True)
    assert json.loads(quiet.stdout.splitlines()[-1]) == [1, 0]
    verbose = subprocess.run([sys.executable, "-c", "import json\n" + probe, "check", "-v", "--isolated",
                              str(listed)], capture_output=True, text=True)
    assert json.loads(verbose.stdout.splitlines()[-1]) == [1, 1]
    assert "2 entries in 1 section with papers" in verbose.stderr


def test_every_change_kind_has_its_codec() -> None:
    """A change kind `cache.CHANGES` does not know would fail every check whose fixes declare it."""
    import typing

    from kdlint.diagnostics import Change

    assert {kind for kind, _, _ in cache.CHANGES.values()} == set(typing.get_args(Change))


def test_a_new_year_or_another_working_directory_misses(listed: Path, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """KD203 judges years by today's date; per-file-ignores without a configuration file by the working
    directory: either changes the key."""
    import datetime

    from kdlint.settings import Settings

    first = cache.key(str(listed), LIST, Settings(), (None, [], []))
    assert cache.key(str(listed), LIST, Settings(), (None, [], [])) == first

    class NextYear(datetime.date):
        @classmethod
        def today(cls) -> datetime.date:
            return datetime.date(datetime.date.today().year + 1, 1, 1)

    monkeypatch.setattr(cache, "date", NextYear)
    assert cache.key(str(listed), LIST, Settings(), (None, [], [])) != first
    monkeypatch.setattr(cache, "date", datetime.date)
    monkeypatch.chdir(tmp_path)
    assert cache.key(str(listed), LIST, Settings(), (None, [], [])) != first
