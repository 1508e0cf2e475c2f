"""rzn.render.ical: rzn's fast folding writes what icalendar writes, byte for byte."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import icalendar
from hypothesis import given, settings
from hypothesis import strategies as st
from icalendar.parser import Contentline

from rzn.render import ical
from rzn.render.context import RenderContext
from rzn.render.documents import participants_calendar, timeline
from rzn.render.environment import environment
from tests.conftest import EXAMPLES

TODAY = dt.date(2027, 9, 1)

# Backslashes, carets, accents, 2-, 3- and 4-byte characters, around the 74-octet mark.
_TEXT = st.text(
    alphabet=st.sampled_from(["a", " ", "\\", "^", ",", "é", "€", "中", "😀", "\u0301", ";"]),
    max_size=400,
)


@given(_TEXT)
@settings(max_examples=400, deadline=None)
def test_fold_is_icalendars_fold(text):
    assert ical.fold(text) == Contentline(text).to_ical()


@given(_TEXT)
@settings(max_examples=200, deadline=None)
def test_every_folded_line_holds_in_75_octets_and_unfolds_back(text):
    folded = ical.fold(text)
    lines = folded.split(b"\r\n")
    assert all(len(line) <= 75 for line in lines)
    assert b"".join([lines[0], *(line[1:] for line in lines[1:])]).decode("utf-8") == text


def _contexts():
    from rzn.check import CheckOptions, check_file

    for folder in sorted(p for p in EXAMPLES.iterdir() if (p / "event.yaml").is_file()):
        report = check_file(str(folder / "event.yaml"), CheckOptions(today=TODAY))
        assert report.event is not None
        yield RenderContext(report.event, TODAY, environment(()), folder)


def test_calendars_are_written_as_icalendar_would():
    for ctx in _contexts():
        calendars = (
            timeline.timeline_calendar(ctx.event, ctx.plan.timeline, ctx.slug, TODAY),
            participants_calendar.participants_calendar(ctx.event, ctx.slug, TODAY),
            participants_calendar.participants_calendar(ctx.event, ctx.slug, TODAY, sessions=True),
        )
        for cal in calendars:
            assert ical.to_bytes(cal) == cal.to_ical()


def test_the_time_zone_block_is_built_once_and_left_unchanged():
    ctx = next(_contexts())
    first = participants_calendar.calendar_bytes(ctx)
    zone = ical.timezone(ctx.event)
    assert zone is ical.timezone(ctx.event)
    assert isinstance(zone, icalendar.Timezone)
    before = zone.to_ical()
    assert participants_calendar.calendar_bytes(ctx) == first
    assert zone.to_ical() == before


# What icalendar escapes or drops: separators, line ends, a literal \\N, a byte order mark.
_VALUE = st.text(
    alphabet=st.sampled_from(["a", " ", "\\", ";", ",", ":", "\n", "\r", "N", "é", "\ufeff", '"']),
    max_size=30,
)


@given(text=_VALUE, categories=st.lists(_VALUE, min_size=1, max_size=3), url=_VALUE)
@settings(max_examples=300, deadline=None)
def test_content_lines_are_icalendars(text, categories, url):
    entry = icalendar.Event()
    entry.add("summary", text)
    entry.add("description", text)
    entry.add("categories", categories)
    entry.add("url", icalendar.vUri(url.replace("\n", "").replace("\r", "")))
    entry.add("x-rzn-event", text)
    entry.add("location", icalendar.vText(text, params={"altrep": "https://example.org/"}))
    entry.add("dtstart", dt.datetime(2027, 11, 18, 9, 30, tzinfo=dt.UTC))
    entry.add("dtend", dt.date(2027, 11, 19))
    entry.add("recurrence-id", dt.datetime(2027, 11, 18, 9, 30, tzinfo=ZoneInfo("Europe/Paris")))
    entry.add("x-wr-calname", text.replace("\n", "").replace("\r", ""))
    for name, value in entry.property_items():
        assert _line_or_refusal(ical.content_line, entry, name, value) == _line_or_refusal(
            type(entry).content_line, entry, name, value
        )
    if all(_line_or_refusal(ical.content_line, entry, *item) for item in entry.property_items()):
        assert ical.to_bytes(entry) == entry.to_ical()


def _line_or_refusal(write, entry, name, value):
    """The line, or ``None`` where icalendar refuses it (an X- property's bare line end)."""
    try:
        return write(entry, name, value)
    except AssertionError:
        return None


class _Unshared:
    """The straightforward build: every value handed to icalendar's ``add`` as it is."""

    def add(self, entry, name, value):
        entry.add(name, value)


def _calendars(ctx):
    return [
        ical.to_bytes(timeline.timeline_calendar(ctx.event, ctx.plan.timeline, ctx.slug, TODAY)),
        ical.to_bytes(participants_calendar.participants_calendar(ctx.event, ctx.slug, TODAY)),
        ical.to_bytes(
            participants_calendar.participants_calendar(ctx.event, ctx.slug, TODAY, sessions=True)
        ),
    ]


def test_values_shared_between_entries_change_no_byte(monkeypatch):
    contexts = list(_contexts())
    shared = [_calendars(ctx) for ctx in contexts]
    monkeypatch.setattr(ical, "Shared", _Unshared)
    assert [_calendars(ctx) for ctx in contexts] == shared


def test_shared_values_keep_zone_type_and_name_apart():
    shared = ical.Shared()
    paris = dt.datetime(2027, 11, 18, 10, 0, tzinfo=ZoneInfo("Europe/Paris"))
    utc = paris.astimezone(dt.UTC)
    assert paris == utc  # the same instant: only the zone tells them apart
    values = (paris, utc, dt.date(2027, 11, 18), dt.datetime(2027, 11, 18), paris, utc)
    entries = [icalendar.Event() for _ in values]
    for entry, value in zip(entries, values, strict=True):
        shared.add(entry, "dtstart", value)
        shared.add(entry, "categories", ["a", "b"])
    lines = [ical.content_line(entry, "DTSTART", entry["DTSTART"]) for entry in entries]
    assert lines == [
        "DTSTART;TZID=Europe/Paris:20271118T100000",
        "DTSTART:20271118T090000Z",
        "DTSTART;VALUE=DATE:20271118",
        "DTSTART:20271118T000000",
        "DTSTART;TZID=Europe/Paris:20271118T100000",
        "DTSTART:20271118T090000Z",
    ]
    assert entries[4]["DTSTART"] is entries[0]["DTSTART"]
    assert entries[5]["CATEGORIES"] is entries[0]["CATEGORIES"]
    shared.add(entries[0], "dtend", paris)
    assert entries[0]["DTEND"] is not entries[0]["DTSTART"]
    # A second value of a property is added, not kept: the entry holds a list of both.
    shared.add(entries[0], "categories", ["c"])
    assert isinstance(entries[0]["CATEGORIES"], list)
    assert entries[1]["CATEGORIES"] is entries[2]["CATEGORIES"]


_ZONES = st.sampled_from(
    [
        None,
        dt.UTC,
        ZoneInfo("UTC"),
        ZoneInfo("Etc/UTC"),
        ZoneInfo("Europe/Paris"),
        ZoneInfo("Europe/London"),
        ZoneInfo("America/Cayenne"),
        dt.timezone(dt.timedelta(hours=2)),
        dt.timezone(dt.timedelta(0), "GMT"),
    ]
)


@given(
    moment=st.datetimes(min_value=dt.datetime(1900, 1, 1), max_value=dt.datetime(2200, 1, 1)),
    zone=_ZONES,
    name=st.sampled_from(["dtstart", "dtend", "dtstamp", "recurrence-id"]),
)
@settings(max_examples=300, deadline=None)
def test_dates_and_times_are_written_as_icalendar_writes_them(moment, zone, name):
    entry = icalendar.Event()
    entry.add(name, moment.replace(tzinfo=zone))
    entry.add("due", moment.date())
    for key, value in entry.property_items(recursive=False):
        assert ical.content_line(entry, key, value) == type(entry).content_line(entry, key, value)
