"""Coloured terminal output, grouped by file. Imported only for a terminal."""

from __future__ import annotations

from typing import TextIO

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from rzn.diagnostics import Diagnostic, Severity, visible
from rzn.output.summary import Summary

_STYLES = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


class RichPrinter:
    def __init__(self, out: TextIO) -> None:
        self.console = Console(file=out, highlight=False, soft_wrap=False)

    def file(self, file: str, diagnostics: list[Diagnostic]) -> None:
        shown = [d for d in diagnostics if d.ignored is None]
        if not shown:
            return
        self.console.print(f"[bold underline]{escape(visible(file))}[/]")
        table = Table(box=None, show_header=False, pad_edge=False, padding=(0, 1))
        table.add_column(no_wrap=True)
        table.add_column(no_wrap=True)
        table.add_column(no_wrap=True)
        table.add_column(ratio=1)
        for d in shown:
            style = _STYLES[d.severity]
            table.add_row(
                f"[dim]{escape(visible(d.file))}:{d.line}:{d.column}[/]",
                f"[{style}]{d.severity.label}[/]",
                f"[{style}]{d.code}[/] [dim]{d.rule}[/]",
                escape(visible(d.message)),
            )
        self.console.print(table)
        self.console.print()

    def finish(self, summary: Summary) -> None:
        style = "bold red" if summary.errors else ("yellow" if summary.warnings else "bold green")
        mark = "✗" if summary.errors else ("!" if summary.warnings else "✓")
        self.console.print(f"[{style}]{mark} {escape(summary.sentence())}[/]")
