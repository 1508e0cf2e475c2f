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

The file is the same bytes for the same event: fixed document dates taken
from the event, and the package rewritten with fixed entry dates.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Iterator, Sequence
from decimal import Decimal
from zoneinfo import ZoneInfo

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

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

ACCENT = "6A1B9A"
TO_COST = "B3261E"
_SECTION_FONT = Font(bold=True, size=12, color=ACCENT)
_HEADER_FILL = PatternFill("solid", fgColor="F1F2F6")
_TO_COST_FILL = PatternFill("solid", fgColor="FDECEA")
_BOLD = Font(bold=True)
_HELP = Font(italic=True, color="5B6475")

FORMAT_WORDS = {
    Format.IN_PERSON: "en présentiel",
    Format.ONLINE: "en ligne",
    Format.HYBRID: "hybride",
}
"""As ``budget.md`` says it."""


class _Sheet:
    """Rows written top to bottom; every cell through one of three typed writers."""

    def __init__(self, ws: Worksheet) -> None:
        self.ws = ws
        self.row = 0

    def cell(self, column: int) -> Cell:
        cell = self.ws.cell(self.row, column)
        assert isinstance(cell, Cell)  # rzn merges no cells
        return cell

    def next_row(self, skip: int = 0) -> int:
        self.row += 1 + skip
        return self.row

    def text(self, column: int, value: str | None, font: Font | None = None) -> Cell:
        """A string cell, whatever the text: event data never becomes a formula."""
        cell = self.cell(column)
        text = neutralise(clean(value))
        if text:
            cell.value = text
            cell.data_type = "s"  # openpyxl would read a leading "=" as a formula
        if font is not None:
            cell.font = font
        return cell

    def number(self, column: int, value: Decimal, number_format: str = MONEY) -> Cell:
        cell = self.cell(column)
        cell.value = value
        cell.number_format = number_format
        return cell

    def formula(self, column: int, formula: str, number_format: str = MONEY) -> Cell:
        """A formula rzn wrote from cell addresses only: no event text ever reaches one."""
        cell = self.cell(column)
        cell.value = f"={formula}"
        cell.number_format = number_format
        return cell

    def header(self, *labels: str) -> None:
        self.next_row()
        for column, label in enumerate(labels, start=1):
            if label:
                self.text(column, label, _BOLD)
            self.ws.cell(self.row, column).fill = _HEADER_FILL

    def widths(self, *widths: int) -> None:
        for column, width in enumerate(widths, start=1):
            self.ws.column_dimensions[get_column_letter(column)].width = width


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


def budget_sheet(ws: Worksheet, event: Event, budget: BudgetEstimate) -> BudgetCells:
    """Columns: A category or section, B label, C quantity, D unit cost, E amount, F note."""
    sheet = _Sheet(ws)
    cells = BudgetCells()
    sheet.widths(28, 62, 11, 15, 16, 44)

    sheet.next_row()
    sheet.text(1, f"Budget prévisionnel — {event.title}", Font(bold=True, size=14))
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
                sheet.formula(5, f"ROUND(C{row}*D{row},2)")
            else:
                sheet.number(5, line.amount)
            sheet.text(6, line.note)
            cells.add(line, f"E{row}")
        row = sheet.next_row()
        sheet.text(1, group.label, _BOLD)
        sheet.text(2, "Sous-total", _BOLD)
        sheet.formula(5, f"SUM({_range('E', first, row - 1)})").font = _BOLD
        subtotals.append(f"E{row}")
    total_row = sheet.next_row()
    sheet.text(1, "Total des dépenses", _BOLD)
    if not budget.groups:
        sheet.text(
            2, "Aucune dépense chiffrée : ajoutez des lignes dans budget.lines du fichier.", _HELP
        )
    cells.total_expenses = f"E{total_row}"

    # Still to cost: "à chiffrer" is text, which SUM skips; an amount typed over it counts.
    to_cost_range = ""
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
            amount = sheet.text(5, "à chiffrer", Font(italic=True, color=TO_COST))
            amount.fill = _TO_COST_FILL
            amount.alignment = Alignment(horizontal="right")
            amount.number_format = MONEY
            cells.add(item, f"E{row}")
        to_cost_range = _range("E", first, sheet.row)
    total = _sum(subtotals)
    if to_cost_range:
        total = f"{total}+SUM({to_cost_range})"
    ws.cell(total_row, 5, f"={total}").number_format = MONEY
    ws.cell(total_row, 5).font = _BOLD

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
    if budget.income:
        statuses = DataValidation(
            type="list",
            formula1='"acquis,demandé"',
            allow_blank=True,
            error="Choisissez « acquis » ou « demandé ».",
            errorTitle="Statut de la recette",
        )
        statuses.add(_range("F", first, sheet.row))
        ws.add_data_validation(statuses)
        amounts = _range("E", first, sheet.row)
        total_income = f"SUM({amounts})"
        confirmed = f'SUMIF({_range("F", first, sheet.row)},"acquis",{amounts})'
    else:
        total_income = confirmed = "0"
    row = sheet.next_row()
    sheet.text(1, "Total des recettes", _BOLD)
    if not budget.income:
        sheet.text(2, "Aucune recette prévue : ajoutez-les dans budget.income du fichier.", _HELP)
    sheet.formula(5, total_income).font = _BOLD
    cells.total_income = f"E{row}"
    sheet.next_row()
    sheet.text(1, "dont acquis")
    sheet.formula(5, confirmed)

    # Balance.
    sheet.next_row(skip=1)
    sheet.text(1, "Solde", _SECTION_FONT)
    sheet.next_row()
    sheet.text(1, "Recettes")
    sheet.formula(5, cells.total_income)
    sheet.next_row()
    sheet.text(1, "Dépenses")
    sheet.formula(5, cells.total_expenses)
    row = sheet.next_row()
    sheet.text(1, "Solde (recettes moins dépenses)", _BOLD)
    sheet.formula(5, f"{cells.total_income}-{cells.total_expenses}", BALANCE).font = _BOLD
    sheet.formula(
        6,
        f'IF(E{row}<0,"reste à financer",IF(E{row}>0,"excédent","à l\'équilibre"))',
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
    sheet.formula(5, f"ROUND(C{row}*D{row},2)")
    sheet.text(6, "comptes 86 et 87")
    cells.volunteer_value = f"E{row}"
    sheet.next_row()
    sheet.text(1, "Coût complet", _BOLD)
    sheet.text(2, "dépenses et contributions en nature")
    sheet.formula(5, f"{cells.total_expenses}+{cells.volunteer_value}").font = _BOLD
    sheet.next_row()
    sheet.text(
        1,
        "Le temps bénévole figure à la fois en charges et en produits (comptes 86 et 87) : il ne "
        "change pas le solde, mais montre le coût complet de la rencontre. Valeur d'une heure "
        "par défaut : le SMIC brut horaire 2026.",
        _HELP,
    )
    _print_setup(ws)
    return cells


def cerfa_sheet(ws: Worksheet, event: Event, budget: BudgetEstimate, cells: BudgetCells) -> None:
    """Columns: A account, B the form's heading or line, C the budget line, D amount."""
    sheet = _Sheet(ws)
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
                sheet.formula(4, f"{ref}{cells.of(source)}")
            _heading_sum(ws, heading_row, sheet.row)
            heading_cells.append(f"D{heading_row}")
        row = sheet.next_row()
        sheet.text(2, total, _BOLD)
        sheet.formula(4, _sum(heading_cells)).font = _BOLD
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
            sheet.formula(4, f"{ref}{cells.volunteer_value}")
        else:
            sheet.number(4, Decimal("0.00"))
        use_cells[line.account] = f"D{row}"
    _heading_sum(ws, uses_row, sheet.row)
    resources_row = sheet.next_row()
    sheet.text(1, cerfa.RESOURCES.account, _BOLD)
    sheet.text(2, cerfa.RESOURCES.label, _BOLD)
    for line in cerfa.RESOURCE_LINES:
        sheet.next_row()
        sheet.text(1, line.account)
        sheet.text(2, line.label)
        uses = [use_cells[u] for u, r in cerfa.RESOURCE_OF_USE.items() if r == line.account]
        sheet.formula(4, "+".join(uses) if uses else "0")
    _heading_sum(ws, resources_row, sheet.row)

    sheet.next_row(skip=1)
    sheet.text(2, "Total des charges et des emplois (60 à 68 et 86)", _BOLD)
    sheet.formula(4, f"{total_charges}+D{uses_row}").font = _BOLD
    sheet.next_row()
    sheet.text(2, "Total des produits et des ressources (70 à 75 et 87)", _BOLD)
    sheet.formula(4, f"{total_products}+D{resources_row}").font = _BOLD
    sheet.next_row()
    sheet.text(2, "Écart (produits moins charges)", _BOLD)
    sheet.formula(4, f"{total_products}-{total_charges}", BALANCE).font = _BOLD
    sheet.text(3, "négatif : reste à financer avant de déposer la demande")
    _print_setup(ws)


def _heading_sum(ws: Worksheet, heading_row: int, last_row: int) -> None:
    """A heading's amount: the sum of the rows below it, ``0`` when it has none."""
    lines = _range("D", heading_row + 1, last_row) if last_row > heading_row else ""
    cell = ws.cell(heading_row, 4, f"=SUM({lines})" if lines else 0)
    cell.number_format = MONEY
    cell.font = _BOLD


def _entry_label(source: object) -> str:
    if isinstance(source, IncomeLine):
        status = "acquis" if source.confirmed else "demandé"
        return f"{source.source} ({status})"
    if isinstance(source, ToCost):
        return f"{source.label} (à chiffrer)"
    assert isinstance(source, CostLine)
    return source.label


def _print_setup(ws: Worksheet) -> None:
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = ws.ORIENTATION_LANDSCAPE
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)


def workbook(event: Event, budget: BudgetEstimate) -> Workbook:
    book = Workbook()
    first = book.active
    assert first is not None
    first.title = BUDGET_SHEET
    cells = budget_sheet(first, event, budget)
    cerfa_sheet(book.create_sheet(CERFA_SHEET), event, budget, cells)
    # A date the event owns, so that the file does not change from one run to the next; the
    # file records it in UTC.
    local = dt.datetime.combine(event.date, event.start, tzinfo=ZoneInfo(event.timezone))
    moment = local.astimezone(dt.UTC).replace(tzinfo=None)
    props = book.properties
    props.created = props.modified = moment
    props.creator = props.lastModifiedBy = "rzn"
    props.title = clean(f"Budget prévisionnel — {event.title}")[:255]
    props.language = "fr-FR"
    return book


def budget_xlsx(event: Event, budget: BudgetEstimate) -> bytes:
    buffer = io.BytesIO()
    # Workbook.save() would stamp the modification date with the clock: write it ourselves.
    # Stored, not deflated: normalise_zip compresses every part once, on the way out.
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        ExcelWriter(workbook(event, budget), archive).save()
    return normalise_zip(buffer.getvalue())


@document("budget-xlsx")
def budget_workbook(ctx: RenderContext) -> Iterator[OutputFile]:
    yield OutputFile(
        "budget.xlsx",
        budget_xlsx(ctx.event, ctx.plan.budget),
        "Budget prévisionnel pour tableur, avec formules et feuille Cerfa 12156 (Excel, Calc)",
    )
