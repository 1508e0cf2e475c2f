"""``rzn site``: the cycle's public site from many event files."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from rzn.cli.options import jobs_option
from rzn.diagnostics import Severity
from rzn.errors import ExitCode, UsageError


def site(
    events: Annotated[
        list[str],
        typer.Argument(
            help="Fichiers d'événement ou dossiers (tous les fichiers d'événement en dessous).",
            show_default=False,
            metavar="ÉVÉNEMENTS...",
        ),
    ],
    output: Annotated[
        str,
        typer.Option("--output", "-o", help="Dossier du site.", show_default=False),
    ],
    url: Annotated[
        str | None,
        typer.Option(
            "--url",
            help="Adresse publique du site (https://…/) : adresses absolues pour les réseaux "
            "sociaux et les moteurs de recherche, et plan du site (sitemap.xml).",
            show_default=False,
        ),
    ] = None,
    today: Annotated[
        str | None,
        typer.Option(help="Date du jour (AAAA-MM-JJ) : décide des rencontres passées."),
    ] = None,
    templates: Annotated[
        list[str] | None,
        typer.Option(
            "--templates",
            help="Dossier de gabarits qui remplacent ceux de rzn (répétable).",
            show_default=False,
        ),
    ] = None,
    force: Annotated[
        bool,
        typer.Option("--force", help="Remplacer les fichiers que rzn n'a pas écrits."),
    ] = False,
    jobs: Annotated[int, jobs_option("20 événements")] = 0,
) -> None:
    """Construire le site public d'un cycle : agenda, une page par rencontre, flux, plan."""
    from rzn.check import discover
    from rzn.cli.options import parse_today
    from rzn.cli.render_cmd import _template_folder, warn_unused_templates
    from rzn.output import show_blocking
    from rzn.render.output import write_outputs
    from rzn.render.site import build_site

    if url is not None and not url.startswith(("https://", "http://")):
        raise UsageError(f"--url « {url} » : adresse attendue en https://… (ou http://…).")
    folders = [_template_folder(t) for t in templates or []]
    warn_unused_templates(folders)
    paths = list(discover(events))
    if not paths:
        raise UsageError("Aucun fichier d'événement trouvé dans les chemins indiqués.")
    report = build_site(paths, parse_today(today), folders, base_url=url, jobs=jobs)
    # Only errors: the warnings are the organisers' business (rzn check), not the site's.
    errors = [d for d in report.diagnostics if d.severity is Severity.ERROR and d.ignored is None]
    show_blocking(errors, sys.stdout)
    if report.failed:
        sys.stderr.write(
            f"rzn : site non construit : {len(report.failed_files)} fichier(s) d'événement "
            "avec des erreurs (ci-dessus). Corrigez-les et relancez.\n"
        )
        raise typer.Exit(ExitCode.INVALID)
    from pathlib import Path

    write_outputs(Path(output), report.files, force=force)
    events_count = sum(1 for f in report.files if f.path.endswith("/index.html"))
    sys.stdout.write(
        f"Site écrit dans {output} : {events_count} rencontre(s), {len(report.files)} fichiers"
        f"{'' if url else ' (sans sitemap.xml : indiquez --url)'}.\n"
    )
