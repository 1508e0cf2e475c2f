"""``--format json``: ``{"findings": [...], "summary": {...}}``.

Each finding has ``file``, ``line``, ``column``, ``rule``, ``code``,
``severity``, ``message``, ``path`` — and ``ignored`` (the event file's
reason) when the event silenced it.
"""

from __future__ import annotations

from typing import TextIO

from rzn.diagnostics import Diagnostic, json_text
from rzn.output.summary import Summary


class JsonPrinter:
    def __init__(self, out: TextIO) -> None:
        self.out = out
        self.findings: list[dict[str, object]] = []

    def file(self, file: str, diagnostics: list[Diagnostic]) -> None:
        self.findings.extend(d.as_dict() for d in diagnostics)

    def finish(self, summary: Summary) -> None:
        self.out.write(json_text({"findings": self.findings, "summary": summary.as_dict()}))
        self.out.write("\n")
