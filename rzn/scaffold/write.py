"""Writing the scaffold: never over a person's file, all at once."""

from __future__ import annotations

import os
from dataclasses import dataclass

from rzn.files import replace_file
from rzn.scaffold.render import render_event, render_gitignore, render_schema
from rzn.scaffold.request import EVENT_FILE, GITIGNORE, SCHEMA_FILE, Request, ScaffoldError

# --- Writing --------------------------------------------------------------------------------


@dataclass
class Written:
    """What :func:`write_scaffold` did, for the summary."""

    folder: str
    event_file: str
    replaced: bool = False
    gitignore: str = ""
    gitignore_written: bool = False
    created_folder: bool = False


def write_scaffold(folder: str, request: Request, *, force: bool = False) -> Written:
    """Write ``folder/event.yaml`` (and ``.gitignore`` if absent); never delete anything else."""
    event_file = os.path.join(folder, EVENT_FILE)
    gitignore = os.path.join(folder, GITIGNORE)
    if os.path.exists(folder) and not os.path.isdir(folder):
        raise ScaffoldError(
            f"{folder} existe déjà et n'est pas un dossier : choisissez un autre nom."
        )
    exists = os.path.lexists(event_file)
    if exists and not force:
        raise ScaffoldError(
            f"{event_file} existe déjà : rzn init ne l'écrase pas. Choisissez un autre dossier, "
            "ou relancez avec --force pour le remplacer par un modèle vierge."
        )
    if exists and os.path.isdir(event_file):
        raise ScaffoldError(
            f"{event_file} est un dossier : rzn init ne le remplace pas. Choisissez un autre "
            "dossier pour la rencontre (rzn init DOSSIER)."
        )
    text = render_event(request)  # render first: a template problem writes nothing
    created = not os.path.isdir(folder)
    try:
        os.makedirs(folder, exist_ok=True)
        _write_atomically(event_file, text)
        # rzn's own file, refreshed at every init: it follows the installed version of rzn.
        _write_atomically(os.path.join(folder, SCHEMA_FILE), render_schema())
        wrote_ignore = False
        if not os.path.lexists(gitignore):
            _write_atomically(gitignore, render_gitignore())
            wrote_ignore = True
    except OSError as exc:
        raise ScaffoldError(
            f"Écriture impossible dans {folder} ({exc.strerror or exc}) : vérifiez les droits "
            "d'accès au dossier."
        ) from None
    return Written(folder, event_file, exists, gitignore, wrote_ignore, created)


def _write_atomically(path: str, text: str) -> None:
    replace_file(path, text.encode("utf-8"))
