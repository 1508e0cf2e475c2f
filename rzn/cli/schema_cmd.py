"""``rzn schema``: print (or write) the JSON Schema of the event file."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from rzn.errors import os_reason


def schema(
    output: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            help="Écrire le schéma dans ce fichier (UTF-8) au lieu de l'afficher.",
            metavar="FICHIER",
        ),
    ] = None,
) -> None:
    """Afficher le schéma JSON du fichier d'événement, pour les éditeurs et check-jsonschema.

    Dans VS Code (extension YAML) et les éditeurs compatibles, la première ligne
    « # yaml-language-server: $schema=… » d'un fichier d'événement active
    l'aide à la saisie ; « rzn init » l'écrit.
    """
    from rzn.errors import UsageError
    from rzn.schema import schema_text

    text = schema_text()
    if output is None:
        sys.stdout.write(text)
        return
    try:
        with open(output, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
    except FileNotFoundError:
        raise UsageError(
            f"{output} : le dossier n'existe pas. Créez-le d'abord, ou choisissez un autre chemin."
        ) from None
    except PermissionError:
        raise UsageError(
            f"{output} : écriture refusée. Vérifiez les droits sur ce dossier."
        ) from None
    except OSError as exc:
        raise UsageError(f"{output} : écriture impossible ({os_reason(exc)}).") from None
