"""budget.xlsx recalculated by LibreOffice gives exactly the amounts budget.md prints.

LibreOffice opens each workbook with "always recalculate" and saves it again;
the values it computed are read back and compared, figure by figure, with
the budget estimate and with the very lines of budget.md. Every example is
checked, and events with awkward amounts: cents, quantities and hours with
decimals, halves of a cent, a budget with nothing in it, labels that look
like formulas.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from openpyxl.worksheet.worksheet import Worksheet

from rzn.plan.budget import BudgetEstimate, build_budget
from rzn.render import build_documents
from rzn.render.documents.budget_xlsx import BUDGET_SHEET, CERFA_SHEET
from rzn.render.french import money
from tests.conftest import EXAMPLES, plain
from tests.plan.helpers import write
from tests.programs import libreoffice_convert

TODAY = dt.date(2027, 9, 1)

AWKWARD = {
    "lines": [
        # Products that fall on half a cent: rounded half up, as budget.md does.
        {"label": "Café", "category": "catering", "quantity": "1.5", "unit_cost": "0.15"},
        {"label": "Eau", "category": "catering", "quantity": "0.5", "unit_cost": "0.25"},
        {"label": "Repas", "category": "catering", "quantity": "12.5", "unit_cost": "14.99"},
        {"label": "Jus", "category": "catering", "quantity": "0.335", "unit_cost": "10.05"},
        # Sums that binary floating point gets slightly wrong.
        {"label": "Gel", "category": "sanitary", "amount": "0.10"},
        {"label": "Masques", "category": "sanitary", "amount": "0.20"},
        {"label": "Salle", "category": "venue", "amount": "999999.99"},
        {"label": "Affiches", "category": "printing", "quantity": "100000", "unit_cost": "0.07"},
        # Event text that a spreadsheet would run as a formula.
        {"label": "=1+1", "category": "other", "amount": "1.11", "note": "@SUM(A1)"},
        {"label": "-20 % traiteur", "category": "other", "amount": "3.33"},
        {"label": "+33 6 12 34 56 78", "category": "other", "quantity": "3", "unit_cost": "0.33"},
    ],
    "income": [
        {"source": "Région", "amount": "333.33", "confirmed": True},
        {"source": "Commune", "amount": "0.67"},
        {"source": '=HYPERLINK("https://example.org")', "amount": "1000000", "kind": "other"},
        {"source": "Cotisations", "amount": "12.34", "kind": "own_funds", "confirmed": True},
    ],
    "volunteer_hours": "37.5",
    "volunteer_hourly_value": "11.65",
}

SMALL_HOURS = {
    "lines": [{"label": "Salle", "category": "venue", "amount": "0.01"}],
    "volunteer_hours": "12.345",
}


def _example_events(tmp_path: Path) -> dict[str, Path]:
    events = {p.parent.name: p for p in sorted(EXAMPLES.glob("*/event.yaml"))}
    events["awkward"] = write(tmp_path / "awkward", budget=AWKWARD)
    events["small-hours"] = write(tmp_path / "small-hours", "hybrid", budget=SMALL_HOURS)
    events["no-budget"] = write(tmp_path / "no-budget", "online")
    return events


CASES = [
    *sorted(p.parent.name for p in EXAMPLES.glob("*/event.yaml")),
    "awkward",
    "small-hours",
    "no-budget",
]


class Case:
    def __init__(self, event: Path, recalculated: Path, budget_md: str, rendered: Path) -> None:
        from rzn.load import load_path
        from rzn.model.validate import validate

        loaded, _ = validate(load_path(event))
        assert loaded is not None
        self.budget: BudgetEstimate = build_budget(loaded)
        self.md = plain(budget_md)
        book = openpyxl.load_workbook(recalculated, data_only=True)
        self.sheet: Worksheet = book[BUDGET_SHEET]
        self.cerfa: Worksheet = book[CERFA_SHEET]
        self.recalculated = book
        self.formulas = openpyxl.load_workbook(rendered)
        """rzn's own file: which cells hold formulas."""
        self.cached = openpyxl.load_workbook(rendered, data_only=True)
        """rzn's own file as a viewer that does not recalculate reads it."""


@pytest.fixture(scope="module")
def cases(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Case]:
    """Every case rendered, then recalculated by one start of LibreOffice."""
    tmp = tmp_path_factory.mktemp("recalc")
    workbooks, markdown, events = {}, {}, _example_events(tmp / "events")
    (tmp / "rendered").mkdir()
    for name, path in events.items():
        report, files = build_documents(str(path), TODAY)
        assert not report.failed, report.diagnostics
        by_path = {f.path: f.content for f in files}
        workbooks[name] = tmp / "rendered" / f"{name}.xlsx"
        workbooks[name].write_bytes(by_path["budget.xlsx"])
        markdown[name] = plain(by_path["budget.md"].decode("utf-8"))
    converted = libreoffice_convert(list(workbooks.values()), "xlsx", tmp / "recalculated")
    return {
        name: Case(events[name], out, markdown[name], workbooks[name])
        for name, out in zip(workbooks, converted, strict=True)
    }


def rows(sheet: Worksheet) -> list[tuple[object, ...]]:
    return [tuple(c.value for c in row) for row in sheet.iter_rows(max_col=6)]


def cents(value: object, expected: Decimal) -> str:
    """The recalculated value as budget.md prints it, after checking it is that amount.

    Printing alone would hide a missing ``ROUND``: 0.225 prints as 0,23 €. Only the noise of
    binary floating point (far below a cent) is tolerated.
    """
    assert isinstance(value, int | float), value
    assert abs(Decimal(repr(value)) - expected) < Decimal("0.000001"), (value, expected)
    return plain(money(Decimal(repr(value))))


def find(sheet: Worksheet, column: int, label: str, after: int = 0) -> tuple[object, ...]:
    for row in rows(sheet)[after:]:
        if row[column] == label:
            return row
    raise AssertionError(f"« {label} » absent de la feuille {sheet.title}")


@pytest.mark.parametrize("name", CASES)
def test_expense_lines_and_subtotals_recalculate_to_budget_md(cases, name):
    case = cases[name]
    table = rows(case.sheet)
    for group in case.budget.groups:
        for line in group.lines:
            [row] = [r for r in table if r[0] == group.label and r[1] == _shown(line.label)]
            printed = cents(row[4], line.amount)
            assert f"| {_md(line.label)} |" in case.md
            md_row = next(r for r in case.md.splitlines() if f"| {_md(line.label)} |" in r)
            assert f"| {printed} |" in md_row, (md_row, printed)
        [subtotal] = [r for r in table if r[0] == group.label and r[1] == "Sous-total"]
        printed = cents(subtotal[4], group.subtotal)
        assert f"| **{group.label}** | **Sous-total** | | | **{printed}** | |" in case.md


@pytest.mark.parametrize("name", CASES)
def test_totals_balance_and_volunteering_recalculate_to_budget_md(cases, name):
    case, b = cases[name], cases[name].budget
    md = case.md
    total = cents(find(case.sheet, 0, "Total des dépenses")[4], b.total_expenses)
    if b.groups:
        assert f"| **Total des dépenses** | | | | **{total}** | |" in md
    income = cents(find(case.sheet, 0, "Total des recettes")[4], b.total_income)
    confirmed = cents(find(case.sheet, 0, "dont acquis")[4], b.confirmed_income)
    if b.income:
        assert f"| **Total des recettes** | | dont acquis : {confirmed} | **{income}** |" in md
    assert f"| Recettes | {income} |" in md
    assert f"| Dépenses | {total} |" in md
    balance = cents(find(case.sheet, 0, "Solde (recettes moins dépenses)")[4], b.balance)
    assert f"| **Solde** | **{balance}** |" in md
    volunteering = find(case.sheet, 0, "Bénévolat")
    value = cents(volunteering[4], b.volunteer_value)
    assert re.search(rf"^\| Bénévolat \| .* \| {re.escape(value)} \|$", md, re.MULTILINE)
    full = cents(find(case.sheet, 0, "Coût complet")[4], b.total_with_contributions)
    assert f"coût complet de la rencontre, **{full}**." in md


@pytest.mark.parametrize("name", CASES)
def test_cerfa_sheet_recalculates_to_the_same_totals(cases, name):
    case, b = cases[name], cases[name].budget
    charges = find(case.cerfa, 1, "Total des charges")[3]
    products = find(case.cerfa, 1, "Total des produits")[3]
    assert cents(charges, b.total_expenses)
    assert cents(products, b.total_income)
    assert cents(find(case.cerfa, 1, "Écart (produits moins charges)")[3], b.balance)
    uses = find(case.cerfa, 0, "86")[3]
    sources = find(case.cerfa, 0, "87")[3]
    assert cents(uses, b.volunteer_value) == cents(sources, b.volunteer_value)
    assert cents(find(case.cerfa, 0, "864")[3], b.volunteer_value)
    assert cents(find(case.cerfa, 0, "870")[3], b.volunteer_value)
    with_uses = find(case.cerfa, 1, "Total des charges et des emplois (60 à 68 et 86)")[3]
    assert cents(with_uses, b.total_with_contributions)


@pytest.mark.parametrize("name", CASES)
def test_every_formula_carries_the_value_libreoffice_computes(cases, name):
    """A viewer that does not recalculate shows what LibreOffice shows after recalculating."""
    case = cases[name]
    checked = 0
    for title in (BUDGET_SHEET, CERFA_SHEET):
        for row in case.formulas[title].iter_rows():
            for cell in row:
                if cell.data_type != "f":
                    continue
                cached = case.cached[title][cell.coordinate].value
                computed = case.recalculated[title][cell.coordinate].value
                where = (name, title, cell.coordinate, cell.value)
                assert cached is not None, where
                if isinstance(computed, str):
                    assert cached == computed, (*where, cached, computed)
                else:
                    assert isinstance(cached, int | float), where
                    assert isinstance(computed, int | float), where
                    # Equal to the last bits of binary floating point (LibreOffice adds with
                    # its own compensated summation).
                    assert abs(cached - computed) <= 1e-9 * max(1.0, abs(computed)), (
                        *where,
                        cached,
                        computed,
                    )
                checked += 1
    assert checked >= 20


def test_awkward_amounts_are_the_ones_expected(cases):
    """The awkward case really is awkward: half cents rounded up, not to even."""
    b = cases["awkward"].budget
    amounts = {line.label: line.amount for line in b.lines}
    assert amounts["Café"] == Decimal("0.23")  # 0.225
    assert amounts["Eau"] == Decimal("0.13")  # 0.125: to even would give 0.12
    assert amounts["Jus"] == Decimal("3.37")  # 3.36675
    assert b.volunteer_value == Decimal("436.88")  # 436.875
    assert cases["small-hours"].budget.volunteer_value == Decimal("148.39")  # 148.3869


def test_text_that_looks_like_a_formula_stays_text_after_recalculation(cases):
    table = rows(cases["awkward"].sheet)
    labels = {row[1] for row in table}
    assert {"'=1+1", "'-20 % traiteur", "'+33 6 12 34 56 78"} <= labels
    assert '\'=HYPERLINK("https://example.org")' in labels
    assert "'@SUM(A1)" in {row[5] for row in table}
    assert 2 not in {row[1] for row in table}


def _shown(label: str) -> str:
    """A label as the sheet holds it (see budget.neutralise)."""
    return "'" + label if label.startswith(("=", "+", "-", "@")) else label


def _md(label: str) -> str:
    return label.replace("|", "\\|")
