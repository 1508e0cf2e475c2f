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
def list_command() -> None:
    """Lister les gabarits fournis par rzn."""
    from rzn.render.environment import list_templates

    for name in list_templates():
        sys.stdout.write(name + "\n")


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
    sys.stdout.write(
        f"Gabarit copié : {target}\n"
        f"Modifiez-le, puis : rzn render mon-evenement/event.yaml --templates {folder}\n"
        f'Pour ne changer qu\'un bloc, gardez seulement {{% extends "default:{name}" %}} '
        "et le bloc à modifier.\n"
    )
