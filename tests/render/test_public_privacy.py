"""Nothing private reaches public/ nor the site: a sentinel in every field of the event file.

Every text the event file can hold gets its own sentinel (``zqprivNN``); so do the
registrations and answers exports. The public files may show only the sentinels of
fields the public page is made of, and never one of a field marked private. The test
also walks the model: a field added later without a sentinel here fails it, so that
someone decides whether it is public.
"""

from __future__ import annotations

import re
import typing
from pathlib import Path

import pytest
from pydantic import BaseModel

from rzn.model.event import Event, PrivateField

EVENT = """\
title: Rencontre zqpub01
slug: zqpub02
date: 2027-11-18
format: hybrid
region: Région zqpub03
city: Ville zqpub04
expected_participants: 80
organizers:
  - name: Association zqpub05
    lead: true
    email: zqpriv06@example.org
    phone: "06 00 00 00 06 zqpriv07"
    website: https://example.org/zqpriv08
    contact: Contact zqpriv09
    logo: logos/zqpriv70.png
partners:
  - {name: Partenaire zqpriv10, role: funder, website: https://example.org/zqpriv11,
     logo: logos/zqpriv71.png}
objectives:
  - Objectif zqpriv12
political_support: [Élue zqpriv13]
team:
  - id: zqpriv14
    name: Équipière zqpriv15
    organization: Structure zqpriv16
    role: Rôle zqpriv17
    email: zqpriv18@example.org
    phone: "06 zqpriv19"
venue:
  name: Lieu zqpub20
  address: Adresse zqpriv21
  nearest_station: Gare zqpriv22
  station_walk_minutes: 10
  public_transport: Tram zqpriv23
  parking: Parking zqpriv24
  pmr_accessible: true
  accessibility: Boucle zqpriv25
  rooms:
    - {name: Salle zqpriv26, capacity: 100, kind: plenary, setup: Théâtre zqpriv27}
  projector: true
  sound: true
  wifi: Wifi zqpriv28
  booking_contact: Réservation zqpriv29
online:
  platform: Outil zqpub30
  url: https://visio.example.org/zqpriv31
  dial_in: Téléphone zqpriv32
  moderator: Modération zqpriv33
  breakout_rooms: true
fallback:
  platform: Secours zqpriv34
  url: https://example.org/zqpriv35
  notes: Notes zqpriv36
  reason: Raison zqpriv78
registration_url: https://example.org/zqpub37
registrations: inscriptions.csv
registration_columns: {email: Courriel}
answers: reponses.csv
answer_columns: {comments: Commentaires}
program:
  - id: zqpub72
    start: "09:30"
    duration: 60
    title: Séquence zqpub38
    kind: talk
    speakers: [zqpriv39]
    room: Salle zqpriv26
    description: Contenu zqpriv40
    flow: [Étape zqpriv41]
    equipment: [Micro zqpriv42]
    referent: Référent zqpriv43
speakers:
  - id: zqpriv39
    name: Intervenante zqpriv44
    first_name: Prénom zqpriv77
    organization: Structure zqpriv45
    title: Fonction zqpriv46
    email: zqpriv47@example.org
    phone: "06 zqpriv48"
    local: true
    bio: Bio zqpriv49
    referent: Référent zqpriv50
budget:
  lines:
    - {label: Dépense zqpriv51, category: venue, amount: 100, note: Devis zqpriv52}
  income:
    - {source: Financeur zqpriv53, amount: 100}
communication:
  hashtag: "#zqpriv54"
  sender: {name: Expéditrice zqpriv55, email: zqpriv56@example.org}
  website: https://example.org/zqpub57/
  evaluation_url: https://example.org/zqpriv79
  recording_url: https://example.org/zqpriv80
preparation:
  bilateral_slots: [Créneau zqpriv81]
  rehearsal: {date: 2027-11-10, start: "18:00", place: Lieu zqpriv82}
tasks:
  done: []
  not_done: [zqpriv73]
  owners: {zqpriv74: zqpriv75}
  due: {zqpriv76: 2027-11-10}
  summer_break: {start: "07-20", end: "08-20"}
check:
  ignore: {weekend: Raison zqpriv58}
public:
  summary: Présentation zqpub59
  free: true
  online_link: false
  private: [venue.address, venue.access, venue.accessibility, program.room,
            program.description, speakers, speakers.details, objectives, partners,
            organizers.website, communication.hashtag]
  slides: https://example.org/zqpub60
  recording: https://example.org/zqpub61
  photos: https://example.org/zqpub62
  report: https://example.org/zqpub63
"""

REGISTRATIONS = """\
Nom,Prénom,Courriel,Association,Ateliers,Présent
Inscrite zqpriv64,Prénom zqpriv65,zqpriv66@example.org,Asso zqpriv67,Séquence zqpub38,oui
"""

ANSWERS = """\
overall_satisfaction,digital_level,age_band,Commentaires
Très satisfait,Débutant,45 à 54 ans,Commentaire zqpriv68 zqpriv69@example.org
"""

SENTINEL = re.compile(rb"zq(pub|priv)(\d\d)")

# Public fields: what the page is made of, and what the event file did not mark private.
# 72: a session's id, which may name its calendar entry (a UID, nothing personal).
PUBLIC = {f"zqpub{n:02d}" for n in (1, 2, 3, 4, 5, 20, 30, 37, 38, 57, 59, 60, 61, 62, 63, 72)}


def _texts(model: type[BaseModel], prefix: str = "") -> set[str]:
    """Every text field of the model, as ``venue.rooms.name``."""
    found = set()
    for name, info in model.model_fields.items():
        for kind in typing.get_args(info.annotation) or (info.annotation,):
            inner = typing.get_args(kind) or (kind,)
            for candidate in (kind, *inner):
                if isinstance(candidate, type) and issubclass(candidate, BaseModel):
                    found |= _texts(candidate, f"{prefix}{name}.")
        if "str" in str(info.annotation) or "Annotated" in str(info.annotation):
            found.add(f"{prefix}{name}")
    return found


# Numbers, times and the time zone: no room for a sentinel (and nothing personal).
NOT_TEXT = {
    "budget.lines.quantity",
    "budget.lines.unit_cost",
    "communication.mailings",
    "program.end",
    "timezone",
    "tasks.done",
    "preparation.rehearsal.date",
    "preparation.rehearsal.start",
    "charter.primary",
    "charter.secondary",
    "charter.font",
}


def test_every_text_field_of_the_model_holds_a_sentinel():
    import yaml

    data = yaml.safe_load(EVENT)
    covered = set()

    def walk(value: object, path: str) -> None:
        if isinstance(value, dict):
            for key, inner in value.items():
                walk(inner, f"{path}{key}." if not path.endswith("ignore.") else path)
                covered.add(f"{path}{key}")
        elif isinstance(value, list):
            for inner in value:
                walk(inner, path)

    walk(data, "")
    covered = {c.replace("ignore.weekend", "ignore") for c in covered}
    missing = {field for field in _texts(Event) if field not in covered and field not in NOT_TEXT}
    assert not missing, f"champs sans sentinelle (à classer public ou privé) : {sorted(missing)}"
    assert {p.value for p in PrivateField} <= set(data["public"]["private"])


@pytest.fixture
def sentinel_event(tmp_path: Path) -> Path:
    folder = tmp_path / "evenement"
    folder.mkdir()
    (folder / "inscriptions.csv").write_text(REGISTRATIONS, encoding="utf-8")
    (folder / "reponses.csv").write_text(ANSWERS, encoding="utf-8")
    path = folder / "event.yaml"
    path.write_text(EVENT, encoding="utf-8")
    return path


def _found(folder: Path) -> set[str]:
    found = set()
    for path in folder.rglob("*"):
        if path.is_file() and ".rzn" not in path.relative_to(folder).parts[0]:
            found |= {m.group(0).decode() for m in SENTINEL.finditer(path.read_bytes())}
    return found


@pytest.mark.parametrize("today", ["2027-09-01", "2027-12-01"])
def test_public_folder_holds_no_private_sentinel(rzn, tmp_path, sentinel_event, today):
    out = tmp_path / "out"
    result = rzn("render", str(sentinel_event), "-o", str(out), "--today", today)
    assert result.code == 0, result.out + result.err
    everything = _found(out)
    # The internal documents do hold private data (so the sentinels are really read)…
    assert {"zqpriv15", "zqpriv44", "zqpriv31", "zqpriv65"} <= everything
    # …the public folder only what is public.
    public = _found(out / "public")
    assert public - PUBLIC == set()
    assert {"zqpub01", "zqpub20", "zqpub37", "zqpub38", "zqpub59"} <= public
    if today == "2027-12-01":  # after the day, the shared links
        assert {"zqpub60", "zqpub61", "zqpub62", "zqpub63"} <= public


def test_site_holds_no_private_sentinel(rzn, tmp_path, sentinel_event):
    out = tmp_path / "site"
    result = rzn(
        "site", str(sentinel_event), "-o", str(out), "--today", "2027-09-01",
        "--url", "https://example.org/agenda/",
    )  # fmt: skip
    assert result.code == 0, result.out + result.err
    found = _found(out)
    assert found - PUBLIC == set()
    assert {"zqpub01", "zqpub03", "zqpub37", "zqpub59"} <= found
