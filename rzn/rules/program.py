"""The programme: timing, rooms and the vade-mecum's "trame type"."""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from rzn.diagnostics import Severity
from rzn.model.event import Event, ItemKind, ProgramItem
from rzn.rules.registry import Finding, RuleContext, rule


def _hhmm(minute: int) -> str:
    return f"{minute // 60:02d}:{minute % 60:02d}"


def _shares_space(a: ProgramItem, b: ProgramItem) -> bool:
    # Two named rooms are two places, whatever the format: salons of a videoconference
    # ("sous-groupes") run in parallel just as workshop rooms do. An item without a room
    # concerns everyone (welcome, lunch, closing), or its room is not chosen yet.
    return a.room is None or b.room is None or a.room == b.room


def _several_rooms(event: Event) -> bool:
    rooms = {r.name for r in event.venue.rooms} if event.venue is not None else set()
    rooms.update(item.room for item in event.program if item.room)
    return len(rooms) > 1


@rule("RZN301", "program-overlap", Severity.ERROR)
def program_overlap(ctx: RuleContext) -> Iterator[Finding]:
    """Deux séquences du programme se chevauchent au même endroit.

    ## Ce que la règle vérifie
    Que deux séquences dans la même salle (`room`) ne se chevauchent pas. Une séquence sans
    salle (accueil, déjeuner, ou salle pas encore choisie) concerne tout le monde : elle ne
    doit chevaucher aucune autre séquence. Des séquences en parallèle doivent donc chacune
    indiquer leur salle (ou leur salon de visioconférence, en ligne).

    ## Pourquoi
    Le vade-mecum demande un « conducteur minuté » envoyé aux intervenants : un programme
    qui se chevauche ne peut pas être tenu.

    ## Exemple qui échoue
    ```yaml
    program:
      - {start: "09:30", duration: 60, title: Conférence, kind: talk}
      - {start: "10:00", duration: 60, title: Atelier, kind: workshop}
    ```

    ## Exemple qui passe
    ```yaml
    program:
      - {start: "09:30", duration: 60, title: Conférence, kind: talk}
      - {start: "10:45", duration: 60, title: Atelier, kind: workshop}
    ```
    """
    event = ctx.event
    several_rooms = _several_rooms(event)
    # Sorted by start (stable: written order for equal starts), so the inner loop can stop
    # at the first item that starts after ``first`` ends.
    items = sorted(enumerate(event.program), key=lambda pair: pair[1].start_minute)
    for position, (_, first) in enumerate(items):
        for index, second in items[position + 1 :]:
            if second.start_minute >= first.end_minute:
                break
            if not _shares_space(first, second):
                continue
            clash = (
                f"« {second.title} » ({_hhmm(second.start_minute)}–{_hhmm(second.end_minute)}) "
                f"chevauche « {first.title} » ({_hhmm(first.start_minute)}–"
                f"{_hhmm(first.end_minute)})"
            )
            if first.room and second.room:
                fix = f" dans « {second.room} » : décalez l'une des deux ou changez-la de salle."
            elif several_rooms:
                fix = (
                    " : si elles ont lieu en parallèle, indiquez la salle de chacune (room) ; "
                    "sinon, décalez l'une des deux."
                )
            else:
                fix = " : décalez l'une des deux séquences ou raccourcissez la première."
            yield Finding(("program", index, "start"), clash + fix)


@rule("RZN302", "program-outside-hours", Severity.ERROR)
def program_outside_hours(ctx: RuleContext) -> Iterator[Finding]:
    """Une séquence commence avant le début ou finit après la fin de la journée.

    ## Ce que la règle vérifie
    Que chaque séquence tient entre `start` et `end` de l'événement (09:00–17:00 par
    défaut).

    ## Pourquoi
    Les horaires annoncés dans les mailings et le programme doivent être ceux du
    « conducteur minuté » que le vade-mecum demande d'envoyer aux intervenants : une
    séquence hors horaires ne sera vue de personne.

    ## Exemple qui échoue
    ```yaml
    end: "17:00"
    program:
      - {start: "16:30", duration: 60, title: Clôture, kind: closing}
    ```

    ## Exemple qui passe
    ```yaml
    end: "17:00"
    program:
      - {start: "16:30", duration: 30, title: Clôture, kind: closing}
    ```
    """
    event = ctx.event
    day_start = event.start.hour * 60 + event.start.minute
    day_end = event.end.hour * 60 + event.end.minute
    for index, item in enumerate(event.program):
        if item.start_minute < day_start:
            yield Finding(
                ("program", index, "start"),
                f"« {item.title} » commence à {_hhmm(item.start_minute)}, avant le début de la "
                f"journée ({_hhmm(day_start)}) : décalez la séquence ou avancez start.",
            )
        elif item.end_minute > day_end:
            field = "end" if item.end is not None else "duration"
            yield Finding(
                ("program", index, field),
                f"« {item.title} » finit à {_hhmm(item.end_minute)}, après la fin de la journée "
                f"({_hhmm(day_end)}) : raccourcissez la séquence ou repoussez end.",
            )


@rule("RZN303", "unknown-room", Severity.ERROR)
def unknown_room(ctx: RuleContext) -> Iterator[Finding]:
    """Une séquence a lieu dans une salle que le lieu ne liste pas.

    ## Ce que la règle vérifie
    Que la salle (`room`) de chaque séquence est le nom exact d'une salle de `venue.rooms`,
    quand l'événement a un lieu. Un nom proche est suggéré.

    ## Pourquoi
    Le lieu idéal, selon le vade-mecum, « permet des temps en plénière et des ateliers en
    sous-groupe » : chaque séquence doit avoir une salle réservée, de la bonne capacité, et
    la signalétique du jour doit reprendre les mêmes noms que le programme.

    ## Exemple qui échoue
    ```yaml
    venue:
      name: Espace Malraux
      rooms:
        - {name: Salle 1, capacity: 30, kind: workshop}
    program:
      - {start: "10:45", duration: 75, title: Atelier, kind: workshop, room: Salle 01}
    ```

    ## Exemple qui passe
    ```yaml
    venue:
      name: Espace Malraux
      rooms:
        - {name: Salle 1, capacity: 30, kind: workshop}
    program:
      - {start: "10:45", duration: 75, title: Atelier, kind: workshop, room: Salle 1}
    ```
    """
    venue = ctx.event.venue
    if venue is None:
        # Without a venue the room is a videoconference salon, or venue-missing says it all.
        return
    names = [room.name for room in venue.rooms]
    by_folded: dict[str, str] = {}
    for name in names:
        # Each name once, as first written (duplicates are duplicate-id's business).
        by_folded.setdefault(name.casefold(), name)
    reported: set[str] = set()
    for index, item in enumerate(ctx.event.program):
        if item.room is None or item.room in names:
            continue
        where = ("program", index, "room")
        if not names:
            # The fix is one list in venue, not one per item: say it once per room.
            if item.room not in reported:
                reported.add(item.room)
                yield Finding(
                    where,
                    f"« {item.title} » a lieu en « {item.room} », mais le lieu ne liste aucune "
                    "salle : ajoutez dans venue.rooms chaque salle du programme, avec sa "
                    "capacité et son type (plenary ou workshop).",
                )
            continue
        close = difflib.get_close_matches(item.room.casefold(), list(by_folded), n=1, cutoff=0.6)
        hint = f" Vouliez-vous dire « {by_folded[close[0]]} » ?" if close else ""
        yield Finding(
            where,
            f"Salle « {item.room} » inconnue pour « {item.title} » : écrivez le nom exact d'une "
            f"salle de venue.rooms ({', '.join(by_folded.values())}) ou ajoutez-la.{hint}",
        )


@rule("RZN304", "program-empty", Severity.WARNING)
def program_empty(ctx: RuleContext) -> Iterator[Finding]:
    """Le programme est vide.

    ## Ce que la règle vérifie
    Que `program` contient au moins une séquence.

    ## Pourquoi
    Le programme est ce que l'on annonce : le vade-mecum demande d'informer le coordinateur
    national « une fois le programme établi », et les mailings comme le conducteur minuté
    en dépendent.

    ## Exemple qui échoue
    ```yaml
    program: []
    ```

    ## Exemple qui passe
    ```yaml
    program:
      - {start: "09:30", duration: 60, title: État des lieux du numérique associatif, kind: talk}
    ```
    """
    if not ctx.event.program:
        yield Finding(
            ("program",),
            "Le programme est vide : ajoutez les séquences de la journée (accueil, apports "
            "théoriques, ateliers pratiques, clôture) dans program, avec start, duration, title "
            "et kind.",
            key=True,
        )


@rule("RZN305", "theory-missing", Severity.WARNING)
def theory_missing(ctx: RuleContext) -> Iterator[Finding]:
    """Le programme n'a aucun apport théorique (conférence ou table ronde).

    ## Ce que la règle vérifie
    Qu'un programme non vide contient au moins une séquence `kind: talk` ou
    `kind: round_table`.

    ## Pourquoi
    Le vade-mecum propose « des apports théoriques, qui peuvent lancer la journée » (état
    des lieux de la transition numérique, menaces et opportunités pour les associations…),
    à côté des apports pratiques.

    ## Exemple qui échoue
    ```yaml
    program:
      - {start: "10:00", duration: 90, title: Mobiliser des bénévoles en ligne, kind: workshop}
    ```

    ## Exemple qui passe
    ```yaml
    program:
      - {start: "09:00", duration: 60, title: État des lieux du numérique associatif, kind: talk}
      - {start: "10:00", duration: 90, title: Mobiliser des bénévoles en ligne, kind: workshop}
    ```
    """
    program = ctx.event.program
    if program and not any(item.kind.is_theory for item in program):
        yield Finding(
            ("program",),
            "Le programme n'a aucun apport théorique : ajoutez une conférence (kind: talk) ou "
            "une table ronde (kind: round_table) pour lancer la journée, par exemple un état "
            "des lieux de la transition numérique des associations.",
            key=True,
        )


@rule("RZN306", "practice-missing", Severity.WARNING)
def practice_missing(ctx: RuleContext) -> Iterator[Finding]:
    """Le programme n'a aucun apport pratique (atelier, barcamp ou témoignage).

    ## Ce que la règle vérifie
    Qu'un programme non vide contient au moins une séquence `kind: workshop`,
    `kind: barcamp` ou `kind: testimony`.

    ## Pourquoi
    Le vade-mecum demande aussi « des apports pratiques, adaptés aux besoins des
    participants » (retours d'expériences, présentations d'outils, zooms thématiques) :
    « pour s'adapter à la diversité des participants, varier les formats ! »

    ## Exemple qui échoue
    ```yaml
    program:
      - {start: "09:00", duration: 60, title: État des lieux du numérique associatif, kind: talk}
    ```

    ## Exemple qui passe
    ```yaml
    program:
      - {start: "09:00", duration: 60, title: État des lieux du numérique associatif, kind: talk}
      - {start: "10:00", duration: 90, title: Mobiliser des bénévoles en ligne, kind: workshop}
    ```
    """
    program = ctx.event.program
    if program and not any(item.kind.is_practice for item in program):
        yield Finding(
            ("program",),
            "Le programme n'a aucun apport pratique : ajoutez un atelier (kind: workshop), un "
            "temps d'échange (kind: barcamp) ou un retour d'expérience (kind: testimony), "
            "adapté aux besoins des participants.",
            key=True,
        )


@rule("RZN307", "question-time-missing", Severity.INFO)
def question_time_missing(ctx: RuleContext) -> Iterator[Finding]:
    """Une rencontre en ligne ou hybride ne prévoit aucun temps de questions.

    ## Ce que la règle vérifie
    Qu'un programme non vide d'événement `online` ou `hybrid` contient au moins une
    séquence `kind: qa`.

    ## Pourquoi
    À distance, le vade-mecum conseille : « Rappelez régulièrement la possibilité de poser
    des questions : ouvrez plusieurs sessions de questions lors du webinaire et réservez un
    vrai temps pour y répondre. »

    ## Exemple qui échoue
    ```yaml
    format: online
    program:
      - {start: "10:00", duration: 60, title: Collaborer à distance, kind: talk}
    ```

    ## Exemple qui passe
    ```yaml
    format: online
    program:
      - {start: "10:00", duration: 60, title: Collaborer à distance, kind: talk}
      - {start: "11:00", duration: 20, title: Vos questions, kind: qa}
    ```
    """
    event = ctx.event
    if not event.format.has_remote or not event.program:
        return
    if not any(item.kind is ItemKind.QA for item in event.program):
        yield Finding(
            ("program",),
            "Aucun temps de questions pour le public à distance : ajoutez une ou "
            "plusieurs séquences « kind: qa » (par exemple après chaque intervention) et "
            "rappelez en cours de route que le tchat est ouvert aux questions.",
            key=True,
        )


@rule("RZN308", "workshop-speaker-missing", Severity.WARNING)
def workshop_speaker_missing(ctx: RuleContext) -> Iterator[Finding]:
    """Un atelier n'a pas d'intervenant.

    ## Ce que la règle vérifie
    Que chaque séquence `kind: workshop` nomme au moins un intervenant dans `speakers`.

    ## Pourquoi
    Pour les temps en sous-groupes, le vade-mecum demande de « rédiger une fiche technique,
    précisant contenu et déroulé de l'atelier, coordonnées de l'intervenant, matériel et
    configuration de la salle » et de « la faire valider par les intervenants ».

    ## Exemple qui échoue
    ```yaml
    program:
      - {start: "10:45", duration: 75, title: Lever et gérer des fonds, kind: workshop}
    ```

    ## Exemple qui passe
    ```yaml
    program:
      - {start: "10:45", duration: 75, title: Lever et gérer des fonds, kind: workshop,
         speakers: [leroy]}
    speakers:
      - {id: leroy, name: Sophie Leroy}
    ```
    """
    for index, item in enumerate(ctx.event.program):
        if item.kind is ItemKind.WORKSHOP and not item.speakers:
            yield Finding(
                ("program", index),
                f"L'atelier « {item.title} » n'a pas d'intervenant : ajoutez son id dans "
                "speakers, pour lui faire valider la fiche technique (contenu, déroulé, "
                "matériel).",
            )
