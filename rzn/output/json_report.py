"""``--format json``: ``{"findings": [...], "summary": {...}}``.

Each finding has ``file``, ``line``, ``column``, ``rule``, ``code``,
``severity``, ``message``, ``path`` — and ``ignored`` (the event file's
reason) when the event silenced it.
"""

from __future__ import annotations

import json
from typing import TextIO

from rzn.diagnostics import Diagnostic
from rzn.output.summary import Summary


class JsonPrinter:
    def __init__(self, out: TextIO) -> None:
        self.out = out
        self.findings: list[dict[str, object]] = []

    def file(self, file: str, diagnostics: list[Diagnostic]) -> None:
        self.findings.extend(d.as_dict() for d in diagnostics)

    def finish(self, summary: Summary) -> None:
        json.dump(
            {"findings": self.findings, "summary": summary.as_dict()},
            self.out,
            ensure_ascii=False,
            indent=2,
        )
        self.out.write("\n")
