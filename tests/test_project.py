"""Comparisons across events: date-collision and duplicate-event, through ``rzn check``."""

from __future__ import annotations

import json

import pytest

from tests.conftest import QUIET as MINIMAL
from tests.conftest import write_logos


@pytest.fixture(autouse=True)
def _quiet_logos(tmp_path):
    """QUIET's logos beside the events these tests write, so that no logo rule fires."""
    for folder in (tmp_path, tmp_path / "events"):
        write_logos(folder)


TODAY = "2027-01-01"
COLLISION_ADVICE = (
    "Le vade-mecum demande de « ne pas se télescoper » : décalez l'une des deux dates d'au moins "
    "8 jours ou coordonnez-vous avec l'autre équipe."
)


def event(title: str, date: str, extra: str = "") -> str:
    return MINIMAL.replace("RéZolutions numériques test", title).replace("2027-11-18", date) + extra


def check(rzn, *args: str):
    return rzn("check", *args, "--select", "date-collision,duplicate-event", "--today", TODAY)


def test_two_events_of_a_region_within_7_days_collide_in_both_files(rzn, write_event, tmp_path):
    a = write_event(event("RZN Rennes", "2027-10-14", "region: Bretagne\n"), "events/a.yaml")
    b = write_event(event("RZN Vannes", "2027-10-19", "region: bretagne\n"), "events/b.yaml")
    result = check(rzn, str(tmp_path / "events"))
    assert result.out.splitlines() == [
        f"{a}:2:7: avertissement RZN107 [date-collision] Une autre rencontre en Bretagne a lieu "
        f"5 jours après : « RZN Vannes » le 19/10/2027 ({b}:2:7). {COLLISION_ADVICE}",
        f"{b}:2:7: avertissement RZN107 [date-collision] Une autre rencontre en Bretagne a lieu "
        f"5 jours avant : « RZN Rennes » le 14/10/2027 ({a}:2:7). {COLLISION_ADVICE}",
        "2 fichiers vérifiés : 2 avertissements.",
    ]
    assert result.code == 0


def test_collision_on_the_same_day_and_at_exactly_7_days(rzn, write_event, tmp_path):
    write_event(event("RZN Metz", "2027-10-14", "region: Grand Est\n"), "a.yaml")
    write_event(event("RZN Reims", "2027-10-14", "region: Lorraine\n"), "b.yaml")
    write_event(event("RZN Nancy", "2027-10-21", "region: Grand Est\n"), "c.yaml")
    result = check(rzn, str(tmp_path), "--format", "json")
    found = [
        (f["file"].rsplit("/", 1)[1], f["message"].split(" : ")[0])
        for f in json.loads(result.out)["findings"]
    ]
    assert found == [
        ("a.yaml", "Une autre rencontre dans le Grand Est a lieu le même jour"),
        ("a.yaml", "Une autre rencontre dans le Grand Est a lieu 7 jours après"),
        ("b.yaml", "Une autre rencontre dans le Grand Est a lieu le même jour"),
        ("b.yaml", "Une autre rencontre dans le Grand Est a lieu 7 jours après"),
        ("c.yaml", "Une autre rencontre dans le Grand Est a lieu 7 jours avant"),
        ("c.yaml", "Une autre rencontre dans le Grand Est a lieu 7 jours avant"),
    ]


def test_no_collision_8_days_apart_in_other_regions_or_without_region(rzn, write_event, tmp_path):
    write_event(event("RZN Rennes", "2027-10-14", "region: Bretagne\n"), "a.yaml")
    write_event(event("RZN Brest", "2027-10-22", "region: Bretagne\n"), "b.yaml")
    write_event(event("RZN Tours", "2027-10-15", "region: Centre-Val de Loire\n"), "c.yaml")
    write_event(event("RZN national", "2027-10-15"), "d.yaml")
    result = check(rzn, str(tmp_path))
    assert result.out == "4 fichiers vérifiés : aucun problème.\n"


def test_region_comes_from_the_venue_postcode_when_not_written(rzn, write_event, tmp_path):
    venue = "venue:\n  name: Salle\n  address: 2 rue de la Gare, 35000 Rennes\n"
    a = write_event(event("RZN Rennes", "2027-10-14", venue), "a.yaml")
    b = write_event(event("RZN Vannes", "2027-10-15", "region: Bretagne\n"), "b.yaml")
    result = check(rzn, str(a), str(b))
    assert [line.split(" a lieu")[0] for line in result.out.splitlines()[:-1]] == [
        f"{a}:2:7: avertissement RZN107 [date-collision] Une autre rencontre en Bretagne",
        f"{b}:2:7: avertissement RZN107 [date-collision] Une autre rencontre en Bretagne",
    ]


def test_duplicate_slug_derived_from_the_title_is_an_error_in_both_files(
    rzn, write_event, tmp_path
):
    a = write_event(event("RéZolutions numériques Bretagne", "2026-10-15"), "2026.yaml")
    b = write_event(event("RéZolutions Numériques  Bretagne", "2027-10-14"), "2027.yaml")
    result = check(rzn, str(tmp_path))
    advice = (
        "les documents et rendez-vous d'agenda de ces événements s'écraseraient. S'il s'agit du "
        "même événement, supprimez l'un des fichiers ; sinon donnez à chacun un slug distinct "
        "(par exemple slug: rezolutions-numeriques-bretagne-"
    )
    assert result.out.splitlines() == [
        f"{a}:1:8: erreur RZN108 [duplicate-event] Identifiant « rezolutions-numeriques-bretagne » "
        f"(tiré du titre) déjà utilisé par {b}:1:8 (« RéZolutions Numériques  Bretagne ») : "
        f"{advice}2026).",
        f"{b}:1:8: erreur RZN108 [duplicate-event] Identifiant « rezolutions-numeriques-bretagne » "
        f"(tiré du titre) déjà utilisé par {a}:1:8 (« RéZolutions numériques Bretagne ») : "
        f"{advice}2027).",
        "2 fichiers vérifiés : 2 erreurs.",
    ]
    assert result.code == 1


def test_explicit_slugs_separate_editions_but_not_two_same_titles_in_a_year(
    rzn, write_event, tmp_path
):
    title = "RéZolutions numériques Bretagne"
    write_event(event(title, "2026-10-15", "slug: rzn-bretagne-2026\n"), "a.yaml")
    write_event(event(title, "2027-10-14", "slug: rzn-bretagne-2027\n"), "b.yaml")
    assert check(rzn, str(tmp_path)).code == 0
    c = write_event(event(title, "2027-12-02", "slug: rzn-bretagne-hiver\n"), "c.yaml")
    b = tmp_path / "b.yaml"
    result = check(rzn, str(tmp_path))
    assert result.out.splitlines() == [
        f"{b}:1:8: erreur RZN108 [duplicate-event] Même titre, la même année (2027), que "
        f"{c}:1:8 : s'il s'agit du même événement, supprimez l'un des fichiers ; sinon distinguez "
        "les titres (ville, thème) pour que le public ne les confonde pas.",
        f"{c}:1:8: erreur RZN108 [duplicate-event] Même titre, la même année (2027), que "
        f"{b}:1:8 : s'il s'agit du même événement, supprimez l'un des fichiers ; sinon distinguez "
        "les titres (ville, thème) pour que le public ne les confonde pas.",
        "3 fichiers vérifiés : 2 erreurs.",
    ]


def test_duplicate_explicit_slug_points_at_the_slug(rzn, write_event, tmp_path):
    a = write_event(event("RZN Rennes", "2027-10-14", "slug: rzn-35\n"), "a.yaml")
    b = write_event(event("RZN Brest", "2028-10-14", "slug: RZN-35\n"), "b.yaml")
    result = check(rzn, str(tmp_path), "--format", "json")
    assert [
        (f["file"], f["line"], f["column"], f["path"]) for f in json.loads(result.out)["findings"]
    ] == [
        (str(a), 24, 7, "slug"),
        (str(b), 24, 7, "slug"),
    ]


def test_a_file_named_twice_is_checked_once_and_never_collides_with_itself(
    rzn, write_event, tmp_path
):
    a = write_event(event("RZN Rennes", "2027-10-14", "region: Bretagne\n"), "a.yaml")
    result = check(rzn, str(tmp_path), str(a))
    assert result.out == "1 fichier vérifié : aucun problème.\n"


def test_a_file_silences_a_collision_for_itself_only(rzn, write_event, tmp_path):
    reason = "Dates fixées ensemble : deux publics différents"
    a = write_event(
        event(
            "RZN Rennes",
            "2027-10-14",
            f'region: Bretagne\ncheck:\n  ignore:\n    date-collision: "{reason}"\n',
        ),
        "a.yaml",
    )
    b = write_event(event("RZN Vannes", "2027-10-15", "region: Bretagne\n"), "b.yaml")
    text = check(rzn, str(tmp_path))
    assert [line.split(" [")[0] for line in text.out.splitlines()] == [
        f"{b}:2:7: avertissement RZN107",
        "2 fichiers vérifiés : 1 avertissement (1 constat ignoré par le fichier).",
    ]
    findings = json.loads(check(rzn, str(tmp_path), "--format", "json").out)["findings"]
    assert [(f["file"], f.get("ignored")) for f in findings] == [(str(a), reason), (str(b), None)]


def test_check_paths_streams_one_file_at_a_time(write_event, tmp_path):
    """The first report comes before the next file is even read.

    Paths are all looked up first (a missing one stops the run before any output), so
    ``b.yaml`` exists from the start; what it holds is written after the first report.
    """
    import datetime as dt

    from rzn.check import CheckOptions, check_paths

    a = write_event(event("RZN Rennes", "2027-10-14", "region: Bretagne\n"), "a.yaml")
    b = write_event("pas encore écrit\n", "b.yaml")
    reports = check_paths([str(a), str(b)], CheckOptions(today=dt.date(2027, 1, 1)))
    first = next(reports)
    assert (first.file, first.kind) == (str(a), "event")
    write_event(event("RZN Vannes", "2027-10-15", "region: Bretagne\n"), "b.yaml")
    rest = [(r.file, r.kind, [d.rule for d in r.diagnostics]) for r in reports]
    assert rest == [
        (str(b), "event", []),
        (str(a), "project", ["date-collision"]),
        (str(b), "project", ["date-collision"]),
    ]


def test_comparison_keeps_small_facts_not_events(write_event, tmp_path):
    import dataclasses
    import datetime as dt

    from rzn.check import CheckOptions
    from rzn.load import load_path
    from rzn.model.validate import validate
    from rzn.project import Comparison, EventFacts, facts_of
    from rzn.rules.registry import RuleContext

    path = write_event(event("RZN Rennes", "2027-10-14", "region: Bretagne\n"))
    loaded = load_path(path)
    found, _ = validate(loaded)
    assert found is not None
    comparison = Comparison(CheckOptions(today=dt.date(2027, 1, 1)))
    comparison.add(facts_of(RuleContext(found, loaded.source, dt.date(2027, 1, 1)), {}))
    (facts,) = comparison.facts
    assert isinstance(facts, EventFacts)
    assert {f.name for f in dataclasses.fields(facts)} == {
        "file", "title", "slug", "slug_written", "date", "region", "region_where", "city",
        "silenced", "positions",
    }  # fmt: skip


def test_a_dense_calendar_names_three_neighbours_and_counts_the_rest(rzn, write_event, tmp_path):
    # Six events in one week of one region: each names its three nearest, then one count,
    # instead of every pair twice (quadratic in a national repository).
    for number in range(6):
        write_event(
            event(f"RZN n°{number}", f"2027-10-{11 + number}", "region: Bretagne\n"),
            f"events/e{number}.yaml",
        )
    result = rzn(
        "check", str(tmp_path / "events"), "--today", "2027-01-01", "--format", "json",
        "--select", "date-collision",
    )  # fmt: skip
    findings = json.loads(result.out)["findings"]
    first = [f["message"] for f in findings if f["file"].endswith("e0.yaml")]
    assert len(first) == 4
    assert [m.split("« ")[1].split(" »")[0] for m in first[:3]] == ["RZN n°1", "RZN n°2", "RZN n°3"]
    assert first[3].startswith("Et 2 autres rencontres ")
    assert len(findings) == 6 * 4
