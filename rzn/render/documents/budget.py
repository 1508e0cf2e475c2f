"""``budget.md`` and ``budget.csv``: the budget estimate.

The CSV is written for a French spreadsheet: ``;`` between cells, decimal
comma, UTF-8 with a byte-order mark (without it Excel reads the accents as
Windows-1252), CRLF line ends. It is built with the csv module rather than
a template, so quoting is always right.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from decimal import Decimal

from rzn.plan.budget import BudgetEstimate, places
from rzn.render import french
from rzn.render.context import RenderContext
from rzn.render.documents.checklist import markdown
from rzn.render.output import OutputFile
from rzn.render.registry import document

HEADER = (
    "Section",
    "Catégorie",
    "Intitulé",
    "Quantité",
    "Coût unitaire (€)",
    "Montant (€)",
    "Note",
)

# A spreadsheet runs a cell starting with one of these as a formula
# (=HYPERLINK(...), +cmd|...): event data must stay text.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(text: str | None) -> str:
    """Text from the event file, made inert: a leading formula character gets a ``'``."""
    if not text:
        return ""
    return "'" + text if text.startswith(_FORMULA_START) else text


def amount(value: Decimal | None, decimals: int = 2) -> str:
    """``1234,50``: decimal comma, no thousands separator, so spreadsheets read a number.

    Only ever applied to numbers rzn computed, never to event text: a negative
    balance (``-200,00``) is a number, not a formula, and stays one.
    """
    if value is None:
        return ""
    return french.number(value, decimals).replace(french.NNBSP, "")


def csv_rows(budget: BudgetEstimate) -> list[tuple[str, ...]]:
    rows: list[tuple[str, ...]] = [HEADER]
    for group in budget.groups:
        for line in group.lines:
            rows.append(
                (
                    "Dépenses",
                    group.label,
                    neutralise(line.label),
                    amount(line.quantity, places(line.quantity)),
                    amount(line.unit_cost),
                    amount(line.amount),
                    neutralise(line.note),
                )
            )
        rows.append(("Dépenses", group.label, "Sous-total", "", "", amount(group.subtotal), ""))
    rows.append(("Dépenses", "", "Total des dépenses", "", "", amount(budget.total_expenses), ""))
    for item in budget.to_cost:
        rows.append(("À chiffrer", item.category_label, item.label, "", "", "", "à chiffrer"))
    for income in budget.income:
        rows.append(
            (
                "Recettes",
                income.kind_label,
                neutralise(income.source),
                "",
                "",
                amount(income.amount),
                "acquis" if income.confirmed else "demandé",
            )
        )
    rows.append(("Recettes", "", "Total des recettes", "", "", amount(budget.total_income), ""))
    rows.append(("Recettes", "", "dont acquis", "", "", amount(budget.confirmed_income), ""))
    rows.append(("Solde", "", "Recettes moins dépenses", "", "", amount(budget.balance), ""))
    rows.append(
        (
            "Contributions en nature",
            "Bénévolat",
            "Heures de bénévolat valorisées",
            amount(budget.volunteer_hours, places(budget.volunteer_hours)),
            amount(budget.volunteer_hourly_value),
            amount(budget.volunteer_value),
            "comptes 86 et 87",
        )
    )
    rows.append(
        (
            "Coût complet",
            "",
            "Dépenses et contributions en nature",
            "",
            "",
            amount(budget.total_with_contributions),
            "",
        )
    )
    return rows


def budget_csv(budget: BudgetEstimate) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerows(csv_rows(budget))
    return buffer.getvalue().encode("utf-8-sig")


@document("budget")
def budget(ctx: RenderContext) -> Iterator[OutputFile]:
    yield OutputFile(
        "budget.md",
        markdown(ctx.render("budget.md.j2")),
        "Budget prévisionnel : dépenses, à chiffrer, recettes, solde (Markdown)",
    )
    yield OutputFile(
        "budget.csv",
        budget_csv(ctx.plan.budget),
        "Budget prévisionnel pour tableur (CSV ; séparateur point-virgule)",
    )
