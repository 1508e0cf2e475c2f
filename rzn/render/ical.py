"""What every calendar rzn writes shares: safe text, stable identity, the time zone.

Text: icalendar escapes commas, semicolons and ``\\n`` in TEXT values, but a
bare carriage return or another control character would still break the
content line (or the parser of the calendar that imports it). Single-line
properties (SUMMARY, LOCATION, X-WR-CALNAME) get one line; DESCRIPTION keeps
its line breaks as ``\\n``.

Identity, so that re-imports and re-publications update rather than
duplicate:

- UIDs come from the event slug and a stable key, never from the date.
- DTSTAMP is midnight UTC of the day the plan is computed for (``--today``),
  never the clock, so the same inputs give byte-identical files, and a
  later render carries a later stamp.
- PRODID is constant.

Time zone: only the event's zone, as a VTIMEZONE covering the event's year,
so that every client reads the same local times (never ``TZID=GMT``).

Speed (measured when rendering 100 events in one call): building a
VTIMEZONE from the zone database took 2–3 ms, and icalendar folds long
lines one character at a time, a third of a calendar's cost. The VTIMEZONE
is built once per zone and year and shared (never modified afterwards), and
:func:`to_bytes` folds each line with the same rule from its UTF-8 bytes.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable, Iterator
from typing import Any
from zoneinfo import ZoneInfo

import icalendar
from icalendar.parser_tools import to_unicode

from rzn.model.event import Event
from rzn.render.french import typography

PRODID = "-//rzn//Rencontres RéZolutions numériques//FR"
UID_DOMAIN = "rzn.rezolutions-numeriques"

_SPACES = re.compile(r"[ \t\n\r]+")
"""Ordinary white space, collapsed; the no-break spaces of French typography stay."""
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u2028\u2029]")
_FORMAT_LABELS = {"in_person": "en présentiel", "online": "en ligne", "hybrid": "hybride"}


def line(text: str) -> str:
    """One line, with French spacing (no-break space before a colon…)."""
    return typography(_SPACES.sub(" ", _CONTROL.sub(" ", text)).strip())


def block(text: str) -> str:
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return typography("\n".join(_CONTROL.sub(" ", part).rstrip() for part in lines))


def uid(slug: str, family: str, key: str | None = None) -> str:
    """``cvl-2027-timeline-mailing-j30@…``: stable across dates and renders."""
    local = f"{slug}-{family}" if key is None else f"{slug}-{family}-{key}"
    return f"{local}@{UID_DOMAIN}"


def stamp(today: dt.date) -> dt.datetime:
    """DTSTAMP: midnight UTC of ``today``, never the clock."""
    return dt.datetime(today.year, today.month, today.day, tzinfo=dt.UTC)


def format_label(event: Event) -> str:
    return _FORMAT_LABELS[event.format.value]


def local_time(event: Event, day: dt.date, minute: int) -> dt.datetime:
    """``minute`` minutes after midnight of ``day`` in the event's zone (1440 is the next day)."""
    midnight = dt.datetime.combine(day, dt.time(0, 0))
    return (midnight + dt.timedelta(minutes=minute)).replace(tzinfo=ZoneInfo(event.timezone))


def timezone(event: Event) -> icalendar.Timezone | None:
    """The VTIMEZONE of the event's zone over its year; ``None`` for UTC (written with ``Z``).

    Shared between calendars: add it, never change it.
    """
    if event.timezone in ("UTC", "Etc/UTC"):
        return None
    return _zone(event.timezone, event.date.year)


@functools.lru_cache(maxsize=16)
def _zone(tzid: str, year: int) -> icalendar.Timezone:
    # Covering the whole year: the same VTIMEZONE whatever the day within it.
    zone = icalendar.Timezone.from_tzid(
        tzid, first_date=dt.date(year, 1, 1), last_date=dt.date(year + 1, 1, 1)
    )
    zone.pop("COMMENT", None)  # an English note on the covered years, shown by no client
    _WRITTEN[id(zone)] = (zone, b"".join(_lines(zone, zone)))
    return zone


_WRITTEN: dict[int, tuple[icalendar.cal.Component, bytes]] = {}
"""The shared VTIMEZONEs as :func:`to_bytes` writes them, by identity: every calendar
holds one, and it never changes. Each is held here, so that its id is never another's."""


class Shared:
    """Property values encoded once per calendar and added to every entry that has them.

    icalendar encodes each value it is given anew (a time zone lookup for each date-time, a
    parameter list for each text): the stamp, the categories, the start and end times that
    many entries of a calendar share were half of its cost. :meth:`add` adds a value as
    icalendar's ``add`` does the first time, and the object it built the next times;
    nothing modifies a value once added, so sharing it changes no byte.
    """

    def __init__(self) -> None:
        self._values: dict[tuple[Any, ...], Any] = {}

    def add(self, entry: icalendar.cal.Component, name: str, value: Any) -> None:
        # Aware date-times of different zones compare equal at the same instant: the zone
        # and the fold are part of the key, as is the type (a date is no midnight).
        key = (
            name.lower(),
            type(value),
            tuple(value) if isinstance(value, list) else value,
            getattr(value, "tzinfo", None),
            getattr(value, "fold", None),
        )
        encoded = self._values.get(key)
        if encoded is not None:
            entry.add(name, encoded)
            return
        first = name not in entry  # else the entry holds a list of both values
        entry.add(name, value)
        if first:
            self._values[key] = entry[name]


FOLD = 74
"""Octets per physical line before the fold, as icalendar writes them (RFC 5545: at most 75)."""


def to_bytes(cal: icalendar.Calendar) -> bytes:
    """``cal.to_ical()``, byte for byte, without folding one character at a time."""
    return b"".join(_lines(cal, cal))


def _lines(component: icalendar.cal.Component, top: icalendar.cal.Component) -> Iterator[bytes]:
    """The folded lines of ``component``, in icalendar's order: BEGIN, its properties, its
    components, END; a shared VTIMEZONE as written once."""
    written = _WRITTEN.get(id(component))
    if written is not None and written[0] is component:
        yield written[1]
        return
    *head, end = component.property_items(recursive=False)
    for name, value in head:
        yield fold(content_line(top, name, value)) + b"\r\n"
    for sub in component.subcomponents:
        yield from _lines(sub, top)
    yield fold(content_line(top, *end)) + b"\r\n"


def _escape(text: str) -> str:
    """TEXT escaping as icalendar does it, in its order (RFC 5545, 3.3.11)."""
    return (
        text.replace(r"\N", "\n")
        .replace("\\", "\\\\")
        .replace(";", r"\;")
        .replace(",", r"\,")
        .replace("\r\n", r"\n")
        .replace("\n", r"\n")
        .replace("\r", r"\n")
    )


@functools.lru_cache(maxsize=64)
def _is_utc(zone: dt.tzinfo | None) -> bool:
    return zone is not None and icalendar.is_utc(zone)


def _moment(value: icalendar.vDDDTypes) -> str | None:
    """A date or a date-time as icalendar writes it, without the vDate or vDatetime it
    builds (and its time zone lookup) for each; ``None``: any other value, left to it."""
    moment = value.dt
    if type(moment) is dt.date:
        return f"{moment.year:04}{moment.month:02}{moment.day:02}"
    if type(moment) is not dt.datetime:
        return None
    zone = moment.tzinfo
    # The zones icalendar tells apart by their name alone; another may depend on the day.
    if not (zone is None or zone is dt.UTC or type(zone) is ZoneInfo):
        return None
    text = (
        f"{moment.year:04}{moment.month:02}{moment.day:02}"
        f"T{moment.hour:02}{moment.minute:02}{moment.second:02}"
    )
    return f"{text}Z" if value.params.is_utc() or _is_utc(zone) else text


_WRITERS: dict[type, Callable[[Any], str | None]] = {
    icalendar.vText: _escape,
    icalendar.vCategory: lambda value: ",".join(_escape(str(c)) for c in value.cats),
    icalendar.vUri: str,
    icalendar.vDDDTypes: _moment,
}
"""The value of each kind of property that most lines hold, written straight from the text
or the date."""


def content_line(component: icalendar.cal.Component, name: str, value: object) -> str:
    """``component.content_line(name, value)``: the same text, for a third of the time.

    icalendar builds an empty parameter list for every value that has none, encodes each
    value, decodes it again (its UTF-8 decoder drops a leading byte order mark) and checks
    the line; texts, categories and addresses, most of a calendar's lines, are escaped
    here straight from their text, and dates and date-times written from their fields.
    What icalendar would refuse is left to it, to refuse.
    """
    if isinstance(value, bytes):  # BEGIN and END: the component's name, escaped as text
        value = icalendar.vText(value)
    writer = _WRITERS.get(type(value))
    written = writer(value) if writer is not None else None
    if written is not None:
        text = written.removeprefix("\ufeff")
    elif hasattr(value, "to_ical"):
        text = to_unicode(value.to_ical())
    else:
        return str(component.content_line(name, value))
    if "\n" in text:
        return str(component.content_line(name, value))
    params = getattr(value, "params", None)
    if params:
        written = to_unicode(params.to_ical(sorted=True))
        if written:
            return f"{name};{written}:{text}"
    return f"{name}:{text}"


def fold(line: str) -> bytes:
    """One content line folded at :data:`FOLD` octets, never inside a UTF-8 character.

    As icalendar does, a fold never separates a backslash or a caret from the character
    it escapes: it moves to the next line.
    """
    data = line.encode("utf-8")
    if len(data) <= FOLD:
        return data
    parts = []
    start = 0
    while len(data) - start > FOLD:
        end = start + FOLD
        while data[end] & 0xC0 == 0x80:  # a continuation byte: back to the character's start
            end -= 1
        if data[end - 1] in b"\\^":
            end -= 1
        parts.append(data[start:end])
        start = end
    parts.append(data[start:])
    return b"\r\n ".join(parts)


def calendar(event: Event, name: str) -> icalendar.Calendar:
    """An empty VCALENDAR with rzn's PRODID, meant to be published, and the event's VTIMEZONE."""
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", line(name))
    cal.add("x-wr-timezone", event.timezone)
    zone = timezone(event)
    if zone is not None:
        cal.add_component(zone)
    return cal


def day_event(
    event: Event, entry_uid: str, when: dt.datetime, extra: tuple[str, ...] = ()
) -> icalendar.Event:
    """The day itself, timed in its zone, with where to go (or to connect) and how to register.

    ``extra`` lines end the description (the participants' calendar lists the programme there).
    """
    entry = icalendar.Event()
    entry.add("uid", entry_uid)
    entry.add("dtstamp", when)
    entry.add("dtstart", local_time(event, event.date, _minutes(event.start)))
    entry.add("dtend", local_time(event, event.date, _minutes(event.end)))
    entry.add("summary", line(event.title))
    lines = [f"Rencontre RéZolutions numériques {format_label(event)}."]
    if event.venue is not None:
        place = ", ".join(p for p in (event.venue.name, event.venue.address) if p)
        entry.add("location", line(place))
        lines.append(f"Lieu : {place}.")
    elif event.online is not None and event.online.url:
        entry.add("location", event.online.url)
    if event.online is not None and event.online.url and event.format.has_remote:
        lines.append(f"Connexion : {event.online.url}")
    if event.registration_url:
        lines.append(f"Inscription : {event.registration_url}")
        entry.add("url", event.registration_url)
    lines.extend(extra)
    entry.add("description", block("\n".join(lines)))
    entry.add("categories", ["RéZolutions numériques"])
    return entry


def _minutes(value: dt.time) -> int:
    return value.hour * 60 + value.minute
