import datetime as dt

import icalendar
import vobject

from tests.plan.helpers import render, write

TODAY = dt.date(2027, 9, 1)


def ics(tmp_path, fmt="in_person", today=TODAY, **fields) -> bytes:
    return render(write(tmp_path, fmt, **fields), today)["timeline.ics"]


def events(content: bytes) -> list[icalendar.Event]:
    return list(icalendar.Calendar.from_ical(content).walk("VEVENT"))


def test_calendar_properties(tmp_path):
    calendar = icalendar.Calendar.from_ical(ics(tmp_path))
    assert str(calendar["PRODID"]) == "-//rzn//Rencontres RéZolutions numériques//FR"
    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["X-WR-CALNAME"]) == "Communication — RéZolutions numériques test"
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Paris"]


def test_every_action_is_an_all_day_event_ending_the_next_day(tmp_path):
    content = ics(tmp_path)
    assert content.count(b"DTSTART;VALUE=DATE:") == content.count(b"DTEND;VALUE=DATE:") == 16
    entries = events(content)
    all_day = [e for e in entries if not isinstance(e.decoded("DTSTART"), dt.datetime)]
    assert len(all_day) == 16
    for entry in all_day:
        start, end = entry.decoded("DTSTART"), entry.decoded("DTEND")
        assert end - start == dt.timedelta(days=1)
    summaries = {str(e["SUMMARY"]): e.decoded("DTSTART") for e in all_day}
    assert summaries["J-30 · Envoyer le mailing d'invitation avec les modalités d'inscription"] == (
        dt.date(2027, 10, 19)
    )
    assert summaries["J+1 · Envoyer un mail de remerciements aux intervenants"] == dt.date(
        2027, 11, 19
    )


def test_the_day_is_a_timed_event_in_its_time_zone(tmp_path):
    content = ics(tmp_path)
    (day,) = [e for e in events(content) if isinstance(e.decoded("DTSTART"), dt.datetime)]
    start, end = day.decoded("DTSTART"), day.decoded("DTEND")
    assert start.isoformat() == "2027-11-18T09:00:00+01:00"
    assert end.isoformat() == "2027-11-18T17:00:00+01:00"
    assert b"DTSTART;TZID=Europe/Paris:20271118T090000\r\n" in content
    assert b"TZID=GMT" not in content and b"TZID:GMT" not in content
    assert str(day["LOCATION"]) == "Espace Malraux"


def test_overseas_time_zone_gets_its_own_vtimezone(tmp_path):
    content = ics(tmp_path, "online", timezone="Indian/Reunion")
    calendar = icalendar.Calendar.from_ical(content)
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Indian/Reunion"]
    assert b"DTSTART;TZID=Indian/Reunion:20271118T090000" in content
    (day,) = [e for e in events(content) if isinstance(e.decoded("DTSTART"), dt.datetime)]
    assert str(day["LOCATION"]) == "https://visio.example.org/rzn"


def test_uid_and_dtstamp_on_every_event_and_uids_unique(tmp_path):
    entries = events(ics(tmp_path))
    uids = [str(e["UID"]) for e in entries]
    assert len(uids) == len(set(uids)) == 17
    assert all(uid.startswith("rezolutions-numeriques-test-timeline-") for uid in uids)
    for entry in entries:
        assert entry.decoded("DTSTAMP") == dt.datetime(2027, 9, 1, tzinfo=dt.UTC)


def test_vobject_reads_it_back(tmp_path):
    calendar = vobject.readOne(ics(tmp_path).decode("utf-8"))
    assert calendar.vtimezone.tzid.value == "Europe/Paris"
    entries = calendar.vevent_list
    assert len(entries) == 17
    for entry in entries:
        assert entry.uid.value and entry.dtstamp.value
        start, end = entry.dtstart.value, entry.dtend.value
        if isinstance(start, dt.datetime):
            assert start.utcoffset() == dt.timedelta(hours=1) and end > start
        else:
            assert end - start == dt.timedelta(days=1)
    summaries = [e.summary.value for e in entries]
    assert "J · Rendre compte des échanges en direct sur les réseaux sociaux" in summaries


def test_same_inputs_give_identical_bytes(tmp_path):
    assert ics(tmp_path / "a") == ics(tmp_path / "b")


def test_changing_the_date_keeps_every_uid(tmp_path):
    before = events(ics(tmp_path / "a"))
    after = events(ics(tmp_path / "b", date="2027-12-02"))
    assert [str(e["UID"]) for e in before] == [str(e["UID"]) for e in after]
    assert [e.decoded("DTSTART") for e in before] != [e.decoded("DTSTART") for e in after]


def test_explicit_slug_makes_the_uids(tmp_path):
    entries = events(ics(tmp_path, slug="rzn-tours-2027"))
    assert str(entries[0]["UID"]) == "rzn-tours-2027-timeline-day@rzn.rezolutions-numeriques"
