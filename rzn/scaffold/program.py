"""The skeleton of the day ``rzn init`` writes: the vade-mecum's "trame type" fitted to the
day's hours, its speakers to find and its budget lines, each with the comment that says why.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from rzn.model.event import Format, ItemKind
from rzn.model.placeholder import PLACEHOLDER

PLENARY = "Salle plénière"
WORKSHOP_ROOMS = ("Salle atelier 1", "Salle atelier 2")


@dataclass(frozen=True)
class Seq:
    """One sequence of the skeleton; ``why`` becomes the comment above it."""

    title: str
    kind: ItemKind
    why: str
    speakers: tuple[str, ...] = ()
    room: str | None = None
    description: str | None = None


@dataclass(frozen=True)
class Slot:
    """Sequences that run side by side, with their length on a 09:00–17:00 day."""

    minutes: int
    seqs: tuple[Seq, ...]


def _one(minutes: int, seq: Seq) -> Slot:
    return Slot(minutes, (seq,))


def _welcome(fmt: Format) -> Seq:
    if fmt is Format.IN_PERSON:
        return Seq(
            "Accueil café et émargement",
            ItemKind.WELCOME,
            "Accueil : un moment convivial, qui facilite les échanges informels.",
        )
    return Seq(
        "Accueil sur place et en ligne, prise en main de l'outil"
        if fmt is Format.HYBRID
        else "Accueil et prise en main de l'outil",
        ItemKind.WELCOME,
        "Animation à distance : « indiquez les règles d'utilisation de l'outil » et faites "
        "un tour d'écran dans le tchat.",
        room=PLENARY if fmt is Format.HYBRID else None,
        description=(
            "Règles d'utilisation de l'outil : activer et couper micro et caméra, poser ses "
            "questions dans le tchat. Chacun se présente dans le tchat (tour d'écran). Toutes "
            "les questions peuvent être posées."
        ),
    )


def _room(fmt: Format, name: str) -> str | None:
    return None if fmt is Format.ONLINE else name


def _talk(fmt: Format) -> Seq:
    return Seq(
        "Conférence d'ouverture : état des lieux de la transition numérique des associations",
        ItemKind.TALK,
        "Apport théorique, pour lancer la journée (état des lieux, freins et leviers…).",
        ("ouverture",),
        _room(fmt, PLENARY),
    )


def _round_table(fmt: Format) -> Seq:
    return Seq(
        "Table ronde : menaces et opportunités du numérique pour les associations",
        ItemKind.ROUND_TABLE,
        "Apport théorique : un regard plus large, avec un expert et un acteur du territoire.",
        ("expert", "ouverture"),
        _room(fmt, PLENARY),
    )


def _qa(fmt: Format) -> Seq:
    return Seq(
        "Questions des participants",
        ItemKind.QA,
        "Animation à distance : « ouvrez plusieurs sessions de questions » et réservez un "
        "vrai temps pour y répondre.",
        room=_room(fmt, PLENARY),
        description=(
            "Questions posées dans le tchat et, sur place, au micro."
            if fmt is Format.HYBRID
            else "Questions posées dans le tchat ou au micro, lues par l'animateur."
        ),
    )


def _workshops(fmt: Format) -> tuple[Seq, ...]:
    why = "Apport pratique : zooms thématiques en sous-groupes, adaptés aux besoins."
    if fmt is Format.ONLINE:
        # Online, parallel items would overlap (no rooms): one item, several breakout rooms.
        return (
            Seq(
                "Ateliers en sous-groupes : mobiliser des bénévoles / collaborer à distance",
                ItemKind.WORKSHOP,
                why + " En ligne : un salon (sous-groupe) par atelier.",
                ("atelier-1", "atelier-2"),
                description="Un salon par thème ; restitution en plénière à la fin.",
            ),
        )
    remote = " Un salon en ligne accueille les participants à distance." if fmt.has_remote else ""
    return (
        Seq(
            "Atelier : mobiliser des bénévoles",
            ItemKind.WORKSHOP,
            why + remote,
            ("atelier-1",),
            WORKSHOP_ROOMS[0],
        ),
        Seq(
            "Atelier : communiquer sur les réseaux sociaux",
            ItemKind.WORKSHOP,
            why,
            ("atelier-2",),
            WORKSHOP_ROOMS[1],
        ),
    )


def _testimony(fmt: Format) -> Seq:
    return Seq(
        "Retours d'expériences d'associations du territoire",
        ItemKind.TESTIMONY,
        "Apport pratique : donner la parole à une association pour un témoignage."
        + (" À distance, un·e participant·e peut aussi témoigner." if fmt.has_remote else ""),
        ("temoin",),
        _room(fmt, PLENARY),
    )


def _barcamp(fmt: Format) -> Seq:
    online = (
        " En ligne : les sous-groupes permettent de travailler à plusieurs."
        if fmt is Format.ONLINE
        else ""
    )
    return Seq(
        "Barcamp : les participants proposent les sujets",
        ItemKind.BARCAMP,
        "Apport pratique : varier les formats, pour s'adapter à la diversité des participants."
        + online,
        room=_room(fmt, PLENARY),
    )


def _break() -> Seq:
    return Seq("Pause", ItemKind.BREAK, "")


def _closing(fmt: Format) -> Seq:
    return Seq(
        "Clôture et évaluation à chaud",
        ItemKind.CLOSING,
        "Clôture : remerciements, suites de la rencontre et questionnaire d'évaluation.",
        room=_room(fmt, PLENARY),
    )


def _morning(fmt: Format) -> list[Slot]:
    slots = [_one(30, _welcome(fmt))]
    if fmt.has_remote:
        slots += [_one(45, _talk(fmt)), _one(15, _qa(fmt))]
    else:
        slots += [_one(60, _talk(fmt))]
    return [*slots, _one(15, _break()), Slot(75, _workshops(fmt))]


def _afternoon(fmt: Format) -> list[Slot]:
    if fmt.has_remote:
        slots = [_one(45, _round_table(fmt)), _one(15, _qa(fmt))]
    else:
        slots = [_one(60, _round_table(fmt))]
    return [
        *slots,
        _one(30, _testimony(fmt)),
        _one(15, _break()),
        _one(75, _barcamp(fmt)),
        _one(30, _closing(fmt)),
    ]


def _half_day(fmt: Format, minutes: int) -> list[Slot]:
    slots = [*_morning(fmt), _one(30, _testimony(fmt)), _one(30, _closing(fmt))]
    if minutes < 180:
        slots = [s for s in slots if s.seqs[0].kind is not ItemKind.BREAK]
    return slots


# Lunch windows to try, in order: a long lunch if the day allows it, else a shorter one.
_LUNCHES = ((12 * 60, 90), (12 * 60, 60), (12 * 60 + 30, 60))
_MIN_HALF = 120


@dataclass(frozen=True)
class Planned:
    """A skeleton sequence placed in the day."""

    start: dt.time
    duration: int
    seq: Seq


def plan_program(fmt: Format, start: dt.time, end: dt.time) -> list[Planned]:
    """The trame type fitted to the day's hours: lunch at noon when the day spans it."""
    first, last = minute_of_day(start), minute_of_day(end)
    for lunch, length in _LUNCHES:
        if lunch - first >= _MIN_HALF and last - (lunch + length) >= _MIN_HALF:
            meal = Seq("Déjeuner", ItemKind.MEAL, "Déjeuner : le temps des mises en réseau.")
            return [
                *_fit(_morning(fmt), first, lunch),
                Planned(clock(lunch), length, meal),
                *_fit(_afternoon(fmt), lunch + length, last),
            ]
    return _fit(_half_day(fmt, last - first), first, last)


def _fit(slots: Sequence[Slot], first: int, last: int) -> list[Planned]:
    """Scale the nominal lengths to [first, last], on 5-minute steps, never empty."""
    span, nominal, step = last - first, sum(s.minutes for s in slots), 5
    assert span >= step * len(slots), "the day is long enough by construction"
    bounds = [0]
    elapsed = 0
    for slot in slots[:-1]:
        elapsed += slot.minutes
        bounds.append(round(elapsed * span / nominal / step) * step)
    bounds.append(span)
    # Rounding may squeeze a slot to nothing: keep each at least one step long.
    for i in range(1, len(bounds) - 1):
        bounds[i] = max(bounds[i], bounds[i - 1] + step)
    for i in range(len(bounds) - 2, 0, -1):
        bounds[i] = min(bounds[i], bounds[i + 1] - step)
    planned = []
    for slot, begin, finish in zip(slots, bounds, bounds[1:], strict=False):
        for seq in slot.seqs:
            planned.append(Planned(clock(first + begin), finish - begin, seq))
    return planned


# --- Speakers and budget ------------------------------------------------------------------


@dataclass(frozen=True)
class SpeakerSlot:
    id: str
    name: str
    local: bool
    why: str


SPEAKERS = (
    SpeakerSlot(
        "ouverture",
        f"{PLACEHOLDER} : intervenant·e de la conférence d'ouverture",
        True,
        "Ancré sur le territoire : PANA, Hub connecté, CHATONS, établissement "
        "d'enseignement, agent de l'ANCT ou de la Banque des territoires…",
    ),
    SpeakerSlot(
        "expert",
        f"{PLACEHOLDER} : expert·e de la table ronde",
        False,
        "Une vision plus macro des enjeux : MedNum, Fing, Mission Société numérique, "
        "Le Mouton Numérique, membre du COPIL national…",
    ),
    SpeakerSlot(
        "atelier-1",
        f"{PLACEHOLDER} : animateur·rice du premier atelier",
        True,
        "Apports pratiques : de préférence un acteur du territoire (PANA, tête de réseau…).",
    ),
    SpeakerSlot(
        "atelier-2",
        f"{PLACEHOLDER} : animateur·rice du second atelier",
        True,
        "Pour faire remonter les idées inspirantes : PANA, têtes de réseau, Carrefour des "
        "innovations sociales.",
    ),
    SpeakerSlot(
        "temoin",
        f"{PLACEHOLDER} : association du territoire qui témoigne",
        True,
        "Un retour d'expérience concret, qui donne à voir les projets communs.",
    ),
)


@dataclass(frozen=True)
class BudgetSlot:
    label: str
    category: str
    why: str


_REMOTE_BUDGET = (
    BudgetSlot(
        "Licence du logiciel de visioconférence",
        "videoconference",
        "En distanciel : un logiciel performant, qui permet les sous-groupes.",
    ),
)
_VENUE_BUDGET = (
    BudgetSlot("Location de la salle", "venue", "En présentiel, avoir en tête :"),
    BudgetSlot("Régisseur (son, vidéoprojection)", "technician", ""),
    BudgetSlot("Agent de sécurité", "security", ""),
    BudgetSlot("Café, repas, collations et eau des intervenants et organisateurs", "catering", ""),
    BudgetSlot("Mesures sanitaires (gel, masques…)", "sanitary", ""),
    BudgetSlot("Signalétique et kakémonos", "signage", ""),
)
_HYBRID_BUDGET = (
    BudgetSlot(
        "Captation et retransmission (caméra, micros, connexion)",
        "equipment",
        "En hybride : les participants à distance doivent voir et entendre la salle.",
    ),
)
_ALWAYS_BUDGET = (
    BudgetSlot(
        "Mise en page et impression (flyers, programmes, comptes rendus)",
        "printing",
        "Dans tous les cas :",
    ),
    BudgetSlot("Déplacements des intervenants et organisateurs", "travel", ""),
    BudgetSlot("Hébergement des intervenants", "accommodation", ""),
)


def budget_lines(fmt: Format) -> list[BudgetSlot]:
    lines: list[BudgetSlot] = []
    if fmt.has_remote:
        lines += _REMOTE_BUDGET
    if fmt.has_venue:
        lines += _VENUE_BUDGET
    if fmt is Format.HYBRID:
        lines += _HYBRID_BUDGET
    return lines + list(_ALWAYS_BUDGET)


# --- Rendering ------------------------------------------------------------------------------


def minute_of_day(value: dt.time) -> int:
    return value.hour * 60 + value.minute


def clock(minute: int) -> dt.time:
    return dt.time(*divmod(minute, 60))
