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
from collections.abc import Iterator
from decimal import Decimal
from zoneinfo import ZoneInfo

import xlsxwriter

from rzn.model.event import Event, Format
from rzn.plan.budget import BudgetEstimate, places
from rzn.render import french
from rzn.render.context import RenderContext
from rzn.render.documents.budget_cerfa import BUDGET_SHEET, CERFA_SHEET, BudgetCells, cerfa_sheet
from rzn.render.documents.workbook import (
    BALANCE,
    BOLD,
    HELP,
    MONEY,
    QUANTITY,
    SECTION_FONT,
    TITLE,
    TO_COST_CELL,
    Book,
    Sheet,
    add_sheet,
    cell_range,
    print_setup,
    round_cent,
    sum_formula,
)
from rzn.render.ooxml import clean, repackage
from rzn.render.output import OutputFile
from rzn.render.registry import document

__all__ = ["BUDGET_SHEET", "CERFA_SHEET", "MONEY", "budget_sheet", "budget_workbook", "budget_xlsx"]

FORMAT_WORDS = {
    Format.IN_PERSON: "en présentiel",
    Format.ONLINE: "en ligne",
    Format.HYBRID: "hybride",
}
"""As ``budget.md`` says it."""


def budget_sheet(sheet: Sheet, event: Event, budget: BudgetEstimate) -> BudgetCells:
    """Columns: A category or section, B label, C quantity, D unit cost, E amount, F note."""
    cells = BudgetCells()
    sheet.widths(28, 62, 11, 15, 16, 44)

    sheet.next_row()
    sheet.text(1, f"Budget prévisionnel — {event.title}", TITLE)
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
        HELP,
    )

    subtotals, total_row = _expenses(sheet, budget, cells)
    _to_cost(sheet, event, budget, cells, subtotals, total_row)
    _income(sheet, budget, cells)
    _balance(sheet, cells)
    _volunteering(sheet, budget, cells)
    print_setup(sheet.ws)
    return cells


def _expenses(sheet: Sheet, budget: BudgetEstimate, cells: BudgetCells) -> tuple[list[str], int]:
    """Expenses, by category as in budget.md: the subtotal cells and the row of the total."""
    sheet.next_row(skip=1)
    sheet.text(1, "Dépenses", SECTION_FONT)
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
                sheet.formula(
                    5, f"ROUND(C{row}*D{row},2)", round_cent(line.quantity * line.unit_cost)
                )
            else:
                sheet.number(5, line.amount)
            sheet.text(6, line.note)
            cells.add(line, f"E{row}")
        row = sheet.next_row()
        sheet.text(1, group.label, BOLD)
        sheet.text(2, "Sous-total", BOLD)
        subtotal = sheet.total("E", first, row - 1)
        sheet.formula(5, f"SUM({cell_range('E', first, row - 1)})", subtotal, style=BOLD)
        subtotals.append(f"E{row}")
    total_row = sheet.next_row()
    sheet.text(1, "Total des dépenses", BOLD)
    if not budget.groups:
        sheet.text(
            2, "Aucune dépense chiffrée : ajoutez des lignes dans budget.lines du fichier.", HELP
        )
    cells.total_expenses = f"E{total_row}"
    return subtotals, total_row


def _to_cost(
    sheet: Sheet,
    event: Event,
    budget: BudgetEstimate,
    cells: BudgetCells,
    subtotals: list[str],
    total_row: int,
) -> None:
    """Still to cost: "à chiffrer" is text, which SUM skips; an amount typed over it counts.

    Then the total of the expenses, on its row above the section.
    """
    to_cost: tuple[int, int] | None = None
    if budget.to_cost:
        sheet.next_row(skip=1)
        sheet.text(1, "À chiffrer", SECTION_FONT)
        sheet.next_row()
        sheet.text(
            1,
            f"Le vade-mecum prévoit ces dépenses pour une rencontre "
            f"{FORMAT_WORDS[event.format]} ; remplacez « à chiffrer » par le montant (0 si "
            "elles ne vous coûtent rien) : il s'ajoute au total des dépenses.",
            HELP,
        )
        sheet.header("Catégorie", "Dépense", "", "", "Montant", "")
        first = sheet.row + 1
        for item in budget.to_cost:
            row = sheet.next_row()
            sheet.text(1, item.category_label)
            sheet.text(2, item.label)
            sheet.text(5, "à chiffrer", TO_COST_CELL)
            cells.add(item, f"E{row}")
        to_cost = (first, sheet.row)
    total = sum_formula(subtotals)
    expenses = sum((sheet.amount(c) for c in subtotals), Decimal(0))
    if to_cost is not None:
        total = f"{total}+SUM({cell_range('E', *to_cost)})"
        expenses += sheet.total("E", *to_cost)
    sheet.formula(5, total, expenses, style=BOLD, row=total_row)


def _income(sheet: Sheet, budget: BudgetEstimate, cells: BudgetCells) -> None:
    """Income: the status column is a list, and "dont acquis" follows it."""
    sheet.next_row(skip=1)
    sheet.text(1, "Recettes", SECTION_FONT)
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
        amounts = cell_range("E", first, sheet.row)
        total_income = f"SUM({amounts})"
        confirmed = f'SUMIF({cell_range("F", first, sheet.row)},"acquis",{amounts})'
    else:
        total_income = confirmed = "0"
    row = sheet.next_row()
    sheet.text(1, "Total des recettes", BOLD)
    if not budget.income:
        sheet.text(2, "Aucune recette prévue : ajoutez-les dans budget.income du fichier.", HELP)
    sheet.formula(5, total_income, received, style=BOLD)
    cells.total_income = f"E{row}"
    sheet.next_row()
    sheet.text(1, "dont acquis")
    sheet.formula(5, confirmed, confirmed_value)


def _balance(sheet: Sheet, cells: BudgetCells) -> None:
    """Balance: income minus expenses, and what it means."""
    sheet.next_row(skip=1)
    sheet.text(1, "Solde", SECTION_FONT)
    sheet.next_row()
    sheet.text(1, "Recettes")
    sheet.formula(5, cells.total_income, sheet.amount(cells.total_income))
    sheet.next_row()
    sheet.text(1, "Dépenses")
    sheet.formula(5, cells.total_expenses, sheet.amount(cells.total_expenses))
    row = sheet.next_row()
    sheet.text(1, "Solde (recettes moins dépenses)", BOLD)
    balance = sheet.amount(cells.total_income) - sheet.amount(cells.total_expenses)
    sheet.formula(5, f"{cells.total_income}-{cells.total_expenses}", balance, BALANCE, style=BOLD)
    sheet.formula(
        6,
        f'IF(E{row}<0,"reste à financer",IF(E{row}>0,"excédent","à l\'équilibre"))',
        "reste à financer" if balance < 0 else "excédent" if balance > 0 else "à l'équilibre",
        "General",
    )
    cells.balance = f"E{row}"


def _volunteering(sheet: Sheet, budget: BudgetEstimate, cells: BudgetCells) -> None:
    """Volunteer time, valued: hours × hourly value, rounded to the cent like the budget."""
    sheet.next_row(skip=1)
    sheet.text(1, "Contributions volontaires en nature", SECTION_FONT)
    sheet.header("Contribution", "Calcul", "Heures", "Valeur horaire", "Valeur", "")
    row = sheet.next_row()
    sheet.text(1, "Bénévolat")
    sheet.text(2, "heures de bénévolat × valeur d'une heure")
    sheet.number(3, budget.volunteer_hours, QUANTITY[places(budget.volunteer_hours)])
    sheet.number(4, budget.volunteer_hourly_value)
    sheet.formula(
        5,
        f"ROUND(C{row}*D{row},2)",
        round_cent(budget.volunteer_hours * budget.volunteer_hourly_value),
    )
    sheet.text(6, "comptes 86 et 87")
    cells.volunteer_value = f"E{row}"
    sheet.next_row()
    sheet.text(1, "Coût complet", BOLD)
    sheet.text(2, "dépenses et contributions en nature")
    sheet.formula(
        5,
        f"{cells.total_expenses}+{cells.volunteer_value}",
        sheet.amount(cells.total_expenses) + sheet.amount(cells.volunteer_value),
        style=BOLD,
    )
    sheet.next_row()
    sheet.text(
        1,
        "Le temps bénévole figure à la fois en charges et en produits (comptes 86 et 87) : il ne "
        "change pas le solde, mais montre le coût complet de la rencontre. Valeur d'une heure "
        "par défaut : le SMIC brut horaire 2026.",
        HELP,
    )


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
    sheets = Book(book)
    cells = budget_sheet(Sheet(sheets, add_sheet(book, BUDGET_SHEET)), event, budget)
    cerfa_sheet(Sheet(sheets, add_sheet(book, CERFA_SHEET)), event, budget, cells)
    book.close()
    return repackage(buffer.getvalue())


@document("budget-xlsx")
def budget_workbook(ctx: RenderContext) -> Iterator[OutputFile]:
    yield OutputFile(
        "budget.xlsx",
        budget_xlsx(ctx.event, ctx.plan.budget),
        "Budget prévisionnel pour tableur, avec formules et feuille Cerfa 12156 (Excel, Calc)",
    )
