"""The scaffold core: what ``rzn init`` writes, tested without the CLI."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from rzn.check import CheckOptions, check_loaded
from rzn.diagnostics import Severity
from rzn.errors import UsageError
from rzn.load import load_text
from rzn.model.event import Event, Format, ItemKind
from rzn.model.validate import validate
from rzn.scaffold import (
    Comment,
    Plain,
    Request,
    ScaffoldError,
    budget_lines,
    clean_text,
    parse_event_date,
    parse_format,
    parse_hour,
    plan_program,
    quote,
    render_event,
    write_scaffold,
    yaml_scalar,
)

TODAY = dt.date(2027, 9, 1)


def bretagne(fmt: Format = Format.IN_PERSON, **changes: object) -> Request:
    values: dict[str, object] = {
        "title": "RéZolutions numériques Bretagne",
        "date": dt.date(2027, 10, 14),
        "format": fmt,
        "city": "Pontivy",
        "region": "Bretagne",
        **changes,
    }
    return Request(**values)  # type: ignore[arg-type]


def load_event(text: str) -> Event:
    loaded = load_text(text, "event.yaml")
    assert loaded.problems == []
    event, problems = validate(loaded)
    assert problems == []
    assert event is not None
    return event


def findings(text: str, today: dt.date = TODAY) -> dict[Severity, set[str]]:
    report = check_loaded(load_text(text, "event.yaml"), CheckOptions(today=today))
    out: dict[Severity, set[str]] = {s: set() for s in Severity}
    for diagnostic in report.diagnostics:
        out[diagnostic.severity].add(diagnostic.rule)
    return out


# What is left to fill in shows as warnings. Other rules may add warnings of their
# own (a placeholder rule, say), so these are the ones that must at least be there.
LEFT_TO_FILL = {
    Format.IN_PERSON: {"pmr-missing", "station-missing"},
    Format.ONLINE: {"online-url-missing"},
    Format.HYBRID: {"pmr-missing", "station-missing", "online-url-missing"},
}


@pytest.mark.parametrize("fmt", list(Format))
def test_scaffold_has_no_error_and_warns_what_is_left_to_fill(fmt: Format) -> None:
    found = findings(render_event(bretagne(fmt)))
    assert found[Severity.ERROR] == set()
    assert LEFT_TO_FILL[fmt] <= found[Severity.WARNING]


@pytest.mark.parametrize("fmt", list(Format))
def test_scaffold_loads_with_pyyaml_and_with_rzn(fmt: Format) -> None:
    text = render_event(bretagne(fmt))
    data = yaml.safe_load(text)
    event = load_event(text)
    assert data["title"] == event.title == "RéZolutions numériques Bretagne"
    assert data["date"] == event.date == dt.date(2027, 10, 14)
    assert data["format"] == event.format.value == fmt.value
    assert (event.city, event.region) == ("Pontivy", "Bretagne")
    assert data["tasks"] == {"done": []}
    assert event.communication.hashtag == "#ReZoNum"
    assert event.communication.mailings == [30, 15, 7]


def test_scaffold_follows_the_vademecum_in_order() -> None:
    text = render_event(bretagne(Format.HYBRID))
    keys = [line.split(":")[0] for line in text.splitlines() if line[:1].isalpha()]
    assert keys == [
        "title",
        "format",
        "region",
        "city",
        "slug",
        "organizers",
        "partners",
        "objectives",
        "date",
        "start",
        "end",
        "timezone",
        "venue",
        "online",
        "program",
        "speakers",
        "budget",
        "communication",
        "public",
        "tasks",
    ]


def test_scaffold_lead_and_placeholders() -> None:
    event = load_event(render_event(bretagne()))
    assert event.lead is not None
    assert event.lead.name == "À COMPLÉTER : organisation tête de file"
    assert event.objectives == [
        "À COMPLÉTER : ce que les participants doivent retenir de la journée"
    ]
    assert all(s.name.startswith("À COMPLÉTER") for s in event.speakers)
    assert {s.id: s.local for s in event.speakers} == {
        "ouverture": True,
        "expert": False,
        "atelier-1": True,
        "atelier-2": True,
        "temoin": True,
    }


def test_in_person_scaffold_has_venue_and_no_online() -> None:
    event = load_event(render_event(bretagne()))
    assert event.online is None
    assert event.venue is not None
    assert event.venue.pmr_accessible is None  # left commented out: a warning says so
    assert event.venue.nearest_station is None
    assert [(r.name, r.kind.value) for r in event.venue.rooms] == [
        ("Salle plénière", "plenary"),
        ("Salle atelier 1", "workshop"),
        ("Salle atelier 2", "workshop"),
    ]
    assert (event.venue.projector, event.venue.sound) == (True, True)


def test_online_scaffold_has_access_and_no_venue() -> None:
    event = load_event(render_event(bretagne(Format.ONLINE)))
    assert event.venue is None
    assert event.online is not None
    assert event.online.url is None
    assert event.online.breakout_rooms is True


def test_missing_city_and_region_stay_commented_out() -> None:
    text = render_event(bretagne(Format.ONLINE, city=None, region=None))
    assert '# region: "À COMPLÉTER"\n# city: "À COMPLÉTER"\n' in text
    event = load_event(text)
    assert (event.city, event.region) == (None, None)


def test_ag_season_date_is_flagged_in_a_comment_and_by_check() -> None:
    text = render_event(bretagne(date=dt.date(2027, 4, 15)))
    assert "# Attention : cette date tombe en saison des AG (mars à juin).\n" in text
    assert "ag-season" in findings(text, dt.date(2027, 1, 1))[Severity.WARNING]


def _program(fmt: Format, start: str = "09:00", end: str = "17:00") -> list[tuple[str, int, str]]:
    return [
        (p.start.strftime("%H:%M"), p.duration, p.seq.kind.value)
        for p in plan_program(fmt, parse_hour(start, "start"), parse_hour(end, "end"))
    ]


def test_full_day_follows_the_trame_type() -> None:
    assert _program(Format.IN_PERSON) == [
        ("09:00", 30, "welcome"),
        ("09:30", 60, "talk"),
        ("10:30", 15, "break"),
        ("10:45", 75, "workshop"),
        ("10:45", 75, "workshop"),
        ("12:00", 90, "meal"),
        ("13:30", 60, "round_table"),
        ("14:30", 30, "testimony"),
        ("15:00", 15, "break"),
        ("15:15", 75, "barcamp"),
        ("16:30", 30, "closing"),
    ]


def test_online_day_has_the_remote_animation_practices() -> None:
    assert _program(Format.ONLINE) == [
        ("09:00", 30, "welcome"),
        ("09:30", 45, "talk"),
        ("10:15", 15, "qa"),
        ("10:30", 15, "break"),
        ("10:45", 75, "workshop"),
        ("12:00", 90, "meal"),
        ("13:30", 45, "round_table"),
        ("14:15", 15, "qa"),
        ("14:30", 30, "testimony"),
        ("15:00", 15, "break"),
        ("15:15", 75, "barcamp"),
        ("16:30", 30, "closing"),
    ]
    welcome = plan_program(Format.ONLINE, dt.time(9), dt.time(17))[0].seq
    assert welcome.description is not None
    assert "Règles d'utilisation de l'outil" in welcome.description


def test_half_day_has_no_meal_and_keeps_theory_and_practice() -> None:
    assert _program(Format.HYBRID, "13:30", "17:30") == [
        ("13:30", 30, "welcome"),
        ("14:00", 45, "talk"),
        ("14:45", 15, "qa"),
        ("15:00", 15, "break"),
        ("15:15", 75, "workshop"),
        ("15:15", 75, "workshop"),
        ("16:30", 30, "testimony"),
        ("17:00", 30, "closing"),
    ]


def test_short_day_is_scaled_and_drops_breaks() -> None:
    assert _program(Format.IN_PERSON, "14:00", "16:00") == [
        ("14:00", 15, "welcome"),
        ("14:15", 35, "talk"),
        ("14:50", 40, "workshop"),
        ("14:50", 40, "workshop"),
        ("15:30", 15, "testimony"),
        ("15:45", 15, "closing"),
    ]


def test_lunch_shrinks_when_the_day_is_shorter() -> None:
    assert ("12:00", 60, "meal") in _program(Format.IN_PERSON, "10:00", "15:00")


@settings(max_examples=60, deadline=None)
@given(
    fmt=st.sampled_from(list(Format)),
    first=st.integers(0, 23 * 60 - 1),
    length=st.integers(60, 24 * 60),
)
def test_program_always_fits_the_day_without_error(fmt: Format, first: int, length: int) -> None:
    last = min(first + length, 23 * 60 + 59)
    if last - first < 60:
        return
    request = bretagne(fmt, start=dt.time(*divmod(first, 60)), end=dt.time(*divmod(last, 60)))
    text = render_event(request)
    assert findings(text)[Severity.ERROR] == set()
    event = load_event(text)
    kinds = {item.kind for item in event.program}
    assert any(k.is_theory for k in kinds) and any(k.is_practice for k in kinds)
    assert {ItemKind.WELCOME, ItemKind.CLOSING} <= kinds


def test_budget_lines_depend_on_the_format() -> None:
    def categories(fmt: Format) -> list[str]:
        return [line.category for line in budget_lines(fmt)]

    always = ["printing", "travel", "accommodation"]
    venue = ["venue", "technician", "security", "catering", "sanitary", "signage"]
    assert categories(Format.ONLINE) == ["videoconference", *always]
    assert categories(Format.IN_PERSON) == [*venue, *always]
    assert categories(Format.HYBRID) == ["videoconference", *venue, "equipment", *always]
    event = load_event(render_event(bretagne(Format.ONLINE)))
    assert event.budget is not None
    assert [line.category.value for line in event.budget.lines] == categories(Format.ONLINE)
    assert event.budget.volunteer_hours == 0


HOSTILE = [
    'Atelier : "outils" libres',
    "# pas un commentaire",
    "titre\nformat: online\nvenue: {name: piège}",
    "- tiret en tête",
    "@arobase",
    "!!python/object/apply:os.system ['ls']",
    "&ancre *alias",
    "{flow: map}, [liste]",
    "barre \\ oblique \\n",
    "tabulation\tici",
    "fin de ligne Windows\r\nsuite",
    "contrôles \x00\x07\x1b\x7f\x85",
    "séparateurs \u2028\u2029 et BOM \ufeff",
    "bidi \u202e et largeur nulle \u200b",
    "émoji 🎉 et ß",
    "yes",
    "14:30",
    "01000",
    "~",
    "---",
    "...",
    "%YAML 1.2",
    "'apostrophe",
    "a: #b",
    "é" * 300,
]


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_values_round_trip_exactly(value: str) -> None:
    text = render_event(bretagne(Format.HYBRID, title=value, city=value, region=value))
    data = yaml.safe_load(text)
    assert (data["title"], data["city"], data["region"]) == (value, value, value)
    assert data["format"] == "hybrid"
    event = load_event(text)
    # The model trims surrounding blanks; clean_text does the same before rendering.
    assert (event.title, event.city, event.region) == (value.strip(),) * 3


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_values_never_add_lines(value: str) -> None:
    plain = render_event(bretagne(Format.HYBRID))
    hostile = render_event(bretagne(Format.HYBRID, title=value, city=value, region=value))
    assert len(hostile.splitlines()) == len(plain.splitlines())


def test_quote_escapes_what_is_invisible_or_breaks_a_line() -> None:
    assert quote('a "b" \\ c') == '"a \\"b\\" \\\\ c"'
    assert quote("x\ny\tz\r") == '"x\\ny\\tz\\x0D"'
    assert quote("\x00\x85\u2028\ufeff\U000e0001") == '"\\x00\\x85\\u2028\\uFEFF\\U000E0001"'
    assert quote("Joué-lès-Tours · 🎉") == '"Joué-lès-Tours · 🎉"'


def test_yaml_scalar_types() -> None:
    assert yaml_scalar(None) == "null"
    assert yaml_scalar(True) == "true"
    assert yaml_scalar(30) == "30"
    assert yaml_scalar(dt.date(2027, 10, 14)) == "2027-10-14"
    assert yaml_scalar(dt.time(9, 5)) == '"09:05"'
    assert yaml_scalar(Format.IN_PERSON) == "in_person"
    assert yaml_scalar([Plain("ouverture"), "a: b"]) == '[ouverture, "a: b"]'
    with pytest.raises(TypeError):
        yaml_scalar(object())


@pytest.mark.parametrize("word", ["yes", "Title", "a b", "x:y", "", "null"])
def test_plain_refuses_words_yaml_would_misread(word: str) -> None:
    with pytest.raises(ValueError):
        Plain(word)


@pytest.mark.parametrize("text", ["deux\nlignes", 'guillemet "', "barre \\"])
def test_comment_refuses_what_could_escape_it(text: str) -> None:
    with pytest.raises(ValueError):
        Comment(text)


def test_clean_text_trims_and_bounds() -> None:
    assert clean_text("  Pontivy \n", "--city") == "Pontivy"
    assert clean_text("   ", "--city", required=False) is None
    with pytest.raises(UsageError, match=r"^--title : valeur vide ; indiquez-la\.$"):
        clean_text(" ", "--title")
    with pytest.raises(
        UsageError, match=r"^--title : 301 caractères, c'est trop long \(300 au plus\)\.$"
    ):
        clean_text("x" * 301, "--title")
    with pytest.raises(UsageError, match="pas en UTF-8"):
        clean_text("caf\udce9", "--title")


def test_parsers_speak_french() -> None:
    assert parse_event_date("2027-10-14") == dt.date(2027, 10, 14)
    assert parse_format("Présentiel") is Format.IN_PERSON
    assert parse_format("hybride") is Format.HYBRID
    assert parse_hour("9h30", "--start") == dt.time(9, 30)
    with pytest.raises(UsageError) as bad_date:
        parse_event_date("14/10/2027")
    assert bad_date.value.message == (
        "--date : « 14/10/2027 » n'est pas une date au format AAAA-MM-JJ : écrivez 2027-10-14."
    )
    with pytest.raises(UsageError) as bad_format:
        parse_format("visio")
    assert bad_format.value.message == (
        "--format : « visio » inconnu ; choisissez in_person (présentiel), online (en ligne) "
        "ou hybrid (hybride)."
    )


def test_request_refuses_a_day_that_ends_before_it_starts_or_is_too_short() -> None:
    with pytest.raises(UsageError, match=r"^La journée finit \(09:00\) avant de commencer"):
        bretagne(start=dt.time(17), end=dt.time(9))
    with pytest.raises(UsageError, match=r"^La journée ne dure que 45 minutes"):
        bretagne(start=dt.time(9), end=dt.time(9, 45))


def test_write_creates_the_folder_and_both_files(tmp_path: Path) -> None:
    folder = tmp_path / "a" / "mon-evenement"
    written = write_scaffold(str(folder), bretagne())
    assert sorted(os.listdir(folder)) == [".gitignore", "event.schema.json", "event.yaml"]
    assert written.created_folder and written.gitignore_written and not written.replaced
    assert (folder / "event.yaml").read_text(encoding="utf-8") == render_event(bretagne())
    mode = (folder / "event.yaml").stat().st_mode & 0o777
    assert mode == 0o666 & ~_umask()


def test_gitignore_keeps_personal_data_and_build_out(tmp_path: Path) -> None:
    write_scaffold(str(tmp_path), bretagne())
    lines = (tmp_path / ".gitignore").read_text(encoding="utf-8").splitlines()
    patterns = [line for line in lines if line and not line.startswith("#")]
    assert patterns == ["inscriptions*.csv", "reponses*.csv", "réponses*.csv", "*.xlsx", "build/"]
    assert any("RGPD" in line for line in lines)


def test_write_refuses_an_existing_event_file(tmp_path: Path) -> None:
    (tmp_path / "event.yaml").write_text("title: mon travail\n", encoding="utf-8")
    with pytest.raises(ScaffoldError) as refused:
        write_scaffold(str(tmp_path), bretagne())
    assert refused.value.message == (
        f"{tmp_path / 'event.yaml'} existe déjà : rzn init ne l'écrase pas. Choisissez un autre "
        "dossier, ou relancez avec --force pour le remplacer par un modèle vierge."
    )
    assert (tmp_path / "event.yaml").read_text(encoding="utf-8") == "title: mon travail\n"
    assert sorted(os.listdir(tmp_path)) == ["event.yaml"]


def test_force_replaces_only_the_event_file(tmp_path: Path) -> None:
    (tmp_path / "event.yaml").write_text("title: ancien\n", encoding="utf-8")
    (tmp_path / ".gitignore").write_text("perso/\n", encoding="utf-8")
    (tmp_path / "inscriptions.csv").write_text("nom\n", encoding="utf-8")
    (tmp_path / "build").mkdir()
    written = write_scaffold(str(tmp_path), bretagne(), force=True)
    assert written.replaced and not written.gitignore_written and not written.created_folder
    assert sorted(os.listdir(tmp_path)) == [
        ".gitignore",
        "build",
        "event.schema.json",  # there was none: written
        "event.yaml",
        "inscriptions.csv",
    ]
    assert (tmp_path / ".gitignore").read_text(encoding="utf-8") == "perso/\n"
    assert (tmp_path / "inscriptions.csv").read_text(encoding="utf-8") == "nom\n"
    assert load_event((tmp_path / "event.yaml").read_text(encoding="utf-8")).title == (
        "RéZolutions numériques Bretagne"
    )


def test_write_refuses_a_file_where_the_folder_should_be(tmp_path: Path) -> None:
    (tmp_path / "notes").write_text("x", encoding="utf-8")
    with pytest.raises(ScaffoldError, match="existe déjà et n'est pas un dossier"):
        write_scaffold(str(tmp_path / "notes"), bretagne())


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def test_the_schema_written_beside_the_event_validates_it(tmp_path: Path) -> None:
    # The modeline names a file that exists, and the real check-jsonschema accepts the event.
    import subprocess
    import sys

    write_scaffold(str(tmp_path), bretagne(Format.HYBRID))
    text = (tmp_path / "event.yaml").read_text(encoding="utf-8")
    assert text.splitlines()[0] == "# yaml-language-server: $schema=event.schema.json"
    checked = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--schemafile", "event.schema.json",
         "event.yaml"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )  # fmt: skip
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_the_slug_is_written_so_calendar_entries_survive_a_new_title() -> None:
    text = render_event(bretagne())
    assert "\nslug: rezolutions-numeriques-bretagne-2027   #" in text


def test_a_schema_rzn_did_not_write_is_kept_without_force(tmp_path: Path) -> None:
    from rzn.scaffold.write import Outcome

    (tmp_path / "event.schema.json").write_text('{"mine": true}\n', encoding="utf-8")
    written = write_scaffold(str(tmp_path), bretagne())
    assert written.schema is Outcome.KEPT
    assert (tmp_path / "event.schema.json").read_text(encoding="utf-8") == '{"mine": true}\n'
    assert (tmp_path / "event.yaml").exists()


def test_an_older_schema_of_rzn_is_kept_and_named_as_such(tmp_path: Path) -> None:
    import json

    from rzn.scaffold.write import Outcome
    from rzn.schema import event_schema

    older = {**event_schema(), "description": "une version précédente"}
    (tmp_path / "event.schema.json").write_text(json.dumps(older), encoding="utf-8")
    before = (tmp_path / "event.schema.json").read_bytes()
    assert write_scaffold(str(tmp_path), bretagne()).schema is Outcome.KEPT_OTHER_VERSION
    assert (tmp_path / "event.schema.json").read_bytes() == before


def test_the_same_schema_is_left_alone_and_force_replaces_another(tmp_path: Path) -> None:
    from rzn.scaffold.render import render_schema
    from rzn.scaffold.write import Outcome

    schema = tmp_path / "event.schema.json"
    schema.write_text(render_schema(), encoding="utf-8")
    stamp = schema.stat().st_mtime_ns, schema.stat().st_ino
    assert write_scaffold(str(tmp_path), bretagne()).schema is Outcome.UNCHANGED
    assert (schema.stat().st_mtime_ns, schema.stat().st_ino) == stamp  # not even rewritten
    schema.write_text("{}", encoding="utf-8")
    written = write_scaffold(str(tmp_path), bretagne(), force=True)
    assert written.schema is Outcome.REPLACED
    assert schema.read_text(encoding="utf-8") == render_schema()


def test_a_linked_or_folder_schema_is_kept(tmp_path: Path) -> None:
    from rzn.scaffold.render import render_schema
    from rzn.scaffold.write import Outcome

    shared = tmp_path / "shared.json"
    shared.write_text(render_schema(), encoding="utf-8")
    event = tmp_path / "a"
    event.mkdir()
    (event / "event.schema.json").symlink_to(shared)
    assert write_scaffold(str(event), bretagne()).schema is Outcome.KEPT
    assert (event / "event.schema.json").is_symlink()
    other = tmp_path / "b"
    (other / "event.schema.json").mkdir(parents=True)
    written = write_scaffold(str(other), bretagne(), force=True)
    assert written.schema is Outcome.KEPT_FOLDER
    assert (other / "event.schema.json").is_dir()


def test_a_file_that_appears_while_init_renders_is_never_replaced(tmp_path, monkeypatch) -> None:
    import rzn.scaffold.write as write

    def meanwhile() -> str:
        (tmp_path / "event.yaml").write_text("title: écrit entre-temps\n", encoding="utf-8")
        return "{}"

    monkeypatch.setattr(write, "render_schema", meanwhile)
    with pytest.raises(ScaffoldError, match="vient d'être créé par un autre programme"):
        write_scaffold(str(tmp_path), bretagne())
    assert (tmp_path / "event.yaml").read_text(encoding="utf-8") == "title: écrit entre-temps\n"
    assert sorted(os.listdir(tmp_path)) == ["event.yaml"]  # no temporary file left behind


def test_create_file_never_replaces_and_works_without_hard_links(tmp_path, monkeypatch) -> None:
    from rzn.scaffold.write import create_file

    (tmp_path / "pris").write_text("à moi", encoding="utf-8")
    (tmp_path / "lien").symlink_to(tmp_path / "nulle-part")
    assert not create_file(str(tmp_path / "pris"), "rzn")
    assert not create_file(str(tmp_path / "lien"), "rzn")
    assert (tmp_path / "pris").read_text(encoding="utf-8") == "à moi"
    assert not (tmp_path / "nulle-part").exists()

    def no_links(source: str, target: str) -> None:
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_links)  # a disk without hard links (FAT, some shares)
    assert create_file(str(tmp_path / "neuf"), "rzn")
    assert (tmp_path / "neuf").read_text(encoding="utf-8") == "rzn"
    assert sorted(os.listdir(tmp_path)) == ["lien", "neuf", "pris"]
