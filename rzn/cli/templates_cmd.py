"""``rzn templates``: list the built-in templates, copy one to start an override."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from rzn.errors import InputError, RznError

app = typer.Typer(
    name="templates",
    help="Les gabarits des documents : les lister, en copier un pour le personnaliser.",
    no_args_is_help=True,
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


@app.command("list")
def list_command(
    templates: Annotated[
        list[str] | None,
        typer.Option(
            "--templates",
            metavar="DOSSIER",
            help="Vos dossiers de gabarits (répétable) : dire lesquels de vos fichiers "
            "remplacent un gabarit, lesquels sont inclus par un autre, lesquels ne servent à "
            "rien.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Lister les gabarits fournis par rzn (et, avec --templates, ce que font les vôtres)."""
    from rzn.render.environment import list_templates

    if not templates:
        for name in list_templates():
            sys.stdout.write(name + "\n")
        return
    from rzn.cli.render_cmd import _template_folder
    from rzn.diagnostics import visible
    from rzn.render.overrides import Role, user_templates

    folders = [_template_folder(t) for t in templates]
    found = user_templates(folders, list_templates())
    replaced = {t.other[0]: t.path for t in found if t.role is Role.REPLACES}
    rows = [(n, f"remplacé par {replaced[n]}" if n in replaced else "") for n in list_templates()]
    rows += [(t.path, f"inclus par {t.other[0]}") for t in found if t.role is Role.INCLUDED]
    width = max(len(name) for name, _ in rows) + 2
    for name, what in rows:
        sys.stdout.write(visible(f"{name:<{width}}{what}".rstrip()) + "\n")
    for warning in (t.warning() for t in found):
        if warning is not None:
            sys.stderr.write(f"rzn : avertissement : {visible(warning)}\n")


@app.command("copy")
def copy_command(
    name: Annotated[
        str, typer.Argument(help="Nom du gabarit (voir rzn templates list).", show_default=False)
    ],
    folder: Annotated[
        str,
        typer.Argument(help="Dossier où le copier (créé au besoin).", show_default=False),
    ],
) -> None:
    """Copier un gabarit dans un dossier pour le modifier (sans jamais écraser un fichier)."""
    import difflib
    from pathlib import Path

    from rzn.render.environment import builtin_templates, list_templates

    names = list_templates()
    if name not in names:
        close = difflib.get_close_matches(name, names, n=1)
        hint = f" Vouliez-vous dire « {close[0]} » ?" if close else ""
        raise InputError(f"Gabarit inconnu « {name} ».{hint} « rzn templates list » les donne.")
    target = Path(folder) / name
    if target.exists():
        raise RznError(
            f"{target} existe déjà : rzn ne l'écrase pas. Supprimez-le ou choisissez un autre "
            "dossier."
        )
    source = builtin_templates() / name
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        with target.open("xb") as handle:  # "x": never replace a file created meanwhile
            handle.write(source.read_bytes())
    except FileExistsError:
        raise RznError(f"{target} existe déjà : rzn ne l'écrase pas.") from None
    from rzn.cli.render_cmd import warn_unused_templates

    warn_unused_templates([folder])
    sys.stdout.write(
        f"Gabarit copié : {target}\n"
        f"Modifiez-le, puis : rzn render mon-evenement/event.yaml --templates {folder}\n"
        f'Pour ne changer qu\'un bloc, gardez seulement {{% extends "default:{name}" %}} '
        "et le bloc à modifier.\n"
    )
