"""Documents built from the registrations export: sign-in sheet, workshop rosters, online list.

Only when the event names an export (``registrations:``) that can be read.
These documents contain personal data (names, organisations): they are for
the organising team on the day, never for publication; each one says so.
E-mail addresses and phone numbers are never printed.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from rzn.model.event import Event, Format, PartnerRole
from rzn.registrations.exports import event_registrations
from rzn.registrations.people import Mode, Registration, Registrations
from rzn.registrations.workshops import Workshop, signups
from rzn.render.context import RenderContext
from rzn.render.output import OutputFile
from rzn.render.registry import document

WALK_IN_ROWS = 10
"""Blank rows at the end of the sign-in sheet for people who come without registering."""
NOON, AFTERNOON = 12 * 60, 14 * 60
"""A day starting before noon and ending after 14 h is signed morning and afternoon."""


@dataclass(frozen=True)
class Person:
    """What a sheet prints of a registration: never the e-mail address."""

    number: int
    last_name: str
    first_name: str
    name: str
    organization: str
    mode: str
    workshops: tuple[str, ...] = ()


@dataclass(frozen=True)
class Header:
    """The event's header, repeated on each document."""

    place: str
    organizers: list[str]
    funders: list[str]
    partners: list[str]


def _registrations(ctx: RenderContext) -> Registrations | None:
    if ctx.event.registrations is None:
        return None
    data = event_registrations(ctx.event, ctx.event_dir).data
    if data is None or data.fatal is not None:
        return None
    return data


def _people(
    people: list[Registration], workshops_by_line: dict[int, list[str]] | None = None
) -> list[Person]:
    ordered = sorted(people, key=lambda p: p.sort_key)
    return [
        Person(
            number,
            p.last_name,
            p.first_name,
            p.name,
            p.organization,
            p.mode.label if p.mode is not None else "",
            tuple((workshops_by_line or {}).get(p.line, [])),
        )
        for number, p in enumerate(ordered, start=1)
    ]


def _header(event: Event) -> Header:
    place = ""
    if event.venue is not None:
        parts = [event.venue.name, event.venue.address]
        if event.city and not (event.venue.address and event.city in event.venue.address):
            parts.append(event.city)
        place = ", ".join(p for p in parts if p)
    elif event.format is Format.ONLINE:
        platform = event.online.platform if event.online is not None else None
        place = f"En ligne ({platform})" if platform else "En ligne"
    return Header(
        place,
        [o.name for o in event.organizers],
        [p.name for p in event.partners if p.role is PartnerRole.FUNDER],
        [p.name for p in event.partners if p.role is PartnerRole.PARTNER],
    )


def _on_site(event: Event, people: list[Registration]) -> list[Registration]:
    if event.format is Format.HYBRID:
        return [p for p in people if p.mode is not Mode.REMOTE]
    return list(people)


@document("attendance-sheet")
def attendance_sheet(ctx: RenderContext) -> Iterator[OutputFile]:
    data = _registrations(ctx)
    event = ctx.event
    if data is None or not event.format.has_venue:
        return
    start, end = event.start.hour * 60 + event.start.minute, event.end.hour * 60 + event.end.minute
    # A full day is signed twice, as funders of associations usually ask for half-days.
    half_days = start < NOON and end > AFTERNOON
    text = ctx.render(
        "attendance-sheet.html.j2",
        header=_header(event),
        people=_people(_on_site(event, data.people)),
        split_names=data.split_names,
        half_days=half_days,
        walk_in_rows=WALK_IN_ROWS,
        remote_left_out=event.format is Format.HYBRID and data.has_modes,
    )
    yield OutputFile(
        "attendance-sheet.html", text.encode("utf-8"), "Feuille d'émargement à imprimer"
    )


@document("rosters")
def rosters(ctx: RenderContext) -> Iterator[OutputFile]:
    data = _registrations(ctx)
    event = ctx.event
    if data is None or not data.has_workshops:
        return
    result = signups(event, data)
    hybrid = event.format is Format.HYBRID
    for workshop in result.workshops:
        text = ctx.render(
            "roster.html.j2",
            header=_header(event),
            workshop=workshop,
            sessions=_sessions(workshop),
            capacity=workshop.capacity(event),
            seated=len(workshop.seated(hybrid)),
            people=_people(workshop.people),
            split_names=data.split_names,
            show_mode=hybrid and data.has_modes,
            speakers=_speakers(event, workshop),
        )
        yield OutputFile(
            f"rosters/{workshop.slug}.html",
            text.encode("utf-8"),
            f"Liste des inscrits à l'atelier « {workshop.title} »",
        )


@dataclass(frozen=True)
class Session:
    start: str
    end: str
    room: str


def _sessions(workshop: Workshop) -> list[Session]:
    from rzn.render.french import hhmm

    return [
        Session(hhmm(item.start), hhmm(item.end_time), item.room or "") for item in workshop.items
    ]


def _speakers(event: Event, workshop: Workshop) -> list[str]:
    names: list[str] = []
    for item in workshop.items:
        for speaker_id in item.speakers:
            speaker = event.speaker(speaker_id)
            name = speaker.name if speaker is not None else speaker_id
            if name not in names:
                names.append(name)
    return names


@document("online-participants")
def online_participants(ctx: RenderContext) -> Iterator[OutputFile]:
    data = _registrations(ctx)
    event = ctx.event
    if data is None or not event.format.has_remote:
        return
    hybrid = event.format is Format.HYBRID
    unknown_modes = hybrid and not data.has_modes
    people = data.people
    if hybrid and data.has_modes:
        people = [p for p in people if p.mode is Mode.REMOTE]
    by_line: dict[int, list[str]] = {}
    if data.has_workshops:
        for workshop in signups(event, data).workshops:
            for person in workshop.people:
                by_line.setdefault(person.line, []).append(workshop.title)
    text = ctx.render(
        "roster.online.md.j2",
        header=_header(event),
        people=_people(people, by_line),
        unknown_modes=unknown_modes,
        show_workshops=data.has_workshops,
    )
    yield OutputFile(
        "participants-en-ligne.md",
        text.encode("utf-8"),
        "Participants attendus en ligne (à garder sous les yeux pendant la visio)",
    )
