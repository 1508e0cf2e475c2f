"""Plain text, one diagnostic a line: ``file:line:column: severity CODE name message``.

Used when the output is not a terminal (pipes, CI logs, editors' problem
matchers): no colours, no rich import.
"""

from __future__ import annotations

from typing import TextIO

from rzn.diagnostics import Diagnostic, visible
from rzn.output.summary import Summary


def format_line(d: Diagnostic) -> str:
    line = f"{d.file}:{d.line}:{d.column}: {d.severity.label} {d.code} [{d.rule}] {d.message}"
    return visible(line).replace("\n", " ")  # one diagnostic, one line: nothing to forge


class PlainPrinter:
    def __init__(self, out: TextIO) -> None:
        self.out = out

    def file(self, file: str, diagnostics: list[Diagnostic]) -> None:
        for d in diagnostics:
            if d.ignored is None:
                self.out.write(format_line(d) + "\n")

    def finish(self, summary: Summary) -> None:
        self.out.write(summary.sentence() + "\n")
