"""``rzn check``."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from rzn.errors import ExitCode, UsageError

FORMATS = ("text", "json", "github")


def check(
    paths: Annotated[
        list[str],
        typer.Argument(
            help="Fichiers d'événement ou dossiers (tous les *.yaml/*.yml en dessous).",
            show_default=False,
        ),
    ],
    output_format: Annotated[
        str, typer.Option("--format", "-f", help="Sortie : text, json ou github.")
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
) -> None:
    """Vérifier des fichiers d'événement au regard du vade-mecum."""
    from rzn.check import CheckOptions, check_paths, resolve_rule_names
    from rzn.cli.options import parse_today
    from rzn.diagnostics import Severity
    from rzn.output.summary import Summary

    if output_format not in FORMATS:
        raise UsageError(f"--format « {output_format} » inconnu : choisissez text, json ou github.")
    options = CheckOptions(
        today=parse_today(today),
        select=resolve_rule_names(select or []),
        ignore=resolve_rule_names(ignore or []),
    )
    printer = _printer(output_format)
    summary = Summary()
    unusable = False
    failing = {Severity.ERROR, Severity.WARNING} if strict else {Severity.ERROR}
    failed = False
    for report in check_paths(paths, options):
        printer.file(report.file, report.diagnostics)
        summary.add(report.diagnostics)
        unusable = unusable or report.unusable
        failed = failed or any(
            d.severity in failing and d.ignored is None for d in report.diagnostics
        )
    printer.finish(summary)
    if unusable:
        raise typer.Exit(ExitCode.UNUSABLE)
    if failed:
        raise typer.Exit(ExitCode.INVALID)


def _printer(output_format: str):  # type: ignore[no-untyped-def]
    out = sys.stdout
    if output_format == "json":
        from rzn.output.json_report import JsonPrinter

        return JsonPrinter(out)
    if output_format == "github":
        from rzn.output.github import GithubPrinter

        return GithubPrinter(out)
    if out.isatty():
        from rzn.output.rich_text import RichPrinter

        return RichPrinter(out)
    from rzn.output.plain import PlainPrinter

    return PlainPrinter(out)
