"""``rzn stats``: the figures of a cycle of events (participants, digital level, age)."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from rzn.errors import ExitCode, UsageError

FORMATS = ("text", "json")


def stats(
    paths: Annotated[
        list[str],
        typer.Argument(
            help="Fichiers d'événement ou dossiers (tous les *.yaml/*.yml en dessous).",
            show_default=False,
        ),
    ],
    output_format: Annotated[
        str, typer.Option("--format", "-f", help="Sortie : text ou json.")
    ] = "text",
) -> None:
    """Chiffres d'un cycle de rencontres : participants, niveau numérique, 45 ans et plus."""
    from rzn.report.cycle import collect

    if output_format not in FORMATS:
        raise UsageError(f"--format « {output_format} » inconnu : choisissez text ou json.")
    result = collect(paths)
    sys.stdout.write(result.json() if output_format == "json" else result.text())
    if not result.events:
        raise typer.Exit(ExitCode.INVALID)
