"""``budget.xlsx``: the budget estimate as a workbook the treasurer keeps editing.

Sheet « Budget » holds the lines of ``budget.md``, in the same order, but
every figure rzn computed is a formula: quantity × unit cost, subtotals,
totals, amount confirmed, balance, volunteer valuation. Change a figure
and the totals follow. Sheet « Cerfa 12156 » puts each line under the
form's headings (see :mod:`rzn.render.cerfa`) with formulas that point
back at the first sheet, so it follows too.

Amounts computed as products are wrapped in ``ROUND(…, 2)``: the budget
rounds them to the cent (half up, as an invoice does) before adding them
up, and the workbook must add up the same cents. Amounts are written from
their decimal text, never through a float.

Event text is only ever a string cell — never a formula — and one that
starts like a formula gets the same ``'`` as in ``budget.csv``, so that
copying it elsewhere cannot turn it into one.

Every formula also carries its result, computed here from the same decimal
figures (XlsxWriter stores it; openpyxl, used before, could not): a viewer
that does not recalculate — a phone or mail preview, a converter, a library
reading the file — shows every total. LibreOffice recalculating the file
finds the same values (tests/render/test_libreoffice_recalc.py).

The file is the same bytes for the same event: fixed document dates taken
from the event, and the package rewritten with fixed entry dates.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator, Sequence
from decimal import ROUND_HALF_UP, Decimal
from zoneinfo import ZoneInfo

import xlsxwriter
from xlsxwriter.format import Format as CellFormat
from xlsxwriter.utility import xl_col_to_name
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from rzn.model.event import Event, Format
from rzn.plan.budget import BudgetEstimate, CostLine, IncomeLine, ToCost, places
from rzn.render import cerfa, french
from rzn.render.context import RenderContext
from rzn.render.documents.budget import neutralise
from rzn.render.ooxml import clean, normalise_zip
from rzn.render.output import OutputFile
from rzn.render.registry import document

BUDGET_SHEET = "Budget"
CERFA_SHEET = "Cerfa 12156"

MONEY = '#,##0.00 "€"'
"""Stored in the file's neutral syntax; Excel and LibreOffice show ``1 234,50 €`` in French."""
BALANCE = '#,##0.00 "€";[Red]-#,##0.00 "€"'
QUANTITY = ("#,##0", "#,##0.0", "#,##0.00")
"""By the number of decimals ``budget.md`` prints for the quantity."""

ACCENT = "#6A1B9A"
TO_COST = "#B3261E"
Style = dict[str, object]
"""XlsxWriter format properties; the sheet turns each distinct set into one format."""
_SECTION_FONT: Style = {"bold": True, "font_size": 12, "font_color": ACCENT}
_HEADER_FILL: Style = {"pattern": 1, "bg_color": "#F1F2F6"}
_TO_COST_CELL: Style = {
    "italic": True,
    "font_color": TO_COST,
    "pattern": 1,
    "bg_color": "#FDECEA",
    "align": "right",
    "num_format": MONEY,
}
_BOLD: Style = {"bold": True}
_HELP: Style = {"italic": True, "font_color": "#5B6475"}
_TITLE: Style = {"bold": True, "font_size": 14}
Value = Decimal | str
"""What a cell holds once calculated: an amount, or text (which SUM skips)."""

FORMAT_WORDS = {
    Format.IN_PERSON: "en présentiel",
    Format.ONLINE: "en ligne",
    Format.HYBRID: "hybride",
}
"""As ``budget.md`` says it."""


class _Sheet:
    """Rows written top to bottom (numbered from 1, as a spreadsheet shows them); every cell
    through one of three typed writers, which also remember its value for the formulas."""

    def __init__(self, book: _Book, ws: Worksheet) -> None:
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
        text = neutralise(clean(value))
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
            self.text(column, label, {**_BOLD, **_HEADER_FILL} if label else _HEADER_FILL)

    def widths(self, *widths: int) -> None:
        for column, width in enumerate(widths):
            self.ws.set_column(column, column, width)


class _Book:
    """The workbook, its sheets by name, and one XlsxWriter format per distinct style."""

    def __init__(self, workbook: Workbook) -> None:
        self.workbook = workbook
        self.sheets: dict[str, _Sheet] = {}
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


def _sum(cells: Sequence[str]) -> str:
    """``SUM(E8,E11)``, or ``0`` when there is nothing to add."""
    return f"SUM({','.join(cells)})" if cells else "0"


def _range(column: str, first: int, last: int) -> str:
    return f"{column}{first}:{column}{last}"


class BudgetCells:
    """Where the first sheet put each figure, for the formulas of the second."""

    def __init__(self) -> None:
        self.sources: dict[int, str] = {}
        """``id()`` of a budget line (costed, to cost, or income) → its amount cell."""
        self.total_expenses = ""
        self.total_income = ""
        self.balance = ""
        self.volunteer_value = ""

    def add(self, source: CostLine | ToCost | IncomeLine, cell: str) -> None:
        self.sources[id(source)] = cell

    def of(self, source: CostLine | ToCost | IncomeLine) -> str:
        return self.sources[id(source)]


def budget_sheet(sheet: _Sheet, event: Event, budget: BudgetEstimate) -> BudgetCells:
    """Columns: A category or section, B label, C quantity, D unit cost, E amount, F note."""
    cells = BudgetCells()
    sheet.widths(28, 62, 11, 15, 16, 44)

    sheet.next_row()
    sheet.text(1, f"Budget prévisionnel — {event.title}", _TITLE)
    sheet.next_row()
    where = f" · {event.city}" if event.city else ""
    day = french.day_long(event.date)
    sheet.text(1, f"{day[:1].upper()}{day[1:]} · rencontre {FORMAT_WORDS[event.format]}{where}")
    sheet.next_row()
    sheet.text(
        1,
        "Modifiez une quantité, un coût unitaire, un montant ou une recette : sous-totaux, "
        "totaux, solde et valorisation du bénévolat se recalculent. La feuille « Cerfa 12156 » "
        "suit aussi.",
        _HELP,
    )

    # Expenses, by category as in budget.md.
    sheet.next_row(skip=1)
    sheet.text(1, "Dépenses", _SECTION_FONT)
    sheet.header("Catégorie", "Intitulé", "Quantité", "Coût unitaire", "Montant", "Note")
    subtotals: list[str] = []
    for group in budget.groups:
        first = sheet.row + 1
        for line in group.lines:
            row = sheet.next_row()
            sheet.text(1, group.label)
            sheet.text(2, line.label)
            if line.quantity is not None and line.unit_cost is not None:
                sheet.number(3, line.quantity, QUANTITY[places(line.quantity)])
                sheet.number(4, line.unit_cost)
                sheet.formula(5, f"ROUND(C{row}*D{row},2)", _round(line.quantity * line.unit_cost))
            else:
                sheet.number(5, line.amount)
            sheet.text(6, line.note)
            cells.add(line, f"E{row}")
        row = sheet.next_row()
        sheet.text(1, group.label, _BOLD)
        sheet.text(2, "Sous-total", _BOLD)
        subtotal = sheet.total("E", first, row - 1)
        sheet.formula(5, f"SUM({_range('E', first, row - 1)})", subtotal, style=_BOLD)
        subtotals.append(f"E{row}")
    total_row = sheet.next_row()
    sheet.text(1, "Total des dépenses", _BOLD)
    if not budget.groups:
        sheet.text(
            2, "Aucune dépense chiffrée : ajoutez des lignes dans budget.lines du fichier.", _HELP
        )
    cells.total_expenses = f"E{total_row}"

    # Still to cost: "à chiffrer" is text, which SUM skips; an amount typed over it counts.
    to_cost: tuple[int, int] | None = None
    if budget.to_cost:
        sheet.next_row(skip=1)
        sheet.text(1, "À chiffrer", _SECTION_FONT)
        sheet.next_row()
        sheet.text(
            1,
            f"Le vade-mecum prévoit ces dépenses pour une rencontre "
            f"{FORMAT_WORDS[event.format]} ; remplacez « à chiffrer » par le montant (0 si "
            "elles ne vous coûtent rien) : il s'ajoute au total des dépenses.",
            _HELP,
        )
        sheet.header("Catégorie", "Dépense", "", "", "Montant", "")
        first = sheet.row + 1
        for item in budget.to_cost:
            row = sheet.next_row()
            sheet.text(1, item.category_label)
            sheet.text(2, item.label)
            sheet.text(5, "à chiffrer", _TO_COST_CELL)
            cells.add(item, f"E{row}")
        to_cost = (first, sheet.row)
    total = _sum(subtotals)
    expenses = sum((sheet.amount(c) for c in subtotals), Decimal(0))
    if to_cost is not None:
        total = f"{total}+SUM({_range('E', *to_cost)})"
        expenses += sheet.total("E", *to_cost)
    sheet.formula(5, total, expenses, style=_BOLD, row=total_row)

    # Income: the status column is a list, and "dont acquis" follows it.
    sheet.next_row(skip=1)
    sheet.text(1, "Recettes", _SECTION_FONT)
    sheet.header("Nature", "Financeur", "", "", "Montant", "Statut")
    first = sheet.row + 1
    for income in budget.income:
        row = sheet.next_row()
        sheet.text(1, income.kind_label)
        sheet.text(2, income.source)
        sheet.number(5, income.amount)
        sheet.text(6, "acquis" if income.confirmed else "demandé")
        cells.add(income, f"E{row}")
    received = sum((i.amount for i in budget.income), Decimal(0))
    confirmed_value = sum((i.amount for i in budget.income if i.confirmed), Decimal(0))
    if budget.income:
        sheet.ws.data_validation(
            first - 1,
            5,
            sheet.row - 1,
            5,
            {
                "validate": "list",
                "source": ["acquis", "demandé"],
                "ignore_blank": True,
                "error_title": "Statut de la recette",
                "error_message": "Choisissez « acquis » ou « demandé ».",
            },
        )
        amounts = _range("E", first, sheet.row)
        total_income = f"SUM({amounts})"
        confirmed = f'SUMIF({_range("F", first, sheet.row)},"acquis",{amounts})'
    else:
        total_income = confirmed = "0"
    row = sheet.next_row()
    sheet.text(1, "Total des recettes", _BOLD)
    if not budget.income:
        sheet.text(2, "Aucune recette prévue : ajoutez-les dans budget.income du fichier.", _HELP)
    sheet.formula(5, total_income, received, style=_BOLD)
    cells.total_income = f"E{row}"
    sheet.next_row()
    sheet.text(1, "dont acquis")
    sheet.formula(5, confirmed, confirmed_value)

    # Balance.
    sheet.next_row(skip=1)
    sheet.text(1, "Solde", _SECTION_FONT)
    sheet.next_row()
    sheet.text(1, "Recettes")
    sheet.formula(5, cells.total_income, sheet.amount(cells.total_income))
    sheet.next_row()
    sheet.text(1, "Dépenses")
    sheet.formula(5, cells.total_expenses, sheet.amount(cells.total_expenses))
    row = sheet.next_row()
    sheet.text(1, "Solde (recettes moins dépenses)", _BOLD)
    balance = sheet.amount(cells.total_income) - sheet.amount(cells.total_expenses)
    sheet.formula(5, f"{cells.total_income}-{cells.total_expenses}", balance, BALANCE, style=_BOLD)
    sheet.formula(
        6,
        f'IF(E{row}<0,"reste à financer",IF(E{row}>0,"excédent","à l\'équilibre"))',
        "reste à financer" if balance < 0 else "excédent" if balance > 0 else "à l'équilibre",
        "General",
    )
    cells.balance = f"E{row}"

    # Volunteer time, valued: hours × hourly value, rounded to the cent like the budget.
    sheet.next_row(skip=1)
    sheet.text(1, "Contributions volontaires en nature", _SECTION_FONT)
    sheet.header("Contribution", "Calcul", "Heures", "Valeur horaire", "Valeur", "")
    row = sheet.next_row()
    sheet.text(1, "Bénévolat")
    sheet.text(2, "heures de bénévolat × valeur d'une heure")
    sheet.number(3, budget.volunteer_hours, QUANTITY[places(budget.volunteer_hours)])
    sheet.number(4, budget.volunteer_hourly_value)
    sheet.formula(
        5,
        f"ROUND(C{row}*D{row},2)",
        _round(budget.volunteer_hours * budget.volunteer_hourly_value),
    )
    sheet.text(6, "comptes 86 et 87")
    cells.volunteer_value = f"E{row}"
    sheet.next_row()
    sheet.text(1, "Coût complet", _BOLD)
    sheet.text(2, "dépenses et contributions en nature")
    sheet.formula(
        5,
        f"{cells.total_expenses}+{cells.volunteer_value}",
        sheet.amount(cells.total_expenses) + sheet.amount(cells.volunteer_value),
        style=_BOLD,
    )
    sheet.next_row()
    sheet.text(
        1,
        "Le temps bénévole figure à la fois en charges et en produits (comptes 86 et 87) : il ne "
        "change pas le solde, mais montre le coût complet de la rencontre. Valeur d'une heure "
        "par défaut : le SMIC brut horaire 2026.",
        _HELP,
    )
    _print_setup(sheet.ws)
    return cells


def _round(value: Decimal) -> Decimal:
    """``ROUND(…, 2)``: to the cent, half away from zero, as the spreadsheet rounds."""
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def cerfa_sheet(sheet: _Sheet, event: Event, budget: BudgetEstimate, cells: BudgetCells) -> None:
    """Columns: A account, B the form's heading or line, C the budget line, D amount."""
    sheet.widths(9, 52, 56, 16)
    ref = f"{BUDGET_SHEET}!"

    sheet.next_row()
    sheet.text(1, f"Budget prévisionnel de l'action (Cerfa n° 12156) — {event.title}", _BOLD)
    sheet.next_row()
    sheet.text(
        1,
        "Chaque montant renvoie à la feuille « Budget » : modifiez-le là-bas. Le formulaire "
        "attend un budget à l'équilibre (total des charges = total des produits) et des "
        "montants sans centimes.",
        _HELP,
    )

    def section(title: str, sections: Sequence[cerfa.Section[object]], total: str) -> str:
        sheet.next_row(skip=1)
        sheet.text(1, title, _SECTION_FONT)
        sheet.header("Compte", "Rubrique du formulaire", "Ligne du budget", "Montant")
        heading_cells: list[str] = []
        for part in sections:
            heading_row = sheet.next_row()
            sheet.text(1, part.heading.account, _BOLD)
            sheet.text(2, part.heading.label, _BOLD)
            for entry in part.entries:
                sheet.next_row()
                sheet.text(2, entry.line)
                sheet.text(3, _entry_label(entry.source))
                source = entry.source
                assert isinstance(source, CostLine | ToCost | IncomeLine)
                target = cells.of(source)
                sheet.formula(4, f"{ref}{target}", sheet.value(f"{ref}{target}"))
            _heading_sum(sheet, heading_row, sheet.row)
            heading_cells.append(f"D{heading_row}")
        row = sheet.next_row()
        sheet.text(2, total, _BOLD)
        value = sum((sheet.amount(c) for c in heading_cells), Decimal(0))
        sheet.formula(4, _sum(heading_cells), value, style=_BOLD)
        return f"D{row}"

    total_charges = section("Charges", cerfa.charges(budget), "Total des charges")
    total_products = section("Produits", cerfa.products(budget), "Total des produits")

    # Contributions in kind: uses (86) typed in, volunteer time from the first sheet;
    # sources (87) follow their uses, so that 86 and 87 always balance.
    sheet.next_row(skip=1)
    sheet.text(1, "Contributions volontaires en nature", _SECTION_FONT)
    sheet.next_row()
    sheet.text(
        1,
        "Valorisez ici les biens et services reçus gratuitement (salle prêtée, matériel) : la "
        "ressource correspondante (87) suit.",
        _HELP,
    )
    sheet.header("Compte", "Rubrique du formulaire", "Ligne du budget", "Montant")
    uses_row = sheet.next_row()
    sheet.text(1, cerfa.USES.account, _BOLD)
    sheet.text(2, cerfa.USES.label, _BOLD)
    use_cells: dict[str, str] = {}
    for line in cerfa.USE_LINES:
        row = sheet.next_row()
        sheet.text(1, line.account)
        sheet.text(2, line.label)
        if line.account == cerfa.VOLUNTEERING:
            hours = french.number(budget.volunteer_hours, places(budget.volunteer_hours))
            sheet.text(3, f"Bénévolat ({hours}{french.NBSP}h valorisées, feuille « Budget »)")
            sheet.formula(
                4,
                f"{ref}{cells.volunteer_value}",
                sheet.amount(f"{ref}{cells.volunteer_value}"),
            )
        else:
            sheet.number(4, Decimal("0.00"))
        use_cells[line.account] = f"D{row}"
    _heading_sum(sheet, uses_row, sheet.row)
    resources_row = sheet.next_row()
    sheet.text(1, cerfa.RESOURCES.account, _BOLD)
    sheet.text(2, cerfa.RESOURCES.label, _BOLD)
    for line in cerfa.RESOURCE_LINES:
        sheet.next_row()
        sheet.text(1, line.account)
        sheet.text(2, line.label)
        uses = [use_cells[u] for u, r in cerfa.RESOURCE_OF_USE.items() if r == line.account]
        value = sum((sheet.amount(u) for u in uses), Decimal(0))
        sheet.formula(4, "+".join(uses) if uses else "0", value)
    _heading_sum(sheet, resources_row, sheet.row)

    sheet.next_row(skip=1)
    sheet.text(2, "Total des charges et des emplois (60 à 68 et 86)", _BOLD)
    charges = sheet.amount(total_charges) + sheet.amount(f"D{uses_row}")
    sheet.formula(4, f"{total_charges}+D{uses_row}", charges, style=_BOLD)
    sheet.next_row()
    sheet.text(2, "Total des produits et des ressources (70 à 75 et 87)", _BOLD)
    products = sheet.amount(total_products) + sheet.amount(f"D{resources_row}")
    sheet.formula(4, f"{total_products}+D{resources_row}", products, style=_BOLD)
    sheet.next_row()
    sheet.text(2, "Écart (produits moins charges)", _BOLD)
    gap = sheet.amount(total_products) - sheet.amount(total_charges)
    sheet.formula(4, f"{total_products}-{total_charges}", gap, BALANCE, style=_BOLD)
    sheet.text(3, "négatif : reste à financer avant de déposer la demande")
    _print_setup(sheet.ws)


def _heading_sum(sheet: _Sheet, heading_row: int, last_row: int) -> None:
    """A heading's amount: the sum of the rows below it, ``0`` when it has none."""
    if last_row > heading_row:
        value = sheet.total("D", heading_row + 1, last_row)
        lines = _range("D", heading_row + 1, last_row)
        sheet.formula(4, f"SUM({lines})", value, style=_BOLD, row=heading_row)
    else:
        saved, sheet.row = sheet.row, heading_row
        sheet.number(4, Decimal(0), style=_BOLD)
        sheet.row = saved


def _entry_label(source: object) -> str:
    if isinstance(source, IncomeLine):
        status = "acquis" if source.confirmed else "demandé"
        return f"{source.source} ({status})"
    if isinstance(source, ToCost):
        return f"{source.label} (à chiffrer)"
    assert isinstance(source, CostLine)
    return source.label


def _print_setup(ws: Worksheet) -> None:
    ws.set_paper(9)  # A4
    ws.set_landscape()
    ws.fit_to_pages(1, 0)


def budget_xlsx(event: Event, budget: BudgetEstimate) -> bytes:
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_numbers": False})
    # A date the event owns, so that the file does not change from one run to the next; the
    # file records it in UTC.
    local = dt.datetime.combine(event.date, event.start, tzinfo=ZoneInfo(event.timezone))
    moment = local.astimezone(dt.UTC)
    book.set_properties(
        {
            "title": clean(f"Budget prévisionnel — {event.title}")[:255],
            "author": "rzn",
            "created": moment,
        }
    )
    sheets = _Book(book)
    cells = budget_sheet(_Sheet(sheets, book.add_worksheet(BUDGET_SHEET)), event, budget)
    cerfa_sheet(_Sheet(sheets, book.add_worksheet(CERFA_SHEET)), event, budget, cells)
    book.close()
    return normalise_zip(buffer.getvalue())


@document("budget-xlsx")
def budget_workbook(ctx: RenderContext) -> Iterator[OutputFile]:
    yield OutputFile(
        "budget.xlsx",
        budget_xlsx(ctx.event, ctx.plan.budget),
        "Budget prévisionnel pour tableur, avec formules et feuille Cerfa 12156 (Excel, Calc)",
    )
