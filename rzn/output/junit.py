"""``--format junit``: a JUnit XML report, as GitLab CI and Jenkins show test results.

One ``testsuite`` per event file; one ``testcase`` per finding (a file
without findings gets one passing case, so every file appears). Findings
that make ``rzn check`` fail (errors, and warnings with ``--strict``) are
``failure``s; the others pass with their message in ``system-out``; a
finding the event file silenced is ``skipped`` with its reason.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Collection
from typing import TextIO

from rzn.diagnostics import Diagnostic, Severity, visible
from rzn.output.summary import Summary


class JunitPrinter:
    def __init__(self, out: TextIO, failing: Collection[Severity]) -> None:
        self.out = out
        self.failing = failing
        self.root = ET.Element("testsuites", name="rzn check")
        self.suites: dict[str, ET.Element] = {}

    def file(self, file: str, diagnostics: list[Diagnostic]) -> None:
        suite = self.suites.get(file)
        if suite is None:
            suite = ET.SubElement(self.root, "testsuite", name=visible(file))
            self.suites[file] = suite
        for d in map(_xml_safe, diagnostics):
            # A finding in another file (a line of an export) names that file: line numbers
            # are its own.
            where = f"{d.line}:{d.column}" if d.file == visible(file) else f"{d.file}:{d.line}"
            case = ET.SubElement(
                suite,
                "testcase",
                name=f"{d.code} {d.rule} ({where})",
                classname=visible(file),
                file=d.file,
                line=str(d.line),
            )
            text = (
                f"{d.file}:{d.line}:{d.column}: {d.severity.label} {d.code} [{d.rule}] {d.message}"
            )
            if d.ignored is not None:
                ET.SubElement(case, "skipped", message=f"Ignorée par le fichier : {d.ignored}")
            elif d.severity in self.failing:
                failure = ET.SubElement(case, "failure", message=d.message, type=d.severity.value)
                failure.text = text
            else:
                ET.SubElement(case, "system-out").text = text

    def finish(self, summary: Summary) -> None:
        totals = {"tests": 0, "failures": 0, "skipped": 0}
        for suite in self.root:
            if len(suite) == 0:
                ET.SubElement(
                    suite, "testcase", name="aucun problème", classname=suite.get("name", "")
                )
            counts = {
                "tests": len(suite),
                "failures": sum(case.find("failure") is not None for case in suite),
                "skipped": sum(case.find("skipped") is not None for case in suite),
            }
            suite.set("errors", "0")
            for key, value in counts.items():
                suite.set(key, str(value))
                totals[key] += value
        self.root.set("errors", "0")
        for key, value in totals.items():
            self.root.set(key, str(value))
        ET.indent(self.root)
        self.out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
        self.out.write(ET.tostring(self.root, encoding="unicode"))
        self.out.write("\n")


def _xml_safe(d: Diagnostic) -> Diagnostic:
    """XML 1.0 has no way to write most control characters, escaped or not: a report holding
    one is not well-formed, and CI tools reject it whole. They are written as their code."""
    from dataclasses import replace

    ignored = visible(d.ignored) if d.ignored is not None else None
    return replace(d, file=visible(d.file), message=visible(d.message), ignored=ignored)
