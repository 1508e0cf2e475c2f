"""Sheet « Cerfa 12156 » of ``budget.xlsx``: the budget under the form's headings.

Each line sits under its heading of the form (see :mod:`rzn.render.cerfa`) with a
formula that points back at sheet « Budget », so that it follows every change.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from rzn.model.event import Event
from rzn.plan.budget import BudgetEstimate, CostLine, IncomeLine, ToCost, places
from rzn.render import cerfa, french
from rzn.render.documents.workbook import (
    BALANCE,
    BOLD,
    HELP,
    SECTION_FONT,
    Sheet,
    cell_range,
    print_setup,
    sum_formula,
)

BUDGET_SHEET = "Budget"
CERFA_SHEET = "Cerfa 12156"


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


def cerfa_sheet(sheet: Sheet, event: Event, budget: BudgetEstimate, cells: BudgetCells) -> None:
    """Columns: A account, B the form's heading or line, C the budget line, D amount."""
    sheet.widths(9, 52, 56, 16)

    sheet.next_row()
    sheet.text(1, f"Budget prévisionnel de l'action (Cerfa n° 12156) — {event.title}", BOLD)
    sheet.next_row()
    sheet.text(
        1,
        "Chaque montant renvoie à la feuille « Budget » : modifiez-le là-bas. Le formulaire "
        "attend un budget à l'équilibre (total des charges = total des produits) et des "
        "montants sans centimes.",
        HELP,
    )

    total_charges = _section(sheet, cells, "Charges", cerfa.charges(budget), "Total des charges")
    total_products = _section(
        sheet, cells, "Produits", cerfa.products(budget), "Total des produits"
    )

    uses_row, resources_row = _contributions(sheet, budget, cells)
    sheet.next_row(skip=1)
    sheet.text(2, "Total des charges et des emplois (60 à 68 et 86)", BOLD)
    charges = sheet.amount(total_charges) + sheet.amount(f"D{uses_row}")
    sheet.formula(4, f"{total_charges}+D{uses_row}", charges, style=BOLD)
    sheet.next_row()
    sheet.text(2, "Total des produits et des ressources (70 à 75 et 87)", BOLD)
    products = sheet.amount(total_products) + sheet.amount(f"D{resources_row}")
    sheet.formula(4, f"{total_products}+D{resources_row}", products, style=BOLD)
    sheet.next_row()
    sheet.text(2, "Écart (produits moins charges)", BOLD)
    gap = sheet.amount(total_products) - sheet.amount(total_charges)
    sheet.formula(4, f"{total_products}-{total_charges}", gap, BALANCE, style=BOLD)
    sheet.text(3, "négatif : reste à financer avant de déposer la demande")
    print_setup(sheet.ws)


def _section(
    sheet: Sheet,
    cells: BudgetCells,
    title: str,
    sections: Sequence[cerfa.Section[object]],
    total: str,
) -> str:
    """Charges or products under the form's headings, each line pointing at the budget."""
    ref = f"{BUDGET_SHEET}!"
    sheet.next_row(skip=1)
    sheet.text(1, title, SECTION_FONT)
    sheet.header("Compte", "Rubrique du formulaire", "Ligne du budget", "Montant")
    heading_cells: list[str] = []
    for part in sections:
        heading_row = sheet.next_row()
        sheet.text(1, part.heading.account, BOLD)
        sheet.text(2, part.heading.label, BOLD)
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
    sheet.text(2, total, BOLD)
    value = sum((sheet.amount(c) for c in heading_cells), Decimal(0))
    sheet.formula(4, sum_formula(heading_cells), value, style=BOLD)
    return f"D{row}"


def _contributions(sheet: Sheet, budget: BudgetEstimate, cells: BudgetCells) -> tuple[int, int]:
    """Uses (86) typed in, volunteer time from the first sheet; sources (87) follow their uses.

    Returns the rows of the two headings, for the totals.
    """
    ref = f"{BUDGET_SHEET}!"
    # 87 follows 86 line by line, so that the two always balance.
    sheet.next_row(skip=1)
    sheet.text(1, "Contributions volontaires en nature", SECTION_FONT)
    sheet.next_row()
    sheet.text(
        1,
        "Valorisez ici les biens et services reçus gratuitement (salle prêtée, matériel) : la "
        "ressource correspondante (87) suit.",
        HELP,
    )
    sheet.header("Compte", "Rubrique du formulaire", "Ligne du budget", "Montant")
    uses_row = sheet.next_row()
    sheet.text(1, cerfa.USES.account, BOLD)
    sheet.text(2, cerfa.USES.label, BOLD)
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
    sheet.text(1, cerfa.RESOURCES.account, BOLD)
    sheet.text(2, cerfa.RESOURCES.label, BOLD)
    for line in cerfa.RESOURCE_LINES:
        sheet.next_row()
        sheet.text(1, line.account)
        sheet.text(2, line.label)
        uses = [use_cells[u] for u, r in cerfa.RESOURCE_OF_USE.items() if r == line.account]
        value = sum((sheet.amount(u) for u in uses), Decimal(0))
        sheet.formula(4, "+".join(uses) if uses else "0", value)
    _heading_sum(sheet, resources_row, sheet.row)
    return uses_row, resources_row


def _heading_sum(sheet: Sheet, heading_row: int, last_row: int) -> None:
    """A heading's amount: the sum of the rows below it, ``0`` when it has none."""
    if last_row > heading_row:
        value = sheet.total("D", heading_row + 1, last_row)
        lines = cell_range("D", heading_row + 1, last_row)
        sheet.formula(4, f"SUM({lines})", value, style=BOLD, row=heading_row)
    else:
        saved, sheet.row = sheet.row, heading_row
        sheet.number(4, Decimal(0), style=BOLD)
        sheet.row = saved


def _entry_label(source: object) -> str:
    if isinstance(source, IncomeLine):
        status = "acquis" if source.confirmed else "demandé"
        return f"{source.source} ({status})"
    if isinstance(source, ToCost):
        return f"{source.label} (à chiffrer)"
    assert isinstance(source, CostLine)
    return source.label
