"""``rzn check``."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from rzn.cli.options import jobs_option
from rzn.diagnostics import Severity
from rzn.errors import ExitCode, UsageError

_AUTO = -1
"""``check_paths`` decides from the number of files."""

FORMATS = ("text", "json", "github", "sarif", "junit")


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
    from rzn.check import build_options, check_paths
    from rzn.cli.options import parse_today
    from rzn.cli.perf import settle_heap

    settle_heap()
    from rzn.config import Config, find_config, load_config
    from rzn.output.summary import Summary

    if output_format not in FORMATS:
        raise UsageError(
            f"--format « {output_format} » inconnu : choisissez parmi {', '.join(FORMATS)}."
        )
    config_file = config or find_config(paths[0] if paths else ".")
    settings = load_config(config_file) if config_file else Config()
    options = build_options(
        settings, parse_today(today), select or [], ignore or [], calendar or []
    )
    for agenda in options.agendas:
        for note in agenda.notes():
            sys.stderr.write(f"rzn : {note}\n")
    strict = strict or settings.strict
    failing = {Severity.ERROR, Severity.WARNING} if strict else {Severity.ERROR}
    printer = _printer(output_format, failing)
    summary = Summary()
    unusable = False
    failed = False
    for report in check_paths(paths, options, jobs or _AUTO):
        printer.file(report.file, report.diagnostics)
        summary.add(report.diagnostics, file=report.kind == "event")
        unusable = unusable or report.unusable
        failed = failed or any(
            d.severity in failing and d.ignored is None for d in report.diagnostics
        )
    printer.finish(summary)
    if unusable:
        raise typer.Exit(ExitCode.UNUSABLE)
    if failed:
        raise typer.Exit(ExitCode.INVALID)


def _printer(output_format: str, failing: set[Severity]):  # type: ignore[no-untyped-def]
    out = sys.stdout
    if output_format == "json":
        from rzn.output.json_report import JsonPrinter

        return JsonPrinter(out)
    if output_format == "github":
        from rzn.output.github import GithubPrinter

        return GithubPrinter(out)
    if output_format == "sarif":
        from rzn.output.sarif import SarifPrinter

        return SarifPrinter(out)
    if output_format == "junit":
        from rzn.output.junit import JunitPrinter

        return JunitPrinter(out, failing)
    from rzn.output import text_printer

    return text_printer(out)
