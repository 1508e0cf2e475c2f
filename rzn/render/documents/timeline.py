"""``timeline.ics``: the communication timeline as a calendar.

Built in code with icalendar, not from a template: a calendar is data
whose escaping and folding rules a template would get wrong. Identity and
time zone rules are shared with every calendar rzn writes (see
:mod:`rzn.render.ical`): UIDs come from the event slug and the action id
only, so moving the event moves the entries.

Every entry also carries ``X-RZN-EVENT:<slug>``: ``rzn publish caldav`` puts
these same entries in a shared calendar, and that marker (with the UID) is
how it recognises, among everything else in that calendar, the entries it
published for this event and may remove.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import icalendar

from rzn.model.event import Event
from rzn.plan.timeline import TimelineAction
from rzn.render import french, ical
from rzn.render.context import RenderContext
from rzn.render.output import OutputFile
from rzn.render.registry import document

FAMILY = "timeline"
MARKER = "X-RZN-EVENT"
"""Property naming the event (its slug) on every entry of the timeline."""


def uid(slug: str, key: str) -> str:
    """``joue-2027-timeline-mailing-j30@…``: stable across dates and renders."""
    return ical.uid(slug, FAMILY, key)


def _action_event(
    action: TimelineAction, event: Event, slug: str, stamp: dt.datetime, shared: ical.Shared
) -> icalendar.Event:
    entry = icalendar.Event()
    entry.add("uid", uid(slug, action.id))
    shared.add(entry, "dtstamp", stamp)
    shared.add(entry, "dtstart", action.day)
    # All-day: DTEND is exclusive, so the next day (RFC 5545, 3.6.1).
    shared.add(entry, "dtend", action.day + dt.timedelta(days=1))
    entry.add("summary", ical.line(f"{action.relative} · {action.title}"))
    entry.add(
        "description",
        ical.block(
            "\n".join(
                (
                    f"{action.title}.",
                    f"Responsable : {action.role}.",
                    f"Vade-mecum : « {action.source} »",
                    "",
                    f"Rencontre : {event.title}, {french.day_long(event.date)} "
                    f"({ical.format_label(event)}).",
                    f"Identifiant de la tâche : {action.id}",
                )
            )
        ),
    )
    shared.add(entry, "categories", ["RéZolutions numériques", "Communication"])
    # A reminder, not an appointment: it must not mark the day as busy.
    shared.add(entry, "transp", "TRANSPARENT")
    return entry


def timeline_calendar(
    event: Event, actions: tuple[TimelineAction, ...], slug: str, today: dt.date
) -> icalendar.Calendar:
    stamp = ical.stamp(today)
    calendar = ical.calendar(event, f"Communication — {event.title}")
    shared = ical.Shared()
    entries = [
        ical.day_event(event, uid(slug, "day"), stamp),
        *(_action_event(action, event, slug, stamp, shared) for action in actions),
    ]
    for entry in entries:
        shared.add(entry, MARKER, slug)
        calendar.add_component(entry)
    return calendar


@document("timeline")
def timeline(ctx: RenderContext) -> Iterator[OutputFile]:
    calendar = timeline_calendar(ctx.event, ctx.plan.timeline, ctx.slug, ctx.today)
    yield OutputFile(
        "timeline.ics",
        ical.to_bytes(calendar),
        "Calendrier de la communication, à importer dans un agenda partagé (iCalendar)",
    )
