"""``rzn tasks``: the retro-planning's tasks, and ticking them without editing YAML by hand."""

from __future__ import annotations

import datetime as dt
import sys
from typing import TYPE_CHECKING, Annotated

import typer

from rzn.errors import InputError

if TYPE_CHECKING:
    from rzn.model.event import Event
    from rzn.plan.tasks import Task

app = typer.Typer(
    name="tasks",
    help="Les tâches du rétroplanning : les lister (en retard, de la semaine, par personne), "
    "les noter faites.",
    invoke_without_command=True,
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

EventOption = Annotated[
    str,
    typer.Option(
        "--event",
        "-e",
        help="Fichier d'événement (ou dossier qui contient event.yaml).",
        metavar="FICHIER",
    ),
]


@app.callback()
def list_tasks(
    ctx: typer.Context,
    event: EventOption = "event.yaml",
    today: Annotated[
        str | None,
        typer.Option(help="Date du jour (AAAA-MM-JJ) : décide des tâches en retard."),
    ] = None,
    late: Annotated[bool, typer.Option("--late", help="Seulement les tâches en retard.")] = False,
    week: Annotated[
        bool,
        typer.Option(
            "--week", help="Seulement les tâches à faire d'ici sept jours (ou en retard)."
        ),
    ] = False,
    owner: Annotated[
        str | None,
        typer.Option(
            "--owner",
            help="Seulement les tâches d'une personne (id de team) ; « aucun » : sans responsable.",
            show_default=False,
            metavar="ID",
        ),
    ] = None,
) -> None:
    """Lister les tâches avec leur statut, leur échéance et leur responsable."""
    if ctx.invoked_subcommand is not None:
        return
    from rzn.cli.options import parse_today
    from rzn.plan.tasks import Status, build_tasks

    day = parse_today(today)
    _, loaded_event = _event(event, day)
    tasks = build_tasks(loaded_event, day)
    if owner is not None:
        _check_owner(loaded_event, owner)
        wanted = None if owner == "aucun" else owner
        tasks = [t for t in tasks if t.owner_id == wanted and not t.done]
    if late:
        tasks = [t for t in tasks if t.status is Status.LATE]
    if week:
        horizon = day + dt.timedelta(days=7)
        tasks = [t for t in tasks if not t.done and t.due <= horizon]
    out = sys.stdout
    if not tasks:
        out.write("Aucune tâche ne correspond.\n")
        return
    width = max(len(t.id) for t in tasks)
    for task in tasks:
        out.write(_line(task, width))
    counts = {s: sum(1 for t in tasks if t.status is s) for s in Status}
    out.write(
        f"{len(tasks)} tâche{'s' if len(tasks) > 1 else ''} : "
        f"{counts[Status.LATE]} en retard, {counts[Status.PENDING]} à faire, "
        f"{counts[Status.DONE]} faite{'s' if counts[Status.DONE] > 1 else ''}.\n"
    )


def _line(task: Task, width: int) -> str:
    from rzn.plan.tasks import Status

    mark = {Status.DONE: "fait     ", Status.LATE: "EN RETARD", Status.PENDING: "à faire  "}
    due = f"{task.due:%d/%m/%Y} ({task.relative})"
    return f"{mark[task.status]}  {due:<18} {task.id:<{width}}  {task.responsible}  {task.title}\n"


@app.command("done")
def done(
    ctx: typer.Context,
    ids: Annotated[
        list[str],
        typer.Argument(help="Identifiants des tâches faites (voir rzn tasks).", show_default=False),
    ],
    event: Annotated[
        str | None,
        typer.Option(
            "--event",
            "-e",
            help="Fichier d'événement (ou dossier qui contient event.yaml) [par défaut : "
            "event.yaml].",
            metavar="FICHIER",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Noter des tâches faites : les ajoute à tasks.done dans le fichier d'événement."""
    import difflib
    from pathlib import Path

    from rzn.files import replace_file
    from rzn.load.edit import TextFile, append_to_list
    from rzn.plan.tasks import catalogue_ids

    # « rzn tasks -e FICHIER done ID » names the file before the command: honour it.
    parent = ctx.parent.params.get("event") if ctx.parent is not None else None
    path, loaded_event = _event(event or parent or "event.yaml", dt.date.today())
    known = catalogue_ids(loaded_event)
    for task_id in ids:
        if task_id not in known:
            close = difflib.get_close_matches(task_id, known, n=1, cutoff=0.6)
            hint = f" Vouliez-vous dire « {close[0]} » ?" if close else ""
            raise InputError(
                f"Tâche « {task_id} » inconnue pour cet événement.{hint} « rzn tasks » les liste."
            )
    already = set(loaded_event.tasks.done)
    new = list(dict.fromkeys(t for t in ids if t not in already))
    out = sys.stdout
    for task_id in ids:
        if task_id in already:
            out.write(f"Déjà notée faite : {task_id}.\n")
    if not new:
        return
    file = Path(path)
    data = file.read_bytes()
    original = TextFile.decode(data, path)
    edited = append_to_list(original.text, ("tasks", "done"), new, path)
    replace_file(file, original.encode(edited), file.stat().st_mode & 0o7777)
    names = ", ".join(new)
    out.write(f"Noté{'es' if len(new) > 1 else 'e'} faite{'s' if len(new) > 1 else ''} "
              f"dans {path} : {names}.\n")  # fmt: skip


def _event(name: str, today: dt.date) -> tuple[str, Event]:
    from rzn.check import CheckOptions, check_file
    from rzn.cli.render_cmd import event_file
    from rzn.errors import RznError

    path = event_file(name)
    report = check_file(path, CheckOptions(today=today, drafts=False))
    if report.event is None:
        raise RznError(
            f"{path} a des erreurs : corrigez-les d'abord (rzn check {path} les montre)."
        )
    return path, report.event


def _check_owner(event: Event, owner: str) -> None:
    import difflib

    members = [m.id for m in event.team]
    if owner == "aucun" or owner in members:
        return
    close = difflib.get_close_matches(owner, members, n=1, cutoff=0.6)
    hint = f" Vouliez-vous dire « {close[0]} » ?" if close else ""
    raise InputError(
        f"--owner {owner} : personne inconnue dans team ({', '.join(members) or 'vide'}).{hint}"
    )
