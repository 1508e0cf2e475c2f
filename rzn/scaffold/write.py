"""Writing the scaffold: never over a file rzn did not write (unless ``--force``), all at once.

``event.yaml`` already there stops everything (``--force`` replaces it).
An ``event.schema.json`` that differs from the one rzn would write is kept
unless ``--force``: a person's own schema, a link to a copy shared by several
events, or rzn's schema of another version that someone may have adapted
(nothing says rzn wrote this very file). A ``.gitignore`` is a person's
file: never replaced, even with ``--force``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from enum import Enum

from rzn import files
from rzn.errors import os_reason
from rzn.files import replace_file
from rzn.scaffold.render import render_event, render_gitignore, render_schema
from rzn.scaffold.request import EVENT_FILE, GITIGNORE, SCHEMA_FILE, Request, ScaffoldError


class Outcome(str, Enum):
    """What became of one file ``rzn init`` writes."""

    WRITTEN = "written"
    """It did not exist."""
    UNCHANGED = "unchanged"
    """It held what rzn would write."""
    REPLACED = "replaced"
    """It held something else, replaced because of ``--force``."""
    KEPT = "kept"
    """It holds something else than a schema of rzn: left as it is."""
    KEPT_OTHER_VERSION = "kept-other-version"
    """It holds rzn's schema of another version (its ``$id``): left as it is."""
    KEPT_FOLDER = "kept-folder"
    """A folder bears the name: left as it is, even with ``--force``."""


@dataclass
class Written:
    """What :func:`write_scaffold` did, for the summary."""

    folder: str
    event_file: str
    replaced: bool = False
    gitignore: str = ""
    gitignore_written: bool = False
    created_folder: bool = False
    schema: Outcome = Outcome.WRITTEN


def write_scaffold(folder: str, request: Request, *, force: bool = False) -> Written:
    """Write ``folder/event.yaml``, its schema and a ``.gitignore``; never replace a file rzn
    did not write without ``force``, never delete anything."""
    event_file = os.path.join(folder, EVENT_FILE)
    gitignore = os.path.join(folder, GITIGNORE)
    schema_file = os.path.join(folder, SCHEMA_FILE)
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
    schema = render_schema()
    schema_outcome = schema_fate(schema_file, schema, force)
    created = not os.path.isdir(folder)
    try:
        os.makedirs(folder, exist_ok=True)
        if exists:
            _write_atomically(event_file, text)
        elif not create_file(event_file, text):
            raise ScaffoldError(
                f"{event_file} vient d'être créé par un autre programme : rzn init ne l'écrase "
                "pas. Relancez rzn init si ce fichier n'est pas le vôtre."
            )
        if schema_outcome is Outcome.REPLACED:
            _write_atomically(schema_file, schema)
        elif schema_outcome is Outcome.WRITTEN and not create_file(schema_file, schema):
            schema_outcome = Outcome.KEPT
        wrote_ignore = create_file(gitignore, render_gitignore())
    except OSError as exc:
        raise ScaffoldError(
            f"Écriture impossible dans {folder} ({os_reason(exc)}) : vérifiez les droits "
            "d'accès au dossier."
        ) from None
    return Written(folder, event_file, exists, gitignore, wrote_ignore, created, schema_outcome)


def schema_fate(path: str, schema: str, force: bool) -> Outcome:
    """What to do with ``path``, where ``schema`` (rzn's schema text) is to be written."""
    if not os.path.lexists(path):
        return Outcome.WRITTEN
    if os.path.isdir(path):
        return Outcome.KEPT_FOLDER
    # A link (to a copy shared by several events) is someone's choice, whatever it holds.
    current = None if os.path.islink(path) else _read(path)
    if current == schema.encode("utf-8"):
        return Outcome.UNCHANGED
    if force:
        return Outcome.REPLACED
    if current is not None and _schema_of_rzn(current):
        return Outcome.KEPT_OTHER_VERSION
    return Outcome.KEPT


def _read(path: str) -> bytes | None:
    from rzn.load.limits import LIMITS, TooLarge, read_bounded

    try:
        return read_bounded(path, LIMITS.max_bytes)
    except (OSError, TooLarge):
        return None


def _schema_of_rzn(data: bytes) -> bool:
    """A schema as ``rzn init`` or ``rzn schema`` write it, of any version: rzn's ``$id``."""
    import json

    from rzn.schema import SCHEMA_URL

    try:
        value = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return False
    return isinstance(value, dict) and value.get("$id") == SCHEMA_URL


def _write_atomically(path: str, text: str) -> None:
    replace_file(path, text.encode("utf-8"))


def create_file(path: str, text: str) -> bool:
    """Write a new file all at once; ``False``, and nothing written, when the name is taken."""
    return files.create_file(path, text.encode("utf-8"))
