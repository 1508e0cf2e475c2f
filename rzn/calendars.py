"""French calendars: regions and school zones, public and school holidays, other agendas.

Everything here is data and lookups; the rules that use them live in
:mod:`rzn.rules.calendar` and :mod:`rzn.project`. Regions, departments and
postcodes are in :mod:`rzn.regions`; their names are kept here for callers.

Data sources (both work offline, nothing is fetched at run time):

- public holidays: the ``holidays`` package (rules of French law, with the
  extra days of Alsace-Moselle and of the overseas regions);
- school holidays: the ``vacances-scolaires-france`` package, which ships the
  Ministry of Education's open data ("Le calendrier scolaire",
  data.education.gouv.fr) for zones A, B and C. Its file runs to 31 December
  of its last year, but only the days up to the end of the last holiday it
  lists are real data: after that, the ministry has not published the dates
  yet, and :func:`school_holiday` says so instead of answering "no holiday".

Other territorial events come from agenda exports (``.ics``, RFC 5545),
read with ``icalendar``; see :func:`load_agenda` for how their places are
matched to regions.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass

from rzn.errors import InputError, os_reason
from rzn.load.text import split_lines
from rzn.regions import (
    DEPARTMENTS,
    REGIONS,
    Region,
    department_of_postcode,
    find_region,
    mentions,
    normalize,
    postcode_in,
    region_in_text,
    region_of,
    suggest_region,
)
from rzn.words import plural

__all__ = [
    "DEPARTMENTS",
    "REGIONS",
    "Agenda",
    "AgendaEvent",
    "Region",
    "SchoolHolidayAnswer",
    "alsace_moselle",
    "day_name",
    "department_of_postcode",
    "easter",
    "find_region",
    "holiday_subdivision",
    "load_agenda",
    "mentions",
    "normalize",
    "postcode_in",
    "public_holiday",
    "region_in_text",
    "region_of",
    "school_holiday",
    "school_holiday_bounds",
    "suggest_region",
]


def holiday_subdivision(region: str | None, city: str | None, address: str | None) -> str | None:
    """The ``holidays`` subdivision of an event's place: Alsace-Moselle, else its region's."""
    local = alsace_moselle(region, city, address)
    if local is not None:
        return local
    found = region_of(region, address)
    return found.holidays_subdivision if found is not None else None


# rzn check must not import babel (a tenth of a second at start-up, see
# rzn.render.french): two small tables name the days in its messages.
_WEEKDAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
_MONTHS = (
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
)  # fmt: skip


def day_name(day: dt.date, *, year: bool = True) -> str:
    """``jeudi 11 novembre 2027``, ``lundi 1er novembre`` (without the year)."""
    number = "1er" if day.day == 1 else str(day.day)
    text = f"{_WEEKDAYS[day.weekday()]} {number} {_MONTHS[day.month - 1]}"
    return f"{text} {day.year}" if year else text


# --- Public holidays --------------------------------------------------------------------

# Alsace-Moselle keeps two more public holidays (Vendredi saint, 26 décembre) from the
# local law of 1871-1918. Names of its three departments, and of its largest towns, since an
# event file often gives only the city. "Meurthe-et-Moselle" is not part of it.
_ALSACE_MOSELLE_WORDS = {
    "moselle": "57",
    "bas rhin": "6AE",
    "haut rhin": "6AE",
    "alsace": "6AE",
    "alsace moselle": "57",
}
_ALSACE_MOSELLE_CITIES = {
    "metz": "57", "thionville": "57", "forbach": "57", "sarreguemines": "57",
    "saint avold": "57", "montigny les metz": "57", "yutz": "57", "hayange": "57",
    "sarrebourg": "57", "creutzwald": "57", "woippy": "57",
    "strasbourg": "6AE", "haguenau": "6AE", "schiltigheim": "6AE", "illkirch graffenstaden": "6AE",
    "selestat": "6AE", "saverne": "6AE", "obernai": "6AE", "molsheim": "6AE", "bischheim": "6AE",
    "lingolsheim": "6AE", "mulhouse": "6AE", "colmar": "6AE", "saint louis": "6AE",
    "guebwiller": "6AE", "illzach": "6AE", "wittenheim": "6AE", "rixheim": "6AE",
    "kingersheim": "6AE", "riedisheim": "6AE",
}  # fmt: skip
_ALSACE_MOSELLE_DEPARTMENTS = {"57": "57", "67": "6AE", "68": "6AE"}


def alsace_moselle(region: str | None, city: str | None, address: str | None) -> str | None:
    """The ``holidays`` subdivision (57 or 6AE) when the event is in Alsace-Moselle.

    Recognised from, in order: the postcode of ``venue.address`` (57…, 67…,
    68…); the ``region`` or ``city`` naming Moselle, Bas-Rhin, Haut-Rhin or
    Alsace; the ``city`` being one of the main towns of these departments.
    The region must be Grand Est (or unset): "Moselle" alone in a region
    elsewhere would be a mistake to flag, not a reason for extra holidays.
    """
    found = find_region(region)
    if found is not None and found.name != "Grand Est":
        return None
    code = postcode_in(address)
    if code is not None:
        department = department_of_postcode(code)
        return _ALSACE_MOSELLE_DEPARTMENTS.get(department or "")
    for text in (city, region):
        key = normalize(text or "")
        if not key or "meurthe et moselle" in key:
            continue
        padded = f" {key} "
        for word, subdivision in _ALSACE_MOSELLE_WORDS.items():
            if f" {word} " in padded:
                return subdivision
    return _ALSACE_MOSELLE_CITIES.get(normalize(city or ""))


# Every public holiday the ``holidays`` package gives for France and the subdivisions
# rzn uses falls on one of these days of the year or at one of these distances from
# Easter Sunday (a test checks it, 1950-2100). Importing ``holidays`` costs a fifth of a
# second, most of a one-file ``rzn check``: other dates are ruled out without it.
_FIXED_DAYS = frozenset(
    ((1, 1), (4, 27), (5, 1), (5, 8), (5, 22), (5, 27), (6, 10), (7, 14), (7, 21), (8, 15),
     (11, 1), (11, 11), (12, 20), (12, 25), (12, 26))
)  # fmt: skip
_EASTER_DAYS = frozenset((-24, -2, 1, 39, 50))
"""Mi-Carême, Vendredi saint, lundi de Pâques, Ascension, lundi de Pentecôte."""


def easter(year: int) -> dt.date:
    """Easter Sunday of the Gregorian calendar (Meeus/Jones/Butcher algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l = (2 * e + 2 * i - h - k + 32) % 7  # noqa: E741 (the algorithm's own name)
    m = (a + 11 * h + 19 * l) // 433
    month = (h + l - 7 * m + 90) // 25
    return dt.date(year, month, (h + l - 7 * m + 33 * month + 19) % 32)


@functools.cache
def _public_holidays(year: int, subdivision: str | None) -> dict[dt.date, str]:
    import holidays

    return dict(holidays.France(years=year, subdiv=subdivision, language="fr").items())


def public_holiday(day: dt.date, subdivision: str | None = None) -> str | None:
    """French name of the public holiday on ``day`` (``None`` on a working day).

    ``subdivision``: ``57`` or ``6AE`` (Alsace-Moselle), ``971``-``976`` (overseas).
    """
    candidate = (day.month, day.day) in _FIXED_DAYS or (
        (day - easter(day.year)).days in _EASTER_DAYS
    )
    return _public_holidays(day.year, subdivision).get(day) if candidate else None


# --- School holidays ----------------------------------------------------------------------


@functools.cache
def _school_calendar() -> str:
    """The ministry's calendar as shipped by ``vacances-scolaires-france`` (``data/data.csv``):
    one line per day, in date order, ``date,zone_a,zone_b,zone_c,name``."""
    from importlib.resources import files

    data = files("vacances_scolaires_france").joinpath("data", "data.csv")
    return data.read_text(encoding="utf-8")


@functools.cache
def _header() -> tuple[str, ...]:
    text = _school_calendar()
    return tuple(text[: text.index("\n")].rstrip("\r").split(","))


@functools.cache
def _zone_columns() -> tuple[int, int, int]:
    """Where the calendar's header puts zones A, B and C."""
    a, b, c = (_header().index(f"vacances_zone_{zone.lower()}") for zone in "ABC")
    return a, b, c


@functools.cache
def school_holiday_bounds() -> tuple[dt.date, dt.date]:
    """First and last holiday days of the calendar (the lines where a zone is on holiday):
    outside them, nothing is known."""
    text = _school_calendar()

    def day_of_line_at(position: int) -> dt.date:
        return dt.date.fromisoformat(text[text.rfind("\n", 0, position) + 1 :][:10])

    return day_of_line_at(text.find(",True")), day_of_line_at(text.rfind(",True"))


def _calendar_row(day: dt.date) -> list[str] | None:
    """The calendar's line for ``day``, split, found by bisection over the text's lines (a
    one-file check would otherwise read 14,000 lines to answer about one day)."""
    text, key = _school_calendar(), day.isoformat()
    low, high = text.index("\n") + 1, len(text)  # both at the start of a line
    while low < high:
        line_start = text.rfind("\n", low, (low + high) // 2) + 1 or low
        line_end = text.find("\n", line_start)
        line_end = len(text) if line_end < 0 else line_end
        found = text[line_start : line_start + 10]
        if found == key:
            row = text[line_start:line_end].rstrip("\r").split(",", len(_header()) - 1)
            return row if len(row) == len(_header()) else None
        if found < key:
            low = line_end + 1
        else:
            high = line_start
    return None


@dataclass(frozen=True)
class SchoolHolidayAnswer:
    name: str | None
    """Name of the holiday (``Vacances de la Toussaint``), ``None`` on a school day."""
    known: bool = True
    """False when the date is outside the published calendars: ``name`` is then meaningless."""


def school_holiday(day: dt.date, zone: str) -> SchoolHolidayAnswer:
    first, last = school_holiday_bounds()
    if not first <= day <= last:
        return SchoolHolidayAnswer(None, known=False)
    row = _calendar_row(day)
    column = _zone_columns()["ABC".index(zone)]
    if row is None or row[column] != "True":
        return SchoolHolidayAnswer(None)
    return SchoolHolidayAnswer(row[-1])


# --- Other territorial events: agenda exports (.ics) -------------------------------------


@dataclass(frozen=True)
class AgendaEvent:
    summary: str
    day: dt.date
    location: str
    region: Region | None
    file: str
    line: int
    """Line of its ``BEGIN:VEVENT``, for messages."""


@dataclass(frozen=True)
class Agenda:
    file: str
    events: tuple[AgendaEvent, ...]
    """Sorted by date."""
    unplaced: int = 0
    """Events whose place matched no region (compared by city name only)."""
    skipped: int = 0
    """Events without a usable start date."""

    def notes(self) -> list[str]:
        """What the user should know about how this agenda was read, in French."""
        out = []
        if self.unplaced:
            count = plural(self.unplaced, "événement", "événements")
            them = "le" if self.unplaced == 1 else "les"
            out.append(
                f"{self.file} : {count} sans région reconnaissable (ni code postal, ni "
                "département entre parenthèses, ni nom de région dans le lieu ou le titre) : "
                f"rzn ne {them} compare qu'à la ville des rencontres (city). Ajoutez le code "
                "postal au lieu dans l'agenda pour une comparaison par région."
            )
        if self.skipped:
            from rzn.model.types import MAX_YEAR, MIN_YEAR

            count = plural(self.skipped, "événement", "événements")
            out.append(
                f"{self.file} : {count} sans date de début lisible (DTSTART) ou hors des "
                f"années {MIN_YEAR} à {MAX_YEAR} : ignoré(s) ; corrigez la date dans l'agenda "
                "d'origine."
            )
        return out


def load_agenda(path: str, timezone: str = "Europe/Paris", origin: str = "--calendar") -> Agenda:
    """Read an agenda export (``.ics``): its events' dates, titles and places.

    Each event's region is looked for in its ``LOCATION``, then in its
    ``SUMMARY`` (see :func:`region_in_text`). Times are read in ``timezone``
    so an event at 23:30 UTC lands on the right French day. Recurring events
    count once, on their first date. Raises :class:`InputError` (exit 2) for
    a file that cannot be read as an agenda. ``origin`` says where the path was
    given (``--calendar``, or the ``calendars`` key of a settings file), for messages.
    """
    from zoneinfo import ZoneInfo

    import icalendar

    from rzn.load.limits import LIMITS, TooLarge, read_bounded

    try:
        # Not only regular files: --calendar <(curl …) reads a pipe, bounded all the same.
        data = read_bounded(path, LIMITS.max_calendar_bytes, regular=False)
    except TooLarge as exc:
        raise InputError(
            f"{path} : {exc.describe('les agendas')} ; exportez seulement la période utile."
        ) from None
    except FileNotFoundError:
        raise InputError(
            f"{path} : agenda introuvable. Vérifiez le chemin donné à {origin} (un fichier "
            ".ics exporté d'un agenda en ligne)."
        ) from None
    except IsADirectoryError:
        raise InputError(f"{path} : c'est un dossier ; {origin} attend un fichier .ics.") from None
    except OSError as exc:
        raise InputError(f"{path} : lecture impossible ({os_reason(exc)}).") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        from rzn.load.decode import error_position

        line, column = error_position(exc, "utf-8-sig")
        raise InputError(
            f"{path}:{line}:{column} : l'agenda n'est pas encodé en UTF-8 comme le demande le "
            "format iCalendar. Exportez-le de nouveau depuis l'agenda en ligne."
        ) from None
    try:
        calendar = icalendar.Calendar.from_ical(text)
    except ValueError as exc:
        raise InputError(_ics_error(path, text, str(exc))) from None
    except (OverflowError, OSError, RecursionError):  # a date or a TZID beyond any use
        raise InputError(
            f"{path} : ce n'est pas un agenda iCalendar lisible (date ou fuseau horaire "
            "inutilisable). Exportez de nouveau l'agenda au format .ics."
        ) from None
    if calendar.name != "VCALENDAR":
        raise InputError(
            f"{path}:1 : ce fichier ne commence pas par BEGIN:VCALENDAR : ce n'est pas un agenda "
            "iCalendar complet. Exportez l'agenda entier au format .ics."
        )
    zone = ZoneInfo(timezone)
    lines = split_lines(text)
    starts = [i + 1 for i, line in enumerate(lines) if line.strip() == "BEGIN:VEVENT"]
    events = []
    unplaced = skipped = 0
    for index, component in enumerate(calendar.walk("VEVENT")):
        line = starts[index] if index < len(starts) else 1
        day = _start_day(component, zone)
        if day is None:
            skipped += 1
            continue
        summary = str(component.get("SUMMARY", "") or "").strip() or "(sans titre)"
        location = str(component.get("LOCATION", "") or "").strip()
        region = region_in_text(location) or region_in_text(summary)
        unplaced += region is None
        events.append(AgendaEvent(summary, day, location, region, path, line))
    events.sort(key=lambda e: (e.day, e.line))
    return Agenda(path, tuple(events), unplaced, skipped)


def _start_day(component: object, zone: dt.tzinfo) -> dt.date | None:
    """The entry's first day; ``None`` when it has none rzn can use: no start, a TZID that
    is no time zone (``Europe``, a folder of the zone database), a year rzn does not
    support (the event file's range)."""
    from rzn.model.types import MAX_YEAR, MIN_YEAR

    try:
        value = component.get("DTSTART").dt  # type: ignore[attr-defined]
        if isinstance(value, dt.datetime):
            value = value.astimezone(zone).date() if value.tzinfo else value.date()
    except (AttributeError, ValueError, TypeError, OverflowError, OSError):
        return None
    if not isinstance(value, dt.date) or not MIN_YEAR <= value.year <= MAX_YEAR:
        return None
    return value


def _ics_error(path: str, text: str, error: str) -> str:
    what = "le fichier ne contient aucun bloc BEGIN:VCALENDAR … END:VCALENDAR complet"
    line = 1
    quoted = re.search(r"parsed into parts: '(.*)'(?::|$)", error)
    if quoted:
        bad = quoted.group(1)
        needle = bad.strip()
        for number, content in enumerate(split_lines(text), start=1):
            if needle and needle in content:
                line = number
                break
        what = f"la ligne « {bad[:60]} » n'est pas une ligne iCalendar (NOM:valeur)"
    elif not text.strip():
        what = "le fichier est vide"
    return (
        f"{path}:{line} : ce n'est pas un agenda iCalendar lisible ({what}). Donnez à --calendar "
        "le fichier .ics exporté de l'agenda (menu « Exporter » ou lien « iCal »)."
    )
