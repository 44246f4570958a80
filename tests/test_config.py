"""Configuration: discovery, selection, per-file ignores, list-specific vocabulary, and errors."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from kdlint.cli import main
from kdlint.config import json_schema
from kdlint.schemas import schema_text

REPO = Path(__file__).resolve().parent.parent

LIST = """\
## Papers

- **Relational Knowledge Distillation, CVPR 2019** [[Pytorch]](https://github.com/lenscloth/RKD)
  - https://arxiv.org/abs/1904.05068v2
  - *Wonpyo Park, Dongju Kim, Yan Lu, Minsu Cho.*

- **GID: Global Information Distillation for Medical Semantic Segmentation, Imaginary Results Letters** [[jittor]](https://github.com/x/gid)
  - https://www.sciencedirect.com/science/article/abs/pii/S0925231222007950
  - *Yong-Sen Ye, Min-Rong Chen.*

## Useful Links

- **Deadlines, CVPR 2024** [[Link]](https://aideadlin.es/)
  - *Nobody Atall, Someone Else.*
"""


EVERYTHING = ["3:KD108", "4:KD502", "7:KD102", "7:KD103", "13:KD104"]


def codes(capsys, *args: str) -> list[str]:
    main(["check", "--output-format", "json", *args])
    return [f"{item['line']}:{item['code']}" for item in json.loads(capsys.readouterr().out)]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "README.md").write_text(LIST)
    return tmp_path


def test_without_configuration_every_rule_runs(project: Path, capsys) -> None:
    assert codes(capsys, str(project / "docs" / "README.md")) == EVERYTHING


def test_kdlint_toml_found_by_walking_up(project: Path, capsys) -> None:
    (project / ".kdlint.toml").write_text('ignore = ["KD5"]\nskip-sections = ["useful links"]\n')
    assert codes(capsys, str(project / "docs" / "README.md")) == ["3:KD108", "7:KD102", "7:KD103"]


def test_pyproject_without_the_table_is_passed_over(project: Path, capsys) -> None:
    (project / ".kdlint.toml").write_text('select = ["KD5"]\n')
    (project / "docs" / "pyproject.toml").write_text('[project]\nname = "x"\n')
    assert codes(capsys, str(project / "docs" / "README.md")) == ["4:KD502"]


def test_nearest_configuration_wins_and_kdlint_toml_beats_pyproject(project: Path, capsys) -> None:
    (project / ".kdlint.toml").write_text('select = ["KD5"]\n')
    (project / "docs" / "pyproject.toml").write_text('[tool.kdlint]\nselect = ["KD108"]\n')
    assert codes(capsys, str(project / "docs" / "README.md")) == ["3:KD108"]
    (project / "docs" / ".kdlint.toml").write_text('select = ["KD104"]\n')
    assert codes(capsys, str(project / "docs" / "README.md")) == ["13:KD104"]


def test_config_option_and_isolated(project: Path, capsys) -> None:
    (project / ".kdlint.toml").write_text('select = ["KD5"]\n')
    other = project / "other.toml"
    other.write_text('select = ["KD104"]\n')
    target = str(project / "docs" / "README.md")
    assert codes(capsys, "--config", str(other), target) == ["13:KD104"]
    assert codes(capsys, "--isolated", target) == EVERYTHING


def test_command_line_selectors(project: Path, capsys) -> None:
    target = str(project / "docs" / "README.md")
    assert codes(capsys, "--isolated", "--select", "KD1", target) == ["3:KD108", "7:KD102", "7:KD103", "13:KD104"]
    assert codes(capsys, "--isolated", "--select", "kd108,KD502", target) == ["3:KD108", "4:KD502"]
    assert codes(capsys, "--isolated", "--ignore", "KD10", target) == ["4:KD502"]
    (project / ".kdlint.toml").write_text('select = ["KD104"]\n')
    assert codes(capsys, "--extend-select", "KD502", target) == ["4:KD502", "13:KD104"]


def test_per_file_ignores(project: Path, capsys) -> None:
    (project / "docs" / "sub").mkdir()
    (project / "docs" / "sub" / "other.md").write_text(LIST)
    (project / ".kdlint.toml").write_text('[per-file-ignores]\n"docs/sub/**" = ["KD1"]\n"README.md" = ["KD5"]\n')
    main(["check", "--output-format", "json", str(project / "docs")])
    found = {(Path(i["path"]).name, i["code"]) for i in json.loads(capsys.readouterr().out)}
    assert found == {("README.md", "KD108"), ("README.md", "KD102"), ("README.md", "KD103"), ("README.md", "KD104"),
                     ("other.md", "KD502")}


def test_list_vocabulary_code_labels_and_venues(project: Path, capsys) -> None:
    target = str(project / "docs" / "README.md")
    (project / ".kdlint.toml").write_text(
        'select = ["KD103", "KD108"]\n[code-labels]\nJittor = []\n[venues."Imaginary Results Letters"]\nkind = "journal"\n')
    main(["check", target])
    out = capsys.readouterr().out
    assert out.splitlines()[:3] == [
        f"{target}:3:54: KD108 [*] code label `Pytorch` is spelled `PyTorch`",
        f"{target}:7:77: KD103 year missing after venue `Imaginary Results Letters`",
        f"{target}:7:107: KD108 [*] code label `jittor` is spelled `Jittor`",
    ]


def test_verbose_names_configured_skips(project: Path, capsys) -> None:
    (project / ".kdlint.toml").write_text('skip-sections = ["Useful Links"]\n')
    main(["check", "--verbose", str(project / "docs" / "README.md")])
    assert "README.md:11: skipping section 'Useful Links': listed in skip-sections" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('selct = ["KD1"]\n', "{cfg}: unknown key 'selct'; did you mean 'select'? (allowed: select, extend-select, "
                              "ignore, per-file-ignores, style, sort, skip-sections, allow-cross-section-duplicates, title-similarity, venues, "
                              "keep-historical-venue-names, "
                              "code-labels, max-file-size, cache-dir, exclude, extend-exclude, respect-gitignore, "
                              "online)"),
        ('sort = "date"\n', "{cfg}: sort: Input should be 'year', '-year', 'title' or 'none'"),
        ('select = ["KD777"]\n', "{cfg}: select.0: unknown rule code 'KD777' (`kdlint rules` lists the codes)"),
        ('ignore = ["E501"]\n', "{cfg}: ignore.0: 'E501' is not a rule code (expected ALL, a prefix like KD1, or a code like KD102)"),
        ('[per-file-ignores]\n"docs/[ab.md" = ["KD1"]\n',
         "{cfg}: per-file-ignores: invalid glob 'docs/[ab.md': '[' without a closing ']'"),
        ('max-file-size = "lots"\n', "{cfg}: max-file-size: expected a size in bytes (10485760) or with a unit (\"10MB\", \"512KiB\")"),
        ('allow-cross-section-duplicates = "yes please"\n', "{cfg}: allow-cross-section-duplicates: Input should be a valid boolean, unable to interpret input"),
        ('[venues.Neurocomputing]\nkind = "magazine"\n', "{cfg}: venues.Neurocomputing.kind: Input should be 'conference', 'workshop', 'journal' or 'preprint'"),
        ('[online]\narxiv-api = "ftp://mirror.example/api"\n', "{cfg}: online.arxiv-api: expected an http:// or https:// URL without a query or fragment"),
        ('[online]\ntimeout = 0\n', "{cfg}: online.timeout: Input should be greater than 0"),
        ('[online.cache-ttl]\ndblp = -1\n', "{cfg}: online.cache-ttl.dblp: Input should be greater than or equal to 0"),
        ('[online]\ncontact = ["a@b.org"]\n', "{cfg}: online.contact: Input should be a valid string"),
        ("select = [\n", "{cfg}: not valid TOML (*"),
    ],
)
def test_configuration_errors_are_one_line(project: Path, capsys, content: str, message: str) -> None:
    cfg = project / ".kdlint.toml"
    cfg.write_text(content)
    assert main(["check", str(project / "docs" / "README.md")]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1
    expected = f"kdlint: error: {message.format(cfg=cfg)}"
    if expected.endswith("*"):  # the TOML parser's own words follow
        assert err.startswith(expected[:-1])
    else:
        assert err == expected + "\n"


def test_pyproject_errors_name_the_table(project: Path, capsys) -> None:
    cfg = project / "pyproject.toml"
    cfg.write_text('[tool.kdlint]\nignore = "KD1"\n')
    assert main(["check", str(project / "docs" / "README.md")]) == 2
    assert capsys.readouterr().err == f"kdlint: error: {cfg}: [tool.kdlint]: ignore: Input should be a valid list\n"


def test_a_broken_configuration_is_reported_once(project: Path, capsys) -> None:
    (project / "docs" / "second.md").write_text(LIST)
    (project / ".kdlint.toml").write_text('selct = 1\n')
    assert main(["check", str(project / "docs")]) == 2
    assert capsys.readouterr().err.count("unknown key 'selct'") == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--select", "KD777"], "kdlint: error: Invalid value for --select: unknown rule code 'KD777' (`kdlint rules` lists the codes)\n"),
        (["--ignore", "X1"], "kdlint: error: Invalid value for --ignore: 'X1' is not a rule code (expected ALL, a prefix like KD1, or a code like KD102)\n"),
        (["--config", "{tmp}/missing.toml"], "kdlint: error: {tmp}/missing.toml: configuration file not found\n"),
    ],
)
def test_command_line_configuration_errors(project: Path, capsys, args: list[str], message: str) -> None:
    args = [a.format(tmp=project) for a in args]
    assert main(["check", *args, str(project / "docs" / "README.md")]) == 2
    assert capsys.readouterr().err == message.format(tmp=project)


def test_max_file_size(project: Path, capsys) -> None:
    (project / ".kdlint.toml").write_text('max-file-size = "100B"\n')
    target = project / "docs" / "README.md"
    assert main(["check", str(target)]) == 2
    size = target.stat().st_size
    assert capsys.readouterr().err == (f"kdlint: error: {target}: {size:,} bytes is more than max-file-size "
                                       "(100 bytes); raise max-file-size to check it\n")


def test_config_schema_is_current_and_validates_real_configs() -> None:
    text = (REPO / "schema" / "config.schema.json").read_text()
    assert text == schema_text(json_schema()), "regenerate: python -m kdlint.config > schema/config.schema.json"
    schema = json.loads(text)
    good = {"select": ["KD1", "KD502"], "ignore": ["KD107"], "per-file-ignores": {"docs/**": ["KD5"]},
            "sort": "-year", "skip-sections": ["Useful Resources"], "allow-cross-section-duplicates": True,
            "venues": {"Neurocomputing": {"kind": "journal", "aliases": ["NEUCOM"]}},
            "code-labels": {"Jittor": ["jittor"]}, "max-file-size": "2MB"}
    jsonschema.validate(good, schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"selct": []}, schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"select": ["E501"]}, schema)


def test_settings_defaults_are_the_schema_defaults() -> None:
    """`Settings` (read without pydantic) and the validated `ConfigFile` must not drift apart."""
    from dataclasses import fields

    from kdlint.config import ConfigFile, parse_settings
    from kdlint.settings import Settings

    names = [f.name for f in fields(Settings) if f.name != "origin"]
    assert names == list(ConfigFile.model_fields)
    assert parse_settings({}, None, "test") == Settings()
    full = {"select": ["KD1"], "extend-select": ["KD4"], "ignore": ["KD105"], "per-file-ignores": {"a/*.md": ["KD3"]},
            "style": "bold", "sort": "-year", "skip-sections": ["Links"], "allow-cross-section-duplicates": True,
            "title-similarity": 90, "venues": {"MyConf": {"aliases": ["MC"], "kind": "workshop"}},
            "keep-historical-venue-names": True, "code-labels": {"Code": ["code"]}, "max-file-size": "1KB",
            "cache-dir": "build/kdlint", "exclude": ["drafts"], "extend-exclude": ["old/**"], "respect-gitignore": False,
            "online": {"contact": "me@example.org", "cache-ttl": {"arxiv": 1}}}
    settings = parse_settings(full, Path("x.toml"), "test")
    assert settings.venues["MyConf"].aliases == ["MC"] and settings.venues["MyConf"].kind == "workshop"
    assert (settings.sort, settings.title_similarity, settings.max_file_size, settings.origin) == \
        ("-year", 90.0, 1000, Path("x.toml"))
    assert all(getattr(settings, name) != getattr(Settings(), name) for name in names)


def test_a_run_without_a_configuration_file_does_not_import_pydantic(tmp_path: Path) -> None:
    import subprocess
    import sys

    listing = tmp_path / "list.md"
    listing.write_text(LIST)
    code = ("import sys; from kdlint.cli import main\n"
            "try:\n    main(['check', '--isolated', '--quiet', sys.argv[1]])\n"
            "except SystemExit:\n    pass\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('pydantic', 'github')))")
    out = subprocess.run([sys.executable, "-c", code, str(listing)], capture_output=True, text=True, check=True).stdout
    assert out.strip().splitlines()[-1] == "[]"


def test_the_styles_a_list_may_force_are_layouts() -> None:
    from typing import get_args

    from kdlint.model import Layout
    from kdlint.settings import Style

    assert set(get_args(Style)) <= {layout.value for layout in Layout}
