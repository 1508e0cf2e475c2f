"""Organisers and speakers."""

from __future__ import annotations

import difflib
from collections.abc import Iterator, Sequence

from rzn.diagnostics import Severity
from rzn.model.event import Speaker, TeamMember
from rzn.rules.registry import Finding, RuleContext, rule


@rule("RZN401", "lead-missing", Severity.ERROR)
def lead_missing(ctx: RuleContext) -> Iterator[Finding]:
    """Aucune organisation n'est désignée comme tête de file.

    ## Ce que la règle vérifie
    Qu'exactement une organisation de `organizers` a `lead: true`.

    ## Pourquoi
    Avant de se lancer, le vade-mecum demande d'« identifier une tête de file, ou un groupe
    d'initiative » : c'est elle qui signe les mailings et tient le rétroplanning.

    ## Exemple qui échoue
    ```yaml
    organizers:
      - name: Le Mouvement associatif Bretagne
    ```

    ## Exemple qui passe
    ```yaml
    organizers:
      - name: Le Mouvement associatif Bretagne
        lead: true
    ```
    """
    leads = [i for i, o in enumerate(ctx.event.organizers) if o.lead]
    if not leads:
        yield Finding(
            ("organizers",),
            "Aucune tête de file : ajoutez « lead: true » à l'organisation qui porte la rencontre.",
            key=True,
        )
    for index in leads[1:]:
        yield Finding(
            ("organizers", index, "lead"),
            f"Plusieurs têtes de file ({len(leads)}) : gardez « lead: true » sur une seule "
            "organisation, les autres sont co-organisatrices.",
        )


@rule("RZN402", "unknown-speaker", Severity.ERROR)
def unknown_speaker(ctx: RuleContext) -> Iterator[Finding]:
    """Une séquence nomme un intervenant qui n'est pas défini.

    ## Ce que la règle vérifie
    Que chaque identifiant de `program[].speakers` correspond à un `id` de `speakers`.

    ## Pourquoi
    Le vade-mecum demande de préparer chaque intervenant (« organiser des échanges
    bilatéraux », lui envoyer le « conducteur minuté ») : il faut savoir qui il est et
    comment le joindre.

    ## Exemple qui échoue
    ```yaml
    program:
      - {start: "09:30", duration: 60, title: Conférence, kind: talk, speakers: [dupond]}
    speakers:
      - {id: dupont, name: Claire Dupont}
    ```

    ## Exemple qui passe
    ```yaml
    program:
      - {start: "09:30", duration: 60, title: Conférence, kind: talk, speakers: [dupont]}
    speakers:
      - {id: dupont, name: Claire Dupont}
    ```
    """
    known = [s.id for s in ctx.event.speakers]
    known_set = set(known)
    for index, item in enumerate(ctx.event.program):
        for position, speaker in enumerate(item.speakers):
            if speaker in known_set:
                continue
            close = difflib.get_close_matches(speaker, known, n=1, cutoff=0.6)
            hint = f" Vouliez-vous dire « {close[0]} » ?" if close else ""
            yield Finding(
                ("program", index, "speakers", position),
                f"Intervenant « {speaker} » inconnu dans « {item.title} » : ajoutez-le dans "
                f"speakers (avec id: {speaker}) ou corrigez l'identifiant.{hint}",
            )


@rule("RZN403", "duplicate-id", Severity.ERROR)
def duplicate_id(ctx: RuleContext) -> Iterator[Finding]:
    """Deux intervenants, deux membres de l'équipe ou deux salles portent le même nom.

    ## Ce que la règle vérifie
    Que chaque `id` de `speakers`, de `team` et de `program` et chaque nom de salle de
    `venue.rooms` n'apparaît qu'une fois. La seconde occurrence est signalée, avec la ligne
    de la première.

    ## Pourquoi
    Le programme désigne intervenants et salles par ces noms : en double, on ne sait plus
    à qui envoyer le « conducteur minuté » que demande le vade-mecum, ni quelle salle
    réserver.

    ## Exemple qui échoue
    ```yaml
    speakers:
      - {id: dupont, name: Claire Dupont}
      - {id: dupont, name: Jean Dupont}
    ```

    ## Exemple qui passe
    ```yaml
    speakers:
      - {id: cdupont, name: Claire Dupont}
      - {id: jdupont, name: Jean Dupont}
    ```
    """
    event = ctx.event
    people: list[tuple[str, Sequence[Speaker | TeamMember]]] = [
        ("speakers", event.speakers),
        ("team", event.team),
    ]
    for base, members in people:
        first: dict[str, int] = {}
        for index, member in enumerate(members):
            if member.id not in first:
                first[member.id] = index
                continue
            earlier = members[first[member.id]]
            line, _ = ctx.source.locate((base, first[member.id], "id"))
            yield Finding(
                (base, index, "id"),
                f"L'identifiant « {member.id} » de {member.name} est déjà celui de "
                f"{earlier.name} (ligne {line}) : donnez-leur des identifiants différents et "
                "mettez à jour le programme, ou supprimez le doublon.",
            )
    items: dict[str, int] = {}
    for index, item in enumerate(event.program):
        if item.id is None:
            continue
        if item.id not in items:
            items[item.id] = index
            continue
        line, _ = ctx.source.locate(("program", items[item.id], "id"))
        yield Finding(
            ("program", index, "id"),
            f"L'identifiant « {item.id} » de la séquence « {item.title} » est déjà celui de "
            f"« {event.program[items[item.id]].title} » (ligne {line}) : donnez-leur des "
            "identifiants différents.",
        )
    rooms = event.venue.rooms if event.venue is not None else []
    seen: dict[str, int] = {}
    for index, room in enumerate(rooms):
        if room.name not in seen:
            seen[room.name] = index
            continue
        line, _ = ctx.source.locate(("venue", "rooms", seen[room.name], "name"))
        yield Finding(
            ("venue", "rooms", index, "name"),
            f"Deux salles s'appellent « {room.name} » (la première à la ligne {line}) : "
            "renommez l'une des deux et mettez à jour le programme, ou supprimez le doublon.",
        )


@rule("RZN404", "unused-speaker", Severity.INFO)
def unused_speaker(ctx: RuleContext) -> Iterator[Finding]:
    """Un intervenant n'intervient dans aucune séquence du programme.

    ## Ce que la règle vérifie
    Que l'`id` de chaque intervenant figure dans les `speakers` d'au moins une séquence,
    quand le programme n'est pas vide.

    ## Pourquoi
    Le vade-mecum demande d'envoyer à chaque intervenant « un conducteur minuté et les
    informations pratiques » de sa séquence : un intervenant sans séquence est un oubli
    dans le programme, ou une personne à retirer de la liste.

    ## Exemple qui échoue
    ```yaml
    program:
      - {start: "09:30", duration: 60, title: Conférence, kind: talk, speakers: [dupont]}
    speakers:
      - {id: dupont, name: Claire Dupont}
      - {id: martin, name: Marc Martin}
    ```

    ## Exemple qui passe
    ```yaml
    program:
      - {start: "09:30", duration: 60, title: Conférence, kind: talk, speakers: [dupont]}
      - {start: "10:45", duration: 75, title: Atelier, kind: workshop, speakers: [martin]}
    speakers:
      - {id: dupont, name: Claire Dupont}
      - {id: martin, name: Marc Martin}
    ```
    """
    if not ctx.event.program:
        return  # Nothing is scheduled yet: program-empty says so once.
    used = {speaker for item in ctx.event.program for speaker in item.speakers}
    for index, speaker in enumerate(ctx.event.speakers):
        if speaker.id not in used:
            yield Finding(
                ("speakers", index, "id"),
                f"{speaker.name} ({speaker.id}) n'intervient dans aucune séquence : ajoutez "
                f"« {speaker.id} » aux speakers de sa séquence, ou retirez cet intervenant.",
            )


@rule("RZN405", "local-speaker-missing", Severity.INFO)
def local_speaker_missing(ctx: RuleContext) -> Iterator[Finding]:
    """Aucun intervenant n'est ancré sur le territoire.

    ## Ce que la règle vérifie
    Quand des intervenants sont listés, qu'au moins l'un d'eux a `local: true`.

    ## Pourquoi
    Pour les apports théoriques, le vade-mecum recommande « de préférence des intervenants
    ancrés sur le territoire » (PANA, CHATONS, agents territoriaux…), et pour les apports
    pratiques « des acteurs du territoire de préférence afin de favoriser les liens ».

    ## Exemple qui échoue
    ```yaml
    speakers:
      - {id: martin, name: Marc Martin, organization: Fing, local: false}
    ```

    ## Exemple qui passe
    ```yaml
    speakers:
      - {id: martin, name: Marc Martin, organization: Fing, local: false}
      - {id: dupont, name: Claire Dupont, organization: PANA 37, local: true}
    ```
    """
    speakers = ctx.event.speakers
    if speakers and not any(s.local for s in speakers):
        yield Finding(
            ("speakers",),
            "Aucun intervenant n'est marqué « local: true » : invitez de préférence des "
            "acteurs du territoire (PANA, CHATONS, Hub connecté, agents territoriaux…), ou "
            "indiquez local: true pour ceux qui le sont.",
            key=True,
        )


@rule("RZN406", "objectives-missing", Severity.WARNING)
def objectives_missing(ctx: RuleContext) -> Iterator[Finding]:
    """Les objectifs de la rencontre (la vision commune) ne sont pas écrits.

    ## Ce que la règle vérifie
    Que `objectives` contient au moins un objectif.

    ## Pourquoi
    Avant de se lancer, le vade-mecum demande d'« établir une vision commune des enjeux et
    des objectifs de la rencontre », en s'appuyant sur les études existantes, une
    consultation des responsables associatifs ou la connaissance de leurs besoins.

    ## Exemple qui échoue
    ```yaml
    objectives: []
    ```

    ## Exemple qui passe
    ```yaml
    objectives:
      - Faire connaître les outils numériques libres aux associations du territoire
    ```
    """
    if not ctx.event.objectives:
        yield Finding(
            ("objectives",),
            "Aucun objectif : écrivez dans objectives la vision commune des organisateurs "
            "(enjeux et objectifs de la rencontre), un objectif par ligne.",
            key=True,
        )


@rule("RZN407", "political-support-missing", Severity.INFO)
def political_support_missing(ctx: RuleContext) -> Iterator[Finding]:
    """Aucun portage politique n'est indiqué.

    ## Ce que la règle vérifie
    Que `political_support` nomme au moins un soutien (élu, dirigeant bénévole, financeur).

    ## Pourquoi
    Le vade-mecum conseille de « s'assurer d'un portage politique : le soutien des
    dirigeants bénévoles, d'une personne influente sur le territoire, d'un financeur sont
    des facteurs facilitants ».

    ## Exemple qui échoue
    ```yaml
    political_support: []
    ```

    ## Exemple qui passe
    ```yaml
    political_support:
      - Présidente du Mouvement associatif Centre-Val de Loire
    ```
    """
    if not ctx.event.political_support:
        yield Finding(
            ("political_support",),
            "Aucun portage politique indiqué : nommez dans political_support les soutiens de "
            "la rencontre (dirigeants bénévoles, élu ou personne influente du territoire, "
            "financeur).",
            key=True,
        )


@rule("RZN408", "speaker-contact-missing", Severity.INFO)
def speaker_contact_missing(ctx: RuleContext) -> Iterator[Finding]:
    """Un intervenant n'a ni e-mail ni téléphone.

    ## Ce que la règle vérifie
    Que chaque intervenant a un `email` ou un `phone`.

    ## Pourquoi
    Le vade-mecum demande d'« organiser des échanges bilatéraux » avec chaque intervenant et
    de lui envoyer « un conducteur minuté et les informations pratiques » : encore faut-il
    pouvoir le joindre.

    ## Exemple qui échoue
    ```yaml
    speakers:
      - {id: martin, name: Marc Martin}
    ```

    ## Exemple qui passe
    ```yaml
    speakers:
      - {id: martin, name: Marc Martin, email: m.martin@example.org}
    ```
    """
    for index, speaker in enumerate(ctx.event.speakers):
        if not speaker.email and not speaker.phone:
            yield Finding(
                ("speakers", index),
                f"{speaker.name} n'a ni e-mail ni téléphone : ajoutez email (ou phone) pour "
                "lui envoyer le conducteur minuté et les informations pratiques.",
            )
