"""Regions, holidays data and agenda exports (``--calendar FILE.ics``)."""

from __future__ import annotations

import datetime as dt

import pytest

from rzn import calendars
from tests.conftest import MINIMAL, run_subprocess

TODAY = "2027-01-01"

AGENDA = """\
BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//Agenda associatif//FR
BEGIN:VEVENT
UID:forum@example.org
DTSTART;VALUE=DATE:20271011
SUMMARY:Forum des associations
LOCATION:Salle de la Cité, 35000 Rennes
END:VEVENT
BEGIN:VEVENT
UID:regional@example.org
DTSTART:20271016T223000Z
SUMMARY:Journée régionale de la vie associative (Bretagne)
END:VEVENT
BEGIN:VEVENT
UID:self@example.org
DTSTART;VALUE=DATE:20271014
SUMMARY:RZN Vannes
LOCATION:Vannes
END:VEVENT
BEGIN:VEVENT
UID:vannes@example.org
DTSTART;VALUE=DATE:20271020
SUMMARY:Café numérique à Vannes
LOCATION:Médiathèque
END:VEVENT
BEGIN:VEVENT
UID:far@example.org
DTSTART;VALUE=DATE:20271022
SUMMARY:Trop tard pour se télescoper
LOCATION:Rennes (35)
END:VEVENT
BEGIN:VEVENT
UID:elsewhere@example.org
DTSTART;VALUE=DATE:20271014
SUMMARY:Forum à Tours
LOCATION:Tours (37)
END:VEVENT
BEGIN:VEVENT
UID:online@example.org
DTSTART;VALUE=DATE:20271015
SUMMARY:Webinaire
LOCATION:En ligne
END:VEVENT
END:VCALENDAR
"""

ADVICE = (
    "Le vade-mecum demande de « ne pas se télescoper » : décalez la date d'au moins 8 jours ou "
    "coordonnez-vous avec ses organisateurs."
)


def vannes(extra: str = "") -> str:
    return (
        MINIMAL.replace("RéZolutions numériques test", "RZN Vannes").replace(
            "2027-11-18", "2027-10-14"
        )
        + "region: Bretagne\ncity: Vannes\n"
        + extra
    )


def test_calendar_entries_of_the_region_or_city_collide(rzn, write_event, tmp_path):
    path = write_event(vannes())
    agenda = tmp_path / "agenda.ics"
    agenda.write_text(AGENDA.replace("\n", "\r\n"), encoding="utf-8")
    result = rzn(
        "check",
        str(path),
        "--calendar",
        str(agenda),
        "--select",
        "date-collision",
        "--today",
        TODAY,
    )
    assert result.out.splitlines() == [
        f"{path}:2:7: avertissement RZN107 [date-collision] L'agenda {agenda} (ligne 4) annonce "
        "« Forum des associations » le 11/10/2027 (lieu : Salle de la Cité, 35000 Rennes), "
        "3 jours avant : deux rendez-vous en Bretagne si proches se disputeraient le même "
        f"public. {ADVICE}",
        f"{path}:2:7: avertissement RZN107 [date-collision] L'agenda {agenda} (ligne 10) annonce "
        "« Journée régionale de la vie associative (Bretagne) » le 17/10/2027, 3 jours après : "
        f"deux rendez-vous en Bretagne si proches se disputeraient le même public. {ADVICE}",
        f"{path}:2:7: avertissement RZN107 [date-collision] L'agenda {agenda} (ligne 21) annonce "
        "« Café numérique à Vannes » le 20/10/2027 (lieu : Médiathèque), 6 jours après : deux "
        f"rendez-vous à Vannes si proches se disputeraient le même public. {ADVICE}",
        "1 fichier vérifié : 3 avertissements.",
    ]
    assert result.err == (
        f"rzn : {agenda} : 3 événements sans région reconnaissable (ni code postal, ni "
        "département entre parenthèses, ni nom de région dans le lieu ou le titre) : rzn ne les "
        "compare qu'à la ville des rencontres (city). Ajoutez le code postal au lieu dans "
        "l'agenda pour une comparaison par région.\n"
    )
    assert result.code == 0


def test_a_silenced_calendar_collision_is_kept_with_its_reason(rzn, write_event, tmp_path):
    import json

    reason = "Le forum nous a invités à y tenir un stand"
    path = write_event(vannes(f'check:\n  ignore:\n    RZN107: "{reason}"\n'))
    agenda = tmp_path / "agenda.ics"
    agenda.write_text(AGENDA, encoding="utf-8")
    args = ("check", str(path), "--calendar", str(agenda), "--select", "date-collision")
    result = rzn(*args, "--today", TODAY, "--format", "json")
    assert {f.get("ignored") for f in json.loads(result.out)["findings"]} == {reason}
    assert rzn(*args, "--today", TODAY).out == (
        "1 fichier vérifié : aucun problème (3 constats ignorés par le fichier).\n"
    )


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            "BEGIN:VCALENDAR\nVERSION:2.0\nceci n'est pas une ligne\nEND:VCALENDAR\n",
            "{file}:3 : ce n'est pas un agenda iCalendar lisible (la ligne « ceci n'est pas une "
            "ligne » n'est pas une ligne iCalendar (NOM:valeur)).",
        ),
        ("", "{file}:1 : ce n'est pas un agenda iCalendar lisible (le fichier est vide)."),
        (
            "BEGIN:VCALENDAR\nBEGIN:VEVENT\n",
            "{file}:1 : ce n'est pas un agenda iCalendar lisible (le fichier ne contient aucun "
            "bloc BEGIN:VCALENDAR … END:VCALENDAR complet).",
        ),
        (
            "BEGIN:VEVENT\nSUMMARY:Seul\nEND:VEVENT\n",
            "{file}:1 : ce fichier ne commence pas par BEGIN:VCALENDAR : ce n'est pas un agenda "
            "iCalendar complet. Exportez l'agenda entier au format .ics.",
        ),
    ],
    ids=["bad-line", "empty", "unclosed", "no-calendar"],
)
def test_a_bad_agenda_is_a_french_error_exit_2(write_event, tmp_path, content, message):
    path = write_event(vannes())
    agenda = tmp_path / "agenda.ics"
    agenda.write_text(content, encoding="utf-8")
    result = run_subprocess("check", str(path), "--calendar", str(agenda))
    hint = (
        ""
        if "Exportez" in message
        else " Donnez à --calendar le fichier .ics exporté de l'agenda (menu « Exporter » ou "
        "lien « iCal »)."
    )
    assert result.err == "rzn : " + message.format(file=agenda) + hint + "\n"
    assert (result.code, result.out) == (2, "")


def test_a_missing_or_non_utf8_agenda_is_exit_2(write_event, tmp_path):
    path = write_event(vannes())
    missing = run_subprocess("check", str(path), "--calendar", str(tmp_path / "absent.ics"))
    assert missing.code == 2
    assert missing.err == (
        f"rzn : {tmp_path / 'absent.ics'} : agenda introuvable. Vérifiez le chemin donné à "
        "--calendar (un fichier .ics exporté d'un agenda en ligne).\n"
    )
    latin = tmp_path / "latin.ics"
    latin.write_bytes("BEGIN:VCALENDAR\nSUMMARY:Fête\n".encode("latin-1"))
    result = run_subprocess("check", str(path), "--calendar", str(latin))
    assert (result.code, result.err) == (
        2,
        f"rzn : {latin}:2:10 : l'agenda n'est pas encodé en UTF-8 comme le demande le format "
        "iCalendar. Exportez-le de nouveau depuis l'agenda en ligne.\n",
    )


def test_an_agenda_with_a_bom_and_a_latin1_byte_is_located_as_an_editor_shows_it(
    write_event, tmp_path
):
    path = write_event(vannes())
    latin = tmp_path / "latin.ics"
    latin.write_bytes(b"\xef\xbb\xbfBEGIN:VCALENDAR\r\nSUMMARY:\tF\xeate\r\n")
    result = run_subprocess("check", str(path), "--calendar", str(latin))
    assert (result.code, result.err.split(" : ")[1]) == (2, f"{latin}:2:11")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Bretagne", "Bretagne"),
        ("  ile-de-france ", "Île-de-France"),
        ("PACA", "Provence-Alpes-Côte d'Azur"),
        ("Région Sud", "Provence-Alpes-Côte d'Azur"),
        ("Lorraine", "Grand Est"),
        ("Nord-Pas-de-Calais", "Hauts-de-France"),
        ("Centre", "Centre-Val de Loire"),
        ("Pays de la Loire", "Pays de la Loire"),
        ("Bretagne (Morbihan)", "Bretagne"),
        ("Morbihan", "Bretagne"),
        ("Nord", "Hauts-de-France"),
        ("Moselle", "Grand Est"),
        ("la reunion", "La Réunion"),
        ("Bretgne", None),
        (None, None),
    ],
)
def test_find_region(value, expected):
    found = calendars.find_region(value)
    assert (found.name if found else None) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Espace Malraux, 37300 Joué-lès-Tours", "Centre-Val de Loire"),
        ("Ajaccio 20000", "Corse"),
        ("Bastia, 20200", "Corse"),
        ("Saint-Denis 97400", "La Réunion"),
        ("Tours (37)", "Centre-Val de Loire"),
        ("Ajaccio (2A)", "Corse"),
        ("Gare du Nord, Paris", None),  # department names are not guessed
        ("Centre social de Quimper", None),  # "Centre" alone is not a region inside a sentence
        ("Maison de la Bretagne", "Bretagne"),
        ("", None),
    ],
)
def test_region_in_text(text, expected):
    found = calendars.region_in_text(text)
    assert (found.name if found else None) == expected


@pytest.mark.parametrize(
    ("region", "city", "address", "expected"),
    [
        ("Grand Est", "Metz", None, "57"),
        ("Grand Est", "Strasbourg", None, "6AE"),
        (None, "Mulhouse", None, "6AE"),
        ("Grand Est", None, "3 rue X, 57000 Metz", "57"),
        ("Grand Est", "Metz", "3 rue X, 54000 Nancy", None),  # the postcode is the surest sign
        ("Grand Est", "Nancy", None, None),
        ("Meurthe-et-Moselle", None, None, None),
        ("Moselle", None, None, "57"),
        ("Alsace", None, None, "6AE"),
        ("Bretagne", "Metz", None, None),
    ],
)
def test_alsace_moselle(region, city, address, expected):
    assert calendars.alsace_moselle(region, city, address) == expected


def package_days() -> dict[dt.date, tuple[str, frozenset[str]]]:
    """Holiday days → (name, zones), as the calendar's own package reads its data."""
    from vacances_scolaires_france import SchoolHolidayDates

    return {
        day: (row["nom_vacances"], frozenset(z for z in "ABC" if row[f"vacances_zone_{z.lower()}"]))
        for day, row in SchoolHolidayDates().data.items()
        if any(row[f"vacances_zone_{z}"] for z in "abc")
    }


def test_school_holidays_end_with_the_last_published_holiday():
    last = calendars.school_holiday_bounds()[1]
    assert last >= dt.date(2028, 8, 31)
    assert last in package_days()  # a real holiday, not the padding after it
    after = calendars.school_holiday(last + dt.timedelta(days=1), "A")
    assert after == calendars.SchoolHolidayAnswer(None, known=False)


SUBDIVISIONS = (None, "57", "6AE", "971", "972", "973", "974", "976")


def test_every_public_holiday_of_the_package_is_a_candidate_day():
    """The shortcut that spares importing holidays never hides a public holiday."""
    import holidays

    for subdivision in SUBDIVISIONS:
        known = holidays.France(years=range(1950, 2101), subdiv=subdivision, language="fr")
        for day, name in known.items():
            assert calendars.public_holiday(day, subdivision) == name, (day, subdivision)


def test_public_holidays_of_a_year_are_the_package_s():
    import holidays

    for subdivision in SUBDIVISIONS:
        known = holidays.France(years=2027, subdiv=subdivision, language="fr")
        day = dt.date(2027, 1, 1)
        while day.year == 2027:
            assert calendars.public_holiday(day, subdivision) == known.get(day)
            day += dt.timedelta(days=1)


def test_easter():
    from dateutil.easter import easter

    assert all(calendars.easter(year) == easter(year) for year in range(1583, 2500))


@pytest.mark.parametrize(("date", "imported"), [("2027-11-20", False), ("2027-12-26", True)])
def test_holidays_is_imported_only_for_a_possible_holiday(write_event, date, imported):
    """Importing holidays costs a fifth of a second: a one-file check pays it only when needed."""
    import os
    import subprocess
    import sys

    from tests.conftest import ROOT

    path = write_event(vannes().replace("2027-10-14", date))
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "rzn", "check", str(path), "--today", TODAY],
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout
    modules = {line.rsplit("|", 1)[1].strip() for line in proc.stderr.splitlines() if "|" in line}
    assert ("holidays" in modules) is imported
    assert not {"babel", "jinja2", "icalendar", "rich"} & modules


def test_school_holiday_of_one_day_is_what_the_package_reads():
    """The one-day lookup (bisection over the file) against the package's own reading, every
    day and zone from a year before the first holiday to a year after the last."""
    days = package_days()
    first, last = min(days), max(days)
    assert calendars.school_holiday_bounds() == (first, last)
    day = first - dt.timedelta(days=366)
    while day <= last + dt.timedelta(days=366):
        name, zones = days.get(day, (None, frozenset()))
        for zone in "ABC":
            answer = calendars.school_holiday(day, zone)
            if not first <= day <= last:
                assert answer == calendars.SchoolHolidayAnswer(None, known=False), day
            else:
                assert answer == calendars.SchoolHolidayAnswer(name if zone in zones else None)
        day += dt.timedelta(days=1)


def test_the_calendar_is_in_date_order_with_one_line_per_day():
    """What the bisection relies on, checked on the installed data."""
    days = [line[:10] for line in calendars._school_calendar().split("\n")[1:] if line]
    assert days == sorted(set(days))
