"""``rzn report``: the evaluation report of one event, to send to the national coordinator."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Annotated

import typer

from rzn.errors import ExitCode

if TYPE_CHECKING:
    from rzn.diagnostics import Diagnostic


def report(
    event: Annotated[
        str, typer.Argument(help="Fichier d'événement (event.yaml).", show_default=False)
    ],
    answers: Annotated[
        str | None,
        typer.Option(
            "--answers",
            "-a",
            metavar="FICHIER",
            help="Export CSV des réponses au questionnaire (par défaut, answers: du fichier "
            "d'événement).",
        ),
    ] = None,
    output: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            help="Dossier où écrire report.html et report.md (par défaut build/ à côté du "
            "fichier d'événement).",
        ),
    ] = None,
    today: Annotated[
        str | None,
        typer.Option(help="Date du bilan (AAAA-MM-JJ) pour des résultats reproductibles."),
    ] = None,
    templates: Annotated[
        list[str] | None,
        typer.Option("--templates", help="Dossier de gabarits qui remplacent ceux de rzn."),
    ] = None,
    force: Annotated[
        bool,
        typer.Option("--force", help="Remplacer des fichiers que rzn n'a pas écrits."),
    ] = False,
) -> None:
    """Écrire le bilan d'une rencontre (report.html, report.md) à partir des exports."""
    from rzn.cli.edits import conflicts, show_edits
    from rzn.cli.options import parse_today
    from rzn.report.write import make_report

    result = make_report(
        event, answers, output, parse_today(today), tuple(templates or ()), force=force
    )
    out = sys.stdout
    _print_diagnostics(result.diagnostics)
    for name, description in result.read:
        out.write(f"Lu : {name} ({description})\n")
    if not result.written:
        out.write(
            "Bilan non écrit : corrigez les erreurs ci-dessus dans les exports ou le fichier "
            "d'événement, puis relancez rzn report.\n"
        )
        raise typer.Exit(ExitCode.INVALID)
    assert result.out_dir is not None
    for file in result.files:
        out.write(f"Écrit : {result.out_dir / file.path} — {file.description}\n")
    out.write(
        "Le bilan ne contient que des chiffres agrégés ; relisez les réponses libres avant "
        "de l'envoyer au coordinateur national.\n"
    )
    show_edits(result.decisions, out)
    if conflicts(result.decisions):
        raise typer.Exit(ExitCode.INVALID)


def _print_diagnostics(diagnostics: list[Diagnostic]) -> None:
    from rzn.output.plain import format_line

    for d in diagnostics:
        if d.ignored is None:
            sys.stdout.write(format_line(d) + "\n")
