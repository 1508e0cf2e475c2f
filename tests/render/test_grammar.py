"""French grammar of generated texts, over many names and every combination of optional parts.

The expected phrases are written here by hand, as a French writer would write them; the
documents are rendered for real and read back (mail parts with the e-mail package).
"""

from __future__ import annotations

import datetime as dt
import email
import itertools
import re
from email import policy
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rzn.model.event import Event
from rzn.render import grammar
from rzn.render.context import RenderContext
from rzn.render.environment import environment
from rzn.render.registry import all_documents

TODAY = dt.date(2027, 9, 1)

# name → how French says "at" and "of" it
PLACES = {
    "Maison des associations": ("à la Maison des associations", "de la Maison des associations"),
    "Espace Malraux": ("à l'Espace Malraux", "de l'Espace Malraux"),
    "Salle des fêtes": ("à la Salle des fêtes", "de la Salle des fêtes"),
    "Centre social Le Phare": ("au Centre social Le Phare", "du Centre social Le Phare"),
    "Hôtel de ville": ("à l'Hôtel de ville", "de l'Hôtel de ville"),
    "Médiathèque François-Mitterrand": (
        "à la Médiathèque François-Mitterrand",
        "de la Médiathèque François-Mitterrand",
    ),
    "La Turbine": ("à la Turbine", "de la Turbine"),
    "Le 104": ("au 104", "du 104"),
    "L'Atelier": ("à l'Atelier", "de l'Atelier"),
    "Les Champs Libres": ("aux Champs Libres", "des Champs Libres"),
    "Halle aux grains": ("à la Halle aux grains", "de la Halle aux grains"),
    "Pontivy": ("à Pontivy", "de Pontivy"),
    "One Heart": ("à One Heart", "de One Heart"),
    "Orange": ("à Orange", "d'Orange"),
    "Le Mouvement associatif Centre-Val de Loire": (
        "au Mouvement associatif Centre-Val de Loire",
        "du Mouvement associatif Centre-Val de Loire",
    ),
    "Fondation EDF": ("à la Fondation EDF", "de la Fondation EDF"),
    "Ville de Tours": ("à la Ville de Tours", "de la Ville de Tours"),
}
TOWNS = {
    "Tours": ("à Tours", "de Tours"),
    "Le Mans": ("au Mans", "du Mans"),
    "Les Sables-d'Olonne": ("aux Sables-d'Olonne", "des Sables-d'Olonne"),
    "La Rochelle": ("à La Rochelle", "de La Rochelle"),
    "Orléans": ("à Orléans", "d'Orléans"),
}


@pytest.mark.parametrize("name", PLACES)
def test_places_and_organisations_take_their_article(name):
    at, of = PLACES[name]
    assert (grammar.at(name), grammar.of(name)) == (at, of)


@pytest.mark.parametrize("town", TOWNS)
def test_towns_keep_their_own_article_and_contract_le_and_les(town):
    assert (grammar.at(town, town=True), grammar.of(town, town=True)) == TOWNS[town]


def test_the_event_file_says_how_a_name_is_preceded():
    assert grammar.at("DRAJES", "la") == "à la DRAJES"
    assert grammar.of("Atelier Canopé", "none") == "d'Atelier Canopé"
    assert grammar.of("Ateliers du Bocage", "les") == "des Ateliers du Bocage"
    assert grammar.at("Orangerie", "la") == "à l'Orangerie"
    assert grammar.the("Le Lieu", "none") == "Le Lieu"


def test_lists_end_with_et():
    assert grammar.and_list([]) == ""
    assert grammar.and_list(["A"]) == "A"
    assert grammar.and_list(["A", "B"]) == "A et B"
    assert grammar.and_list(["A", "B", "C"]) == "A, B et C"


def test_sentence_gets_its_full_stop_once():
    assert grammar.sentence("Toilettes adaptées") == "Toilettes adaptées."
    assert grammar.sentence("Toilettes adaptées.") == "Toilettes adaptées."
    assert grammar.sentence("Ascenseur ?") == "Ascenseur ?"


def test_without_inclusive_dots():
    text = "les intervenant·es, votre référent·e, débutant·es"
    assert grammar.without_inclusive_dots(text) == "les intervenants, votre référent, débutants"


VENUES = [
    "Maison des associations",
    "Espace associatif du Blavet",
    "Salle des fêtes",
    "Centre social",
    "Hôtel de ville",
    "Médiathèque",
    "La Turbine",
    "Le 104",
    "L'Atelier",
    "Les Champs Libres",
    "Pontivy",
    "The Hub Coworking",
    "Maison des associations de Saint-Brieuc",
]
VENUE_AT = {
    "Maison des associations": "à la Maison des associations",
    "Espace associatif du Blavet": "à l'Espace associatif du Blavet",
    "Salle des fêtes": "à la Salle des fêtes",
    "Centre social": "au Centre social",
    "Hôtel de ville": "à l'Hôtel de ville",
    "Médiathèque": "à la Médiathèque",
    "La Turbine": "à la Turbine",
    "Le 104": "au 104",
    "L'Atelier": "à l'Atelier",
    "Les Champs Libres": "aux Champs Libres",
    "Pontivy": "à Pontivy",
    "The Hub Coworking": "à The Hub Coworking",
    "Maison des associations de Saint-Brieuc": "à la Maison des associations de Saint-Brieuc",
}
ORGANIZERS = [
    "Le Mouvement associatif Centre-Val de Loire",
    "One Heart",
    "Fondation EDF",
    "Ville de Tours",
]
ORGANIZERS_THE = [
    "le Mouvement associatif Centre-Val de Loire",
    "One Heart",
    "la Fondation EDF",
    "la Ville de Tours",
]
PARTNERS_OF = [
    "de la Fondation EDF",
    "de la Ville de Tours",
    "de One Heart",
    "du Crédit Mutuel",
]
PARTNERS = ["Fondation EDF", "Ville de Tours", "One Heart", "Crédit Mutuel"]


def make_event(
    *,
    venue: str = "Maison des associations",
    city: str | None = "Saint-Brieuc",
    format: str = "in_person",
    station: bool = True,
    accessibility: str | None = "Boucle magnétique, toilettes adaptées",
    pmr: bool | None = True,
    partners: int = 2,
    organizers: int = 2,
    online_url: bool = True,
    recording: bool = False,
    inclusive: bool = True,
    address: str = "vous",
    role: str | None = "Référente",
    hours: tuple[str, str] = ("09:00", "17:00"),
) -> Event:
    data: dict[str, Any] = {
        "title": "RéZolutions numériques Côtes-d'Armor",
        "date": "2027-10-14",
        "start": hours[0],
        "end": hours[1],
        "format": format,
        "organizers": [
            {"name": name, "lead": index == 0, "email": f"orga{index}@example.org"}
            for index, name in enumerate(ORGANIZERS[:organizers])
        ],
        "partners": [{"name": name, "role": "funder"} for name in PARTNERS[:partners]],
        "registration_url": "https://example.org/inscription",
        "team": [
            {
                "id": "anne",
                "name": "Anne Le Goff",
                "email": "anne@example.org",
                **({"role": role} if role else {}),
            }
        ],
        "program": [
            {
                "start": "09:30",
                "duration": 60,
                "title": "Table ronde : menaces et opportunités",
                "kind": "round_table",
                "speakers": ["riou", "kerbrat"],
                "referent": "anne",
            },
            {
                "start": "10:45",
                "duration": 75,
                "title": "Atelier : collecter des dons en ligne",
                "kind": "workshop",
                "speakers": ["kerbrat"],
                "referent": "anne",
            },
            {
                "start": "14:00",
                "duration": 60,
                "title": "Barcamp : vos questions",
                "kind": "barcamp",
            },
            {
                "start": "15:00",
                "duration": 60,
                "title": "Retours d'expérience",
                "kind": "testimony",
                "speakers": ["morvan"],
            },
        ],
        "speakers": [
            {
                "id": "riou",
                "name": "Mathieu Riou",
                "email": "m.riou@example.org",
                "referent": "anne",
            },
            {"id": "kerbrat", "name": "Gwenaëlle Kerbrat", "organization": "PANA 22"},
            {"id": "morvan", "name": "Morvan"},
        ],
        "communication": {"recording": recording, "inclusive": inclusive, "address": address},
    }
    if city:
        data["city"] = city
    if format != "online":
        place: dict[str, Any] = {"name": venue, "address": "4 rue de la Gare"}
        if station:
            place |= {"nearest_station": "Saint-Brieuc", "station_walk_minutes": 10}
        if accessibility:
            place["accessibility"] = accessibility
        if pmr is not None:
            place["pmr_accessible"] = pmr
        data["venue"] = place
        data["fallback"] = {"platform": "BigBlueButton"}
    if format != "in_person":
        data["online"] = {"platform": "BigBlueButton"} | (
            {"url": "https://visio.example.org/rzn"} if online_url else {}
        )
    if format == "online":
        data.pop("city", None)
    return Event.model_validate(data)


TEXT_DOCUMENTS = ("mailings", "switch-online", "social-posts", "speaker-briefs", "run-sheet")


def texts(event: Event, documents: tuple[str, ...] = TEXT_DOCUMENTS) -> dict[str, str]:
    """The prose of the documents written to people, read back from the files."""
    ctx = RenderContext(event, TODAY, environment(()), Path("."))
    builders = all_documents()
    found: dict[str, str] = {}
    for name in documents:
        for output in builders[name](ctx):
            if output.path.endswith(".eml"):
                message = email.message_from_bytes(output.content, policy=policy.default)
                body = message.get_body(("plain",))
                assert body is not None
                found[output.path] = f"{message['Subject']}\n{body.get_content()}".replace(
                    "\r\n", "\n"
                )
            elif output.path.endswith(".md"):
                found[output.path] = output.content.decode("utf-8")
    return found


PROBLEMS = [
    (re.compile(r"\b(?:à|de|par|avec) (?:Le|Les|La|L')\s?\w"), "article capitalisé"),
    (re.compile(r"\b(?:à|de) (?:le|les) "), "contraction manquante"),
    (
        re.compile(r"\bà (?:Maison|Espace|Salle|Centre|Hôtel|Médiathèque|Fondation|Ville)\b"),
        "article manquant",
    ),
    (re.compile(r"\((?:table ronde|atelier|barcamp)\)"), "type répété après le titre"),
    (re.compile(r"[^\s.!?:;…»)\]] Pour tout besoin"), "phrase sans point"),
    (re.compile(r"[ \u00a0\u202f][,.](?!\.)"), "espace avant une virgule ou un point"),
    (re.compile(r",\s*[,.]|\.\.(?!\.)|[^.]\.\.$"), "ponctuation doublée"),
    (re.compile(r"\b(?!vous\b|nous\b)(\w+) \1\b", re.IGNORECASE), "mot répété"),
    (re.compile(r"(?<![|\-]) [:;!?»]|« "), "espace ordinaire devant : ; ! ? » ou après «"),
    (re.compile(r"\d [€%h]\b|\d h \d"), "espace ordinaire dans un nombre"),
    (re.compile(r"\bavec\s*[.,]|\bpar\s*[.,]|\bsoutien\s*$", re.MULTILINE), "liste vide"),
]


def problems(text: str) -> list[str]:
    found = []
    for line in text.splitlines():
        if line.startswith("|") or line.startswith("#"):  # tables and headings: not prose
            continue
        for pattern, what in PROBLEMS:
            match = pattern.search(line)
            if match:
                found.append(f"{what} : {line.strip()!r}")
    return found


def check(event: Event, venue: str | None = None) -> None:
    documents = texts(event)
    invitation = documents["mailings/invitation-j30.eml"]
    for path, text in documents.items():
        assert problems(text) == [], path
        assert "\u202f" not in text, path  # plain text and Markdown: U+00A0 only
        if venue is not None and "Saint-Brieuc" in venue:
            assert "(Saint-Brieuc)" not in text, path
    if venue is not None and event.format.value != "online":
        assert VENUE_AT[venue] in invitation
    organizers = ORGANIZERS_THE[: len(event.organizers)]
    if len(organizers) > 1:
        assert f"Coorganisée par {grammar.and_list(organizers)}" in invitation.replace(
            "\u00a0", " "
        )
    if event.partners:
        partners = PARTNERS_OF[: len(event.partners)]
        assert f"Avec le soutien {grammar.and_list(partners)}" in invitation


@pytest.mark.parametrize("venue", VENUES)
@pytest.mark.parametrize("format", ["in_person", "hybrid", "online"])
def test_every_venue_name_in_every_format(venue, format):
    check(make_event(venue=venue, format=format), venue)


# The optional parts, grouped by the sentences they meet in: every combination of each
# group is rendered (the groups are independent, so they are paired, not multiplied).
VENUE_PARTS = list(
    itertools.product(
        [True, False],  # station
        [None, "Boucle magnétique, toilettes adaptées", "Ascenseur."],  # accessibility
        [True, False, None],  # pmr
    )
)
LIST_PARTS = list(itertools.product([0, 1, 2, 4], [1, 2, 4]))  # partners, organizers
REMOTE_PARTS = list(itertools.product([True, False], [True, False], [True, False]))
"""Online link, recording, city."""


@pytest.mark.parametrize("address", ["vous", "tu"])
@pytest.mark.parametrize("format", ["in_person", "hybrid"])
def test_every_combination_of_optional_parts(format, address):
    rounds = max(len(VENUE_PARTS), len(LIST_PARTS), len(REMOTE_PARTS))
    for index in range(rounds):
        station, access, pmr = VENUE_PARTS[index % len(VENUE_PARTS)]
        partners, organizers = LIST_PARTS[index % len(LIST_PARTS)]
        url, recording, city = REMOTE_PARTS[index % len(REMOTE_PARTS)]
        venue = VENUES[index % len(VENUES)]
        event = make_event(
            venue=venue,
            format=format,
            station=station,
            accessibility=access,
            pmr=pmr,
            partners=partners,
            organizers=organizers,
            online_url=url,
            recording=recording,
            city="Saint-Brieuc" if city else None,
            address=address,
            inclusive=index % 2 == 0,
        )
        check(event, venue)


def test_kind_is_not_repeated_after_a_title_holding_it():
    invitation = texts(make_event())["mailings/invitation-j30.eml"]
    assert "Table ronde\u00a0: menaces et opportunités, avec" in invitation
    assert "Retours d'expérience (témoignage), avec Morvan" in invitation


def test_online_is_not_repeated_after_a_title_saying_it():
    event = make_event(format="online").model_copy(update={"title": "Rencontre en ligne"})
    invitation = texts(event, ("mailings",))["mailings/invitation-j30.eml"]
    assert (
        "«\u00a0Rencontre en ligne\u00a0», le jeudi 14 octobre 2027 de 9\u00a0h à 17\u00a0h, "
        "à distance." in invitation
    )


def test_the_article_written_in_the_event_file_is_used():
    event = make_event(venue="Ty Coz")
    assert "à Ty Coz (Saint-Brieuc)" in texts(event, ("mailings",))["mailings/invitation-j30.eml"]
    data = event.model_dump(mode="json", exclude_none=True)
    data["venue"]["article"] = "le"
    data["organizers"][1]["article"] = "none"
    data["partners"][0]["article"] = "le"
    chosen = Event.model_validate(data)
    invitation = texts(chosen, ("mailings",))["mailings/invitation-j30.eml"]
    assert "au Ty Coz (Saint-Brieuc)" in invitation
    assert "Avec le soutien du Fondation EDF et de la Ville de Tours" in invitation


def test_city_is_not_repeated_when_the_venue_name_holds_it():
    event = make_event(venue="Maison des associations de Saint-Brieuc")
    assert "à la Maison des associations de Saint-Brieuc." in texts(event)[
        "mailings/invitation-j30.eml"
    ].replace("\u00a0", " ")
    other = make_event(venue="Maison des associations")
    assert (
        "à la Maison des associations (Saint-Brieuc)" in texts(other)["mailings/invitation-j30.eml"]
    )


def test_speaker_letters_greet_by_first_name_and_use_the_senders_title():
    letters = texts(make_event(), ("speaker-briefs",))
    riou = letters["speakers/riou/1-bilateral.eml"]
    assert "\nBonjour Mathieu,\n" in riou
    assert "Je serai votre référente dans l'équipe d'organisation" in riou
    assert "\nBonjour,\n" in letters["speakers/morvan/1-bilateral.eml"]  # no first name known
    neutral = texts(make_event(role="Coordination"), ("speaker-briefs",))
    assert "Je serai votre référent·e dans" in neutral["speakers/riou/1-bilateral.eml"]


def test_without_inclusive_writing_the_whole_event_says_so():
    documents = texts(make_event(inclusive=False, role=None))
    assert not [path for path, text in documents.items() if "·" in text]
    assert "Je serai votre référent dans" in documents["speakers/riou/1-bilateral.eml"]
    assert any("·" in text for text in texts(make_event()).values())


def test_half_day_and_last_reminder_wording():
    event = make_event(hours=("14:00", "17:30"))
    event = event.model_copy(
        update={"communication": event.communication.model_copy(update={"mailings": [30, 1]})}
    )
    reminder = texts(event, ("mailings",))["mailings/reminder-j1.eml"]
    assert "une demi-journée pour avancer" in reminder
    assert "Derniers jours" not in reminder
    assert "Inscrivez-vous dès aujourd'hui\u00a0!" in reminder  # plain text: no narrow space


_NAME_PARTS = st.text(st.sampled_from(list("aAéÉèœ-'’_.,() \u00a0sSalle")), max_size=12)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.tuples(_NAME_PARTS, _NAME_PARTS), min_size=1, max_size=8))
def test_cached_fold_answers_as_computed_afresh(pairs: list[tuple[str, str]]) -> None:
    # Asked twice, in any order, over names that differ only by accents, case or hyphens:
    # the cached answer is always the one the function computes.
    for haystack, needle in pairs + pairs[::-1]:
        assert grammar._fold(haystack) == grammar._fold.__wrapped__(haystack)
        assert grammar._fold(needle) == grammar._fold.__wrapped__(needle)


def test_cached_fold_knows_markup_and_plain_text_alike() -> None:
    from markupsafe import Markup

    assert grammar.says_kind(Markup("Table ronde : l'emploi"), "Table ronde")
    assert grammar.says_kind("Table ronde : l'emploi", Markup("Table ronde"))
    assert not grammar.contains(Markup("Salle &amp; Co"), "salle & co")


# The pattern without_inclusive_dots was first written with (a look-behind first, so tried
# at every position): the reference its faster form must always agree with.
_INCLUSIVE_REFERENCE = re.compile(
    r"(?<=\w)·(?:e|es|rice|rices|trice|trices|euse|euses|ve|ves|le|les|ne|nes|ta)\b"
)


def _without_dots_reference(text: str) -> str:
    return _INCLUSIVE_REFERENCE.sub(lambda m: "s" if m.group(0).endswith("s") else "", text)


@settings(max_examples=2000, deadline=None)
@given(st.text(st.sampled_from(list("··aeiclnrstuv é-_1\n")), max_size=40))
def test_without_inclusive_dots_equals_the_reference_pattern(text: str) -> None:
    assert grammar.without_inclusive_dots(text) == _without_dots_reference(text)


def test_without_inclusive_dots_equals_the_reference_on_the_examples_documents() -> None:
    from rzn.render import build_documents
    from tests.conftest import EXAMPLES

    checked = 0
    for event in sorted(EXAMPLES.glob("*/event.yaml")):
        _, files = build_documents(str(event), dt.date(2027, 9, 1))
        for file in files:
            if file.path.endswith((".md", ".html", ".txt", ".eml", ".ics", ".csv")):
                text = file.content.decode("utf-8")
                assert grammar.without_inclusive_dots(text) == _without_dots_reference(text)
                checked += "·" in text
    assert checked > 50
