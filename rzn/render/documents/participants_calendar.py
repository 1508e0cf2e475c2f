"""``event.ics`` and ``sessions.ics``: the day and its programme, for participants' calendars.

The vade-mecum's invitation gives the programme and the practical details;
``event.ics`` lets a participant add the day to a calendar in one click (it
is also attached to the J-30 invitation draft): one entry, the programme in
its description, as most people want it. ``sessions.ics`` holds each
session as an entry of its own, for those who follow one workshop or want
the plenary in their agenda; parallel workshops would otherwise pile up on
the day. Both are public: speakers appear by name in the description, never
as ATTENDEE (that would expose e-mail addresses and make clients send replies).

UIDs follow the rules of :mod:`rzn.render.ical`: the day is
``<slug>-programme@…`` and each item ``<slug>-programme-<id>@…``, where
``<id>`` is the item's ``id`` when the event file gives one (it survives a
new title), else the slug of its title, de-duplicated in the order of the
event file (``pause``, ``pause-2``). Changing a time or the date keeps every
UID, so a participant who imports the file again gets the entries moved,
not doubled. The sessions carry no RELATED-TO: the day they belong to is in the
other file, and a participant may import only one of them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import icalendar

from rzn.model.event import Event, ProgramItem
from rzn.render import french, ical
from rzn.render.context import RenderContext
from rzn.render.documents.run_sheet import (
    KIND_LABELS,
    item_speakers,
    speaker_label,
    unique_slugs,
)
from rzn.render.grammar import and_list
from rzn.render.output import OutputFile
from rzn.render.registry import document

FILE_NAME = "event.ics"
SESSIONS_FILE = "sessions.ics"
FAMILY = "programme"


def day_uid(slug: str) -> str:
    return ical.uid(slug, FAMILY)


def item_uids(event: Event, slug: str) -> dict[int, str]:
    """UID of each item, by its position in ``event.program`` (file order decides the suffixes).

    An item's own ``id`` keeps its UID when its title changes; the others take the slug of
    their title, never one an ``id`` already holds.
    """
    given = {item.id for item in event.program if item.id is not None}
    titles = iter(
        unique_slugs((item.title for item in event.program if item.id is None), reserved=given)
    )
    return {
        index: ical.uid(slug, FAMILY, item.id if item.id is not None else next(titles))
        for index, item in enumerate(event.program)
    }


def _location(event: Event, item: ProgramItem) -> str | None:
    if event.venue is not None:
        parts = (item.room, event.venue.name, event.venue.address)
        return ", ".join(p for p in parts if p)
    if event.online is not None and event.online.url:
        return event.online.url
    return item.room


def _item_event(
    event: Event, item: ProgramItem, entry_uid: str, stamp: dt.datetime, shared: ical.Shared
) -> icalendar.Event:
    entry = icalendar.Event()
    entry.add("uid", entry_uid)
    shared.add(entry, "dtstamp", stamp)
    shared.add(entry, "dtstart", ical.local_time(event, event.date, item.start_minute))
    shared.add(entry, "dtend", ical.local_time(event, event.date, item.end_minute))
    entry.add("summary", ical.line(item.title))
    location = _location(event, item)
    if location:
        entry.add("location", ical.line(location))
    lines = [KIND_LABELS[item.kind] + "."]
    speakers = [speaker_label(s) for s in item_speakers(event, item)]
    if speakers:
        lines.append(f"Avec {and_list(speakers)}.")  # "Intervenant" would say Claire's gender
    if item.room:
        lines.append(f"Salle : {item.room}.")
    if item.description:
        lines += ["", item.description]
    lines += ["", f"{event.title}, {french.day_long(event.date)} ({ical.format_label(event)})."]
    if event.online is not None and event.online.url and event.format.has_remote:
        lines.append(f"Connexion : {event.online.url}")
    entry.add("description", ical.block("\n".join(lines)))
    shared.add(entry, "categories", ["RéZolutions numériques", KIND_LABELS[item.kind]])
    if event.registration_url:
        shared.add(entry, "url", event.registration_url)
    return entry


def participants_calendar(
    event: Event, slug: str, today: dt.date, *, sessions: bool = False
) -> icalendar.Calendar:
    """The day with its programme (``event.ics``), or each session (``sessions.ics``)."""
    stamp = ical.stamp(today)
    parent = day_uid(slug)
    # Time order, as in the run sheet's programme; parallel items keep the file's order.
    ordered = sorted(enumerate(event.program), key=lambda pair: pair[1].start_minute)
    if sessions:
        calendar = ical.calendar(event, f"{event.title} — séquences")
        uids = item_uids(event, slug)
        shared = ical.Shared()
        for index, item in ordered:
            calendar.add_component(_item_event(event, item, uids[index], stamp, shared))
        return calendar
    calendar = ical.calendar(event, event.title)
    overview = tuple(
        f"{french.hour(item.start)} – {french.hour(item.end_time)} : {item.title}"
        + (f" ({item.room})" if item.room else "")
        for _, item in ordered
    )
    extra = ("", "Programme :", *overview) if overview else ()
    calendar.add_component(ical.day_event(event, parent, stamp, extra))
    return calendar


def calendar_bytes(ctx: RenderContext) -> bytes:
    """``event.ics`` as written by ``rzn render`` (and attached to the invitation)."""
    return ctx.shared(
        FILE_NAME,
        lambda: ical.to_bytes(participants_calendar(ctx.event, ctx.slug, ctx.today)),
    )


@document("participants_calendar")
def participants(ctx: RenderContext) -> Iterator[OutputFile]:
    yield OutputFile(
        FILE_NAME,
        calendar_bytes(ctx),
        "La journée et son programme, une entrée pour l'agenda des participants (iCalendar), "
        "jointe à l'invitation",
    )
    if ctx.event.program:
        sessions = participants_calendar(ctx.event, ctx.slug, ctx.today, sessions=True)
        yield OutputFile(
            SESSIONS_FILE,
            ical.to_bytes(sessions),
            "Chaque séquence du programme, une entrée chacune (iCalendar), pour qui les veut "
            "séparément",
        )
