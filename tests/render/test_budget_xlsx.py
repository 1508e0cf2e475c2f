"""budget.xlsx read back with openpyxl: formulas, formats, inert text, Cerfa headings.

That LibreOffice recalculates it to budget.md's amounts is test_libreoffice_recalc.py.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from decimal import Decimal

import openpyxl
import pytest
from openpyxl.worksheet.worksheet import Worksheet

from rzn.model.event import BudgetCategory, IncomeKind
from rzn.plan.budget import build_budget
from rzn.render import cerfa
from rzn.render.documents.budget_xlsx import BUDGET_SHEET, CERFA_SHEET, MONEY
from tests.plan.helpers import event, render, write

TODAY = dt.date(2027, 9, 1)
BUDGET = {
    "lines": [
        {"label": "Location de la salle", "category": "venue", "amount": "1200"},
        {"label": "Déjeuners", "category": "catering", "quantity": "12.5", "unit_cost": "14.50",
         "note": "Traiteur ; devis n°2"},
        {"label": "Collations", "category": "catering", "quantity": 30, "unit_cost": "2"},
        {"label": "Licence", "category": "videoconference", "amount": "150"},
    ],
    "income": [
        {"source": "Fondation EDF", "amount": "800", "confirmed": True},
        {"source": "Région", "amount": "250.50"},
        {"source": "Adhérents", "amount": "40", "kind": "fees"},
    ],
    "volunteer_hours": "37.5",
}  # fmt: skip


def workbook(tmp_path, fmt: str = "in_person", **fields) -> openpyxl.Workbook:
    content = render(write(tmp_path, fmt, **fields), TODAY)["budget.xlsx"]
    return openpyxl.load_workbook(io.BytesIO(content))


def cells(sheet: Worksheet) -> list[list[object]]:
    return [[c.value for c in row] for row in sheet.iter_rows(max_col=6)]


def row_of(sheet: Worksheet, column: int, label: str) -> int:
    for number, row in enumerate(cells(sheet), start=1):
        if row[column] == label:
            return number
    raise AssertionError(label)


def test_budget_sheet_has_the_lines_of_budget_md_with_live_formulas(tmp_path):
    sheet = workbook(tmp_path, budget=BUDGET)[BUDGET_SHEET]
    table = cells(sheet)
    assert table[0][0] == "Budget prévisionnel — RéZolutions numériques test"
    assert table[1][0] == "Jeudi 18 novembre 2027 · rencontre en présentiel"
    venue = row_of(sheet, 1, "Location de la salle")
    assert table[venue - 1][:6] == [
        "Location de salle", "Location de la salle", None, None, Decimal("1200.00"), None
    ]  # fmt: skip
    lunch = row_of(sheet, 1, "Déjeuners")
    assert table[lunch - 1] == [
        "Restauration",
        "Déjeuners",
        Decimal("12.5"),
        Decimal("14.50"),
        f"=ROUND(C{lunch}*D{lunch},2)",
        "Traiteur ; devis n°2",
    ]
    assert table[lunch][4] == f"=ROUND(C{lunch + 1}*D{lunch + 1},2)"
    assert table[lunch + 1][:2] == ["Restauration", "Sous-total"]
    assert table[lunch + 1][4] == f"=SUM(E{lunch}:E{lunch + 1})"
    total = row_of(sheet, 0, "Total des dépenses")
    subtotals = [n for n, row in enumerate(table, start=1) if row[1] == "Sous-total"]
    first_to_cost = row_of(sheet, 1, "Régisseur")
    last_to_cost = first_to_cost + len(_to_cost_rows(table)) - 1
    assert table[total - 1][4] == (
        f"=SUM({','.join(f'E{n}' for n in subtotals)})+SUM(E{first_to_cost}:E{last_to_cost})"
    )


def test_income_balance_and_volunteering_are_formulas(tmp_path):
    sheet = workbook(tmp_path, budget=BUDGET)[BUDGET_SHEET]
    table = cells(sheet)
    first = row_of(sheet, 1, "Fondation EDF")
    assert table[first - 1] == ["Subvention", "Fondation EDF", None, None, Decimal("800.00"),
                                "acquis"]  # fmt: skip
    assert table[first][5] == "demandé"
    last = first + 2
    income = row_of(sheet, 0, "Total des recettes")
    assert table[income - 1][4] == f"=SUM(E{first}:E{last})"
    assert table[income][:1] == ["dont acquis"]
    assert table[income][4] == f'=SUMIF(F{first}:F{last},"acquis",E{first}:E{last})'
    total = row_of(sheet, 0, "Total des dépenses")
    balance = row_of(sheet, 0, "Solde (recettes moins dépenses)")
    assert table[balance - 1][4] == f"=E{income}-E{total}"
    volunteering = row_of(sheet, 0, "Bénévolat")
    assert table[volunteering - 1][2:5] == [
        37.5,
        12.02,  # written from the decimal text "12.02", read back as the nearest float
        f"=ROUND(C{volunteering}*D{volunteering},2)",
    ]
    full = row_of(sheet, 0, "Coût complet")
    assert table[full - 1][4] == f"=E{total}+E{volunteering}"
    [validation] = sheet.data_validations.dataValidation
    assert validation.formula1 == '"acquis,demandé"'
    assert str(validation.sqref) == f"F{first}:F{last}"


def test_a_viewer_that_does_not_recalculate_sees_every_total(tmp_path):
    """The formulas' results are stored in the file (LibreOffice's agree: recalc tests)."""
    content = render(write(tmp_path, budget=BUDGET), TODAY)["budget.xlsx"]
    stored = openpyxl.load_workbook(io.BytesIO(content), data_only=True)
    formulas = openpyxl.load_workbook(io.BytesIO(content))
    budget = build_budget(event(budget=BUDGET))
    for title in (BUDGET_SHEET, CERFA_SHEET):
        for row in formulas[title].iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    assert stored[title][cell.coordinate].value is not None, cell.coordinate
    sheet = stored[BUDGET_SHEET]
    table = cells(sheet)

    def amount(label: str) -> Decimal:
        return Decimal(repr(table[row_of(sheet, 0, label) - 1][4]))

    assert amount("Total des dépenses") == budget.total_expenses == Decimal("1591.25")
    assert amount("Total des recettes") == budget.total_income
    assert amount("dont acquis") == budget.confirmed_income == Decimal("800")
    assert amount("Solde (recettes moins dépenses)") == budget.balance
    assert amount("Bénévolat") == budget.volunteer_value == Decimal("450.75")
    balance = row_of(sheet, 0, "Solde (recettes moins dépenses)")
    assert table[balance - 1][5] == "reste à financer"


def test_amounts_have_the_euro_format_and_quantities_their_decimals(tmp_path):
    sheet = workbook(tmp_path, budget=BUDGET)[BUDGET_SHEET]
    lunch = row_of(sheet, 1, "Déjeuners")
    assert sheet[f"C{lunch}"].number_format == "#,##0.0"
    assert sheet[f"C{lunch + 1}"].number_format == "#,##0"
    assert sheet[f"D{lunch}"].number_format == MONEY == '#,##0.00 "€"'
    for row in sheet.iter_rows(min_col=5, max_col=5):
        cell = row[0]
        if (
            isinstance(cell.value, Decimal)
            or str(cell.value).startswith("=")
            or (cell.value == "à chiffrer")
        ):
            assert "€" in cell.number_format, cell.coordinate
    assert sheet.column_dimensions["B"].width >= 40
    assert sheet.page_setup.orientation == "landscape"


def test_to_cost_items_are_visible_rows(tmp_path):
    table = cells(workbook(tmp_path, budget=BUDGET)[BUDGET_SHEET])
    rows = _to_cost_rows(table)
    expected = build_budget(event(budget=BUDGET)).to_cost
    assert [(r[0], r[1]) for r in rows] == [(i.category_label, i.label) for i in expected]
    assert [r[1] for r in rows][:3] == [
        "Régisseur",
        "Agent de sécurité",
        "Mesures sanitaires (gel, masques…)",
    ]
    assert "Location de la salle" not in [r[1] for r in rows]  # costed


def _to_cost_rows(table: list[list[object]]) -> list[list[object]]:
    return [r for r in table if r[4] == "à chiffrer"]


HOSTILE = ['=HYPERLINK("https://evil.example","x")', "+cmd|' /C calc'!A0", "-2+3", "@SUM(1)"]


def test_event_text_is_never_a_formula(tmp_path):
    budget = {
        "lines": [
            {"label": text, "category": "other", "amount": "1", "note": text} for text in HOSTILE
        ],
        "income": [{"source": text, "amount": "1"} for text in HOSTILE],
    }
    book = workbook(tmp_path, title="=1+1 rencontre", city="=cmd", budget=budget)
    allowed = re.compile(
        r"^=(?:[A-Z]+\(|\)|,|[+*<>-]|\d+|Budget![A-Z]+\d+|[A-Z]+\d+(?::[A-Z]+\d+)?"
        r"|\"(?:acquis|reste à financer|excédent|à l'équilibre)\")+$"
    )
    texts = set()
    for sheet in book:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    assert allowed.match(str(cell.value)), (
                        sheet.title,
                        cell.coordinate,
                        cell.value,
                    )
                elif cell.data_type in ("s", "inlineStr") and cell.value:
                    texts.add(cell.value)
    for text in HOSTILE:
        assert "'" + text in texts
    assert not {t for t in texts if t.startswith(("=", "+", "-", "@", "\t", "\r"))}
    assert cells(book[BUDGET_SHEET])[0][0] == "Budget prévisionnel — =1+1 rencontre"


def test_same_event_same_bytes_with_dates_from_the_event(tmp_path):
    path = write(tmp_path, budget=BUDGET, date="2027-06-03", start="09:30")
    first = render(path, TODAY)["budget.xlsx"]
    assert render(path, dt.date(2027, 5, 2))["budget.xlsx"] == first
    archive = zipfile.ZipFile(io.BytesIO(first))
    assert archive.namelist()[0] == "[Content_Types].xml"
    assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    core = archive.read("docProps/core.xml").decode("utf-8")
    # 9:30 in Paris in June is 7:30 UTC.
    assert core.count(">2027-06-03T07:30:00Z<") == 2  # created and modified


def test_cerfa_maps_every_category_and_income_kind_to_a_heading_of_the_form():
    charges = {h.account for h in cerfa.CHARGES}
    assert [h.account for h in cerfa.CHARGES] == [str(n) for n in range(60, 69)]
    assert [h.account for h in cerfa.PRODUCTS] == ["70", "73", "74", "75"]
    assert set(cerfa.EXPENSES) == set(BudgetCategory)
    assert {p.account for p in cerfa.EXPENSES.values()} <= charges
    assert set(cerfa.INCOME) == set(IncomeKind)
    assert cerfa.INCOME[IncomeKind.SUBSIDY].account == "74"
    uses = {h.account for h in cerfa.USE_LINES}
    assert uses == {"860", "861", "862", "864"}
    assert set(cerfa.RESOURCE_OF_USE) == uses
    assert set(cerfa.RESOURCE_OF_USE.values()) == {h.account for h in cerfa.RESOURCE_LINES}


def test_cerfa_sheet_points_each_line_at_the_budget_sheet(tmp_path):
    book = workbook(tmp_path, budget=BUDGET)
    budget, sheet = book[BUDGET_SHEET], book[CERFA_SHEET]
    table = cells(sheet)
    lines = {
        row[2]: row
        for row in table
        if row[0] is None and row[2] and str(row[3]).startswith("=Budget!")
    }
    assert lines["Location de la salle"][1] == "Locations"
    assert lines["Fondation EDF (acquis)"][1] == "Subventions d'exploitation"
    assert lines["Adhérents (demandé)"][1] == "Participation aux frais"
    assert lines["Régisseur (à chiffrer)"][1] == "Prestations de services"
    for label, row in lines.items():
        target = str(row[3]).removeprefix("=Budget!")
        amount_row = budget[target].row
        shown = budget[f"B{amount_row}"].value
        assert label.startswith(str(shown)), (label, shown)

    def heading(account: str) -> int:
        return next(n for n, row in enumerate(table, start=1) if row[0] == account)

    # Each heading adds up the rows under it, down to the next heading.
    assert table[heading("60") - 1][3] == f"=SUM(D{heading('60') + 1}:D{heading('61') - 1})"
    assert table[heading("63") - 1][3] == 0  # nothing there: the form still shows the heading
    catering = [row[2] for row in table[heading("60") : heading("61") - 1]]
    assert "Déjeuners" in catering and "Collations" in catering
    assert table[heading("65")][2] == "Licence"
    assert table[heading("870") - 1][3] == f"=D{heading('864')}"
    assert table[heading("871") - 1][3] == f"=D{heading('861')}+D{heading('862')}"
    assert table[heading("864") - 1][3] == f"=Budget!E{row_of(budget, 0, 'Bénévolat')}"


@pytest.mark.parametrize("fmt", ["in_person", "online", "hybrid"])
def test_an_event_without_budget_still_gives_a_workbook_to_fill(tmp_path, fmt):
    book = workbook(tmp_path, fmt)
    table = cells(book[BUDGET_SHEET])
    total = row_of(book[BUDGET_SHEET], 0, "Total des dépenses")
    assert table[total - 1][1].startswith("Aucune dépense chiffrée")
    assert _to_cost_rows(table)
    assert cells(book[CERFA_SHEET])[0][0].startswith("Budget prévisionnel de l'action")
