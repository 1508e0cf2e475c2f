"""Registrations exports of each tool → people, choices, presence; the column mapping."""

from __future__ import annotations

from pathlib import Path

import pytest

from rzn.load import load_path
from rzn.model.event import Event
from rzn.model.validate import validate
from rzn.registrations.columns import classify, columns_markdown, header_score, map_columns
from rzn.registrations.exports import event_registrations
from rzn.registrations.people import Mode, Registrations, read_registrations
from rzn.registrations.table import read_table
from rzn.registrations.workshops import signups

ROOT = Path(__file__).resolve().parents[2]
EXPORTS = ROOT / "tests" / "data" / "exports"
FUNDS = "Lever et gérer des fonds en ligne"
REMOTE = "Collaborer à distance, outils libres"
DATA = "Protéger les données de son association"


@pytest.fixture(scope="module")
def event() -> Event:
    loaded, _ = validate(load_path(EXPORTS / "val-de-loire.yaml"))
    assert loaded is not None
    return loaded


def load(event: Event, name: str, **columns: str) -> Registrations:
    changed = event.model_copy(update={"registrations": name, "registration_columns": columns})
    data = event_registrations(changed, EXPORTS).data
    assert data is not None
    return data


def read(text: str, **overrides: str) -> Registrations:
    return read_registrations(read_table(text.encode("utf-8"), "x.csv", header_score), overrides)


def mapped(data: Registrations) -> dict[str, str]:
    return {name: data.table.header[index] for name, index in data.columns.indices.items()}


def test_helloasso_participant_wins_over_payer_cancelled_and_duplicates_set_apart(event):
    data = load(event, "helloasso-inscriptions.csv")
    assert data.table.description == "UTF-8 avec BOM, séparateur point-virgule"
    assert mapped(data) == {
        "status": "Statut de la commande",
        "last_name": "Nom participant",
        "first_name": "Prénom participant",
        "organization": "Champ additionnel: Structure",
        "workshops": "Champ additionnel: Atelier(s) choisi(s)",
        "mode": "Champ additionnel: Mode de participation",
        "email": "Email payeur",
    }
    assert (len(data.people), data.cancelled, data.duplicates, data.problems) == (13, 2, 1, [])
    # The payer paid for Lili: the sheet lists the participant.
    assert "Lili Fontaine" in [p.name for p in data.people]
    assert "Hugo Fontaine" not in [p.name for p in data.people]


def test_names_sort_in_french_order(event):
    data = load(event, "helloasso-inscriptions.csv")
    assert [p.name for p in data.sorted_people()] == [
        "Nolwenn Abgrall",
        "Clotilde d'Aubigné",
        "Jonas Eberhardt",
        "Mathis Ébrard",
        "Salomé Ecuyer",
        "Lili Fontaine",
        "Maëlys Le Goff",
        "Ronan Legoff",
        "Thi Lan Nguyen",
        "Capucine Œillet",
        "Anatole Rousseau-Vidal",
        "Deniz Yilmaz",
        "Inès Zébulon",
    ]


def test_framaforms_title_line_line_breaks_between_choices_and_presence(event):
    data = load(event, "framaforms-inscriptions.csv")
    assert data.table.skipped_lines == [1]
    assert "Nom d'utilisateur" not in mapped(data).values()
    assert [(p.name, p.attended) for p in data.people][:3] == [
        ("Nolwenn Abgrall", True),
        ("Yannick Bréhat", True),
        ("Soizig Caradec", False),
    ]
    assert data.attended == 4
    counts = {w.title: len(w.people) for w in signups(event, data).workshops}
    assert counts == {FUNDS: 2, REMOTE: 2, DATA: 3}


def test_limesurvey_sub_questions_and_one_column_per_workshop(event):
    data = load(event, "limesurvey-inscriptions.csv")
    assert mapped(data) == {
        "last_name": "Coordonnées [Nom]",
        "first_name": "Coordonnées [Prénom]",
        "email": "Coordonnées [Courriel]",
        "organization": "Votre structure",
    }
    assert [option for _, option in data.columns.options] == [FUNDS, REMOTE, DATA]
    result = signups(event, data)
    assert {w.title: [p.last_name for p in w.people] for w in result.workshops} == {
        FUNDS: ["Garnier", "Irribarren"],
        REMOTE: ["Hamon", "Irribarren"],
        DATA: ["Garnier", "Jaouen"],
    }
    assert result.unknown == []


def test_google_forms_single_name_column_and_comma_joined_choices(event):
    data = load(event, "google-forms-inscriptions.csv")
    assert not data.split_names
    assert [(p.name, p.mode) for p in data.people] == [
        ("Kenza Lahlou", Mode.REMOTE),
        ("Loïc Marzin", Mode.ON_SITE),
        ("Oriane Nédélec", Mode.REMOTE),
        ("Paul Ollivier", Mode.ON_SITE),
    ]
    counts = {w.title: len(w.people) for w in signups(event, data).workshops}
    # « Collaborer à distance, outils libres » holds a comma and is still one choice.
    assert counts == {FUNDS: 2, REMOTE: 2, DATA: 2}


def test_excel_windows_1252_export(event):
    data = load(event, "excel-inscriptions.csv")
    assert data.table.encoding == "Windows-1252"
    assert [(p.last_name, p.attended) for p in data.people] == [
        ("PERRON", True),
        ("QUÉMÉNER", False),
        ("RIVIÈRE", True),
        ("SALAÜN", True),
    ]
    assert data.people[3].organization == "Association « Les Œuvres » fictive"


def test_unknown_workshop_choice_is_kept_with_its_line(event):
    result = signups(event, load(event, "helloasso-inscriptions.csv"))
    assert [(u.text, u.lines) for u in result.unknown] == [
        ("Protéger les donnés de son asso", (9,))
    ]


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("Nom", "last_name"),
        ("NOM DE FAMILLE", "last_name"),
        ("Prénom*", "first_name"),
        ("Nom et prénom", "full_name"),
        ("Prénom Nom", "full_name"),
        ("Nom de votre structure", "organization"),
        ("Association", "organization"),
        ("Adresse de l'association", None),
        ("Rôle dans l'association", None),
        ("Adresse e-mail", "email"),
        ("Courriel", "email"),
        ("Atelier(s) choisi(s)", "workshops"),
        ("Présent(e)", "attended"),
        ("Émargement", "attended"),
        ("Présentation de votre projet", None),
        ("Sur place ou à distance ?", "mode"),
        ("Statut de la commande", "status"),
        ("Nom d'utilisateur", None),
        ("Téléphone", None),
        ("Horodateur", None),
    ],
)
def test_header_names_of_common_tools(header, field):
    assert classify(header)[0] == field


def test_the_event_file_overrides_a_column():
    text = "Qui êtes-vous ?;Organisation;Choix du matin\nAbgrall N.;Les Amis;Atelier\n"
    assert read(text).fatal is not None  # « Qui êtes-vous ? » is not a name column rzn knows
    data = read(text, full_name="qui etes-vous", workshops="Choix du matin")
    assert data.fatal is None
    assert [(p.name, p.organization, p.choice_text) for p in data.people] == [
        ("Abgrall N.", "Les Amis", "Atelier")
    ]


def test_an_override_naming_a_missing_column_suggests_the_closest():
    columns = map_columns(("Nom", "Prénom", "Structure"), {"organization": "Structures"})
    assert columns.problems == [
        (
            "organization",
            "la colonne « Structures » (registration_columns.organization) n'existe pas dans "
            "l'export. Vouliez-vous dire « Structure » ? Colonnes présentes : « Nom », "
            "« Prénom », « Structure ».",
        )
    ]


def test_no_name_column_is_fatal_and_says_how_to_map_it():
    data = read("Horodateur;Structure\n2027;Les Amis\n")
    assert data.fatal is not None
    assert data.fatal.startswith(
        "Aucune colonne de nom reconnue (ni « Nom », ni « Prénom », ni « Nom et prénom ») parmi "
        "« Horodateur », « Structure »."
    )
    assert "registration_columns" in data.fatal


def test_rows_without_a_name_or_with_unreadable_presence_and_mode_are_reported():
    text = (
        "Nom;Prénom;Présent;Mode de participation\n"
        "Abgrall;Nolwenn;oui;sur place\n"
        ";;oui;\n"
        "Bréhat;Yannick;peut-être;en visio\n"
        "Caradec;Soizig;;hybride\n"
    )
    data = read(text)
    assert [(p.line, p.message.split(" : ")[0]) for p in data.problems] == [
        (3, "aucun nom sur cette ligne"),
        (4, "« peut-être » dans la colonne « Présent »"),
        (5, "« hybride » dans la colonne « Mode de participation »"),
    ]
    assert [(p.name, p.attended, p.mode) for p in data.people] == [
        ("Nolwenn Abgrall", True, Mode.ON_SITE),
        ("Yannick Bréhat", None, Mode.REMOTE),
        ("Soizig Caradec", False, None),
    ]


def test_an_empty_presence_column_means_not_yet_filled_not_absent():
    data = read("Nom;Présent\nAbgrall;\nBréhat;\n")
    assert not data.has_attendance
    assert [p.attended for p in data.people] == [None, None]


def test_waiting_list_is_set_apart():
    data = read("Nom;Statut\nAbgrall;Liste d'attente\nBréhat;Confirmé\n")
    assert (len(data.people), data.waiting) == (1, 1)


def test_docs_colonnes_lists_the_mapping_rzn_uses():
    doc = (ROOT / "docs" / "colonnes.md").read_text(encoding="utf-8")
    assert columns_markdown() in doc, "docs/colonnes.md is stale: paste columns_markdown()"


@pytest.mark.parametrize(
    ("cell", "found", "unknown"),
    [
        (f"{REMOTE}, {FUNDS}", [REMOTE, FUNDS], []),
        (f"{FUNDS};{DATA}", [FUNDS, DATA], []),
        (f"{DATA}\n{FUNDS}", [DATA, FUNDS], []),
        ("10:45 - lever et gerer des fonds en ligne (Salle Loire)", [FUNDS], []),
        ("Aucun", [], []),
        (f"Je ne sais pas encore, {REMOTE}", [REMOTE], []),
        (f"Atelier mystère, {FUNDS}, Autre chose", [FUNDS], ["Atelier mystère", "Autre chose"]),
        # With no title found, a comma may belong to a title: the cell is one unknown choice.
        ("Collaborer en ligne, outils libres", [], ["Collaborer en ligne, outils libres"]),
    ],
)
def test_choice_cells(cell, found, unknown):
    from rzn.registrations.choices import Matcher

    matcher = Matcher((title, title) for title in (FUNDS, REMOTE, DATA))
    match = matcher.split(cell)
    assert (list(match.found), list(match.unknown)) == (found, unknown)
