import datetime as dt
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser

import icalendar

from rzn.render.documents.participants_calendar import participants_calendar
from tests.conftest import plain
from tests.plan.helpers import event, render, write

TODAY = dt.date(2027, 9, 1)
DAY_UID = "rezolutions-numeriques-test-programme@rzn.rezolutions-numeriques"

PROGRAM = [
    {"start": "09:00", "duration": 30, "title": "Accueil café", "kind": "welcome"},
    {
        "start": "09:30",
        "duration": 60,
        "title": "État des lieux",
        "kind": "talk",
        "speakers": ["dupont", "leroy"],
        "room": "Grande salle",
        "description": "Chiffres clés ; enjeux, perspectives.",
    },
    {"start": "10:30", "duration": 15, "title": "Pause", "kind": "break"},
    {
        "start": "10:45",
        "end": "12:00",
        "title": "Mobiliser des bénévoles",
        "kind": "workshop",
        "speakers": ["martin"],
        "room": "Salle 1",
    },
    {"start": "15:00", "duration": 15, "title": "Pause", "kind": "break"},
]
SPEAKERS = [
    {"id": "dupont", "name": "Claire Dupont", "organization": "PANA 37", "email": "c@example.org"},
    {"id": "leroy", "name": "Sophie Leroy"},
    {"id": "martin", "name": "Marc Martin", "organization": "CHATONS"},
]
ROOMS = [
    {"name": "Grande salle", "capacity": 200, "kind": "plenary"},
    {"name": "Salle 1", "capacity": 30},
]
VENUE = {
    "name": "Espace Malraux",
    "address": "Parc des Bretonnières, 37300 Joué-lès-Tours",
    "pmr_accessible": True,
    "nearest_station": "Tours",
    "rooms": ROOMS,
}


def documents(tmp_path, fmt="in_person", **fields) -> dict[str, bytes]:
    fields = {"program": PROGRAM, "speakers": SPEAKERS, **fields}
    if fmt != "online":
        fields.setdefault("venue", VENUE)
    return render(write(tmp_path, fmt, **fields), TODAY)


def entries(content: bytes) -> dict[str, icalendar.Event]:
    calendar = icalendar.Calendar.from_ical(content)
    return {plain(str(e["SUMMARY"])): e for e in calendar.walk("VEVENT")}


def by_uid(content: bytes) -> dict[str, icalendar.Event]:
    return {str(e["UID"]): e for e in icalendar.Calendar.from_ical(content).walk("VEVENT")}


def times(calendar: icalendar.Calendar) -> list[tuple[str, str, str]]:
    return [
        (str(e["SUMMARY"]), e.decoded("DTSTART").isoformat(), e.decoded("DTEND").isoformat())
        for e in calendar.walk("VEVENT")
    ]


def test_the_day_is_one_entry_and_each_session_another_in_its_own_file(tmp_path):
    found = documents(tmp_path)
    day = icalendar.Calendar.from_ical(found["event.ics"])
    assert str(day["METHOD"]) == "PUBLISH"
    assert str(day["X-WR-CALNAME"]) == "RéZolutions numériques test"
    assert times(day) == [
        ("RéZolutions numériques test", "2027-11-18T09:00:00+01:00", "2027-11-18T17:00:00+01:00"),
    ]
    content = found["sessions.ics"]
    calendar = icalendar.Calendar.from_ical(content)
    assert str(calendar["X-WR-CALNAME"]) == "RéZolutions numériques test — séquences"
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Paris"]
    assert times(calendar) == [
        ("Accueil café", "2027-11-18T09:00:00+01:00", "2027-11-18T09:30:00+01:00"),
        ("État des lieux", "2027-11-18T09:30:00+01:00", "2027-11-18T10:30:00+01:00"),
        ("Pause", "2027-11-18T10:30:00+01:00", "2027-11-18T10:45:00+01:00"),
        ("Mobiliser des bénévoles", "2027-11-18T10:45:00+01:00", "2027-11-18T12:00:00+01:00"),
        ("Pause", "2027-11-18T15:00:00+01:00", "2027-11-18T15:15:00+01:00"),
    ]
    assert b"DTSTART;TZID=Europe/Paris:20271118T094500" not in content
    assert b"DTSTART;TZID=Europe/Paris:20271118T104500\r\n" in content
    assert b"GMT" not in content


def test_items_give_room_and_speakers(tmp_path):
    talk = entries(documents(tmp_path)["sessions.ics"])["État des lieux"]
    assert str(talk["LOCATION"]) == (
        "Grande salle, Espace Malraux, Parc des Bretonnières, 37300 Joué-lès-Tours"
    )
    assert plain(str(talk["DESCRIPTION"])) == (
        "Conférence.\n"
        "Avec Claire Dupont (PANA 37) et Sophie Leroy.\n"
        "Salle : Grande salle.\n"
        "\n"
        "Chiffres clés ; enjeux, perspectives.\n"
        "\n"
        "RéZolutions numériques test, jeudi 18 novembre 2027 (en présentiel)."
    )
    assert "RELATED-TO" not in talk  # the day is in event.ics, which may not be imported
    assert [str(c) for c in talk["CATEGORIES"].cats] == ["RéZolutions numériques", "Conférence"]


def test_a_public_file_names_speakers_but_never_their_address(tmp_path):
    found = documents(tmp_path)
    for content in (found["event.ics"], found["sessions.ics"]):
        assert b"ATTENDEE" not in content and b"ORGANIZER" not in content
        assert b"c@example.org" not in content


def test_the_day_lists_the_programme(tmp_path):
    day = by_uid(documents(tmp_path)["event.ics"])[DAY_UID]
    assert plain(str(day["DESCRIPTION"])).endswith(
        "Programme :\n"
        "9 h – 9 h 30 : Accueil café\n"
        "9 h 30 – 10 h 30 : État des lieux (Grande salle)\n"
        "10 h 30 – 10 h 45 : Pause\n"
        "10 h 45 – 12 h : Mobiliser des bénévoles (Salle 1)\n"
        "15 h – 15 h 15 : Pause"
    )
    assert "RELATED-TO" not in day


def test_uids_come_from_the_titles_with_duplicates_numbered_in_file_order(tmp_path):
    found = documents(tmp_path)
    assert list(by_uid(found["event.ics"])) == [DAY_UID]
    uids = list(by_uid(found["sessions.ics"]))
    prefix = "rezolutions-numeriques-test-programme"
    assert uids == [
        f"{prefix}-accueil-cafe@rzn.rezolutions-numeriques",
        f"{prefix}-etat-des-lieux@rzn.rezolutions-numeriques",
        f"{prefix}-pause@rzn.rezolutions-numeriques",
        f"{prefix}-mobiliser-des-benevoles@rzn.rezolutions-numeriques",
        f"{prefix}-pause-2@rzn.rezolutions-numeriques",
    ]


def test_moving_the_day_or_an_item_keeps_every_uid(tmp_path):
    before = by_uid(documents(tmp_path / "a")["sessions.ics"])
    moved = [dict(item) for item in PROGRAM]
    moved[1] = {**moved[1], "start": "13:30"}  # now after the first pause
    after = by_uid(documents(tmp_path / "b", date="2027-12-02", program=moved)["sessions.ics"])
    assert sorted(before) == sorted(after)
    talk = "rezolutions-numeriques-test-programme-etat-des-lieux@rzn.rezolutions-numeriques"
    assert after[talk].decoded("DTSTART").isoformat() == "2027-12-02T13:30:00+01:00"


def test_a_session_with_an_id_keeps_its_uid_when_its_title_changes(tmp_path):
    named = [dict(item) for item in PROGRAM]
    named[1] = {**named[1], "id": "etat-des-lieux"}
    named[3] = {**named[3], "id": "benevoles"}
    before = by_uid(documents(tmp_path / "a", program=named)["sessions.ics"])
    renamed = [dict(item) for item in named]
    renamed[1] = {**renamed[1], "title": "Où en sont les associations ?"}
    renamed[3] = {**renamed[3], "title": "Bénévoles : les mobiliser en ligne"}
    after = by_uid(documents(tmp_path / "b", program=renamed)["sessions.ics"])
    assert sorted(before) == sorted(after)
    prefix = "rezolutions-numeriques-test-programme"
    entry = after[f"{prefix}-benevoles@rzn.rezolutions-numeriques"]
    assert plain(str(entry["SUMMARY"])) == "Bénévoles : les mobiliser en ligne"
    # Without ids, a new title is a new entry (and a duplicate in calendars): why ids exist.
    untitled = [dict(item) for item in PROGRAM]
    untitled[1] = {**untitled[1], "title": "Où en sont les associations ?"}
    without = by_uid(documents(tmp_path / "c", program=untitled)["sessions.ics"])
    assert sorted(without) != sorted(by_uid(documents(tmp_path / "d")["sessions.ics"]))


def test_an_id_is_never_taken_by_a_title(tmp_path):
    program = [
        {**PROGRAM[0], "id": "pause"},
        *PROGRAM[1:],
    ]
    uids = list(by_uid(documents(tmp_path, program=program)["sessions.ics"]))
    assert len(uids) == len(set(uids)) == len(PROGRAM)


def test_dtstamp_follows_today_and_same_inputs_give_the_same_bytes(tmp_path):
    first = documents(tmp_path / "a")["event.ics"]
    assert first == documents(tmp_path / "b")["event.ics"]
    sessions = documents(tmp_path / "c")["sessions.ics"]
    assert sessions == documents(tmp_path / "d")["sessions.ics"]
    for entry in [*by_uid(first).values(), *by_uid(sessions).values()]:
        assert entry.decoded("DTSTAMP") == dt.datetime(2027, 9, 1, tzinfo=dt.UTC)


def test_an_item_ending_at_midnight_ends_the_next_day():
    # rzn check refuses an item after the day's end; the calendar must still be right.
    late = [{"start": "22:00", "duration": 120, "title": "Veillée", "kind": "closing"}]
    calendar = participants_calendar(event("online", program=late), "test", TODAY, sessions=True)
    entry = entries(calendar.to_ical())["Veillée"]
    assert entry.decoded("DTEND").isoformat() == "2027-11-19T00:00:00+01:00"


def test_online_items_point_at_the_connection_link(tmp_path):
    program = [item for item in PROGRAM if "room" not in item]
    found = entries(documents(tmp_path, "online", program=program)["sessions.ics"])
    assert str(found["Accueil café"]["LOCATION"]) == "https://visio.example.org/rzn"
    assert "Connexion : https://visio.example.org/rzn" in plain(
        str(found["Accueil café"]["DESCRIPTION"])
    )


def test_overseas_zone(tmp_path):
    content = documents(tmp_path, timezone="America/Cayenne")["sessions.ics"]
    calendar = icalendar.Calendar.from_ical(content)
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["America/Cayenne"]
    talk = entries(content)["État des lieux"]
    assert talk.decoded("DTSTART").isoformat() == "2027-11-18T09:30:00-03:00"


def test_text_from_the_event_cannot_add_lines_or_components(tmp_path):
    program = [
        {
            "start": "09:00",
            "duration": 30,
            "title": "Accueil\r\nEND:VEVENT\r\nBEGIN:VEVENT\x07",
            "kind": "welcome",
            "description": "Ligne 1\r\nATTENDEE:mailto:x@example.org\u2028fin",
        }
    ]
    content = documents(tmp_path, program=program)["sessions.ics"]
    assert content.count(b"\r\nBEGIN:VEVENT\r\n") == 1
    assert b"\x07" not in content and "\u2028".encode() not in content
    assert b"\r\nATTENDEE" not in content
    item = entries(content)["Accueil END:VEVENT BEGIN:VEVENT"]
    assert "Ligne 1\nATTENDEE:mailto:x@example.org fin" in plain(str(item["DESCRIPTION"]))


def parse_mail(data: bytes) -> EmailMessage:
    message = BytesParser(policy=policy.default).parsebytes(data)
    assert isinstance(message, EmailMessage)
    return message


def test_the_invitation_carries_event_ics_as_a_published_calendar(tmp_path):
    docs = documents(tmp_path)
    message = parse_mail(docs["mailings/invitation-j30.eml"])
    assert message.get_content_type() == "multipart/mixed"
    assert message["Content-Language"] == "fr"
    (attachment,) = list(message.iter_attachments())
    assert attachment.get_content_type() == "text/calendar"
    assert attachment.get_filename() == "event.ics"
    assert attachment.get_param("method") == "PUBLISH"
    assert attachment.get_content_disposition() == "attachment"
    content = attachment.get_payload(decode=True)
    assert content == docs["event.ics"]
    calendar = icalendar.Calendar.from_ical(content)
    assert len(calendar.walk("VEVENT")) == 1  # the day, its programme in its description
    body = message.get_body(("plain",))
    assert body is not None and body.get_content().startswith("Bonjour,\r\n")


def test_only_the_invitation_has_an_attachment(tmp_path):
    docs = documents(tmp_path)
    for path in ("reminder-j15", "reminder-j7", "thanks-participants", "thanks-speakers"):
        message = parse_mail(docs[f"mailings/{path}.eml"])
        assert message.get_content_type() == "multipart/alternative", path
        assert list(message.iter_attachments()) == [], path


def test_the_calendar_is_built_once_for_the_file_and_the_invitation(tmp_path, monkeypatch):
    from rzn.render.documents import participants_calendar as module

    calls = []
    build = module.participants_calendar

    def counting(*args, **options):
        if not options.get("sessions"):
            calls.append(args)
        return build(*args, **options)

    monkeypatch.setattr(module, "participants_calendar", counting)
    files = documents(tmp_path)
    invitation = BytesParser(policy=policy.default).parsebytes(files["mailings/invitation-j30.eml"])
    assert isinstance(invitation, EmailMessage)
    [attached] = [p for p in invitation.iter_attachments() if p.get_filename() == "event.ics"]
    assert attached.get_content().encode("utf-8") == files["event.ics"]
    assert len(calls) == 1
