"""The Typer application: every command and its options.

Imported only when a command line needs it (every command but a plain
``rzn check``, and usage errors): Typer and the click it ships cost more to
import than a whole check of one file (see :mod:`rzn.cli`).
"""

from __future__ import annotations

import typer

from rzn.cli import (
    check_cmd,
    init_cmd,
    publish_cmd,
    render_cmd,
    report_cmd,
    rules_cmd,
    schema_cmd,
    site_cmd,
    stats_cmd,
    tasks_cmd,
    templates_cmd,
)

app = typer.Typer(
    name="rzn",
    help=(
        "Préparer une rencontre RéZolutions numériques à partir d'un fichier d'événement "
        "YAML : vérifier (check), produire les documents (render), démarrer (init)."
    ),
    add_completion=False,
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,
)

app.command("init")(init_cmd.init)
app.command("check")(check_cmd.check)
app.command("rules")(rules_cmd.rules)
app.command("render")(render_cmd.render)
app.add_typer(templates_cmd.app, name="templates")
app.command("schema")(schema_cmd.schema)
app.command("report")(report_cmd.report)
app.command("stats")(stats_cmd.stats)
app.command("site")(site_cmd.site)
app.add_typer(publish_cmd.app, name="publish")
app.add_typer(tasks_cmd.app, name="tasks")
