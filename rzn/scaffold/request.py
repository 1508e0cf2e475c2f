"""What ``rzn init`` is asked for: the options or answers, checked and bounded."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from rzn.errors import RznError, UsageError
from rzn.model.event import Format
from rzn.scaffold.program import minute_of_day

EVENT_FILE = "event.yaml"
GITIGNORE = ".gitignore"
SCHEMA_FILE = "event.schema.json"
"""Written beside the event so editors validate it offline, matching the installed rzn."""

MAX_TEXT = 300
"""Same bound as the model's ``Text`` fields: the scaffold must load cleanly."""
MIN_DAY_MINUTES = 60

FORMAT_ALIASES = {
    "in_person": Format.IN_PERSON,
    "presentiel": Format.IN_PERSON,
    "présentiel": Format.IN_PERSON,
    "online": Format.ONLINE,
    "distanciel": Format.ONLINE,
    "en_ligne": Format.ONLINE,
    "en-ligne": Format.ONLINE,
    "hybrid": Format.HYBRID,
    "hybride": Format.HYBRID,
}
FORMAT_LABELS = {
    Format.IN_PERSON: "en présentiel",
    Format.ONLINE: "en ligne",
    Format.HYBRID: "hybride (sur place et à distance)",
}


class ScaffoldError(RznError):
    """The scaffold cannot be written (file already there, folder unusable)."""


# --- Validating what the user typed -------------------------------------------------------


def clean_text(value: str, option: str, *, required: bool = True) -> str | None:
    """Trim and bound a free text; the model would strip it anyway."""
    text = value.strip()
    if not text:
        if required:
            raise UsageError(f"{option} : valeur vide ; indiquez-la.")
        return None
    if any(0xD800 <= ord(ch) <= 0xDFFF for ch in text):
        # Lone surrogates come from bytes that are not UTF-8 on the command line.
        raise UsageError(
            f"{option} : caractères illisibles (le terminal n'est pas en UTF-8) ; retapez la "
            "valeur."
        )
    if len(text) > MAX_TEXT:
        raise UsageError(
            f"{option} : {len(text)} caractères, c'est trop long ({MAX_TEXT} au plus)."
        )
    return text


def parse_event_date(value: str, option: str = "--date") -> dt.date:
    from pydantic_core import PydanticCustomError

    from rzn.model.types import parse_date

    try:
        parsed: dt.date = parse_date(value)
    except PydanticCustomError as exc:
        raise UsageError(f"{option} : {exc.message()}") from None
    return parsed


def parse_format(value: str, option: str = "--format") -> Format:
    key = value.strip().lower().replace(" ", "_")
    try:
        return FORMAT_ALIASES[key]
    except KeyError:
        raise UsageError(
            f"{option} : « {value} » inconnu ; choisissez in_person (présentiel), online (en "
            "ligne) ou hybrid (hybride)."
        ) from None


def parse_hour(value: str, option: str) -> dt.time:
    from pydantic_core import PydanticCustomError

    from rzn.model.types import parse_time

    try:
        parsed: dt.time = parse_time(value)
    except PydanticCustomError as exc:
        raise UsageError(f"{option} : {exc.message()}") from None
    return parsed


@dataclass(frozen=True)
class Request:
    """What ``rzn init`` was asked for, already validated."""

    title: str
    date: dt.date
    format: Format
    city: str | None = None
    region: str | None = None
    start: dt.time = dt.time(9, 0)
    end: dt.time = dt.time(17, 0)

    def __post_init__(self) -> None:
        length = minute_of_day(self.end) - minute_of_day(self.start)
        if length <= 0:
            raise UsageError(
                f"La journée finit ({self.end:%H:%M}) avant de commencer ({self.start:%H:%M}) : "
                "corrigez --start ou --end."
            )
        if length < MIN_DAY_MINUTES:
            raise UsageError(
                f"La journée ne dure que {length} minutes : une rencontre demande au moins une "
                "heure (accueil, apport, échange, clôture). Corrigez --start ou --end."
            )
