"""The remote-animation cues of the run sheet, at the moment each applies.

For online and hybrid events, the vade-mecum's remote-animation practices
("Animation à distance") become cues inserted in the "conducteur minuté":
tool rules and checks at the start, a screen round, question times after
each talk, one participant testimony, breakout rooms for workshops.
:mod:`rzn.render.documents.run_sheet` places them among the programme items.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from rzn.model.event import Event, Format, ItemKind, ProgramItem
from rzn.render.grammar import and_list

SMALL_GROUP = 30
"""Up to this many participants, the vade-mecum's "identify participants on entry" applies."""


@dataclass(frozen=True)
class Cue:
    """A remote-animation practice of the vade-mecum, at the moment it applies.

    ``kind`` is stable (``opening``, ``screen-round``, ``questions``, ``testimony``,
    ``breakout``, ``breakout-end``, ``evaluation``) so that an overriding template can
    reword a cue by kind.
    """

    kind: str
    start: dt.time
    title: str
    points: list[str] = field(default_factory=list)
    is_cue: bool = True


def minute_time(minute: int) -> dt.time:
    minute = max(0, min(minute, 24 * 60 - 1))
    return dt.time(*divmod(minute, 60))


def _question_slot(minutes: int) -> int:
    """A real time for questions: a quarter of the item, 5 to 15 minutes."""
    return max(5, min(15, (minutes // 4) // 5 * 5))


# Where a row goes among those at the same minute: cues announced before the items come first.
BEFORE, ITEM, AFTER = 0, 1, 2


def remote_cues(event: Event, items: Sequence[ProgramItem]) -> Iterator[tuple[int, int, Cue]]:
    """(minute, phase, cue) for every remote-animation practice of the vade-mecum.

    ``items`` is the programme in time order.
    """
    if not event.format.has_remote:
        return
    if not items:
        return
    hybrid = event.format is Format.HYBRID
    online = event.online
    platform = online.platform if online and online.platform else "l'outil de visioconférence"
    moderator = online.moderator if online and online.moderator else None
    remote = "les participants à distance" if hybrid else "les participants"
    to_remote = "aux participants à distance" if hybrid else "aux participants"
    relay = f" ; {moderator} relaie les questions du tchat" if moderator else ""

    yield from _opening_cues(event, items[0], platform, remote, to_remote)
    yield from _question_cues(items, relay)
    yield from _breakout_cues(event, items, remote)

    closing = next((i for i in items if i.kind is ItemKind.CLOSING), items[-1])
    yield (
        closing.start_minute,
        AFTER,
        Cue(
            "evaluation",
            closing.start,
            "Questionnaire d'évaluation",
            [
                "Partager dans le tchat le lien du questionnaire d'évaluation et laisser quelques "
                "minutes pour y répondre."
            ],
        ),
    )


def _opening_cues(
    event: Event, first: ProgramItem, platform: str, remote: str, to_remote: str
) -> Iterator[tuple[int, int, Cue]]:
    """The tool's rules and checks as the room opens, then a round of screens."""
    opening = [
        f"Indiquer les règles d'utilisation de {platform} : micro coupé hors prise de parole, "
        "questions posées dans le tchat.",
        f"Demander {to_remote} de se présenter dans le tchat et de repérer comment activer et "
        "désactiver micro et caméra : c'est la vérification de l'accessibilité de l'outil.",
        "Garder le déroulé sous les yeux (sur papier ou un autre écran) pour ne pas perdre "
        "l'attention des participants.",
        "Instaurer un climat détendu et bienveillant : toutes les questions peuvent être posées.",
    ]
    small = event.expected_participants is None or event.expected_participants <= SMALL_GROUP
    if small:
        opening.insert(
            0,
            f"Identifier {remote} dès leur entrée, la liste des participants attendus en main "
            "(si le groupe est restreint).",
        )
    yield (
        first.start_minute,
        BEFORE,
        Cue("opening", first.start, "Ouverture de la salle virtuelle", opening),
    )
    yield (
        first.start_minute,
        AFTER,
        Cue(
            "screen-round",
            first.start,
            "Tour d'écran",
            [
                f"Proposer {to_remote} un tour « d'écran » : chacun se présente en quelques "
                "mots, au micro ou dans le tchat."
            ],
        ),
    )


def _question_cues(items: Sequence[ProgramItem], relay: str) -> Iterator[tuple[int, int, Cue]]:
    """A real time for questions after each talk, the question sessions, one testimony."""
    testimony_placed = False
    for item in items:
        if item.kind is ItemKind.TESTIMONY and not testimony_placed:
            testimony_placed = True
            yield item.start_minute, AFTER, _testimony_cue(item.start)

    theory = [item for item in items if item.kind.is_theory]
    for item in theory:
        follows = [
            other
            for other in items
            if other.kind is ItemKind.QA and other.start_minute == item.end_minute
        ]
        if follows:
            continue  # a question session follows straight away
        slot = _question_slot(item.minutes)
        at = item.end_minute - slot
        yield (
            at,
            AFTER,
            Cue(
                "questions",
                minute_time(at),
                f"Temps de questions ({slot} min)",
                [
                    "Rappeler que chacun peut poser ses questions dans le tchat, et réserver "
                    f"ce vrai temps pour y répondre{relay}."
                ],
            ),
        )
        if not testimony_placed:
            testimony_placed = True
            yield at, AFTER, _testimony_cue(minute_time(at))
    for item in items:
        if item.kind is ItemKind.QA:
            yield (
                item.start_minute,
                AFTER,
                Cue(
                    "questions",
                    item.start,
                    "Session de questions",
                    [
                        "Lire les questions posées dans le tchat et au micro : toutes peuvent "
                        f"être posées{relay}."
                    ],
                ),
            )
    if not testimony_placed:
        last = items[-1]
        yield last.start_minute, BEFORE, _testimony_cue(last.start)


def _testimony_cue(start: dt.time) -> Cue:
    return Cue(
        "testimony",
        start,
        "Témoignage",
        [
            "Donner la parole à un·e participant·e pour un témoignage, préparé avec lui ou elle "
            "avant la rencontre."
        ],
    )


def _breakout_cues(
    event: Event, items: Sequence[ProgramItem], remote: str
) -> Iterator[tuple[int, int, Cue]]:
    """One cue per group of sub-group items starting together, and one to close them.

    The vade-mecum: "Certains outils permettent de créer des sous-groupes, des salons pour
    permettre de travailler à plusieurs à distance". Without that feature (``online.
    breakout_rooms: false``) the fallback is one video link per workshop; in a hybrid day,
    each workshop room also needs a computer connected to its room or link.
    """
    hybrid = event.format is Format.HYBRID
    supported = event.online.breakout_rooms if event.online else None
    groups: dict[int, list[ProgramItem]] = {}
    for item in items:
        if item.kind in (ItemKind.WORKSHOP, ItemKind.BARCAMP):
            groups.setdefault(item.start_minute, []).append(item)
    for minute, group in groups.items():
        titles = and_list(f"« {item.title} »" for item in group)
        points: list[str] = []
        if supported is False:
            points.append(
                "L'outil ne permet pas de sous-groupes : donner "
                f"{'aux participants à distance' if hybrid else 'aux participants'} un lien de "
                f"visioconférence distinct par atelier ({titles})."
            )
        elif len(group) > 1 or hybrid:
            points.append(f"Ouvrir un salon (sous-groupe) par atelier pour {remote} : {titles}.")
            points.append(
                "Y répartir les participants, avec l'intervenant·e ou un membre de l'équipe "
                "dans chaque salon ; annoncer l'heure du retour en plénière."
            )
        else:
            points.append(
                f"Pour le travail collectif de la séquence {titles}, répartir {remote} en "
                "sous-groupes (salons), chacun avec une consigne écrite ; annoncer l'heure du "
                "retour en plénière."
            )
        if supported is None:
            points.append("Vérifier avant la rencontre que l'outil permet les sous-groupes.")
        if hybrid:
            points.append(
                "Dans chaque salle d'atelier, un poste avec micro et caméra, connecté au salon "
                "ou au lien de l'atelier, relie les participants à distance au groupe."
            )
        yield minute, AFTER, Cue("breakout", minute_time(minute), "Sous-groupes", points)
        end = max(item.end_minute for item in group)
        back = (
            f"Rappeler {remote} sur le lien principal."
            if supported is False
            else "Fermer les salons et ramener tout le monde dans la salle principale."
        )
        yield (
            end,
            BEFORE,
            Cue("breakout-end", minute_time(end), "Retour en plénière", [back]),
        )
