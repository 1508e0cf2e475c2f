"""How ``rzn check`` shows its diagnostics: terminal text, JSON, GitHub annotations,
SARIF (code review) and JUnit (CI test reports)."""

from __future__ import annotations

from typing import TYPE_CHECKING, TextIO

from rzn.output.summary import Summary

if TYPE_CHECKING:
    from rzn.diagnostics import Diagnostic
    from rzn.output.plain import PlainPrinter
    from rzn.output.rich_text import RichPrinter

__all__ = ["Summary", "show_blocking", "text_printer"]


def text_printer(out: TextIO) -> RichPrinter | PlainPrinter:
    """Colours on a terminal; plain ``file:line:column`` lines (and no rich import) elsewhere."""
    if out.isatty():
        from rzn.output.rich_text import RichPrinter

        return RichPrinter(out)
    from rzn.output.plain import PlainPrinter

    return PlainPrinter(out)


def show_blocking(diagnostics: list[Diagnostic], out: TextIO) -> None:
    """Errors and warnings of one event, as ``rzn check`` shows them (for render, publish).

    Information findings are advice for planning (``rzn check`` lists them); after a render
    they would only push the list of written files out of sight.
    """
    from rzn.diagnostics import Severity

    shown = [d for d in diagnostics if d.ignored is None and d.severity is not Severity.INFO]
    if not shown:
        return
    printer = text_printer(out)
    summary = Summary()
    summary.add(shown)
    printer.file(shown[0].file, shown)
    printer.finish(summary)
