"""``rzn init``: options or questions → :func:`rzn.scaffold.write_scaffold` → a summary."""

from __future__ import annotations

import datetime as dt
import os
import shlex
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated, TypeVar

import typer

from rzn.errors import UsageError

if TYPE_CHECKING:
    from rich.console import Console

    from rzn.scaffold import Request, Written

T = TypeVar("T")

_DAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
_MONTHS = (
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
)  # fmt: skip


def init(
    folder: Annotated[
        str,
        typer.Argument(metavar="DOSSIER", help="Dossier de l'événement, créé s'il n'existe pas."),
    ] = ".",
    title: Annotated[
        str | None, typer.Option("--title", help="Titre de la rencontre.", show_default=False)
    ] = None,
    date: Annotated[
        str | None,
        typer.Option("--date", help="Date de la rencontre (AAAA-MM-JJ).", show_default=False),
    ] = None,
    event_format: Annotated[
        str | None,
        typer.Option(
            "--format", help="in_person (présentiel), online ou hybrid.", show_default=False
        ),
    ] = None,
    city: Annotated[str | None, typer.Option("--city", help="Ville.", show_default=False)] = None,
    region: Annotated[
        str | None, typer.Option("--region", help="Région.", show_default=False)
    ] = None,
    start: Annotated[str, typer.Option("--start", help="Début de la journée (HH:MM).")] = "09:00",
    end: Annotated[str, typer.Option("--end", help="Fin de la journée (HH:MM).")] = "17:00",
    force: Annotated[
        bool,
        typer.Option(
            "--force",
            help="Remplacer un event.yaml et un event.schema.json existants (jamais le "
            ".gitignore).",
        ),
    ] = False,
) -> None:
    """Créer un fichier d'événement commenté, qui suit le vade-mecum étape par étape.

    Sans --title, --date ni --format, rzn init pose les questions dans le terminal.
    """
    from rzn.scaffold import write_scaffold

    missing = [
        name
        for name, value in (("--title", title), ("--date", date), ("--format", event_format))
        if value is None
    ]
    if missing and not sys.stdin.isatty():
        raise UsageError(
            f"{_listing(missing)} manquante{'s' if len(missing) > 1 else ''} : sans terminal, "
            "rzn init ne peut pas poser les questions. Exemple : rzn init mon-evenement "
            '--title "RéZolutions numériques Bretagne" --date 2027-10-14 --format in_person '
            "--city Pontivy --region Bretagne"
        )
    if missing:
        request = _ask(title, date, event_format, city, region, start, end)
    else:
        request = _request(title, date, event_format, city, region, start, end)
    written = write_scaffold(folder, request, force=force)
    typer.echo(summary(written, request))


def _request(
    title: str | None,
    date: str | None,
    event_format: str | None,
    city: str | None,
    region: str | None,
    start: str,
    end: str,
) -> Request:
    from rzn.scaffold import Request, clean_text, parse_event_date, parse_format, parse_hour

    assert title is not None and date is not None and event_format is not None
    return Request(
        title=_required(clean_text(title, "--title")),
        date=parse_event_date(date),
        format=parse_format(event_format),
        city=None if city is None else clean_text(city, "--city", required=False),
        region=None if region is None else clean_text(region, "--region", required=False),
        start=parse_hour(start, "--start"),
        end=parse_hour(end, "--end"),
    )


def _ask(
    title: str | None,
    date: str | None,
    event_format: str | None,
    city: str | None,
    region: str | None,
    start: str,
    end: str,
) -> Request:
    """Ask, in a terminal, for what the options did not say; re-ask after a bad answer."""
    from rich.console import Console

    from rzn.scaffold import Request, clean_text, parse_event_date, parse_format, parse_hour

    console = Console(highlight=False, soft_wrap=True)
    console.print("Nouvelle rencontre RéZolutions numériques : quelques questions.")

    def text(option: str, required: bool) -> Callable[[str], str | None]:
        return lambda answer: clean_text(answer, option, required=required)

    try:
        got_title = (
            clean_text(title, "--title")
            if title is not None
            else _prompt(console, "Titre de la rencontre", text("Titre", True))
        )
        got_date = (
            parse_event_date(date)
            if date is not None
            else _prompt(
                console,
                "Date (AAAA-MM-JJ, hors saison des AG)",
                lambda answer: parse_event_date(answer, "Date"),
            )
        )
        got_format = (
            parse_format(event_format)
            if event_format is not None
            else _prompt(
                console,
                "Format : in_person (présentiel), online (en ligne) ou hybrid",
                lambda answer: parse_format(answer, "Format"),
                default="in_person",
            )
        )
        got_city = (
            clean_text(city, "--city", required=False)
            if city is not None
            else _prompt(console, "Ville (Entrée pour passer)", text("Ville", False))
        )
        got_region = (
            clean_text(region, "--region", required=False)
            if region is not None
            else _prompt(console, "Région (Entrée pour passer)", text("Région", False))
        )
    except EOFError:
        # Ctrl-D: nothing has been written yet.
        raise typer.Abort() from None
    return Request(
        title=_required(got_title),
        date=got_date,
        format=got_format,
        city=got_city,
        region=got_region,
        start=parse_hour(start, "--start"),
        end=parse_hour(end, "--end"),
    )


def _prompt(console: Console, question: str, parse: Callable[[str], T], default: str = "") -> T:
    from rich.markup import escape
    from rich.prompt import Prompt

    while True:
        answer = Prompt.ask(
            escape(question), console=console, default=default, show_default=bool(default)
        )
        try:
            return parse(answer)
        except UsageError as exc:
            console.print(f"[red]{escape(exc.message)}[/red]")


def _required(value: str | None) -> str:
    assert value is not None, "clean_text(required=True) never returns None"
    return value


def summary(written: Written, request: Request) -> str:
    """What was written and what to do next, in a few lines of French."""
    from rzn.scaffold import FORMAT_LABELS, PLACEHOLDER

    here = os.path.normpath(written.folder) == "."
    where = "dans le dossier courant" if here else f"dans {written.folder}"
    if written.created_folder:
        where += " (dossier créé)"
    event_file = _shown(written.event_file)
    lines = [
        f"Rencontre {FORMAT_LABELS[request.format]} du {french_date(request.date)} : "
        f"fichiers écrits {where}.",
        f"  event.yaml          fichier d'événement commenté, qui suit le vade-mecum"
        f"{' (remplacé, --force)' if written.replaced else ''}",
        f"  event.schema.json   {_schema_line(written)}",
    ]
    if written.gitignore_written:
        lines.append(
            "  .gitignore          garde build/ et les exports (données personnelles) hors du dépôt"
        )
    else:
        lines.append(
            "  .gitignore          déjà présent, laissé tel quel : vérifiez qu'il exclut build/ "
            "et les exports d'inscriptions (inscriptions*.csv, reponses*.csv, *.xlsx)"
        )
    quoted = shlex.quote(event_file)
    lines += [
        "",
        f"Remplacez les « {PLACEHOLDER} », décommentez ce que vous savez déjà, puis :",
        f"  rzn check {quoted}    ce qui reste à faire apparaît en avertissements",
        f"  rzn render {quoted}   les documents de la rencontre",
    ]
    return "\n".join(lines)


def _schema_line(written: Written) -> str:
    from rzn.scaffold.write import Outcome

    outcome = written.schema
    if outcome is Outcome.KEPT:
        return (
            "déjà présent, et ce n'est pas le schéma de rzn : laissé tel quel (--force pour le "
            "remplacer par celui de rzn)"
        )
    if outcome is Outcome.KEPT_OTHER_VERSION:
        return (
            "déjà présent, schéma d'une autre version de rzn : laissé tel quel (--force pour le "
            "mettre à jour)"
        )
    if outcome is Outcome.KEPT_FOLDER:
        return "c'est un dossier, laissé tel quel : l'éditeur ne trouvera pas le schéma"
    replaced = " (remplacé, --force)" if outcome is Outcome.REPLACED else ""
    return f"schéma : l'éditeur (VS Code…) vérifie la saisie{replaced}"


def french_date(day: dt.date) -> str:
    return f"{_DAYS[day.weekday()]} {day.day} {_MONTHS[day.month - 1]} {day.year}"


def _shown(path: str) -> str:
    return os.path.normpath(path)


def _listing(names: list[str]) -> str:
    if len(names) == 1:
        return f"Option {names[0]}"
    return f"Options {', '.join(names[:-1])} et {names[-1]}"
