"""``rzn publish``: send the event's documents to the tools organisers share."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from rzn.errors import ExitCode
from rzn.words import plural

app = typer.Typer(
    name="publish",
    help="Publier dans les outils partagés de l'équipe : l'agenda partagé (caldav).",
    no_args_is_help=True,
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


@app.command("caldav")
def caldav(
    event: Annotated[
        str,
        typer.Argument(
            help="Fichier d'événement (ou dossier contenant event.yaml).", show_default=False
        ),
    ],
    url: Annotated[
        str,
        typer.Option(
            "--url",
            metavar="ADRESSE",
            help="Adresse CalDAV du serveur en https:// (Nextcloud : "
            "https://HÔTE/remote.php/dav), du compte ou de l'agenda.",
            show_default=False,
        ),
    ],
    calendar: Annotated[
        str,
        typer.Option(
            "--calendar",
            metavar="NOM",
            help="Nom de l'agenda, tel qu'affiché par l'agenda en ligne (ou dernier segment de "
            "son adresse). Il doit exister.",
            show_default=False,
        ),
    ],
    today: Annotated[
        str | None,
        typer.Option(
            help="Date du jour (AAAA-MM-JJ), comme pour rzn render : date de mise à jour des "
            "entrées."
        ),
    ] = None,
    force: Annotated[
        bool,
        typer.Option(
            "--force",
            help="Remplacer (ou retirer) aussi les entrées de cette rencontre modifiées dans "
            "l'agenda par quelqu'un d'autre depuis la dernière publication.",
        ),
    ] = False,
    adopt: Annotated[
        bool,
        typer.Option(
            "--adopt",
            help="Reprendre les entrées qui portent les identifiants de cette rencontre mais "
            "n'ont pas été publiées pour elle (autre ordinateur, ancienne version de rzn).",
        ),
    ] = False,
) -> None:
    """Publier le calendrier de la communication dans un agenda partagé (CalDAV).
    Identifiants : RZN_CALDAV_USER et RZN_CALDAV_PASSWORD, ou ~/.netrc. Republier après une
    modification met à jour les mêmes entrées, n'envoie pas celles qui n'ont pas changé et
    retire celles que rzn avait publiées et qui n'existent plus ; les autres entrées de
    l'agenda, et celles d'une autre rencontre même du même titre, ne sont jamais touchées. Une
    entrée modifiée dans l'agenda par quelqu'un d'autre est laissée telle quelle et signalée
    (code 1), sauf avec --force.
    """
    from rzn.cli.options import parse_today
    from rzn.cli.render_cmd import event_file
    from rzn.output import show_blocking
    from rzn.publish import publish_caldav

    report = publish_caldav(
        event_file(event), url, calendar, parse_today(today), force=force, adopt=adopt
    )
    # Findings are shown exactly as rzn render shows them.
    show_blocking(report.diagnostics, sys.stdout)
    if report.result is None:
        sys.stderr.write("rzn : rien n'a été publié : corrigez d'abord les erreurs ci-dessus.\n")
        raise typer.Exit(ExitCode.INVALID)
    result = report.result
    out = sys.stdout
    out.write(
        f"Agenda « {result.calendar.name} » ({_shown(result.calendar.url)}) : "
        f"{plural(len(result.created), 'entrée créée', 'entrées créées')}, "
        f"{plural(len(result.updated), 'mise à jour', 'mises à jour')}, "
        f"{plural(len(result.unchanged), 'inchangée', 'inchangées')} (non renvoyée"
        f"{'s' if len(result.unchanged) > 1 else ''}), "
        f"{plural(len(result.removed), 'retirée', 'retirées')}.\n"
    )
    if result.removed:
        out.write(
            f"{plural(len(result.removed), 'entrée retirée', 'entrées retirées')} "
            "(publiées auparavant, absentes du calendrier actuel) :\n"
        )
        for summary in result.removed:
            out.write(f"  - {summary}\n")
    if result.created:
        # A title change gives an event without "slug:" new UIDs: its old entries stay behind.
        for slug, count in sorted(result.others.items()):
            entries = plural(count, "entrée publiée", "entrées publiées")
            out.write(
                f"Note : cet agenda contient aussi {entries} par rzn pour « {slug} ». C'est une "
                "autre rencontre, ou celle-ci sous un ancien titre : dans ce cas, supprimez ces "
                "entrées dans l'agenda et fixez « slug: » dans le fichier d'événement, pour "
                "qu'un changement de titre ne les double plus.\n"
            )
    if result.kept:
        sys.stderr.write(
            f"rzn : {plural(len(result.kept), 'entrée modifiée', 'entrées modifiées')} dans "
            "l'agenda par quelqu'un d'autre depuis la dernière publication, laissée"
            f"{'s' if len(result.kept) > 1 else ''} telle"
            f"{'s' if len(result.kept) > 1 else ''} quelle"
            f"{'s' if len(result.kept) > 1 else ''} :\n"
        )
        for summary in result.kept:
            sys.stderr.write(f"  - {summary}\n")
        sys.stderr.write(
            "Reportez ces changements dans le fichier d'événement si besoin, puis relancez avec "
            "--force pour les remplacer par la version de rzn.\n"
        )
        raise typer.Exit(ExitCode.INVALID)


def _shown(url: str) -> str:
    from rzn.publish.dav import shown

    return shown(url)
