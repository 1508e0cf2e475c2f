"""``timeline.ics``: the communication timeline as a calendar.

Built in code with icalendar, not from a template: a calendar is data
whose escaping and folding rules a template would get wrong. What makes
re-imports update rather than duplicate:

- UIDs come from the event slug and the action id only, never from the
  date: moving the event moves the entries.
- DTSTAMP is midnight UTC of the day the plan is computed for (``--today``),
  never the clock, so the same inputs give byte-identical files, and a
  later render carries a later stamp.
- PRODID is constant.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from zoneinfo import ZoneInfo

import icalendar

from rzn.model.event import Event
from rzn.plan.timeline import TimelineAction
from rzn.render import french, ical
from rzn.render.context import RenderContext
from rzn.render.output import OutputFile
from rzn.render.registry import document

PRODID = "-//rzn//Rencontres RéZolutions numériques//FR"
UID_DOMAIN = "rzn.rezolutions-numeriques"


def uid(slug: str, key: str) -> str:
    """``joue-2027-timeline-mailing-j30@…``: stable across dates and renders."""
    return f"{slug}-timeline-{key}@{UID_DOMAIN}"


def _stamp(today: dt.date) -> dt.datetime:
    return dt.datetime(today.year, today.month, today.day, tzinfo=dt.UTC)


def _format_label(event: Event) -> str:
    return {"in_person": "en présentiel", "online": "en ligne", "hybrid": "hybride"}[
        event.format.value
    ]


def _action_event(
    action: TimelineAction, event: Event, slug: str, stamp: dt.datetime
) -> icalendar.Event:
    entry = icalendar.Event()
    entry.add("uid", uid(slug, action.id))
    entry.add("dtstamp", stamp)
    entry.add("dtstart", action.day)
    # All-day: DTEND is exclusive, so the next day (RFC 5545, 3.6.1).
    entry.add("dtend", action.day + dt.timedelta(days=1))
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
                    f"({_format_label(event)}).",
                    f"Identifiant de la tâche : {action.id}",
                )
            )
        ),
    )
    entry.add("categories", ["RéZolutions numériques", "Communication"])
    # A reminder, not an appointment: it must not mark the day as busy.
    entry.add("transp", "TRANSPARENT")
    return entry


def _day_event(event: Event, slug: str, stamp: dt.datetime) -> icalendar.Event:
    zone = ZoneInfo(event.timezone)
    entry = icalendar.Event()
    entry.add("uid", uid(slug, "day"))
    entry.add("dtstamp", stamp)
    entry.add("dtstart", dt.datetime.combine(event.date, event.start, tzinfo=zone))
    entry.add("dtend", dt.datetime.combine(event.date, event.end, tzinfo=zone))
    entry.add("summary", ical.line(event.title))
    lines = [f"Rencontre RéZolutions numériques {_format_label(event)}."]
    if event.venue is not None:
        place = ", ".join(p for p in (event.venue.name, event.venue.address) if p)
        entry.add("location", ical.line(place))
        lines.append(f"Lieu : {place}.")
    elif event.online is not None and event.online.url:
        entry.add("location", event.online.url)
    if event.online is not None and event.online.url and event.format.has_remote:
        lines.append(f"Connexion : {event.online.url}")
    if event.registration_url:
        lines.append(f"Inscription : {event.registration_url}")
        entry.add("url", event.registration_url)
    entry.add("description", ical.block("\n".join(lines)))
    entry.add("categories", ["RéZolutions numériques"])
    return entry


def timeline_calendar(
    event: Event, actions: tuple[TimelineAction, ...], slug: str, today: dt.date
) -> icalendar.Calendar:
    stamp = _stamp(today)
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", ical.line(f"Communication — {event.title}"))
    calendar.add("x-wr-timezone", event.timezone)
    if event.timezone not in ("UTC", "Etc/UTC"):
        # Only the zone the day uses, covering its year: same VTIMEZONE whatever the day.
        zone = icalendar.Timezone.from_tzid(
            event.timezone,
            first_date=dt.date(event.date.year, 1, 1),
            last_date=dt.date(event.date.year + 1, 1, 1),
        )
        zone.pop("COMMENT", None)  # an English note on the covered years, shown by no client
        calendar.add_component(zone)
    calendar.add_component(_day_event(event, slug, stamp))
    for action in actions:
        calendar.add_component(_action_event(action, event, slug, stamp))
    return calendar


@document("timeline")
def timeline(ctx: RenderContext) -> Iterator[OutputFile]:
    calendar = timeline_calendar(ctx.event, ctx.plan.timeline, ctx.slug, ctx.today)
    yield OutputFile(
        "timeline.ics",
        calendar.to_ical(),
        "Calendrier de la communication, à importer dans un agenda partagé (iCalendar)",
    )
