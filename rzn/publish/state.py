"""What ``rzn publish`` remembers of an event, beside its file: the owner token.

``.rzn/publish.json`` in the event's folder holds the token that marks the
entries this event published (:mod:`rzn.publish.sync`). It is drawn once,
from the slug, date and place of the event, then kept: moving the event
afterwards must not make its own entries look like another event's. Keep the
file with the event file (commit it in a shared repository) so that a
teammate's publication recognises the same entries.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from rzn.errors import os_reason
from rzn.publish.errors import PublishError

STATE_FILE = ".rzn/publish.json"


def read_owner(folder: Path) -> str | None:
    """The token recorded for the event in ``folder``; ``None`` if none (or unreadable)."""
    try:
        data = json.loads((folder / STATE_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    owner = data.get("caldav_owner") if isinstance(data, dict) else None
    if isinstance(owner, str) and owner.isalnum() and 0 < len(owner) <= 64:
        return owner
    return None


def write_owner(folder: Path, owner: str) -> None:
    """Record ``owner`` for the event in ``folder`` (whole file or nothing)."""
    path = folder / STATE_FILE
    body = json.dumps({"generator": "rzn", "caldav_owner": owner}, indent=1) + "\n"
    temporary = path.with_name(f".{path.name}.tmp")
    try:
        path.parent.mkdir(exist_ok=True)
        temporary.write_text(body, encoding="utf-8")
        os.replace(temporary, path)
    except OSError as exc:
        raise PublishError(
            f"L'agenda est à jour, mais rzn n'a pas pu enregistrer {path.name} dans "
            f"{path.parent} ({os_reason(exc)}) : sans ce fichier, les entrées de cette "
            "rencontre ne seront plus reconnues si sa date ou son lieu change. Vérifiez les "
            "droits sur ce dossier, puis relancez."
        ) from None
