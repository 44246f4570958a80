"""`kdlint init`: a configuration that fits the list it was inferred from."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from conftest import seed

from kdlint.cli import main
from kdlint.config_files import load_file

NO_AUTHORS = "".join(
    f"- **Paper {n}**, CVPR {2010 + n}, [[Paper]](https://arxiv.org/abs/{10 + n:02d}01.0000{n})\n" for n in range(8)
) + "\n## Links\n\n- **A blog** [[Link]](https://example.org/blog)\n"
LIST = "# Papers\n\n## Vision\n\n" + NO_AUTHORS.replace("[[Paper]]", "[[Jittor]](https://github.com/x/y) [[Paper]]", 1)


@pytest.fixture
def listing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    Path("README.md").write_text(LIST.replace("CVPR 2013", "Imaginary Results Letters 2013"))
    return tmp_path


def test_init_writes_kdlint_toml_without_pyproject(listing: Path, capsys) -> None:
    assert main(["init"]) == 0
    text = Path(".kdlint.toml").read_text()
    assert text.splitlines() == [
        "# Written by `kdlint init README.md` from the list as it was; tighten it from here.",
        'sort = "year"',
        'skip-sections = ["Links"]',
        "# Read as: bold (8); entries give venues, years, paper links; not authors (the format rules follow this "
        "house style).",
        "",
        "[code-labels]",
        "Jittor = []  # used 1×",
        "",
        '[venues."Imaginary Results Letters"]  # used 1×; add `kind` and `aliases` as they apply',
    ]
    assert capsys.readouterr().err == (f"Wrote {listing / '.kdlint.toml'}: sort = year; 1 sections skipped; "
                                       "1 code labels; 1 venues.\n")
    settings = load_file(Path(".kdlint.toml"))
    assert settings is not None and settings.sort == "year" and settings.ignore == []
    assert main(["check", "README.md"]) == 0


def test_init_appends_to_pyproject(listing: Path, capsys) -> None:
    Path("pyproject.toml").write_text('[project]\nname = "my-list"\n')
    assert main(["init", "README.md"]) == 0
    data = tomllib.loads(Path("pyproject.toml").read_text())
    assert data["project"] == {"name": "my-list"}
    assert data["tool"]["kdlint"]["sort"] == "year"
    assert data["tool"]["kdlint"]["code-labels"] == {"Jittor": []}
    assert not Path(".kdlint.toml").exists()
    assert main(["init", "README.md"]) == 2
    assert "already has [tool.kdlint]" in capsys.readouterr().err


def test_init_refuses_to_overwrite_and_can_print(listing: Path, capsys) -> None:
    Path(".kdlint.toml").write_text("# mine\n")
    assert main(["init"]) == 2
    assert capsys.readouterr().err == (f"kdlint: error: {listing / '.kdlint.toml'}: already exists; edit it, or "
                                       "remove it and run `kdlint init` again\n")
    assert main(["init", "--print"]) == 0
    assert capsys.readouterr().out.startswith("# Written by `kdlint init README.md`")
    assert Path(".kdlint.toml").read_text() == "# mine\n"


def test_init_on_seed_000_fits_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    monkeypatch.chdir(tmp_path)
    Path("README.md").write_bytes(seed(0).read_bytes())
    assert main(["init"]) == 0
    config = tomllib.loads(Path(".kdlint.toml").read_text())
    assert config["sort"] == "year" and config["skip-sections"] == ["Useful Resources"]
    assert "ignore" not in config  # seed 000 gives authors, venues and links: nothing to excuse
    capsys.readouterr()
    main(["check", "--verbose", "README.md"])
    assert "README.md:215: skipping section 'Useful Resources': listed in skip-sections" in capsys.readouterr().err


def test_init_on_seed_001_fits_its_alphabetical_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    import json

    monkeypatch.chdir(tmp_path)
    Path("README.md").write_bytes(seed(1).read_bytes())
    assert main(["init"]) == 0
    assert tomllib.loads(Path(".kdlint.toml").read_text())["sort"] == "title"
    capsys.readouterr()
    main(["check", "--select", "KD3", "--output-format", "json", "README.md"])
    findings = [(f["code"], f["line"]) for f in json.loads(capsys.readouterr().out)]
    # The year sections and the alphabetical order are the list's own; one entry really breaks the order.
    assert findings == [("KD301", 10)]


def test_init_never_ignores_a_rule_for_a_convention_and_check_agrees(listing: Path, capsys) -> None:
    """The list gives no authors: init proposes no ignore, and check reports no missing author either."""
    assert main(["init"]) == 0
    assert "ignore" not in Path(".kdlint.toml").read_text()
    capsys.readouterr()
    main(["check", "README.md"])
    assert "KD105" not in capsys.readouterr().out
