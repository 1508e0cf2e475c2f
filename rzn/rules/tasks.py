"""The retro-planning's follow-up: ``tasks.done``."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from rzn.diagnostics import Severity
from rzn.rules.registry import Finding, RuleContext, rule

if TYPE_CHECKING:
    from rzn.plan.workdays import WorkingDays

_FORMATS = {"in_person": "en présentiel", "online": "en ligne", "hybrid": "hybride"}


@rule("RZN504", "unknown-task", Severity.WARNING)
def unknown_task(ctx: RuleContext) -> Iterator[Finding]:
    """Une tâche nommée dans tasks n'existe pas dans le rétroplanning de l'événement.

    ## Ce que la règle vérifie
    Que chaque identifiant de `tasks.done`, `tasks.not_done`, et chaque clé de `tasks.owners`
    et de `tasks.due`, est celui d'une tâche du rétroplanning de cet
    événement (`checklist.md` les affiche). Les tâches dépendent du format : un événement en
    ligne n'a pas de réservation de salle, un événement en présentiel pas d'outil de
    visioconférence (mais les tâches `fallback-…` de son plan B à distance).

    Identifiants des tâches :
    Lancer : `lead`, `common-vision`, `date`, `political-support`, `consultation`,
    `venue-booking`, `videoconference-tool`, `venue-accessibility`, `budget`.
    Préparer : `program`, `speakers`, `speaker-referent`, `bilateral-invitation`,
    `bilateral-exchanges`, `fallback-speakers`, `workshop-sheets-sent`, `workshop-sheets`,
    `logistics`, `remote-rules`, `fallback-test`, `run-sheet-sent`, `rehearsal`,
    `evaluation-questionnaire`, `speaker-practical-info`, `speaker-tech-test`.
    Communiquer : `communication-roadmap`, `logos`, `site-update`, `social-before`,
    `fallback-message`, et un `mailing-jN` par envoi de `communication.mailings`
    (`mailing-j30`, `mailing-j15`, `mailing-j7` par défaut).
    Jour J : `day-logistics`, `remote-welcome`, `recording`, `social-live`.
    Après : `thanks-speakers`, `thanks-participants`, `social-after`, `collect-slides`,
    `evaluation-reminder`, `resources-sent`, `practical-sheets`.

    ## Pourquoi
    Le vade-mecum demande, « après avoir défini la date de l'événement, [de] se doter d'une
    liste des tâches à réaliser ». Une faute de frappe dans un identifiant laisserait la
    tâche « à faire », voire « en retard », alors qu'elle est faite.

    ## Exemple qui échoue
    ```yaml
    format: online
    tasks:
      done: [lead, venue-booking, mailing-j31]
    ```

    ## Exemple qui passe
    ```yaml
    format: online
    tasks:
      done: [lead, videoconference-tool, mailing-j30]
    ```
    """
    event = ctx.event
    tasks = event.tasks
    named: list[tuple[str, tuple[str | int, ...], bool]] = [
        *((task_id, ("tasks", "done", i), False) for i, task_id in enumerate(tasks.done)),
        *((task_id, ("tasks", "not_done", i), False) for i, task_id in enumerate(tasks.not_done)),
        *((task_id, ("tasks", "owners", task_id), True) for task_id in tasks.owners),
        *((task_id, ("tasks", "due", task_id), True) for task_id in tasks.due),
    ]
    if not named:
        return  # most files: no need to build the plan
    import difflib

    from rzn.plan.tasks import MAILING_ID, catalogue_ids, static_ids

    ids = catalogue_ids(event)
    known = set(ids)
    every = set(static_ids())
    for task_id, path, key in named:
        if task_id in known:
            continue
        where = ".".join(str(p) for p in path[:2])
        mailing = MAILING_ID.match(task_id)
        if task_id in every:
            yield Finding(
                path,
                f"La tâche « {task_id} » ne fait pas partie du rétroplanning de cet événement "
                f"({_FORMATS[event.format.value]}, d'après son format et son programme) : "
                f"retirez-la de {where}.",
                key=key,
            )
        elif mailing:
            planned = ", ".join(f"J-{d}" for d in event.communication.mailings) or "aucun"
            yield Finding(
                path,
                f"« {task_id} » : aucun mailing n'est prévu à J-{int(mailing.group(1))} "
                f"(communication.mailings prévoit : {planned}). Corrigez l'identifiant ou la "
                "liste des envois.",
                key=key,
            )
        else:
            close = difflib.get_close_matches(task_id, ids, n=1, cutoff=0.6)
            hint = f" Vouliez-vous dire « {close[0]} » ?" if close else ""
            yield Finding(
                path,
                f"Tâche « {task_id} » inconnue : les identifiants sont listés dans "
                f"checklist.md et par « rzn rules unknown-task ».{hint}",
                key=key,
            )


@rule("RZN505", "unknown-owner", Severity.WARNING)
def unknown_owner(ctx: RuleContext) -> Iterator[Finding]:
    """Une tâche est confiée à une personne absente de l'équipe.

    ## Ce que la règle vérifie
    Que chaque personne nommée dans `tasks.owners` (identifiant de tâche → personne) est
    l'`id` d'un membre de `team`. La tâche garde sinon le responsable de son rôle
    (`team[].tasks`), ou reste « à attribuer ».

    ## Pourquoi
    Le vade-mecum demande de « se doter d'une liste des tâches à réaliser » et de « nommer un
    référent parmi les organisateurs » : une tâche confiée à un nom mal écrit n'est suivie
    par personne.

    ## Exemple qui échoue
    ```yaml
    team:
      - {id: claire, name: Claire Martin}
    tasks:
      owners: {budget: clarie}
    ```

    ## Exemple qui passe
    ```yaml
    team:
      - {id: claire, name: Claire Martin}
    tasks:
      owners: {budget: claire}
    ```
    """
    import difflib

    members = [m.id for m in ctx.event.team]
    for task_id, person in ctx.event.tasks.owners.items():
        if person in members:
            continue
        close = difflib.get_close_matches(person, members, n=1, cutoff=0.6)
        hint = f" Vouliez-vous dire « {close[0]} » ?" if close else ""
        known = ", ".join(members) if members else "aucun membre dans team"
        yield Finding(
            ("tasks", "owners", task_id),
            f"« {person} » n'est l'id d'aucun membre de team ({known}) : la tâche {task_id} "
            f"n'a pas de responsable nommé.{hint}",
        )


@rule("RZN506", "draft-field-missing", Severity.WARNING)
def draft_field_missing(ctx: RuleContext) -> Iterator[Finding]:
    """Un brouillon va partir avec un passage « à compléter » que le fichier peut remplir.

    ## Ce que la règle vérifie
    À partir du jour où part le brouillon qui en a besoin (son échéance au rétroplanning), que
    le fichier d'événement donne : les créneaux de l'échange bilatéral
    (`preparation.bilateral_slots`, mail 1 des intervenants), le filage
    (`preparation.rehearsal`, mail 2), le lien du questionnaire d'évaluation
    (`communication.evaluation_url`, remerciements aux participants) et, si les débats sont
    enregistrés, le lien de l'enregistrement (`communication.recording_url`). Avant ce jour,
    rien n'est signalé : ces informations arrivent en cours de préparation.

    ## Pourquoi
    Le vade-mecum demande d'« organiser des échanges bilatéraux », « idéalement, organiser un
    filage avec tous les intervenants avant l'événement », d'envoyer « un mail de
    remerciements aux participants » avec le questionnaire d'évaluation et, « si vous avez
    enregistré les débats, envoyer ledit enregistrement » : un brouillon envoyé avec
    « [lien … à compléter] » ne sert à rien.

    ## Exemple qui échoue
    Avec `--today 2027-11-19` :
    ```yaml
    date: 2027-11-18
    communication:
      mailings: [30, 15, 7]
    ```

    ## Exemple qui passe
    Avec `--today 2027-11-19` :
    ```yaml
    date: 2027-11-18
    communication:
      mailings: [30, 15, 7]
      evaluation_url: https://example.org/evaluation
    preparation:
      bilateral_slots: [mardi 5 octobre à 14 h]
      rehearsal: {date: 2027-11-10, start: "18:00", place: Salle 1}
    ```
    """
    event = ctx.event
    days: list[WorkingDays] = []  # built on first need

    def needed(task_id: str) -> bool:
        # Imported here: most files have nothing missing, and rzn check stays light.
        from rzn.plan.tasks import task_due, task_offset
        from rzn.plan.workdays import MAX_SHIFT, WorkingDays

        if task_id not in event.tasks.due:
            # A deadline moves at most MAX_SHIFT days off its planned day: well before that,
            # the team's days off need not be worked out.
            planned = event.date.toordinal() + task_offset(task_id)
            if ctx.today.toordinal() < planned - MAX_SHIFT:
                return False
        days[:] = days or [WorkingDays(event)]
        return task_due(event, task_id, days[0]) <= ctx.today

    comm, prep = event.communication, event.preparation
    wanted: list[tuple[bool, bool, tuple[str, str], str]] = [
        (
            bool(event.speakers),
            not prep.bilateral_slots,
            ("preparation", "bilateral_slots"),
            "Les créneaux de l'échange bilatéral manquent : le premier mail des intervenants "
            "part avec « [créneaux à compléter] ». Donnez-les dans preparation.bilateral_slots.",
        ),
        (
            bool(event.speakers),
            prep.rehearsal is None,
            ("preparation", "rehearsal"),
            "Le filage n'est pas fixé : le mail du conducteur aux intervenants part avec « [date, "
            "heure et lieu du filage à compléter] ». Donnez-le dans preparation.rehearsal (date, "
            "start, place).",
        ),
        (
            True,
            comm.evaluation_url is None,
            ("communication", "evaluation_url"),
            "Le lien du questionnaire d'évaluation manque : les remerciements aux participants "
            "partent avec « [lien du questionnaire d'évaluation à compléter] ». Donnez-le dans "
            "communication.evaluation_url.",
        ),
        (
            comm.recording,
            comm.recording_url is None,
            ("communication", "recording_url"),
            "Le lien de l'enregistrement manque : les remerciements aux participants partent avec "
            "« [lien de l'enregistrement à compléter] ». Donnez-le dans "
            "communication.recording_url.",
        ),
    ]
    tasks = {
        ("preparation", "bilateral_slots"): "bilateral-invitation",
        ("preparation", "rehearsal"): "run-sheet-sent",
        ("communication", "evaluation_url"): "thanks-participants",
        ("communication", "recording_url"): "thanks-participants",
    }
    for applies, missing, path, message in wanted:
        if applies and missing and needed(tasks[path]):
            yield Finding(path[:1], message, key=True)
