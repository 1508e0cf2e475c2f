"""``rzn check``: its options for Typer (help, usage errors, unusual command lines)."""

from __future__ import annotations

from typing import Annotated

import typer

from rzn.cli.options import jobs_option


def check(
    paths: Annotated[
        list[str],
        typer.Argument(
            help="Fichiers d'événement ou dossiers (tous les *.yaml/*.yml en dessous).",
            show_default=False,
        ),
    ],
    output_format: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            help="Sortie : text, json, github (annotations), sarif (revue de code) ou junit.",
        ),
    ] = "text",
    today: Annotated[
        str | None,
        typer.Option(help="Date du jour (AAAA-MM-JJ) pour des résultats reproductibles."),
    ] = None,
    strict: Annotated[
        bool, typer.Option("--strict", help="Les avertissements font aussi échouer.")
    ] = False,
    select: Annotated[
        list[str] | None,
        typer.Option("--select", help="Ne vérifier que ces règles (nom ou code, répétable)."),
    ] = None,
    ignore: Annotated[
        list[str] | None,
        typer.Option("--ignore", help="Ne pas vérifier ces règles (nom ou code, répétable)."),
    ] = None,
    calendar: Annotated[
        list[str] | None,
        typer.Option(
            "--calendar",
            help=(
                "Agenda .ics d'autres événements du territoire, comparés aux dates "
                "(règle date-collision ; répétable)."
            ),
        ),
    ] = None,
    config: Annotated[
        str | None,
        typer.Option(
            "--config",
            help="Fichier de réglages (par défaut rzn.toml ou pyproject.toml du dépôt).",
        ),
    ] = None,
    jobs: Annotated[int, jobs_option("200 fichiers")] = 0,
) -> None:
    """Vérifier des fichiers d'événement au regard du vade-mecum."""
    # The body lives in rzn.cli.check_run, which rzn.cli.main also calls without Typer.
    from rzn.cli.check_run import CheckArgs, run_check

    code = run_check(
        CheckArgs(
            paths,
            output_format,
            today,
            strict,
            select or [],
            ignore or [],
            calendar or [],
            config,
            jobs,
        )
    )
    if code:
        raise typer.Exit(code)
