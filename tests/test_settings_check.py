"""The plain check of a configuration table (`kdlint.settings_check`) gives pydantic's Settings, or leaves it.

`settings_from(table)` is either None (`kdlint.config.parse_settings` then
decides) or exactly what `parse_settings` makes; for every table pydantic
rejects it is None, so errors stay pydantic's. On tables of the types a TOML
file gives (no value pydantic would convert), it accepts what pydantic
accepts. The tables are generated from the declaration of `Settings`.
"""

from __future__ import annotations

import ast
import dataclasses
import re
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Annotated, Any, Literal, Union, get_args, get_origin, get_type_hints

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kdlint.config import VALIDATED, parse_settings
from kdlint.rules import RULES
from kdlint.settings import ConfigError, Settings
from kdlint.settings_check import CHECKS, known, settings_from

REPO = Path(__file__).resolve().parent.parent
TESTS = REPO / "tests"
ORIGIN = Path("/lists/.kdlint.toml")


def pydantic(table: Any) -> Settings | None:
    """What `kdlint.config` makes of the table; None when it is an error."""
    try:
        return parse_settings(table, ORIGIN, "test")
    except ConfigError:
        return None


def assert_consistent(table: Any, *, natural: bool = False) -> Settings | None:
    fast, slow = settings_from(table, ORIGIN), pydantic(table)
    if slow is None:
        assert fast is None, table
    elif fast is not None:  # identical, down to int and float, dict order and the venues' records
        assert fast == slow and repr(fast) == repr(slow), table
    elif natural:
        raise AssertionError(f"fell back on a table pydantic accepts without converting anything: {table!r}")
    return fast


# -- tables from the declaration ---------------------------------------------------------------------------

CODES = [rule.code for rule in RULES]
SELECTORS = st.one_of(
    st.sampled_from(["ALL", "KD", *CODES, *{code[:3] for code in CODES}, *{code[:4] for code in CODES}]),
    st.sampled_from(["kd1", " KD102 ", "all", "KD777", "KD9999", "E501", "", "KD1\n", "KD１", "K D1", "ALLX"]),
    st.text(alphabet="KDALkd0123456789 \n", max_size=6),
)
SIZES = st.one_of(
    st.integers(min_value=-5, max_value=2**40),
    st.sampled_from(["10MB", "512KiB", " 3 gb ", "1B", "0MB", "16MiB", "lots", "10 M", "١٠MB", "5 KB\n", "-1"]),
    st.from_regex(r"\A\s?\d{1,4}\s?(B|kb|KiB|Mb|MiB|GB|gib|XB)?\Z"),
)
SIMILARITIES = st.one_of(
    st.integers(min_value=0, max_value=200), st.floats(allow_nan=True, allow_infinity=True),
    st.floats(min_value=45, max_value=105), st.sampled_from([50, 100, 50.0, 100.0, 49.999, 100.001]),
)
GLOBS = st.one_of(st.sampled_from(["docs/**", "**/*.md", "README.md", "a/[ab].md", "a/[!a].md", "x/[ab", "[]]",
                                   "[", "*", "?.md", "a/**/b"]),
                  st.text(alphabet="ab/*?[]!.", max_size=8))
STRINGS = st.text(max_size=12)
JUNK = st.one_of(st.none(), st.booleans(), st.integers(-3, 200), st.floats(), st.text(max_size=5),
                 st.lists(st.integers(0, 3), max_size=2), st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
                 st.sampled_from(["true", "1", "95", "year", ["KD1"], ("KD1",), b"KD1", 1.0, 0]))
NATURAL_ALIASES: dict[str, st.SearchStrategy[Any]] = {  # the values of each validated alias a TOML file can hold
    "Selector": SELECTORS,
    "FileSize": SIZES,
    "Similarity": SIMILARITIES,
    "Glob": GLOBS,
    "PerFileIgnores": st.dictionaries(GLOBS, st.lists(SELECTORS, max_size=3), max_size=3),
    "Endpoint": st.one_of(st.sampled_from(["https://export.arxiv.org/api/query", "http://127.0.0.1:8000/a",
                                           "ftp://x.org", "https://x.org/q?a=1", "https://", "http://a b",
                                           "HTTPS://DBLP.ORG/search/publ/api", "https://x.org/#f"]),
                          st.text(max_size=12)),
    "Seconds": st.one_of(st.integers(min_value=-2, max_value=700), st.floats(allow_nan=True, allow_infinity=True),
                         st.sampled_from([0, 0.0, 0.001, 600, 600.0, 600.5])),
    "Days": st.one_of(st.integers(min_value=-2, max_value=4000), st.floats(allow_nan=True, allow_infinity=True),
                      st.sampled_from([0, 0.0, 0.5, 3650, 3650.0, 3650.01, -0.0])),
}
MARKED = {name: Annotated[object, name] for name in NATURAL_ALIASES}
RECORDS = {"VenueSpec", "CacheTtl", "OnlineSettings"}  # the models of nested tables, not aliases
assert set(NATURAL_ALIASES) == set(VALIDATED) - RECORDS, "give the new alias its values here"


def values_of(hint: Any, natural: bool) -> st.SearchStrategy[Any]:
    """Values of the declared type (with its alias's own values); unless `natural`, wrong types too."""
    made = _values_of(hint, natural)
    return made if natural else st.one_of(made, made, made, JUNK)


def _values_of(hint: Any, natural: bool) -> st.SearchStrategy[Any]:
    origin, args = get_origin(hint), get_args(hint)
    if origin is Annotated:
        return NATURAL_ALIASES[hint.__metadata__[0]]
    if origin is Literal:
        return st.one_of(st.sampled_from(args), st.sampled_from(["date", "Bold", " year", ""]))
    if origin is Union or type(hint).__name__ == "UnionType":
        return st.one_of(*(st.none() if arg is type(None) else values_of(arg, natural) for arg in args))
    if origin is list:
        return st.lists(values_of(args[0], natural), max_size=3)
    if origin is dict:
        return st.dictionaries(STRINGS, values_of(args[1], natural), max_size=3)
    if dataclasses.is_dataclass(hint):
        return tables_of(hint, natural)
    return {str: STRINGS, bool: st.booleans(), int: st.integers(), float: st.floats()}[hint]


def tables_of(declared: Any, natural: bool) -> st.SearchStrategy[dict[str, Any]]:
    hints = get_type_hints(declared, localns=MARKED, include_extras=True)
    keys = {(item.metadata["key"] or item.name): values_of(hints[item.name], natural)
            for item in dataclasses.fields(declared) if "doc" in item.metadata}
    table = st.one_of(st.fixed_dictionaries({}, optional=keys),  # many keys: some value is often wrong
                      *(st.fixed_dictionaries({key: values}) for key, values in keys.items()))
    if natural:
        return table
    names = {item.name: values_of(hints[item.name], natural) for item in dataclasses.fields(declared)
             if "doc" in item.metadata}
    return st.one_of(table, table, table, st.builds(lambda a, b: {**a, **b}, table, st.fixed_dictionaries({}, optional={
        **names, "selct": JUNK, "origin": JUNK, "unknown": JUNK})))


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tables_of(Settings, natural=False))
def test_any_table_gives_pydantics_settings_or_falls_back(table: dict[str, Any]) -> None:
    assert_consistent(table)


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tables_of(Settings, natural=True))
def test_a_table_of_toml_types_is_accepted_exactly_when_pydantic_accepts_it(table: dict[str, Any]) -> None:
    assert_consistent(table, natural=True)


# -- chosen tables --------------------------------------------------------------------------------------------

FULL = {"select": ["KD1"], "extend-select": ["KD4"], "ignore": ["KD105"], "per-file-ignores": {"a/*.md": ["KD3"]},
        "style": "bold", "sort": "-year", "skip-sections": ["Links"], "allow-cross-section-duplicates": True,
        "title-similarity": 90, "venues": {"MyConf": {"aliases": ["MC"], "kind": "workshop"}},
        "keep-historical-venue-names": True, "code-labels": {"Code": ["code"]}, "max-file-size": "1KB"}
ACCEPTED = [
    {}, FULL, {"select": ["ALL"]}, {"select": ["KD1", "kd502", " KD4 "]}, {"select": None}, {"ignore": ["KD"]},
    {"per-file-ignores": {"docs/**": ["KD105"], "**/x?.md": ["ALL"], "a/[!b].md": []}},
    *({"style": style} for style in ("bold", "heading", "dated", "inline", "plain")),
    *({"sort": order} for order in ("year", "-year", "title", "none")),
    *({"title-similarity": value} for value in (50, 100, 50.0, 99.5, 72)),
    *({"max-file-size": size} for size in (1, 10485760, "10MB", "512KiB", "16MiB", " 3 gb ", "7", "2 B")),
    {"allow-cross-section-duplicates": False}, {"keep-historical-venue-names": False},
    {"venues": {"A": {}, "B": {"kind": "preprint"}, "C": {"aliases": ["c", "CC"]}, "D": {"kind": None}}},
    {"code-labels": {"Code": [], "PyTorch": ["pytorch", "Pytorch"]}},
    {"online": {}}, {"online": {"arxiv-api": "http://127.0.0.1:8000/api/query", "contact": "me@example.org",
                                "timeout": 5, "cache-dir": "cache", "cache-ttl": {"arxiv": 1, "dblp": 0.5}}},
]
FALLING_BACK = [  # valid for pydantic, which converts something: the plain check leaves them to it
    {"extend_select": ["KD1"]}, {"skip_sections": ["Links"]}, {"allow-cross-section-duplicates": 1},
    {"keep-historical-venue-names": "true"}, {"title-similarity": "90"}, {"skip-sections": ("a",)},
]
REJECTED = [
    {"selct": ["KD1"]}, {"origin": "x"}, {"select": "KD1"}, {"select": ["KD777"]}, {"ignore": ["E501"]},
    {"select": [1]}, {"select": [None]}, {"per-file-ignores": {"docs/[ab.md": ["KD1"]}},
    {"per-file-ignores": {"docs/**": ["X1"]}}, {"per-file-ignores": ["docs"]}, {"style": "Bold"}, {"sort": "date"},
    {"style": 1}, {"title-similarity": 49.9}, {"title-similarity": 101}, {"title-similarity": float("nan")},
    {"title-similarity": True}, {"max-file-size": 0}, {"max-file-size": -1}, {"max-file-size": True},
    {"max-file-size": 1.5}, {"max-file-size": "lots"}, {"allow-cross-section-duplicates": "yes please"},
    {"venues": {"X": {"kind": "magazine"}}}, {"venues": {"X": {"alias": ["x"]}}}, {"venues": {"X": []}},
    {"venues": {"X": {"aliases": "x"}}}, {"code-labels": {"Code": "code"}}, {"code-labels": [["Code"]]},
    {"extend_select": ["KD1"], "extend-select": ["KD2"]}, {"skip-sections": [["x"]]},
    {"online": {"arxiv-api": "ftp://x.org"}}, {"online": {"timeout": 0}}, {"online": {"timeout": 601}},
    {"online": {"cache-ttl": {"s2": -1}}}, {"online": {"cache-ttl": {"arxiv": True}}}, {"online": {"timout": 1}},
    {"online": []},
]


@pytest.mark.parametrize("table", ACCEPTED, ids=repr)
def test_valid_tables_are_checked_without_pydantic(table: dict[str, Any]) -> None:
    assert assert_consistent(table) is not None


@pytest.mark.parametrize("table", FALLING_BACK, ids=repr)
def test_tables_pydantic_converts_fall_back(table: dict[str, Any]) -> None:
    assert settings_from(table, ORIGIN) is None and pydantic(table) is not None


@pytest.mark.parametrize("table", REJECTED, ids=repr)
def test_invalid_tables_fall_back_to_pydantics_error(table: dict[str, Any]) -> None:
    assert settings_from(table, ORIGIN) is None and pydantic(table) is None


def test_every_setting_has_a_type_the_plain_check_knows() -> None:
    """Otherwise every file that sets it would silently pay for pydantic again."""
    hints = get_type_hints(Settings, localns=CHECKS, include_extras=True)
    unknown = [item.name for item in dataclasses.fields(Settings) if "doc" in item.metadata
               and not known(hints[item.name])]
    assert unknown == []
    assert not known(set[str]) and not known(int | str) and not known(Literal[1, 2])


def test_every_validated_alias_has_its_plain_check() -> None:
    """An alias `kdlint.config.VALIDATED` validates but the plain check read as its plain type would accept what
    pydantic refuses."""
    nested = {name for name, value in VALIDATED.items() if isinstance(value, type)}  # the models of records
    assert set(CHECKS) == set(VALIDATED) - nested


# -- the repository's own configurations --------------------------------------------------------------------


def readme_tables() -> list[dict[str, Any]]:
    blocks = re.findall(r"```toml\n(.*?)```", (REPO / "README.md").read_text(), re.DOTALL)
    tables = [tomllib.loads(block) for block in blocks]
    return [table["tool"]["kdlint"] if "tool" in table else table for table in tables]


def written_by_tests() -> list[str]:
    """Configurations the tests write: string constants passed to `write_text` of a `.kdlint.toml`, or with a
    `[tool.kdlint]` table, and the `.kdlint.toml` bytes of the fake GitHub's files."""
    found: list[str] = []
    for path in sorted(TESTS.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "write_text" \
                    and node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str):
                target = ast.unparse(node.func.value)
                if ".kdlint.toml" in target or "kdlint.toml" in target or "[tool.kdlint]" in node.args[0].value:
                    found.append(node.args[0].value)
            if isinstance(node, ast.Dict):
                for key, value in zip(node.keys, node.values, strict=True):
                    if isinstance(key, ast.Constant) and key.value == ".kdlint.toml" \
                            and isinstance(value, ast.Constant) and isinstance(value.value, bytes):
                        found.append(value.value.decode())
    return found


def repository_tables() -> list[dict[str, Any]]:
    from kdlint.init_config import infer_from, render
    from kdlint.source import SourceText

    texts = [path.read_text() for path in sorted((TESTS / "fixtures").rglob("*.kdlint.toml"))]
    texts += written_by_tests()
    inferred = infer_from(SourceText((TESTS / "fixtures" / "example.md").read_text()))
    texts += [render(inferred, "README.md", ""), render(inferred, "README.md", "tool.kdlint")]
    tables = [tomllib.loads(text) for text in texts]
    return readme_tables() + [table.get("tool", {}).get("kdlint", table) for table in tables]


def test_the_repositorys_configurations_are_checked_without_pydantic() -> None:
    tables = repository_tables()
    assert len(tables) >= 20  # README, the rule fixtures, the tests' own, what `kdlint init` writes
    valid = [table for table in tables if pydantic(table) is not None]
    assert len(valid) >= len(tables) - 3  # the tests' few broken ones: `selct = 1`, ...
    for table in tables:
        fast = assert_consistent(table)
        assert (fast is None) == (table not in valid), table


# -- a real run -----------------------------------------------------------------------------------------------

LIST = "## Papers\n\n- **Relational Knowledge Distillation, CVPR 2019** [[Code]](https://github.com/lenscloth/RKD)\n" \
       "  - http://arxiv.org/abs/1904.05068\n  - *Wonpyo Park, Dongju Kim, Yan Lu, Minsu Cho.*\n"
RUN = ("import sys; from kdlint.cli import main\n"
       "code = main(['check', sys.argv[1]])\n"
       "print('pydantic' in sys.modules, code)\n")


def run(directory: Path, config: str, name: str = ".kdlint.toml") -> tuple[str, str, int, bool]:
    """What `kdlint check` prints with this configuration beside the list: out, err, exit code, and whether
    pydantic was imported."""
    (directory / name).write_text(config)
    (directory / "list.md").write_text(LIST)
    done = subprocess.run([sys.executable, "-c", RUN, str(directory / "list.md")], capture_output=True, text=True,
                          check=True)
    *out, last = done.stdout.splitlines()
    imported, code = last.split()
    return "\n".join(out), done.stderr, int(code), imported == "True"


def test_a_valid_configuration_file_is_read_without_pydantic(tmp_path: Path) -> None:
    out, err, code, imported = run(tmp_path, 'ignore = ["KD5"]\nmax-file-size = "1MB"\n[venues.X]\nkind = "journal"\n')
    assert (err, code, imported) == ("", 0, False) and "KD501" not in out  # its one finding ignored
    (tmp_path / ".kdlint.toml").unlink()
    out, err, code, imported = run(tmp_path, '[tool.kdlint]\nselect = ["KD501"]\n', "pyproject.toml")
    assert "KD501" in out and "KD108" not in out
    assert (err, code, imported) == ("", 1, False)


def test_a_configuration_pydantic_converts_is_read_with_it(tmp_path: Path) -> None:
    out, err, code, imported = run(tmp_path, 'ignore = ["KD5"]\nkeep-historical-venue-names = 0\n')
    assert (err, code, imported) == ("", 0, True) and "KD501" not in out


def test_an_invalid_configuration_file_gets_pydantics_error(tmp_path: Path) -> None:
    config = tmp_path / ".kdlint.toml"
    config.write_text("title-similarity = 101\n")
    (tmp_path / "list.md").write_text(LIST)
    done = subprocess.run([sys.executable, "-m", "kdlint", "check", str(tmp_path / "list.md")], capture_output=True,
                          text=True)
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr == f"kdlint: error: {config}: title-similarity: Input should be less than or equal to 100\n"
