"""When the event takes place and when its mailings go out."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from rzn.diagnostics import Severity
from rzn.rules.registry import Finding, RuleContext, rule


@rule("RZN101", "ag-season", Severity.WARNING)
def ag_season(ctx: RuleContext) -> Iterator[Finding]:
    """La date tombe pendant la saison des assemblées générales (1er mars – 30 juin).

    ## Ce que la règle vérifie
    Que la date de la rencontre n'est pas comprise entre le 1er mars et le 30 juin inclus.

    ## Pourquoi
    Le vade-mecum recommande, « dans tous les cas, éviter la période des AG, qui se tiennent
    majoritairement entre mars et juin, afin que les participants soient disponibles, y compris
    intellectuellement ».

    ## Exemple qui échoue
    ```yaml
    date: 2027-04-15
    ```

    ## Exemple qui passe
    ```yaml
    date: 2027-10-14
    ```
    """
    day = ctx.event.date
    if (3, 1) <= (day.month, day.day) <= (6, 30):
        yield Finding(
            ("date",),
            f"Le {day:%d/%m/%Y} tombe en pleine saison des assemblées générales (mars à juin) : "
            "les responsables associatifs seront moins disponibles. Préférez septembre à "
            "février, ou ignorez la règle si vos participants ont déjà tenu leur AG.",
        )


@rule("RZN102", "mailing-late", Severity.WARNING)
def mailing_late(ctx: RuleContext) -> Iterator[Finding]:
    """Un mailing prévu aurait déjà dû partir.

    ## Ce que la règle vérifie
    Pour chaque envoi de `communication.mailings` (en jours avant l'événement) qui n'est pas
    noté fait dans `tasks.done` (`mailing-j30`…), que sa date n'est pas déjà passée par
    rapport à aujourd'hui (ou à `--today`), l'événement étant à venir. La date est celle du
    rétroplanning : un envoi qui tombe un week-end, un jour férié ou pendant la pause d'été
    est avancé au jour ouvré précédent.

    ## Pourquoi
    Le vade-mecum prévoit un « Mailing : envoi à J-30, puis J-15, puis J-7 » : un envoi
    oublié, c'est autant de participants qui n'auront pas l'information à temps.

    ## Exemple qui échoue
    Avec `--today 2027-11-01` :
    ```yaml
    date: 2027-11-18
    communication:
      mailings: [30, 15, 7]
    ```

    ## Exemple qui passe
    Avec `--today 2027-10-01` :
    ```yaml
    date: 2027-11-18
    communication:
      mailings: [30, 15, 7]
    ```
    """
    event = ctx.event
    if event.date < ctx.today:
        return
    from rzn.model.event import TaskRole
    from rzn.plan.tasks import mailing_id, task_owners
    from rzn.plan.workdays import MAX_SHIFT, WorkingDays

    written = ("communication", "mailings") in ctx.source.positions
    done = set(event.tasks.done)
    days_off: WorkingDays | None = None
    for index, days in enumerate(event.communication.mailings):
        task = mailing_id(days)
        planned = event.date - dt.timedelta(days=days)
        if task in done or planned - dt.timedelta(days=MAX_SHIFT) >= ctx.today:
            continue  # cheap: no deadline moves that far earlier
        days_off = days_off or WorkingDays(event)
        due = days_off.deadline(event, task, -days).day  # the checklist's own deadline
        if due < ctx.today:
            members = {m.id: m.name for m in event.team}
            owner = members.get(event.tasks.owners.get(task, ""))
            owner = owner or task_owners(event).get(TaskRole.COMMUNICATION, ("", None))[1]
            who = f" ({owner}, communication)" if owner else ""
            # Default mailings are not in the file: point at the date they derive from.
            yield Finding(
                ("communication", "mailings", index) if written else ("date",),
                f"Le mailing J-{days}{who} devait partir le {due:%d/%m/%Y}, date déjà passée : "
                f"envoyez-le dès que possible, puis notez-le fait avec « rzn tasks done {task} » "
                f"(ou ajoutez {task} à tasks.done) ; gardez-le dans communication.mailings.",
            )


@rule("RZN103", "date-past", Severity.INFO)
def date_past(ctx: RuleContext) -> Iterator[Finding]:
    """La rencontre a déjà eu lieu : place au bilan.

    ## Ce que la règle vérifie
    Que la date n'est pas antérieure à aujourd'hui (ou à `--today`).

    ## Pourquoi
    Après la rencontre, le vade-mecum prévoit la capitalisation : remerciements,
    questionnaire d'évaluation, « faire remonter les ressources et les résultats de
    l'évaluation ». Cette information le rappelle.

    ## Exemple qui échoue
    Avec `--today 2027-12-01` :
    ```yaml
    date: 2027-11-18
    ```

    ## Exemple qui passe
    Avec `--today 2027-10-01` :
    ```yaml
    date: 2027-11-18
    ```
    """
    if ctx.event.date < ctx.today:
        yield Finding(
            ("date",),
            f"La rencontre a eu lieu le {ctx.event.date:%d/%m/%Y} : pensez aux remerciements, "
            "au questionnaire d'évaluation et à faire remonter les ressources au coordinateur "
            "national (« rzn render » prépare ces documents).",
        )
