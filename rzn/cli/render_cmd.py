"""``rzn render``: the event's documents, in one output folder."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TextIO

import typer

from rzn.cli.edits import conflicts, show_edits, show_preview
from rzn.cli.options import jobs_option
from rzn.diagnostics import visible
from rzn.errors import ExitCode, InputError

if TYPE_CHECKING:
    from rzn.render import RenderReport

DEFAULT_WAIT = 60
"""Seconds a render waits for another one writing the same folder: long enough for a
render of a few events to finish, short enough for a forgotten one not to hang a script."""


def render(
    events: Annotated[
        list[str],
        typer.Argument(
            help="Fichiers d'événement (ou dossiers contenant event.yaml) ; plusieurs d'un coup "
            "possible.",
            show_default=False,
            metavar="ÉVÉNEMENT...",
        ),
    ],
    output: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            help="Dossier de sortie (par défaut : build/ à côté du fichier d'événement ; avec "
            "plusieurs événements, un sous-dossier par événement).",
            show_default=False,
        ),
    ] = None,
    today: Annotated[
        str | None,
        typer.Option(help="Date du jour (AAAA-MM-JJ) : décide des tâches en retard."),
    ] = None,
    templates: Annotated[
        list[str] | None,
        typer.Option(
            "--templates",
            help="Dossier de gabarits qui remplacent ceux de rzn (répétable). "
            "« rzn templates copy » aide à démarrer.",
            show_default=False,
        ),
    ] = None,
    force: Annotated[
        bool,
        typer.Option(
            "--force",
            help="Remplacer tous les fichiers par la version de rzn : ceux qu'il n'a pas écrits, "
            "ceux que vous avez modifiés (sans fusion) et ceux que vous avez supprimés.",
        ),
    ] = False,
    restore: Annotated[
        list[str] | None,
        typer.Option(
            "--restore",
            help="Recréer un document que vous aviez supprimé (chemin dans le dossier de "
            "sortie ou motif, ex. speakers/dupont/*) ; répétable.",
            show_default=False,
            metavar="CHEMIN",
        ),
    ] = None,
    dry_run: Annotated[
        bool,
        typer.Option(
            "--dry-run",
            help="Ne rien écrire : dire quels fichiers seraient créés, mis à jour, fusionnés "
            "avec vos modifications ou en conflit.",
        ),
    ] = False,
    diff: Annotated[
        bool,
        typer.Option(
            "--diff",
            help="Comme --dry-run, et montrer les lignes qui changeraient dans chaque fichier.",
        ),
    ] = False,
    pdf: Annotated[
        bool,
        typer.Option(
            "--pdf",
            help="Écrire aussi en PDF le rétroplanning, le conducteur, les fiches d'ateliers "
            'et les affiches, prêts à imprimer (nécessite pip install "rzn[pdf]").',
        ),
    ] = False,
    public: Annotated[
        bool,
        typer.Option(
            "--public",
            help="N'écrire que la partie publique (public/ : page, affiches, image de partage, "
            "agenda), sans données personnelles.",
        ),
    ] = False,
    jobs: Annotated[int, jobs_option("3 événements")] = 0,
    wait: Annotated[
        int,
        typer.Option(
            "--wait",
            help="Si un autre rzn render écrit dans le même dossier de sortie : l'attendre au "
            "plus SECONDES secondes, puis abandonner sans rien écrire (0 : abandonner tout de "
            "suite).",
            min=0,
            max=86_400,
            metavar="SECONDES",
        ),
    ] = DEFAULT_WAIT,
) -> None:
    """Produire les documents de la rencontre : rétroplanning, budget, calendrier…"""
    from rzn.cli.options import parse_today
    from rzn.output import show_blocking
    from rzn.render import render_many
    from rzn.render.folder_lock import Waiting

    paths = [event_file(event) for event in events]  # every path checked before any render
    folders = [_template_folder(t) for t in templates or []]
    warn_unused_templates(folders)
    outputs = _outputs(paths, output)
    day = parse_today(today)
    out = sys.stdout
    failed = False
    preview = dry_run or diff
    reports = render_many(
        paths,
        outputs,
        day,
        folders,
        pdf=pdf,
        force=force,
        jobs=jobs,
        restore=restore or (),
        dry_run=preview,
        only=("public",) if public else (),
        waiting=Waiting(wait, _say_waiting(wait)),
    )
    try:
        for event_path, report in zip(paths, reports, strict=True):
            show_blocking(report.diagnostics, out)
            if report.failed:
                which = f"{event_path} : " if len(paths) > 1 else ""
                sys.stderr.write(
                    f"rzn : {visible(which)}aucun document produit : corrigez d'abord les erreurs "
                    "ci-dessus.\n"
                )
                failed = True
                continue
            if preview:
                if report.interrupted:
                    _say_interrupted(report, out)
                show_preview(report, out, diff=diff)
                continue
            _files_table(report, out)
            show_edits(report.decisions, out)
            if conflicts(report.decisions):
                failed = True
    except KeyboardInterrupt:
        # Typer turns a bare KeyboardInterrupt into a silent exit 130; Abort gets the
        # French message from rzn.cli.main.
        raise typer.Abort() from None
    finally:
        reports.close()  # stops the workers at once when a write failed or Ctrl-C came
    if failed:
        raise typer.Exit(ExitCode.INVALID)


def _say_waiting(seconds: int) -> Callable[[Path], None]:
    def say(folder: Path) -> None:
        sys.stderr.write(
            f"rzn : {visible(str(folder))} : un autre rzn render écrit dans ce dossier ; "
            f"rzn attend qu'il ait fini (au plus {seconds} s, --wait pour changer)…\n"
        )
        sys.stderr.flush()

    return say


def _say_interrupted(report: RenderReport, out: TextIO) -> None:
    folder = visible(str(report.out_dir))
    out.write(
        f"Attention : un rendu interrompu (arrêt brutal, coupure de courant) a laissé {folder} "
        "à moitié dans l'ancienne version, à moitié dans la nouvelle. Le prochain rzn render "
        "sans --dry-run remettra d'abord chaque document tel qu'il était avant ce rendu, puis "
        "écrira la nouvelle version ; l'aperçu ci-dessous part du dossier tel qu'il est.\n"
    )


def _outputs(paths: list[str], output: str | None) -> list[str | None]:
    """Each event's output folder: ``-o`` itself for one event, a sub-folder each for several."""
    if output is None or len(paths) == 1:
        return [output] * len(paths)
    from rzn.slugs import unique_slugs

    names = [Path(p).resolve().parent.name or Path(p).stem for p in paths]
    return [str(Path(output) / name) for name in unique_slugs(names)]


def event_file(path: str) -> str:
    candidate = Path(path)
    if candidate.is_dir():
        for name in ("event.yaml", "event.yml"):
            if (candidate / name).is_file():
                return str(candidate / name)
        raise InputError(
            f"{path} : ce dossier ne contient pas de fichier event.yaml. Indiquez le fichier "
            "d'événement (rzn render mon-evenement/event.yaml)."
        )
    if not candidate.exists():
        raise InputError(
            f"{path} : fichier introuvable. Vérifiez le chemin (rzn render "
            "mon-evenement/event.yaml)."
        )
    return path


def _template_folder(path: str) -> str:
    if not Path(path).is_dir():
        raise InputError(
            f"--templates {path} : dossier introuvable. « rzn templates copy NOM DOSSIER » en "
            "crée un avec le gabarit à modifier."
        )
    return path


def warn_unused_templates(folders: list[str]) -> None:
    """Files of the --templates folders that replace nothing: said, never fatal."""
    if not folders:
        return
    from rzn.render.overrides import override_warnings

    for warning in override_warnings(folders):
        sys.stderr.write(f"rzn : avertissement : {visible(warning)}\n")


def _files_table(report: RenderReport, out: TextIO) -> None:
    from rzn.render.edits import Outcome

    folder = visible(str(report.out_dir)) if report.out_dir is not None else "."
    gone = {d.path for d in report.decisions if d.outcome is Outcome.KEPT_DELETED}
    files = [file for file in report.files if file.path not in gone]
    count = len(files)
    total = f"{count} fichier écrit" if count == 1 else f"{count} fichiers écrits"
    if out.isatty():
        from rich.console import Console
        from rich.markup import escape
        from rich.table import Table

        console = Console(file=out, highlight=False)
        table = Table(title=f"Documents écrits dans {escape(folder)}", title_justify="left")
        table.add_column("Fichier", no_wrap=True, style="bold")
        table.add_column("Description")
        for file in files:
            table.add_row(escape(file.path), escape(file.description))
        console.print(table)
        console.print(f"[bold green]✓ {total}.[/]")
        return
    width = max((len(f.path) for f in files), default=0)
    out.write(f"Documents écrits dans {folder} :\n")
    for file in files:
        out.write(f"  {file.path:<{width}}  {file.description}\n")
    out.write(f"{total}.\n")
