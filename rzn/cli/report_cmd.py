"""``rzn report``: the evaluation report of one event, to send to the national coordinator."""

from __future__ import annotations

import datetime as dt
import os
import sys
from typing import TYPE_CHECKING, Annotated

import typer

from rzn.errors import ExitCode

if TYPE_CHECKING:
    from collections.abc import Sequence
    from pathlib import Path
    from typing import TextIO

    from rzn.diagnostics import Diagnostic
    from rzn.render.output import OutputFile
    from rzn.report.build import QuotingReport


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
    consultation: Annotated[
        str | None,
        typer.Option(
            "--consultation",
            "-c",
            metavar="FICHIER",
            help="Export CSV des réponses à la consultation des responsables associatifs : "
            "écrit consultation-bilan.html et consultation-bilan.md (sujets prioritaires, "
            "formats souhaités) au lieu du bilan de la rencontre ; avec les réponses à "
            "l'évaluation, compare les sujets demandés avant et pour la suite.",
        ),
    ] = None,
    output: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            help="Dossier où écrire report.html et report.md, ou le bilan de la consultation "
            "(par défaut build/ à côté du fichier d'événement).",
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
    quote: Annotated[
        bool,
        typer.Option(
            "--quote",
            help="Citer les réponses libres dans le bilan, sans adresses e-mail, numéros de "
            "téléphone ni noms des inscrits (par défaut, elles ne sont que comptées).",
        ),
    ] = False,
) -> None:
    """Écrire le bilan d'une rencontre (report.html, report.md) ou de la consultation."""
    from rzn.cli.edits import conflicts, show_edits
    from rzn.cli.options import parse_today
    from rzn.cli.render_cmd import warn_unused_templates
    from rzn.report.write import make_report

    warn_unused_templates([t for t in templates or [] if os.path.isdir(t)])
    if consultation is not None:
        _consultation(
            event, consultation, answers, output, parse_today(today), templates or [],
            force=force, quote=quote,
        )  # fmt: skip
        return
    result = make_report(
        event,
        answers,
        output,
        parse_today(today),
        tuple(templates or ()),
        force=force,
        quote=quote,
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
    _written(result.out_dir, result.files, out)
    if result.report is not None:
        out.write(_free_texts_line(result.report, "d'envoyer le bilan au coordinateur national"))
    out.write("Le bilan ne contient que des chiffres agrégés.\n")
    show_edits(result.decisions, out)
    if conflicts(result.decisions):
        raise typer.Exit(ExitCode.INVALID)


def _consultation(
    event: str,
    consultation: str,
    answers: str | None,
    output: str | None,
    today: dt.date,
    templates: list[str],
    *,
    force: bool,
    quote: bool,
) -> None:
    from rzn.cli.edits import conflicts, show_edits
    from rzn.report.consultation_write import make_consultation_report

    result = make_consultation_report(
        event, consultation, answers, output, today, tuple(templates), force=force, quote=quote
    )
    out = sys.stdout
    _print_diagnostics(result.diagnostics)
    for name, description in result.read:
        out.write(f"Lu : {name} ({description})\n")
    if result.compared is not None:
        out.write(f"Sans comparaison avec l'évaluation : {result.compared}\n")
    if result.unscrubbed is not None:
        out.write(
            "Attention : les noms des inscrits ne peuvent pas être retirés des réponses citées "
            f"({result.unscrubbed}) ; adresses et numéros le sont. Relisez les citations.\n"
        )
    if not result.written:
        out.write(
            "Bilan de la consultation non écrit : corrigez les erreurs ci-dessus dans les "
            "exports ou le fichier d'événement, puis relancez rzn report --consultation.\n"
        )
        raise typer.Exit(ExitCode.INVALID)
    assert result.out_dir is not None
    _written(result.out_dir, result.files, out)
    bilan = result.bilan
    if bilan is not None:
        out.write(_free_texts_line(bilan, "de diffuser le bilan"))
    if bilan is not None and bilan.contacts:
        out.write(
            f"Adresses laissées pour l'invitation : {bilan.contacts} (comptées, jamais écrites "
            "dans le bilan).\n"
        )
    out.write("Le bilan ne contient que des chiffres agrégés.\n")
    show_edits(result.decisions, out)
    if conflicts(result.decisions):
        raise typer.Exit(ExitCode.INVALID)


def _written(folder: Path, files: Sequence[OutputFile], out: TextIO) -> None:
    for file in files:
        out.write(f"Écrit : {folder / file.path} — {file.description}\n")


def _free_texts_line(report: QuotingReport, before: str) -> str:
    """What became of the free answers, said after the files (empty when there were none)."""
    count = report.free_texts
    if not count:
        return ""
    plural = "s" if count > 1 else ""
    if not report.quoted:
        return (
            f"{count} réponse{plural} libre{plural} non citée{plural} "
            "(--quote pour les citer, nettoyées).\n"
        )
    if report.too_few_answers:
        from rzn.report.privacy import MIN_GROUP

        return (
            f"{count} réponse{plural} libre{plural} non citée{plural} malgré --quote : moins de "
            f"{MIN_GROUP} réponses, personne ne doit pouvoir être reconnu.\n"
        )
    changed, withheld = report.quotes_changed, report.quotes_withheld
    return (
        f"Réponses libres citées : {count - withheld} sur {count} ({changed} nettoyée"
        f"{'s' if changed > 1 else ''} d'une adresse, d'un numéro ou d'un nom ; {withheld} non "
        f"citée{'s' if withheld > 1 else ''} parce qu'elle ressemblait encore à une "
        f"coordonnée). Relisez-les avant {before}.\n"
    )


def _print_diagnostics(diagnostics: list[Diagnostic]) -> None:
    from rzn.output.plain import format_line

    for d in diagnostics:
        if d.ignored is None:
            sys.stdout.write(format_line(d) + "\n")
