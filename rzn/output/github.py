"""``--format github``: GitHub Actions workflow commands, one a finding.

See "Workflow commands for GitHub Actions": ``::error file=…,line=…,col=…,
title=…::message``. Data and properties are escaped so a message cannot end
the command or start another one.
"""

from __future__ import annotations

from typing import TextIO

from rzn.diagnostics import Diagnostic, Severity, visible
from rzn.output.summary import Summary

_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def _data(text: str) -> str:
    return visible(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _prop(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def format_annotation(d: Diagnostic) -> str:
    return (
        f"::{_LEVEL[d.severity]} file={_prop(d.file)},line={d.line},col={d.column},"
        f"title={_prop(f'{d.code} {d.rule}')}::{_data(d.message)}"
    )


class GithubPrinter:
    def __init__(self, out: TextIO) -> None:
        self.out = out

    def file(self, file: str, diagnostics: list[Diagnostic]) -> None:
        for d in diagnostics:
            if d.ignored is None:
                self.out.write(format_annotation(d) + "\n")

    def finish(self, summary: Summary) -> None:
        self.out.write(summary.sentence() + "\n")
