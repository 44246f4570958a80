"""Where a lookup's endpoints, contact, timeout and cache come from: command line > environment > file > default."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from online_fakes import FakeServices, serve

from kdlint.cli import main
from kdlint.config_files import load_file
from kdlint.model import PaperId
from kdlint.online.lookup import Lookup
from kdlint.online.options import ENDPOINT_VARIABLES, resolve
from kdlint.online.record import Paper, Service
from kdlint.settings import ConfigError, OnlineSettings

DEFAULTS = {Service.ARXIV: "https://export.arxiv.org/api/query", Service.DBLP: "https://dblp.org/search/publ/api",
            Service.SEMANTIC_SCHOLAR: "https://api.semanticscholar.org/graph/v1",
            Service.CROSSREF: "https://api.crossref.org", Service.OPENREVIEW: "https://api2.openreview.net"}
TTL = {Service.ARXIV: 7.0, Service.DBLP: 30.0, Service.SEMANTIC_SCHOLAR: 30.0, Service.CROSSREF: 30.0,
       Service.OPENREVIEW: 7.0}


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeServices]:
    with serve(monkeypatch) as running:
        yield running


def test_the_defaults() -> None:
    options = resolve(None, {})
    assert options.endpoints == DEFAULTS
    assert (options.contact, options.timeout, options.cache_dir, options.ttl_days, options.s2_key) == (
        None, 20.0, None, TTL, None)


def test_the_environment_names_every_endpoint(fake: FakeServices) -> None:
    services = set(Service) - {Service.LIST}  # the list itself is asked nothing
    assert resolve().endpoints == {service: fake.url(service.value) for service in services}
    assert set(ENDPOINT_VARIABLES) == services


def test_the_environment_wins_over_the_file_and_the_command_line_over_both(tmp_path: Path) -> None:
    config = tmp_path / "pyproject.toml"
    config.write_text('[tool.kdlint.online]\ndblp-api = "https://dblp.mirror.example/search/publ/api"\n'
                      'crossref-api = "http://crossref.mirror.example"\ncontact = "file@example.org"\ntimeout = 7\n'
                      'cache-dir = "build/online"\n[tool.kdlint.online.cache-ttl]\ndblp = 1\n', encoding="utf-8")
    settings = load_file(config)
    assert settings is not None
    env = {"KDLINT_CROSSREF_API": "https://env.example/crossref", "KDLINT_CONTACT": "env@example.org"}
    options = resolve(settings.online, env, origin=settings.origin)
    assert options.endpoints == {**DEFAULTS, Service.DBLP: "https://dblp.mirror.example/search/publ/api",
                                 Service.CROSSREF: "https://env.example/crossref"}
    assert (options.contact, options.timeout, options.cache_dir) == ("env@example.org", 7.0, tmp_path / "build/online")
    assert options.ttl_days == {**TTL, Service.DBLP: 1.0}
    explicit = resolve(settings.online, env, origin=settings.origin, cache_dir=Path("/x"), contact="cli@example.org",
                       timeout=2.5)
    assert (explicit.contact, explicit.timeout, explicit.cache_dir) == ("cli@example.org", 2.5, Path("/x"))
    assert resolve(settings.online, {}, origin=settings.origin).contact == "file@example.org"


def test_a_bad_endpoint_in_the_environment_is_one_line() -> None:
    with pytest.raises(ConfigError) as caught:
        resolve(None, {"KDLINT_DBLP_API": "dblp.org/search"})
    assert str(caught.value) == "$KDLINT_DBLP_API: expected an http:// or https:// URL without a query or fragment"


def test_a_lookup_from_the_settings_asks_the_configured_endpoint(fake: FakeServices, tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("KDLINT_ARXIV_API")
    settings = OnlineSettings(arxiv_api=fake.url("arxiv"), cache_dir=str(tmp_path))
    with Lookup.from_settings(settings) as lookup:
        answer = lookup.fetch([PaperId("arxiv", "2104.09044")])[PaperId("arxiv", "2104.09044")]
    assert isinstance(answer, Paper) and answer.title == "Distilling Knowledge via Knowledge Review"
    assert [request.path for request in fake.requests] == ["/arxiv/api/query"]
    assert [path.parent.name for path in tmp_path.rglob("*.json")] == ["arxiv"]


@pytest.mark.parametrize(("table", "message"), [
    ('[tool.kdlint.online]\nopenreview-api = "https://api2.openreview.net/notes?id=x"\n',
     "online.openreview-api: expected an http:// or https:// URL without a query or fragment"),
    ('[tool.kdlint.online]\ntimeout = 601\n', "online.timeout: Input should be less than or equal to 600"),
    ('[tool.kdlint.online]\ntimeout = true\n', "online.timeout: expected a number, not a boolean"),
    ('[tool.kdlint.online.cache-ttl]\narxiv = "a week"\n', "online.cache-ttl.arxiv: Input should be a valid number, "
                                                          "unable to parse string as a number"),
    ('[tool.kdlint.online.cache-ttl]\nsemantic-scholar = 3\n', "online.cache-ttl.semantic-scholar: unknown key"),
    ('[tool.kdlint.online]\ns2-key = "secret"\n', "online.s2-key: unknown key"),
])
def test_a_bad_online_setting_is_one_line_and_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                     table: str, message: str) -> None:
    (tmp_path / "pyproject.toml").write_text(table, encoding="utf-8")
    (tmp_path / "README.md").write_text("# Papers\n", encoding="utf-8")
    assert main(["check", str(tmp_path / "README.md")]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err == f"kdlint: error: {tmp_path / 'pyproject.toml'}: [tool.kdlint]: {message}\n"


def test_the_readme_example_is_a_valid_configuration(tmp_path: Path) -> None:
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    block = readme.split("## Configuration", 1)[1].split("```toml\n", 1)[1].split("```", 1)[0]
    (tmp_path / "pyproject.toml").write_text(block, encoding="utf-8")
    settings = load_file(tmp_path / "pyproject.toml")
    assert settings is not None
    assert (settings.online.contact, settings.online.cache_ttl.dblp) == ("lists@example.org", 30.0)
