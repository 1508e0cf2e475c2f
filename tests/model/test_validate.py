"""Every kind of schema error: its French message and where it points."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from rzn.load import load_text
from rzn.model.event import Event
from rzn.model.validate import validate

BASE = """\
title: RéZolutions numériques test
date: 2027-11-18
format: online
organizers:
  - name: Le Mouvement associatif
    lead: true
"""
"""Six lines; the cases below add theirs from line 7."""


def problems(text: str) -> list[tuple[int, int, str, str, str]]:
    """``(line, column, rule, path, message)`` of each problem, in order."""
    from rzn.diagnostics import format_path

    loaded = load_text(text)
    assert loaded.problems == []
    event, found = validate(loaded)
    assert (event is None) == bool(found)
    return [(p.line, p.column, p.rule, format_path(p.path), p.message) for p in found]


def valid(text: str) -> Event:
    event, found = validate(load_text(text))
    assert found == []
    assert event is not None
    return event


def test_base_event_is_valid():
    assert valid(BASE).title == "RéZolutions numériques test"


# Keys -------------------------------------------------------------------------------


def test_unknown_key_suggests_the_close_one_and_lists_the_others():
    assert problems(BASE + "titel: Autre\n") == [
        (
            7,
            1,
            "unknown-key",
            "titel",
            "Clé inconnue « titel » : vouliez-vous dire « title » ? Clés possibles ici : title, "
            "slug, date, start, end, timezone, format, region, city, expected_participants, "
            "organizers, partners, objectives, political_support, team, venue, online, "
            "fallback, registration_url, registrations, registration_columns, answers, "
            "answer_columns, program, speakers, budget, communication, preparation, tasks, "
            "charter, check, public.",
        )
    ]


def test_unknown_nested_key_points_at_the_key_in_its_list_item():
    text = BASE.replace("    lead: true\n", "    lead: true\n    emial: contact@example.org\n")
    assert problems(text) == [
        (
            7,
            5,
            "unknown-key",
            "organizers[0].emial",
            "Clé inconnue « emial » : vouliez-vous dire « email » ? Clés possibles ici : name, "
            "article, lead, email, phone, website, contact, logo.",
        )
    ]


def test_unknown_key_without_close_match_only_lists():
    assert problems(BASE + "online:\n  salle: 3\n") == [
        (
            8,
            3,
            "unknown-key",
            "online.salle",
            "Clé inconnue « salle ». Clés possibles ici : platform, url, dial_in, moderator, "
            "breakout_rooms.",
        )
    ]


def test_missing_top_level_key_is_reported_at_the_top_with_an_example():
    text = BASE.replace("date: 2027-11-18\n", "")
    assert problems(text) == [
        (
            1,
            1,
            "missing-key",
            "date",
            "Clé obligatoire « date » manquante en tête du fichier : ajoutez-la (par exemple "
            "date: 2027-11-18).",
        )
    ]


def test_missing_nested_key_points_at_its_parent_key():
    assert problems(BASE + "venue:\n  address: 1 rue de la Paix\n") == [
        (
            7,
            1,
            "missing-key",
            "venue.name",
            "Clé obligatoire « name » manquante dans « venue » : ajoutez-la.",
        )
    ]


def test_missing_enum_key_lists_the_allowed_values():
    text = BASE + 'program:\n  - {start: "09:00", duration: 30, title: Accueil}\n'
    assert problems(text) == [
        (
            8,
            5,
            "missing-key",
            "program[0].kind",
            "Clé obligatoire « kind » manquante dans « program[0] » : ajoutez-la (welcome, "
            "talk, round_table, workshop, barcamp, testimony, qa, break, meal ou closing).",
        )
    ]


def test_empty_organizers_list():
    text = BASE.split("organizers:")[0] + "organizers: []\n"
    assert problems(text) == [
        (
            4,
            13,
            "invalid-value",
            "organizers",
            "Au moins 1 élément attendu dans cette liste.",
        )
    ]


# Enumerations -----------------------------------------------------------------------


def test_invalid_enum_lists_the_allowed_values_and_suggests_a_close_one():
    assert problems(BASE.replace("format: online", "format: onlin")) == [
        (
            3,
            9,
            "invalid-value",
            "format",
            "« onlin » n'est pas une valeur possible : vouliez-vous dire « online » ? "
            "Choisissez parmi : in_person, online ou hybrid.",
        )
    ]


def test_invalid_enum_in_french_suggests_the_english_value():
    text = BASE + 'program:\n  - {start: "09:00", duration: 30, title: Outils, kind: atelier}\n'
    assert problems(text) == [
        (
            8,
            57,
            "invalid-value",
            "program[0].kind",
            "« atelier » n'est pas une valeur possible : vouliez-vous dire « workshop » ? "
            "Choisissez parmi : welcome, talk, round_table, workshop, barcamp, testimony, qa, "
            "break, meal ou closing.",
        )
    ]


def test_invalid_enum_without_any_close_value():
    assert problems(BASE + "partners:\n  - {name: Ville, role: mairie}\n") == [
        (
            8,
            25,
            "invalid-value",
            "partners[0].role",
            "« mairie » n'est pas une valeur possible. Choisissez parmi : funder ou partner.",
        )
    ]


# Dates ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "message"),
    [
        (
            "2027-02-30",
            "« 2027-02-30 » : le 30 février 2027 n'existe pas (ce mois n'a que 28 jours). "
            "Corrigez le jour.",
        ),
        (
            "2028-02-30",
            "« 2028-02-30 » : le 30 février 2028 n'existe pas (ce mois n'a que 29 jours). "
            "Corrigez le jour.",
        ),
        (
            "2027-11-31",
            "« 2027-11-31 » : le 31 novembre 2027 n'existe pas (ce mois n'a que 30 jours). "
            "Corrigez le jour.",
        ),
        (
            "2027-13-01",
            "« 2027-13-01 » : le mois 13 n'existe pas (de 01 à 12). Le format est AAAA-MM-JJ.",
        ),
        (
            "18/11/2027",
            "« 18/11/2027 » n'est pas une date au format AAAA-MM-JJ : écrivez 2027-11-18.",
        ),
        (
            "8.3.2027",
            "« 8.3.2027 » n'est pas une date au format AAAA-MM-JJ : écrivez 2027-03-08.",
        ),
        (
            "18 novembre",
            "« 18 novembre » n'est pas une date au format AAAA-MM-JJ, par exemple 2027-11-18.",
        ),
    ],
)
def test_wrong_dates_say_why(written, message):
    text = BASE.replace("date: 2027-11-18", f"date: {written}")
    assert problems(text) == [(2, 7, "invalid-value", "date", message)]


def test_iso_date_with_single_digits_is_accepted():
    assert valid(BASE.replace("2027-11-18", "2027-3-8")).date == dt.date(2027, 3, 8)


# Times ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("9:30", dt.time(9, 30)),
        ('"9:30"', dt.time(9, 30)),
        ("09:30", dt.time(9, 30)),
        ("14:30", dt.time(14, 30)),
        ("9h30", dt.time(9, 30)),
        ("9h", dt.time(9, 0)),
        ("14 h 30", dt.time(14, 30)),
    ],
)
def test_times_mean_what_they_look_like(written, expected):
    assert valid(BASE + f"start: {written}\n").start == expected


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("25:00", "« 25:00 » n'existe pas : les heures vont de 00:00 à 23:59."),
        ("9:75", "« 9:75 » n'existe pas : les heures vont de 00:00 à 23:59."),
        (
            '"9:"',
            '« 9: » n\'est pas une heure : écrivez-la au format HH:MM, par exemple "09:30" '
            'ou "14:00".',
        ),
        (
            "matin",
            '« matin » n\'est pas une heure : écrivez-la au format HH:MM, par exemple "09:30" '
            'ou "14:00".',
        ),
    ],
)
def test_wrong_times_say_why(written, message):
    assert problems(BASE + f"start: {written}\n") == [(7, 8, "invalid-value", "start", message)]


# Booleans ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "expected"),
    [("oui", True), ("non", False), ("Oui", True), ("yes", True), ("false", False)],
)
def test_booleans_in_french_or_english(written, expected):
    text = BASE.replace("lead: true", "lead: true\n    email: a@example.org")
    event = valid(text + f"venue:\n  name: Salle\n  pmr_accessible: {written}\n")
    assert event.venue is not None
    assert event.venue.pmr_accessible is expected


def test_wrong_boolean():
    assert problems(BASE.replace("lead: true", "lead: peut-être")) == [
        (
            6,
            11,
            "invalid-value",
            "organizers[0].lead",
            "Réponse oui/non attendue : écrivez true (oui) ou false (non).",
        )
    ]


# Numbers and amounts ----------------------------------------------------------------


def budget_line(amount: str) -> str:
    return (
        BASE
        + f"budget:\n  lines:\n    - label: Salle\n      category: venue\n      amount: {amount}\n"
    )


@pytest.mark.parametrize(
    ("written", "expected"),
    [("600", "600"), ("12.50", "12.50"), ("1 200", "1200"), ("1 200 €", "1200"), ("80€", "80")],
)
def test_amounts_as_french_people_write_them(written, expected):
    event = valid(budget_line(written))
    assert event.budget is not None
    assert event.budget.lines[0].amount == Decimal(expected)


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("12,50", "« 12,50 » : écrivez les décimales avec un point : 12.50."),
        ("1 200,50 €", "« 1 200,50 € » : écrivez les décimales avec un point : 1200.50."),
        ("-5", "« -5 » est trop petit : la valeur doit être au moins 0."),
        ("99999999", "« 99999999 » est trop grand : au plus 1 000 000. Vérifiez la valeur."),
        ("1e9", "« 1e9 » est trop grand : au plus 1 000 000. Vérifiez la valeur."),
        ("12.555", "« 12.555 » : au plus deux décimales (les centimes)."),
        ("beaucoup", "Nombre attendu (par exemple 600 ou 12.50), pas « beaucoup »."),
        (".nan", "Nombre attendu (par exemple 600 ou 12.50), pas « .nan »."),
    ],
)
def test_wrong_amounts(written, message):
    assert problems(budget_line(written)) == [
        (11, 15, "invalid-value", "budget.lines[0].amount", message)
    ]


def test_decimal_comma_in_a_quantity():
    text = BASE + "budget:\n  lines:\n    - {label: Repas, category: catering, quantity: 2,5, "
    text += "unit_cost: 15}\n"
    # Unquoted in a flow mapping, "2,5" is two items; quoted, it is the French decimal.
    text = text.replace("quantity: 2,5", 'quantity: "2,5"')
    assert problems(text) == [
        (
            9,
            52,
            "invalid-value",
            "budget.lines[0].quantity",
            "« 2,5 » : écrivez les décimales avec un point : 2.5.",
        )
    ]


def test_decimal_comma_in_volunteer_hours():
    assert problems(BASE + "budget:\n  volunteer_hours: 12,5\n") == [
        (
            8,
            20,
            "invalid-value",
            "budget.volunteer_hours",
            "« 12,5 » : écrivez les décimales avec un point : 12.5.",
        )
    ]


@pytest.mark.parametrize(
    ("line", "column", "path", "message"),
    [
        (
            "expected_participants: 1000000",
            24,
            "expected_participants",
            "« 1000000 » est trop grand : au plus 100 000. Vérifiez la valeur.",
        ),
        (
            "expected_participants: 0",
            24,
            "expected_participants",
            "« 0 » est trop petit : la valeur doit être au moins 1.",
        ),
        (
            "expected_participants: 12.5",
            24,
            "expected_participants",
            "Nombre entier attendu (par exemple 120), pas « 12.5 ».",
        ),
        (
            "expected_participants: une centaine",
            24,
            "expected_participants",
            "Nombre entier attendu (par exemple 120), pas « une centaine ».",
        ),
    ],
)
def test_absurd_numbers(line, column, path, message):
    assert problems(BASE + line + "\n") == [(7, column, "invalid-value", path, message)]


def test_capacity_below_one():
    assert problems(BASE + "venue:\n  name: Salle\n  rooms:\n    - {name: A, capacity: -5}\n") == [
        (
            10,
            27,
            "invalid-value",
            "venue.rooms[0].capacity",
            "« -5 » est trop petit : la valeur doit être au moins 1.",
        )
    ]


def test_station_walk_in_hours_instead_of_minutes():
    assert problems(BASE + "venue:\n  name: Salle\n  station_walk_minutes: 1h\n") == [
        (
            9,
            25,
            "invalid-value",
            "venue.station_walk_minutes",
            "Durée en minutes attendue (par exemple 90 pour 1 h 30), pas « 1h ».",
        )
    ]


# Programme timing -------------------------------------------------------------------


def item(fields: str) -> str:
    return BASE + "program:\n  - {" + fields + "}\n"


def test_duration_zero():
    assert problems(item('start: "09:00", duration: 0, title: Accueil, kind: welcome')) == [
        (
            8,
            32,
            "invalid-value",
            "program[0].duration",
            "« 0 » est trop petit : la valeur doit être au moins 1.",
        )
    ]


def test_duration_written_as_hours():
    assert problems(item('start: "09:00", duration: 1h30, title: Accueil, kind: welcome')) == [
        (
            8,
            32,
            "invalid-value",
            "program[0].duration",
            "Durée en minutes attendue (par exemple 90 pour 1 h 30), pas « 1h30 ».",
        )
    ]


def test_no_duration_nor_end_points_at_start():
    assert problems(item('start: "09:00", title: Accueil, kind: welcome')) == [
        (
            8,
            13,
            "invalid-value",
            "program[0].start",
            "Indiquez la durée de « Accueil » : duration (en minutes) ou end (HH:MM).",
        )
    ]


def test_end_before_start_points_at_end():
    assert problems(item('start: "10:00", end: "09:00", title: Atelier, kind: workshop')) == [
        (
            8,
            27,
            "invalid-value",
            "program[0].end",
            "« Atelier » finit (09:00) avant de commencer (10:00) : corrigez end.",
        )
    ]


def test_end_equal_to_start():
    assert problems(item('start: "10:00", end: "10:00", title: Atelier, kind: workshop')) == [
        (
            8,
            27,
            "invalid-value",
            "program[0].end",
            "« Atelier » commence et finit à 10:00 : corrigez end.",
        )
    ]


def test_duration_and_end_disagree():
    text = item('start: "10:00", end: "11:00", duration: 30, title: Atelier, kind: workshop')
    assert problems(text) == [
        (
            8,
            46,
            "invalid-value",
            "program[0].duration",
            "« Atelier » : duration (30 min) et end (11:00) ne concordent pas (il y a 60 min de "
            "10:00 à 11:00) ; n'en gardez qu'un des deux.",
        )
    ]


def test_duration_and_end_that_agree_are_accepted():
    event = valid(item('start: "10:00", end: "11:00", duration: 60, title: A, kind: workshop'))
    assert event.program[0].minutes == 60


def test_item_past_midnight():
    assert problems(item('start: "23:00", duration: 120, title: Soirée, kind: meal')) == [
        (
            8,
            32,
            "invalid-value",
            "program[0].duration",
            "« Soirée » se terminerait après minuit (23:00 + 120 min) : vérifiez start et "
            "duration.",
        )
    ]


def test_day_ending_before_it_starts_points_at_end():
    assert problems(BASE + 'start: "17:00"\nend: "09:00"\n') == [
        (
            8,
            6,
            "invalid-value",
            "end",
            "La journée finit (09:00) avant de commencer (17:00) : corrigez start ou end.",
        )
    ]


def test_day_starting_after_default_end_points_at_start():
    assert problems(BASE + 'start: "18:00"\n') == [
        (
            7,
            8,
            "invalid-value",
            "start",
            "La journée finit (17:00) avant de commencer (18:00) : corrigez start ou end.",
        )
    ]


def test_speakers_as_comma_separated_text():
    event = valid(item('start: "09:00", duration: 30, title: A, kind: talk, speakers: "a, b"'))
    assert event.program[0].speakers == ["a", "b"]


# Mailings ---------------------------------------------------------------------------


def test_mailings_keep_the_written_order():
    event = valid(BASE + "communication:\n  mailings: [7, 15, 30]\n")
    assert event.communication.mailings == [7, 15, 30]


@pytest.mark.parametrize(
    ("written", "column", "index", "message"),
    [
        (
            "[30, 400]",
            18,
            1,
            "400 : un mailing s'envoie entre 1 et 365 jours avant l'événement (par exemple "
            "30, 15, 7).",
        ),
        (
            "[J-30, 15]",
            14,
            0,
            "« J-30 » : écrivez seulement le nombre de jours avant l'événement, ici 30.",
        ),
        ("[30, 15, 30]", 22, 2, "Le mailing J-30 est prévu deux fois : retirez l'un des deux."),
    ],
)
def test_wrong_mailings(written, column, index, message):
    assert problems(BASE + f"communication:\n  mailings: {written}\n") == [
        (8, column, "invalid-value", f"communication.mailings[{index}]", message)
    ]


# Texts, e-mails, links --------------------------------------------------------------


def test_empty_required_text():
    assert problems(BASE.replace("title: RéZolutions numériques test", 'title: ""')) == [
        (
            1,
            8,
            "invalid-value",
            "title",
            "Valeur vide : cette clé est obligatoire, écrivez un texte.",
        )
    ]


def test_empty_optional_text():
    assert problems(BASE + 'city: ""\n') == [
        (7, 7, "invalid-value", "city", "Valeur vide : écrivez un texte ou supprimez la clé.")
    ]


def test_empty_list_item():
    assert problems(BASE + "objectives:\n  - ''\n") == [
        (
            8,
            5,
            "invalid-value",
            "objectives[0]",
            "Élément vide : écrivez un texte ou supprimez la ligne.",
        )
    ]


def test_text_expected_instead_of_a_table():
    assert problems(BASE + "city: {nom: Tours}\n") == [
        (7, 7, "invalid-value", "city", "Texte attendu, pas une table de clés.")
    ]


def test_list_expected_instead_of_a_text():
    assert problems(BASE + "objectives: Faire connaître les outils libres\n") == [
        (
            7,
            13,
            "invalid-value",
            "objectives",
            "Liste attendue, pas « Faire connaître les outils libres » : écrivez chaque élément "
            "sur sa ligne, après « - ».",
        )
    ]


def test_table_expected_instead_of_a_text():
    assert problems(BASE + "venue: Espace Malraux\n") == [
        (
            7,
            8,
            "invalid-value",
            "venue",
            "Table de clés attendue (des lignes « clé: valeur » indentées en dessous), pas "
            "« Espace Malraux ».",
        )
    ]


@pytest.mark.parametrize("written", ["contact.example.org", "contact@example", "a b@example.org"])
def test_wrong_email(written):
    text = BASE.replace("lead: true", f"lead: true\n    email: {written}")
    assert problems(text) == [
        (
            7,
            12,
            "invalid-value",
            "organizers[0].email",
            f"« {written} » n'est pas une adresse e-mail valide (forme attendue : "
            "nom@exemple.org).",
        )
    ]


@pytest.mark.parametrize("written", ["www.example.org", "https://exemple .org", "ftp://x.org"])
def test_wrong_url(written):
    assert problems(BASE + f"registration_url: {written}\n") == [
        (
            7,
            19,
            "invalid-value",
            "registration_url",
            f"« {written} » n'est pas un lien web : il doit commencer par https:// (ou http://) "
            "et ne contenir aucun espace.",
        )
    ]


def test_unknown_timezone():
    assert problems(BASE + "timezone: Paris\n") == [
        (
            7,
            11,
            "invalid-value",
            "timezone",
            "Fuseau horaire « Paris » inconnu : écrivez un nom IANA comme Europe/Paris, "
            "America/Cayenne ou Indian/Reunion.",
        )
    ]


def test_every_error_is_reported_at_once():
    text = BASE.replace("format: online", "format: distanciel") + "expected_participants: 0\n"
    assert [p[:4] for p in problems(text)] == [
        (3, 9, "invalid-value", "format"),
        (7, 24, "invalid-value", "expected_participants"),
    ]
