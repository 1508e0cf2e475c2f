import csv
import datetime as dt
import io
from decimal import Decimal

import pytest

from rzn.render.documents.budget import neutralise
from tests.conftest import plain
from tests.plan.helpers import render, write

TODAY = dt.date(2027, 9, 1)
BUDGET = {
    "lines": [
        {"label": "Location de la salle", "category": "venue", "amount": "1200"},
        {"label": "Déjeuners", "category": "catering", "quantity": 12, "unit_cost": "14.50",
         "note": "Traiteur ; devis n°2"},
    ],
    "income": [
        {"source": "Fondation EDF", "amount": "800", "confirmed": True},
        {"source": "Région", "amount": "250"},
    ],
    "volunteer_hours": 40,
}  # fmt: skip


def rows(content: bytes) -> list[list[str]]:
    assert content.startswith(b"\xef\xbb\xbf")  # BOM: Excel then reads UTF-8
    text = content.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))


def test_budget_md_in_french_format(tmp_path):
    md = plain(render(write(tmp_path, budget=BUDGET), TODAY)["budget.md"].decode("utf-8"))
    assert (
        "| Location de salle | Location de la salle |  |  | 1 200,00 € |  |\n"
        "| **Location de salle** | **Sous-total** | | | **1 200,00 €** | |\n"
        "| Restauration | Déjeuners | 12 | 14,50 € | 174,00 € | Traiteur ; devis n°2 |\n"
    ) in md
    assert "| **Total des dépenses** | | | | **1 374,00 €** | |" in md
    assert "| Fondation EDF | Subvention | acquis | 800,00 € |" in md
    assert "| Région | Subvention | demandé | 250,00 € |" in md
    assert "| **Solde** | **-324,00 €** |" in md
    assert "Reste à financer : **324,00 €**, sans compter les dépenses à chiffrer." in md
    assert "| Bénévolat | 40 h × 12,02 € | 480,80 € |" in md
    assert "| Régie | Régisseur | à chiffrer |" in md
    assert "Location de la salle | à chiffrer" not in md  # costed


def test_budget_md_online_lists_the_videoconference_licence_to_cost(tmp_path):
    md = plain(render(write(tmp_path, "online"), TODAY)["budget.md"].decode("utf-8"))
    assert "| Visioconférence | Licence du logiciel de visioconférence | à chiffrer |" in md
    assert "Régisseur" not in md
    assert "Aucune dépense chiffrée pour l'instant" in md


def test_budget_md_escapes_pipes_of_event_data(tmp_path):
    budget = {"lines": [{"label": "Salle | grande", "category": "venue", "amount": "1"}]}
    md = plain(render(write(tmp_path, budget=budget), TODAY)["budget.md"].decode("utf-8"))
    assert "| Salle \\| grande |" in md


def test_budget_csv_reads_back_with_the_csv_module(tmp_path):
    content = render(write(tmp_path, budget=BUDGET), TODAY)["budget.csv"]
    assert b"\r\n" in content and content.count(b"\n") == content.count(b"\r\n")
    table = rows(content)
    assert table[0] == [
        "Section",
        "Catégorie",
        "Intitulé",
        "Quantité",
        "Coût unitaire (€)",
        "Montant (€)",
        "Note",
    ]
    assert table[1:6] == [
        ["Dépenses", "Location de salle", "Location de la salle", "", "", "1200,00", ""],
        ["Dépenses", "Location de salle", "Sous-total", "", "", "1200,00", ""],
        ["Dépenses", "Restauration", "Déjeuners", "12", "14,50", "174,00", "Traiteur ; devis n°2"],
        ["Dépenses", "Restauration", "Sous-total", "", "", "174,00", ""],
        ["Dépenses", "", "Total des dépenses", "", "", "1374,00", ""],
    ]
    by_label = {row[2]: row for row in table}
    assert by_label["Régisseur"] == ["À chiffrer", "Régie", "Régisseur", "", "", "", "à chiffrer"]
    assert by_label["Fondation EDF"][5:] == ["800,00", "acquis"]
    assert by_label["Recettes moins dépenses"][5] == "-324,00"
    assert by_label["Heures de bénévolat valorisées"][3:6] == ["40", "12,02", "480,80"]
    # Numbers read back exactly as the Markdown prints them.
    total = sum(Decimal(r[5].replace(",", ".")) for r in table if r[2] == "Sous-total")
    assert total == Decimal("1374.00")


@pytest.mark.parametrize("payload", ['=HYPERLINK("http://x")', "+1+1", "-2+3", "@SUM(A1)", "=1;2"])
def test_budget_csv_neutralises_formulas(tmp_path, payload):
    budget = {
        "lines": [{"label": payload, "category": "other", "amount": "1", "note": payload}],
        "income": [{"source": payload, "amount": "1"}],
    }
    table = rows(render(write(tmp_path, budget=budget), TODAY)["budget.csv"])
    cells = [cell for row in table for cell in row]
    assert cells.count("'" + payload) == 3
    assert payload not in cells


def test_neutralise_covers_tab_and_carriage_return():
    assert neutralise("\tx") == "'\tx"
    assert neutralise("\rx") == "'\rx"
    assert neutralise("Salle") == "Salle"
    assert neutralise(None) == ""
