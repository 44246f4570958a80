"""`--output-format junit`: valid against Jenkins' JUnit schema, counted right, readable whatever the list holds."""

from __future__ import annotations

from pathlib import Path

from conftest import FIXTURES
from lxml import etree
from report_cases import check, finding, result, workdir

from kdlint.diagnostics import Span
from kdlint.report import junit

__all__ = ["workdir"]

SCHEMA = etree.XMLSchema(etree.parse(str(FIXTURES / "schemas" / "junit-10.xsd")))


def valid(xml: str) -> etree._Element:
    document = etree.fromstring(xml.encode("utf-8"))
    SCHEMA.assertValid(document)
    return document


def test_the_schema_requires_what_the_report_used_to_lack() -> None:
    old = '<testsuites name="kdlint"><testsuite name="a.md" tests="1" failures="0"><testcase name="kdlint"/></testsuite></testsuites>'
    assert not SCHEMA.validate(etree.fromstring(old))
    assert "The attribute 'errors' is required but missing." in str(SCHEMA.error_log)


def test_junit_exactly(workdir: Path, capsys) -> None:
    code, out = check(capsys, "--output-format", "junit", "list.md", "clean.md")
    assert code == 1
    valid(out)
    assert out == """\
<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="kdlint" tests="4" failures="3" errors="0">
  <testsuite name="list.md" tests="3" failures="3" errors="0">
    <testcase name="KD108 code-label" classname="list.md:3:54">
      <failure message="code label `Pytorch` is spelled `PyTorch`" type="KD108">list.md:3:54: KD108 code label `Pytorch` is spelled `PyTorch`</failure>
    </testcase>
    <testcase name="KD102 venue" classname="list.md:7:3">
      <failure message="venue missing after the title (expected `Title, Venue Year`)" type="KD102">list.md:7:3: KD102 venue missing after the title (expected `Title, Venue Year`)</failure>
    </testcase>
    <testcase name="KD103 year" classname="list.md:7:3">
      <failure message="year missing after the title" type="KD103">list.md:7:3: KD103 year missing after the title</failure>
    </testcase>
  </testsuite>
  <testsuite name="clean.md" tests="1" failures="0" errors="0">
    <testcase name="kdlint" classname="clean.md" />
  </testsuite>
</testsuites>
"""


def test_control_characters_and_xml_non_characters_leave_the_report_well_formed() -> None:
    message = "a\x1b[31m\x00\x0b\ufffe\uffff <b>&amp;</b> \"q\""
    out = junit.render([result("x\n", finding(Span(1, 1, 1, 2), message), path="e\x1b.md")])
    document = valid(out)
    failure = document.find("testsuite/testcase/failure")
    assert failure.get("message") == 'a\\x1b[31m\\x00\\x0b\\ufffe\\uffff <b>&amp;</b> "q"'
    assert failure.text == 'e\\x1b.md:1:1: KD101 a\\x1b[31m\\x00\\x0b\\ufffe\\uffff <b>&amp;</b> "q"'
    assert document.find("testsuite").get("name") == "e\\x1b.md"
