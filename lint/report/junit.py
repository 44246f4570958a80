"""`--output-format junit`: one test suite per file, one failed test case per finding."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence

from . import FileResult


def render(results: Sequence[FileResult]) -> str:
    total = sum(len(r.diagnostics) for r in results)
    root = ET.Element("testsuites", name="kdlint", tests=str(max(total, len(results))), failures=str(total))
    for result in results:
        found = result.diagnostics
        suite = ET.SubElement(root, "testsuite", name=result.path, tests=str(max(len(found), 1)),
                              failures=str(len(found)))
        if not found:
            ET.SubElement(suite, "testcase", name="kdlint", classname=result.path)
        for d in found:
            where = f"{result.path}:{d.span.line}:{d.span.column}"
            case = ET.SubElement(suite, "testcase", name=f"{d.code} {d.name}", classname=where)
            failure = ET.SubElement(case, "failure", message=d.message, type=d.code)
            failure.text = f"{where}: {d.code} {d.message}"
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
