"""Every calendar rzn writes, read by two independent parsers (icalendar and vobject).

Over every example, an event full of hostile text, an overseas and a UTC
event: each ``.ics`` file and each calendar attached to a mail draft must
parse with both, and both must agree on what a calendar client needs —
UID and DTSTAMP on every entry, all-day entries ending the next day, start
before end, a VTIMEZONE for every zone used (never ``TZID=GMT``).
"""

from __future__ import annotations

import datetime as dt
from email import policy
from email.parser import BytesParser
from pathlib import Path

import icalendar
import pytest
import vobject
import yaml

from rzn.render import build_documents
from tests.conftest import EXAMPLES
from tests.plan.helpers import data
from tests.render.test_hostile_render import hostile_event

TODAY = dt.date(2027, 9, 1)
PROGRAM = [
    {"start": "09:00", "duration": 60, "title": "Ouverture", "kind": "talk"},
    {"start": "10:00", "duration": 60, "title": "Atelier", "kind": "workshop"},
]
EXTRA_EVENTS = {
    "hostile": hostile_event(),
    "reunion": data("online", timezone="Indian/Reunion", program=PROGRAM),
    "utc": data("online", timezone="UTC", program=PROGRAM),
}
NO_IDENTITY = {"VCALENDAR", "VTIMEZONE", "STANDARD", "DAYLIGHT", "VALARM"}
"""Components RFC 5545 does not give a UID and a DTSTAMP."""


def _calendars(documents: dict[str, bytes]) -> dict[str, bytes]:
    found = {path: content for path, content in documents.items() if path.endswith(".ics")}
    for path, content in documents.items():
        if path.endswith(".eml"):
            message = BytesParser(policy=policy.default).parsebytes(content)
            for part in message.walk():
                if part.get_content_type() == "text/calendar":
                    found[f"{path} ({part.get_filename()})"] = part.get_payload(decode=True)
    return found


def _event_path(name: str, tmp_path: Path) -> Path:
    if name in EXTRA_EVENTS:
        path = tmp_path / "event.yaml"
        path.write_text(yaml.safe_dump(EXTRA_EVENTS[name], allow_unicode=True), encoding="utf-8")
        return path
    return EXAMPLES / name / "event.yaml"


CASES = [*sorted(p.parent.name for p in EXAMPLES.glob("*/event.yaml")), *EXTRA_EVENTS]


@pytest.fixture(params=CASES, scope="module")
def calendars(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, bytes]:
    folder = tmp_path_factory.mktemp("event")
    report, files = build_documents(str(_event_path(request.param, folder)), TODAY)
    assert not report.failed, [d.message for d in report.diagnostics]
    found = _calendars({f.path: f.content for f in files})
    assert {"timeline.ics", "event.ics"} <= set(found)
    assert any(path.startswith("mailings/invitation-") for path in found)
    return found


def test_icalendar_reads_every_calendar_and_finds_what_clients_need(calendars):
    for path, content in calendars.items():
        calendar = icalendar.Calendar.from_ical(content)
        assert str(calendar["VERSION"]) == "2.0", path
        assert "METHOD" in calendar and "PRODID" in calendar, path
        zones = {str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")}
        uids = []
        for component in calendar.walk():
            if component.name in NO_IDENTITY:
                continue
            assert "UID" in component and "DTSTAMP" in component, (path, component.name)
            uids.append(str(component["UID"]))
            start, end = component.decoded("DTSTART"), component.decoded("DTEND")
            if isinstance(start, dt.datetime):
                assert start < end, (path, component["UID"])
                assert start.tzinfo is not None, (path, component["UID"])
                for name in ("DTSTART", "DTEND"):
                    tzid = component[name].params.get("TZID")
                    assert tzid is None or tzid in zones, (path, tzid)
            else:
                assert end - start == dt.timedelta(days=1), (path, component["UID"])
        assert uids and len(uids) == len(set(uids)), path
        for component in calendar.walk("VEVENT"):
            if "RELATED-TO" in component:
                assert str(component["RELATED-TO"]) in uids, path
        assert b"TZID=GMT" not in content and b"TZID:GMT" not in content, path


def test_vobject_reads_every_calendar_the_same_way(calendars):
    for path, content in calendars.items():
        reference = icalendar.Calendar.from_ical(content)
        expected = {
            str(e["UID"]): (e.decoded("DTSTART"), e.decoded("DTEND"))
            for e in reference.walk("VEVENT")
        }
        calendar = vobject.readOne(content.decode("utf-8"))
        read = {}
        for entry in calendar.vevent_list:
            assert entry.dtstamp.value.utcoffset() == dt.timedelta(0), path
            read[entry.uid.value] = (entry.dtstart.value, entry.dtend.value)
        assert read == expected, path
        zones = [tz.tzid.value for tz in getattr(calendar, "vtimezone_list", [])]
        assert zones == [str(tz["TZID"]) for tz in reference.walk("VTIMEZONE")], path


def test_the_day_is_at_the_same_instant_in_every_calendar(calendars):
    starts = set()
    for content in calendars.values():
        calendar = icalendar.Calendar.from_ical(content)
        days = [
            e.decoded("DTSTART")
            for e in calendar.walk("VEVENT")
            if str(e["UID"]).endswith(
                (
                    "-programme@rzn.rezolutions-numeriques",
                    "-timeline-day@rzn.rezolutions-numeriques",
                )
            )
        ]
        if (
            content.startswith(b"BEGIN:VCALENDAR")
            and b"-programme@" not in content
            and (b"timeline-day@" not in content)
        ):
            continue  # sessions.ics: the sessions only, the day is in event.ics
        assert len(days) == 1
        starts.add(days[0])
    assert len(starts) == 1
