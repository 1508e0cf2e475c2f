"""A workbook written row by row, each cell through a typed writer that remembers its value.

The budget's sheets (:mod:`rzn.render.documents.budget_xlsx`,
:mod:`rzn.render.documents.budget_cerfa`) write every formula with its result,
computed here from the same decimal figures, so that a viewer that does not
recalculate still shows every total. Text is always a string cell, neutralised
like ``budget.csv``: event data never becomes a formula.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal

from xlsxwriter.format import Format as CellFormat
from xlsxwriter.utility import xl_col_to_name
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from rzn.render.documents.budget import neutralise
from rzn.render.ooxml import clean

MONEY = '#,##0.00 "€"'
"""Stored in the file's neutral syntax; Excel and LibreOffice show ``1 234,50 €`` in French."""
BALANCE = '#,##0.00 "€";[Red]-#,##0.00 "€"'
QUANTITY = ("#,##0", "#,##0.0", "#,##0.00")
"""By the number of decimals ``budget.md`` prints for the quantity."""

ACCENT = "#6A1B9A"
TO_COST = "#B3261E"
Style = dict[str, object]
"""XlsxWriter format properties; the sheet turns each distinct set into one format."""
SECTION_FONT: Style = {"bold": True, "font_size": 12, "font_color": ACCENT}
HEADER_FILL: Style = {"pattern": 1, "bg_color": "#F1F2F6"}
TO_COST_CELL: Style = {
    "italic": True,
    "font_color": TO_COST,
    "pattern": 1,
    "bg_color": "#FDECEA",
    "align": "right",
    "num_format": MONEY,
}
BOLD: Style = {"bold": True}
HELP: Style = {"italic": True, "font_color": "#5B6475"}
TITLE: Style = {"bold": True, "font_size": 14}
Value = Decimal | str
"""What a cell holds once calculated: an amount, or text (which SUM skips)."""


PLAIN_FUNCTIONS = frozenset({"SUM", "SUMIF", "ROUND", "IF"})
"""The functions rzn's formulas call: every spreadsheet has had them, under these names."""
_CALL = re.compile(r"([A-Za-z_][A-Za-z0-9_.]*)\(")


class PlainFormulas(Worksheet):
    """A worksheet that writes formulas calling only :data:`PLAIN_FUNCTIONS` as they are.

    Before storing a formula, XlsxWriter tries some thirty patterns on it, to prefix the
    names of functions added to Excel since 2010 (``_xlfn.``): a millisecond and more per
    budget. A formula whose every call is one of :data:`PLAIN_FUNCTIONS` holds none of those
    names, so only its ``=`` goes; any other formula is prepared by XlsxWriter.
    """

    def _prepare_formula(self, formula: str, expand_future_functions: bool = False) -> str:
        plain = (
            formula.startswith("=")
            and not formula.endswith("}")
            and "_xlfn." not in formula
            and all(name in PLAIN_FUNCTIONS for name in _CALL.findall(formula))
        )
        if plain:
            return formula[1:]
        return str(super()._prepare_formula(formula, expand_future_functions))


def add_sheet(workbook: Workbook, name: str) -> Worksheet:
    """A new worksheet of ``workbook`` (a :class:`PlainFormulas`)."""
    return workbook.add_worksheet(name, worksheet_class=PlainFormulas)


class Sheet:
    """Rows written top to bottom (numbered from 1, as a spreadsheet shows them); every cell
    through one of three typed writers, which also remember its value for the formulas."""

    def __init__(self, book: Book, ws: Worksheet) -> None:
        self.book = book
        self.ws = ws
        self.row = 0
        self.values: dict[str, Value] = {}
        book.sheets[ws.get_name()] = self

    def next_row(self, skip: int = 0) -> int:
        self.row += 1 + skip
        return self.row

    def _address(self, column: int, row: int | None = None) -> str:
        return f"{xl_col_to_name(column - 1)}{row or self.row}"

    def text(self, column: int, value: str | None, style: Style | None = None) -> str:
        """A string cell, whatever the text: event data never becomes a formula."""
        text = _cell_text(value) if value else ""
        address = self._address(column)
        if text:
            self.ws.write_string(self.row - 1, column - 1, text, self.book.format(style))
            self.values[address] = text
        elif style:
            self.ws.write_blank(self.row - 1, column - 1, None, self.book.format(style))
        return address

    def number(
        self, column: int, value: Decimal, number_format: str = MONEY, style: Style | None = None
    ) -> str:
        address = self._address(column)
        # The shortest text of the float is the decimal's own for amounts and quantities.
        self.ws.write_number(
            self.row - 1, column - 1, float(value), self.book.format(style, number_format)
        )
        self.values[address] = value
        return address

    def formula(
        self,
        column: int,
        formula: str,
        value: Value,
        number_format: str = MONEY,
        style: Style | None = None,
        row: int | None = None,
    ) -> str:
        """A formula rzn wrote from cell addresses only, with its result already computed."""
        address = self._address(column, row)
        cached: float | str = value if isinstance(value, str) else float(value)
        self.ws.write_formula(
            (row or self.row) - 1,
            column - 1,
            f"={formula}",
            self.book.format(style, number_format),
            cached,
        )
        self.values[address] = value
        return address

    def value(self, address: str) -> Value:
        """What ``=address`` shows: the cell's amount or text (an empty cell gives 0)."""
        sheet, _, cell = address.rpartition("!")
        return (self.book.sheets[sheet] if sheet else self).values.get(cell, Decimal(0))

    def amount(self, address: str) -> Decimal:
        """The value of a cell as SUM or ``+`` sees it here: text and empty cells count as 0."""
        value = self.value(address)
        return value if isinstance(value, Decimal) else Decimal(0)

    def total(self, column: str, first: int, last: int) -> Decimal:
        """``SUM(E3:E9)``, as the spreadsheet computes it."""
        return sum((self.amount(f"{column}{row}") for row in range(first, last + 1)), Decimal(0))

    def header(self, *labels: str) -> None:
        self.next_row()
        for column, label in enumerate(labels, start=1):
            self.text(column, label, {**BOLD, **HEADER_FILL} if label else HEADER_FILL)

    def widths(self, *widths: int) -> None:
        for column, width in enumerate(widths):
            self.ws.set_column(column, column, width)


@functools.lru_cache(maxsize=4096)
def _cell_text(value: str) -> str:
    """Cleaned and neutralised once per text: most cells are rzn's own labels, every budget's."""
    return neutralise(clean(value))


class Book:
    """The workbook, its sheets by name, and one XlsxWriter format per distinct style."""

    def __init__(self, workbook: Workbook) -> None:
        self.workbook = workbook
        self.sheets: dict[str, Sheet] = {}
        self._formats: dict[tuple[tuple[str, object], ...], CellFormat] = {}

    def format(self, style: Style | None, number_format: str | None = None) -> CellFormat | None:
        properties = dict(style or {})
        if number_format is not None and number_format != "General":
            properties.setdefault("num_format", number_format)
        if not properties:
            return None
        key = tuple(sorted(properties.items()))
        if key not in self._formats:
            self._formats[key] = self.workbook.add_format(properties)
        return self._formats[key]


def sum_formula(cells: Sequence[str]) -> str:
    """``SUM(E8,E11)``, or ``0`` when there is nothing to add."""
    return f"SUM({','.join(cells)})" if cells else "0"


def cell_range(column: str, first: int, last: int) -> str:
    return f"{column}{first}:{column}{last}"


def round_cent(value: Decimal) -> Decimal:
    """``ROUND(…, 2)``: to the cent, half away from zero, as the spreadsheet rounds."""
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def print_setup(ws: Worksheet) -> None:
    ws.set_paper(9)  # A4
    ws.set_landscape()
    ws.fit_to_pages(1, 0)
