"""The registrations and evaluation exports an event names.

These rules run only when the event file points to an export
(``registrations:``, ``answers:``). A problem inside an export is located in
the export itself (``Finding.file`` and ``line``), its name and line numbers
also in the message.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from rzn.diagnostics import Severity
from rzn.rules.registry import Finding, RuleContext, rule

if TYPE_CHECKING:
    from rzn.registrations.table import RowProblem

MAX_ROW_FINDINGS = 20
"""Beyond this many bad rows, the others are listed together in one more finding."""


@rule("RZN705", "export-missing", Severity.WARNING)
def export_missing(ctx: RuleContext) -> Iterator[Finding]:
    """L'export d'inscriptions ou de réponses indiqué est introuvable.

    ## Ce que la règle vérifie
    Que le fichier nommé par `registrations` (ou `answers`) existe à côté du fichier
    d'événement. C'est un avertissement et non une erreur : ces exports contiennent des
    données personnelles et restent hors du dépôt (le `.gitignore` de `rzn init` les
    écarte), si bien qu'une vérification automatique du dépôt ne les trouve pas.

    ## Pourquoi
    Le vade-mecum demande de disposer de « la liste des participants attendus » : sans
    l'export, ni feuille d'émargement, ni listes par atelier, ni jauges vérifiées.

    ## Exemple qui échoue
    ```yaml
    registrations: export-qui-n-existe-pas.csv
    ```

    ## Exemple qui passe
    ```yaml
    # Pas d'export indiqué : les règles des inscriptions ne s'appliquent pas.
    ```
    """
    event = ctx.event
    if event.registrations is None and event.answers is None:
        return  # the common case: no need to import the export readers
    from rzn.registrations.exports import locate

    for field, written in (("registrations", event.registrations), ("answers", event.answers)):
        if written is None:
            continue
        ref = locate(ctx.base_dir, written, field)
        if ref.missing:
            yield Finding((field,), _sentence(ref.error or ""))


@rule("RZN703", "registrations-unreadable", Severity.ERROR)
def registrations_unreadable(ctx: RuleContext) -> Iterator[Finding]:
    """Un export d'inscriptions ou de réponses, ou une de ses lignes, est illisible.

    ## Ce que la règle vérifie
    Que l'export nommé par `registrations` (ou `answers`) se lit : un fichier CSV (séparé
    par des points-virgules, des virgules ou des tabulations ; en UTF-8, avec ou sans BOM,
    ou en Windows-1252), avec une colonne de nom reconnue (ou indiquée dans
    `registration_columns`), et que chaque ligne se lit : autant de valeurs que de
    colonnes, un nom, une présence et un mode de participation compréhensibles (une réponse
    au questionnaire que rzn ne reconnaît pas relève de `answer-unrecognised`). Chaque ligne
    illisible est
    signalée avec son numéro, jamais écartée en silence. Vérifie aussi les clés de
    `registration_columns` et `answer_columns`.

    ## Pourquoi
    Le vade-mecum demande de disposer de « la liste des participants attendus » et de
    faire remonter « les résultats de l'évaluation » : une ligne perdue, c'est une
    personne absente de la feuille d'émargement ou une réponse absente du bilan.

    ## Exemple qui échoue
    ```yaml
    # La ligne 3 de cet export a une valeur de trop (un point-virgule dans un nom).
    registrations: tests/data/exports/exemples/ligne-illisible.csv
    ```

    ## Exemple qui passe
    ```yaml
    registrations: tests/data/exports/exemples/inscriptions.csv
    ```
    """
    event = ctx.event
    if not (event.registration_columns or event.answer_columns) and (
        event.registrations is None and event.answers is None
    ):
        return  # the common case: no need to import the export readers
    from rzn.registrations.columns import known_fields
    from rzn.registrations.exports import event_answers, event_registrations, locate
    from rzn.registrations.text import did_you_mean

    for key in event.registration_columns:
        if key not in known_fields():
            close = did_you_mean(key, known_fields())
            hint = f"vouliez-vous dire « {close} » ? " if close else ""
            yield Finding(
                ("registration_columns", key),
                f"Champ « {key} » inconnu dans registration_columns : {hint}Champs possibles : "
                f"{', '.join(known_fields())}.",
                key=True,
            )
    if event.answer_columns:
        from rzn.questionnaire import question_ids

        ids = [i for i in question_ids(event) if i != "contact_email"]
        for key in event.answer_columns:
            if key not in ids:
                close = did_you_mean(key, ids)
                hint = f"vouliez-vous dire « {close} » ? " if close else ""
                yield Finding(
                    ("answer_columns", key),
                    f"Question « {key} » inconnue dans answer_columns : {hint}Les identifiants "
                    "sont ceux du questionnaire d'évaluation (evaluation.md, entre crochets).",
                    key=True,
                )

    if event.registrations is not None:
        loaded = event_registrations(event, ctx.base_dir)
        ref = loaded.ref
        if ref.error is not None and not ref.missing:
            yield Finding(("registrations",), _sentence(ref.error))
        data = loaded.data
        if data is not None:
            if data.fatal is not None:
                yield Finding(("registrations",), f"{ref.display} : {data.fatal}")
            for name, message in data.columns.problems:
                path = ("registration_columns", name)
                yield Finding(
                    path if name in event.registration_columns else ("registrations",),
                    f"{ref.display} : {message}",
                )
            yield from _row_findings(("registrations",), ref.display, data.problems)

    if event.answers is not None:
        ref = locate(ctx.base_dir, event.answers, "answers")
        if ref.error is not None and not ref.missing:
            yield Finding(("answers",), _sentence(ref.error))
        answers = event_answers(event, ctx.base_dir) if ref.path is not None else None
        if answers is not None and answers.data is not None:
            data_answers = answers.data
            if data_answers.fatal is not None:
                yield Finding(("answers",), f"{ref.display} : {data_answers.fatal}")
            for name, message in data_answers.mapping_problems:
                yield Finding(("answer_columns", name), f"{ref.display} : {message}")
            yield from _row_findings(("answers",), ref.display, data_answers.problems)


def _row_findings(
    path: tuple[str, ...], display: str, problems: list[RowProblem]
) -> Iterator[Finding]:
    from rzn.registrations.text import line_list

    for problem in problems[:MAX_ROW_FINDINGS]:
        yield Finding(
            path,
            f"{display}, ligne {problem.line} : {problem.message}",
            file=display,
            line=problem.line,
        )
    rest = problems[MAX_ROW_FINDINGS:]
    if rest:
        yield Finding(
            path,
            f"{display} : {len(rest)} autres lignes illisibles (lignes "
            f"{line_list([p.line for p in rest], limit=1000)}) ; « rzn report » les détaille.",
            file=display,
            line=rest[0].line,
        )


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


@rule("RZN706", "answer-unrecognised", Severity.WARNING)
def answer_unrecognised(ctx: RuleContext) -> Iterator[Finding]:
    """Une réponse de l'export des réponses n'est pas une réponse du questionnaire.

    ## Ce que la règle vérifie
    Que chaque valeur de l'export des réponses (`answers`) se lit comme une réponse du
    questionnaire d'évaluation : son intitulé ou son code, une note (1 à 5, 0 à 10, « 4/5 »,
    étoiles) ou « oui » / « non » pour une question à quatre niveaux, une tranche d'âge faite
    de tranches entières (« 45 ans et plus »), n'importe quel texte pour une question qui a
    un choix « Autre ». Une valeur non reconnue est signalée avec ses lignes ; `rzn report`
    écrit quand même le bilan, où elle est comptée parmi les réponses « non reconnues »,
    avec ses lignes, dans « Sources et méthode ».

    ## Pourquoi
    Le vade-mecum demande de faire remonter « les résultats de l'évaluation » : une réponse
    que rzn ne sait pas lire n'entre dans aucun chiffre, il faut le savoir pour la corriger
    dans l'export ou l'accepter.

    ## Exemple qui échoue
    ```yaml
    # La ligne 3 répond « Bien » à la satisfaction globale.
    answers: tests/data/exports/exemples/reponse-non-reconnue.csv
    ```

    ## Exemple qui passe
    ```yaml
    # « 4/5 » se lit sur l'échelle de satisfaction.
    answers: tests/data/exports/exemples/reponses.csv
    ```
    """
    event = ctx.event
    if event.answers is None:
        return
    from rzn.registrations.answers import unknown_value_message
    from rzn.registrations.exports import event_answers, locate

    ref = locate(ctx.base_dir, event.answers, "answers")
    answers = event_answers(event, ctx.base_dir) if ref.path is not None else None
    if answers is None or answers.data is None or answers.data.fatal is not None:
        return
    for unknown in answers.data.unknown_values:
        yield Finding(
            ("answers",),
            f"{ref.display}, {unknown_value_message(unknown)}",
            file=ref.display,
            line=unknown.lines[0],
        )


@rule("RZN704", "unknown-workshop-choice", Severity.WARNING)
def unknown_workshop_choice(ctx: RuleContext) -> Iterator[Finding]:
    """Un choix d'atelier de l'export n'est l'intitulé d'aucun atelier du programme.

    ## Ce que la règle vérifie
    Que chaque choix de la colonne des ateliers de l'export d'inscriptions (`registrations`)
    est l'intitulé d'une séquence `kind: workshop` du programme (aux accents, majuscules et
    espaces près). Un choix inconnu n'est compté dans aucun atelier ; la règle propose
    l'intitulé le plus proche.

    ## Pourquoi
    Le vade-mecum conseille de « bien indiquer les modalités d'inscription (y compris aux
    ateliers si vous décidez de donner le choix) » : un intitulé modifié dans le
    formulaire mais pas dans le programme fausse les listes par atelier et les jauges.

    ## Exemple qui échoue
    ```yaml
    # L'export contient « Collaborer a distance » (sans accent ni « avec des outils libres »).
    registrations: tests/data/exports/exemples/choix-inconnu.csv
    program:
      - title: Collaborer à distance avec des outils libres
        kind: workshop
        start: "10:00"
        duration: 60
    ```

    ## Exemple qui passe
    ```yaml
    registrations: tests/data/exports/exemples/inscriptions.csv
    program:
      - title: Collaborer à distance avec des outils libres
        kind: workshop
        start: "10:00"
        duration: 60
    ```
    """
    event = ctx.event
    if event.registrations is None:
        return
    from rzn.registrations.exports import event_registrations
    from rzn.registrations.workshops import signups, unknown_choice_message, workshops_of

    loaded = event_registrations(event, ctx.base_dir)
    data = loaded.data
    if data is None or data.fatal is not None or not data.has_workshops:
        return
    titles = [w.title for w in workshops_of(event)]
    for unknown in signups(event, data).unknown:
        yield Finding(
            ("registrations",),
            f"{loaded.ref.display}, {unknown_choice_message(unknown, titles)}",
            file=loaded.ref.display,
            line=unknown.lines[0],
        )


@rule("RZN701", "workshop-full", Severity.WARNING)
def workshop_full(ctx: RuleContext) -> Iterator[Finding]:
    """Un atelier a plus d'inscrits que sa salle n'a de places.

    ## Ce que la règle vérifie
    Que le nombre d'inscrits à chaque atelier (colonne des ateliers de l'export
    `registrations`) ne dépasse pas la capacité de sa salle (`venue.rooms`). Dans une
    rencontre hybride, les personnes inscrites « à distance » n'occupent pas de place.
    Un atelier donné deux fois sous le même intitulé dispose des places de ses deux salles.

    ## Pourquoi
    Le lieu idéal, dit le vade-mecum, « permet des temps en plénière et des ateliers en
    sous-groupe » : un atelier où l'on ne peut pas s'asseoir n'en est plus un.

    ## Exemple qui échoue
    ```yaml
    # Trois personnes ont choisi cet atelier dans l'export, la salle a deux places.
    registrations: tests/data/exports/exemples/inscriptions.csv
    venue:
      name: Espace Malraux
      rooms:
        - {name: Salle A, capacity: 2}
    program:
      - title: Collaborer à distance avec des outils libres
        kind: workshop
        start: "10:00"
        duration: 60
        room: Salle A
    ```

    ## Exemple qui passe
    ```yaml
    registrations: tests/data/exports/exemples/inscriptions.csv
    venue:
      name: Espace Malraux
      rooms:
        - {name: Salle A, capacity: 12}
    program:
      - title: Collaborer à distance avec des outils libres
        kind: workshop
        start: "10:00"
        duration: 60
        room: Salle A
    ```
    """
    event = ctx.event
    if event.registrations is None or event.venue is None:
        return
    from rzn.model.event import Format
    from rzn.registrations.exports import event_registrations
    from rzn.registrations.workshops import signups

    loaded = event_registrations(event, ctx.base_dir)
    data = loaded.data
    if data is None or data.fatal is not None or not data.has_workshops:
        return
    hybrid = event.format is Format.HYBRID
    for workshop in signups(event, data).workshops:
        capacity = workshop.capacity(event)
        seated = len(workshop.seated(hybrid))
        if capacity is None or seated <= capacity:
            continue
        rooms = " + ".join(f"« {item.room} »" for item in workshop.items)
        remote = " sur place" if hybrid and data.has_modes else ""
        index = workshop.indices[0]
        yield Finding(
            ("program", index, "room"),
            f"« {workshop.title} » : {seated} inscrits{remote} pour {capacity} places "
            f"({rooms}). Prenez une salle plus grande, ouvrez une deuxième session ou fermez "
            "les inscriptions à cet atelier.",
        )


@rule("RZN702", "registrations-over-capacity", Severity.WARNING)
def registrations_over_capacity(ctx: RuleContext) -> Iterator[Finding]:
    """Il y a plus d'inscrits que de places dans la salle plénière.

    ## Ce que la règle vérifie
    Que le nombre d'inscriptions valables de l'export `registrations` (sans les
    annulations, la liste d'attente ni les doublons ; sans les personnes inscrites « à
    distance » dans une rencontre hybride) ne dépasse pas la capacité de la plus grande
    salle `plenary` du lieu.

    ## Pourquoi
    Le lieu idéal, dit le vade-mecum, « permet des temps en plénière » : tout le monde doit
    pouvoir s'asseoir pendant les apports théoriques, y compris les inscrits de la dernière
    semaine.

    ## Exemple qui échoue
    ```yaml
    # L'export compte quatre inscriptions valables.
    registrations: tests/data/exports/exemples/inscriptions.csv
    venue:
      name: Espace Malraux
      rooms:
        - {name: Grande salle, capacity: 3, kind: plenary}
    ```

    ## Exemple qui passe
    ```yaml
    registrations: tests/data/exports/exemples/inscriptions.csv
    venue:
      name: Espace Malraux
      rooms:
        - {name: Grande salle, capacity: 100, kind: plenary}
    ```
    """
    event = ctx.event
    venue = event.venue
    if event.registrations is None or venue is None or not event.format.has_venue:
        return
    from rzn.model.event import Format
    from rzn.registrations.exports import event_registrations
    from rzn.registrations.people import Mode

    plenary = venue.plenary
    if plenary is None:
        return
    loaded = event_registrations(event, ctx.base_dir)
    data = loaded.data
    if data is None or data.fatal is not None:
        return
    people = data.people
    if event.format is Format.HYBRID:
        people = [p for p in people if p.mode is not Mode.REMOTE]
    if len(people) <= plenary.capacity:
        return
    remote = " sur place" if event.format is Format.HYBRID and data.has_modes else ""
    yield Finding(
        ("venue", "rooms", venue.rooms.index(plenary), "capacity"),
        f"{len(people)} inscrits{remote} pour {plenary.capacity} places en plénière "
        f"(« {plenary.name} ») : fermez les inscriptions ou ouvrez une liste d'attente, ou "
        "trouvez une salle plus grande.",
    )
