"""Publishing the timeline into a real CalDAV server (Radicale), read back by another client."""

from __future__ import annotations

import datetime as dt
import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path
from typing import ClassVar

import icalendar
import pytest

from rzn.publish import publish_caldav
from rzn.publish.errors import PublishError
from tests.plan.helpers import render, write
from tests.publish.radicale import (
    PASSWORD,
    USER,
    Radicale,
    add_event,
    calendar_named,
    client,
    free_port,
    make_calendar,
    radicale_server,
    read_events,
)

TODAY = dt.date(2027, 9, 1)
SLUG = "cvl-2027"
ENV = {"RZN_CALDAV_USER": USER, "RZN_CALDAV_PASSWORD": PASSWORD, "HOME": "/nonexistent"}
FOREIGN = """BEGIN:VCALENDAR\r
VERSION:2.0\r
PRODID:-//Autre client//FR\r
BEGIN:VEVENT\r
UID:{uid}\r
DTSTAMP:20270901T000000Z\r
DTSTART;VALUE=DATE:20271110\r
DTEND;VALUE=DATE:20271111\r
SUMMARY:{summary}\r
{extra}END:VEVENT\r
END:VCALENDAR\r
"""


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Radicale]:
    with radicale_server(tmp_path_factory.mktemp("radicale")) as running:
        yield running


@pytest.fixture
def calendar_name(server: Radicale, request: pytest.FixtureRequest) -> str:
    """A fresh, empty calendar for each test, named after it."""
    name = f"Communication {request.node.name}"
    make_calendar(server, name)
    return name


def event_file(tmp_path: Path, **fields) -> Path:
    return write(tmp_path, "in_person", slug=SLUG, **fields)


def publish(server: Radicale, path: Path, name: str, **options):
    return publish_caldav(str(path), server.url, name, TODAY, environ=ENV, **options)


def timeline_uids(path: Path) -> list[str]:
    content = render(path, TODAY)["timeline.ics"]
    return [str(e["UID"]) for e in icalendar.Calendar.from_ical(content).walk("VEVENT")]


def test_publish_puts_the_timeline_entries_in_the_calendar(server, calendar_name, tmp_path):
    path = event_file(tmp_path)
    report = publish(server, path, calendar_name)
    assert report.result is not None
    assert report.result.calendar.name == calendar_name
    assert len(report.result.created) == 17
    assert report.result.updated == report.result.removed == []
    found = read_events(server, calendar_name)
    assert sorted(e["uid"] for e in found) == sorted(timeline_uids(path))
    assert {e["marker"] for e in found} == {SLUG}
    day = next(e for e in found if e["uid"] == f"{SLUG}-timeline-day@rzn.rezolutions-numeriques")
    assert day["start"] == "2027-11-18T09:00:00+01:00"
    assert day["href"].endswith("/cvl-2027-timeline-day%40rzn.rezolutions-numeriques.ics")
    j30 = next(e for e in found if e["uid"].startswith(f"{SLUG}-timeline-mailing-j30@"))
    assert (
        j30["summary"] == "J-30 · Envoyer le mailing d'invitation avec les modalités d'inscription"
    )
    assert j30["start"] == "2027-10-19"


def test_publishing_again_after_moving_the_date_moves_the_entries(server, calendar_name, tmp_path):
    path = event_file(tmp_path)
    publish(server, path, calendar_name)
    before = read_events(server, calendar_name)
    moved = event_file(tmp_path, date="2027-12-02")
    report = publish(server, moved, calendar_name)
    assert report.result is not None
    assert (len(report.result.created), len(report.result.updated)) == (0, 17)
    after = read_events(server, calendar_name)
    assert len(after) == len(before) == 17
    assert {(e["uid"], e["href"]) for e in after} == {(e["uid"], e["href"]) for e in before}
    starts = {e["uid"]: e["start"] for e in after}
    assert starts[f"{SLUG}-timeline-day@rzn.rezolutions-numeriques"] == "2027-12-02T09:00:00+01:00"
    assert starts[f"{SLUG}-timeline-mailing-j30@rzn.rezolutions-numeriques"] == "2027-11-02"


def test_only_entries_this_event_published_are_removed(server, calendar_name, tmp_path):
    with client(server) as dav:
        calendar = calendar_named(dav, calendar_name)
        add_event(calendar, FOREIGN.format(uid="ca@example.org", summary="Conseil", extra=""))
        # Another event's timeline, and an entry that only looks like ours (no marker).
        other = "X-RZN-EVENT:autre-2027\r\n"
        add_event(
            calendar,
            FOREIGN.format(
                uid="autre-2027-timeline-mailing-j15@rzn.rezolutions-numeriques",
                summary="Autre rencontre",
                extra=other,
            ),
        )
        add_event(
            calendar,
            FOREIGN.format(
                uid=f"{SLUG}-timeline-ancienne@rzn.rezolutions-numeriques",
                summary="Sans marqueur",
                extra="",
            ),
        )
    publish(server, event_file(tmp_path / "a"), calendar_name)
    fewer = event_file(tmp_path / "b", communication={"mailings": [30]})
    report = publish(server, fewer, calendar_name)
    assert report.result is not None
    assert report.result.removed == [
        "J-15 · Envoyer le mailing de relance avec les modalités d'inscription",
        "J-7 · Envoyer le mailing de relance avec les modalités d'inscription",
    ]
    found = {e["uid"]: e for e in read_events(server, calendar_name)}
    assert "ca@example.org" in found
    assert "autre-2027-timeline-mailing-j15@rzn.rezolutions-numeriques" in found
    assert f"{SLUG}-timeline-ancienne@rzn.rezolutions-numeriques" in found
    assert f"{SLUG}-timeline-mailing-j15@rzn.rezolutions-numeriques" not in found
    assert sorted(u for u in found if u.startswith(f"{SLUG}-timeline-") and found[u]["marker"]) == (
        sorted(timeline_uids(fewer))
    )


def test_an_entry_imported_by_hand_is_refused_then_adopted_where_it_is(
    server, calendar_name, tmp_path
):
    path = event_file(tmp_path)
    day_uid = f"{SLUG}-timeline-day@rzn.rezolutions-numeriques"
    imported = FOREIGN.format(uid=day_uid, summary="Importé à la main", extra="")
    with client(server) as dav:
        calendar = calendar_named(dav, calendar_name)
        target = str(calendar.url) + "importe-a-la-main.ics"
        dav.put(target, imported, {"Content-Type": "text/calendar; charset=utf-8"})
    with pytest.raises(PublishError, match="--adopt") as refused:
        publish(server, path, calendar_name)
    assert "« Importé à la main »" in str(refused.value)
    assert [e["summary"] for e in read_events(server, calendar_name)] == ["Importé à la main"]
    report = publish(server, path, calendar_name, adopt=True)
    assert report.result is not None
    assert len(report.result.updated) == 1 and len(report.result.created) == 16
    found = [e for e in read_events(server, calendar_name) if e["uid"] == day_uid]
    assert len(found) == 1
    assert found[0]["href"].endswith("/importe-a-la-main.ics")
    assert found[0]["summary"] == "RéZolutions numériques test"


def test_the_calendar_is_found_by_name_address_segment_or_its_own_address(
    server, calendar_name, tmp_path
):
    path = event_file(tmp_path)
    report = publish(server, path, calendar_name.upper())
    assert report.result is not None
    address = report.result.calendar.url
    segment = address.rstrip("/").rsplit("/", 1)[-1]
    again = publish(server, path, segment)
    assert again.result is not None and again.result.calendar.url == address
    direct = publish_caldav(str(path), address, calendar_name, TODAY, environ=ENV)
    assert direct.result is not None and direct.result.calendar.url == address
    assert len(direct.result.unchanged) == 17


def test_a_missing_calendar_names_those_that_exist(server, calendar_name, tmp_path):
    with pytest.raises(PublishError) as caught:
        publish(server, event_file(tmp_path), "Inexistant")
    message = caught.value.message
    assert message.startswith(f"Agenda « Inexistant » introuvable sur {server.url}. ")
    assert f"« {calendar_name} »" in message


def test_a_missing_address_is_a_404(server, tmp_path):
    with pytest.raises(PublishError) as caught:
        publish_caldav(
            str(event_file(tmp_path)), server.url + f"{USER}/nulle-part/", "X", TODAY, environ=ENV
        )
    assert caught.value.message.startswith(
        f"{server.url}{USER}/nulle-part/ : adresse introuvable (404)."
    )


def test_a_wrong_password_is_refused_without_showing_it(server, calendar_name, tmp_path):
    environ = {**ENV, "RZN_CALDAV_PASSWORD": "mauvais-mot-de-passe"}
    with pytest.raises(PublishError) as caught:
        publish_caldav(str(event_file(tmp_path)), server.url, calendar_name, TODAY, environ=environ)
    message = caught.value.message
    assert message.startswith(f"{server.url} refuse l'identifiant « {USER} » ou son mot de passe")
    assert "mauvais" not in message and PASSWORD not in message
    assert read_events(server, calendar_name) == []


def test_netrc_credentials_for_the_host(server, calendar_name, tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    netrc = home / ".netrc"
    netrc.write_text(
        f"machine ailleurs.example.org login bob password faux\n"
        f'machine 127.0.0.1 login {USER} password "{PASSWORD}"\n',
        encoding="utf-8",
    )
    netrc.chmod(0o600)
    report = publish_caldav(
        str(event_file(tmp_path)), server.url, calendar_name, TODAY, environ={"HOME": str(home)}
    )
    assert report.result is not None and len(report.result.created) == 17


def test_no_credentials_at_all_says_where_to_put_them(server, calendar_name, tmp_path):
    with pytest.raises(PublishError) as caught:
        publish_caldav(
            str(event_file(tmp_path)), server.url, calendar_name, TODAY, environ={"HOME": "/x"}
        )
    assert "demande une identification (401) et rzn n'a pas d'identifiants" in (
        caught.value.message
    )
    assert "machine 127.0.0.1 login" in caught.value.message


def test_an_event_with_errors_sends_nothing(tmp_path):
    # A closed port: any request would fail loudly, so a report proves none was sent.
    path = write(tmp_path, "in_person", program=[{"start": "09:00", "title": "x", "kind": "talk"}])
    report = publish_caldav(str(path), f"http://127.0.0.1:{free_port()}/", "X", TODAY, environ=ENV)
    assert report.failed and report.result is None


def test_an_unreachable_server(tmp_path):
    port = free_port()
    with pytest.raises(PublishError) as caught:
        publish_caldav(
            str(event_file(tmp_path)), f"http://127.0.0.1:{port}/dav", "X", TODAY, environ=ENV
        )
    assert caught.value.message == (
        f"http://127.0.0.1:{port}/dav/ : connexion refusée par 127.0.0.1:{port}. Le serveur "
        "est-il démarré, et le port est-il le bon ?"
    )


def test_a_server_that_does_not_answer_times_out(tmp_path):
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(1)
        port = silent.getsockname()[1]
        with pytest.raises(PublishError) as caught:
            publish_caldav(
                str(event_file(tmp_path)),
                f"http://127.0.0.1:{port}/",
                "X",
                TODAY,
                environ=ENV,
                timeout=0.3,
            )
    assert caught.value.message.startswith(
        f"http://127.0.0.1:{port}/ : pas de réponse du serveur en 0.3 secondes."
    )


def test_https_to_a_plain_http_port_is_a_tls_error(server, tmp_path):
    url = f"https://127.0.0.1:{server.port}/"
    with pytest.raises(PublishError) as caught:
        publish_caldav(str(event_file(tmp_path)), url, "X", TODAY, environ=ENV)
    assert caught.value.message.startswith(
        f"{url} : la connexion sécurisée (TLS) avec 127.0.0.1:{server.port} a échoué"
    )


class _Redirect(BaseHTTPRequestHandler):
    """Sends every PROPFIND elsewhere, and records whether credentials came along."""

    target = ""
    seen: ClassVar[list[str | None]] = []

    def do_PROPFIND(self) -> None:
        _Redirect.seen.append(self.headers.get("Authorization"))
        self.send_response(301)
        self.send_header("Location", self.target)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


def test_a_redirect_to_another_server_is_not_followed(tmp_path):
    httpd = HTTPServer(("127.0.0.1", 0), _Redirect)
    _Redirect.target = f"http://localhost:{free_port()}/dav/"
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    _Redirect.seen.clear()
    try:
        url = f"http://127.0.0.1:{httpd.server_port}/"
        with pytest.raises(PublishError) as caught:
            publish_caldav(str(event_file(tmp_path)), url, "X", TODAY, environ=ENV)
    finally:
        httpd.shutdown()
        httpd.server_close()
    assert caught.value.message.startswith(
        f"{url} renvoie vers un autre serveur ({_Redirect.target}) : rzn n'y envoie pas vos "
        "identifiants."
    )
    assert len(_Redirect.seen) == 1


def test_the_well_known_address_leads_to_the_server(server, calendar_name, tmp_path):
    url = server.url + ".well-known/caldav"
    report = publish_caldav(str(event_file(tmp_path)), url, calendar_name, TODAY, environ=ENV)
    assert report.result is not None and len(report.result.created) == 17


ETAG_QUERY = '<d:propfind xmlns:d="DAV:"><d:prop><d:getetag/></d:prop></d:propfind>'


def etags(server: Radicale, name: str) -> dict[str, str]:
    """Href → ETag of each entry (a Depth 1 PROPFIND sent by the caldav library)."""
    from xml.etree import ElementTree

    with client(server) as dav:
        calendar = calendar_named(dav, name)
        answer = dav.propfind(str(calendar.url), ETAG_QUERY, depth=1)
        tree = ElementTree.fromstring(answer.raw)
        tags = {}
        for response in tree.iter("{DAV:}response"):
            href = response.findtext("{DAV:}href") or ""
            etag = response.findtext(".//{DAV:}getetag")
            if href.endswith(".ics") and etag:
                tags[href] = etag
        assert tags
        return tags


def test_publishing_an_unchanged_event_sends_nothing(server, calendar_name, tmp_path):
    path = event_file(tmp_path)
    publish(server, path, calendar_name)
    before = etags(server, calendar_name)
    # Another day: only DTSTAMP differs, which is no change to the entries.
    report = publish_caldav(
        str(path), server.url, calendar_name, TODAY + dt.timedelta(days=3), environ=ENV
    )
    assert report.result is not None
    assert (report.result.created, report.result.updated, report.result.removed) == ([], [], [])
    assert len(report.result.unchanged) == 17
    assert etags(server, calendar_name) == before
    moved = event_file(tmp_path, date="2027-11-25")
    report = publish(server, moved, calendar_name)
    assert report.result is not None
    assert len(report.result.updated) == 17 and report.result.unchanged == []


def edit_on_server(server: Radicale, name: str, uid: str, note: str) -> None:
    """A teammate adds a note to an entry with another client (the caldav library)."""
    with client(server) as dav:
        entry = calendar_named(dav, name).event_by_uid(uid)
        component = entry.icalendar_component
        component["DESCRIPTION"] = str(component["DESCRIPTION"]) + "\n" + note
        entry.save()


def descriptions(server: Radicale, name: str) -> dict[str, str]:
    with client(server) as dav:
        return {
            str(item.icalendar_component["UID"]): str(item.icalendar_component["DESCRIPTION"])
            for item in calendar_named(dav, name).events()
        }


def test_an_entry_edited_by_someone_else_is_not_overwritten(server, calendar_name, tmp_path):
    path = event_file(tmp_path)
    publish(server, path, calendar_name)
    j30 = f"{SLUG}-timeline-mailing-j30@rzn.rezolutions-numeriques"
    edit_on_server(server, calendar_name, j30, "Note de Camille : liste à jour le 12.")
    moved = event_file(tmp_path, date="2027-11-25")
    report = publish(server, moved, calendar_name)
    assert report.result is not None
    assert report.result.kept == [
        "J-30 · Envoyer le mailing d'invitation avec les modalités d'inscription"
    ]
    assert len(report.result.updated) == 16
    assert descriptions(server, calendar_name)[j30].endswith(
        "Note de Camille : liste à jour le 12."
    )
    starts = {e["uid"]: e["start"] for e in read_events(server, calendar_name)}
    assert starts[j30] == "2027-10-19"  # not moved: the teammate's version stays
    # Removing the J-30 mailing does not remove the edited entry either.
    fewer = event_file(tmp_path, date="2027-11-25", communication={"mailings": [15]})
    report = publish(server, fewer, calendar_name)
    assert report.result is not None
    assert report.result.kept == [
        "J-30 · Envoyer le mailing d'invitation avec les modalités d'inscription"
    ]
    assert j30 in descriptions(server, calendar_name)
    report = publish(server, fewer, calendar_name, force=True)
    assert report.result is not None and report.result.kept == []
    assert report.result.removed == [
        "J-30 · Envoyer le mailing d'invitation avec les modalités d'inscription"
    ]
    assert j30 not in descriptions(server, calendar_name)


def test_the_cli_lists_edited_entries_and_exits_1(
    server, calendar_name, tmp_path, rzn, monkeypatch
):
    for name, value in ENV.items():
        monkeypatch.setenv(name, value)
    path = event_file(tmp_path)
    args = ["publish", "caldav", str(path), "--url", server.url, "--calendar", calendar_name]
    args += ["--today", "2027-09-01"]
    first = rzn(*args)
    assert first.code == 0, first.err
    assert "17 entrées créées, 0 mise à jour, 0 inchangée" in first.out
    again = rzn(*args)
    assert again.code == 0, again.err
    assert "0 entrée créée, 0 mise à jour, 17 inchangées" in again.out
    edit_on_server(server, calendar_name, f"{SLUG}-timeline-day@rzn.rezolutions-numeriques", "x")
    moved = event_file(tmp_path, date="2027-11-25")
    edited = rzn(*args[:2], str(moved), *args[3:])
    assert edited.code == 1
    assert "1 entrée modifiée dans l'agenda par quelqu'un d'autre" in edited.err
    assert "--force" in edited.err
    forced = rzn(*args[:2], str(moved), *args[3:], "--force")
    assert forced.code == 0, forced.err
    assert "0 entrée créée, 1 mise à jour, 16 inchangées" in forced.out


def test_another_event_with_the_same_title_is_never_touched(server, calendar_name, tmp_path):
    first = write(tmp_path / "tours", "in_person", city="Tours")
    second = write(tmp_path / "blois", "in_person", date="2027-12-09", city="Blois")
    publish(server, first, calendar_name)
    before = {e["uid"]: e for e in read_events(server, calendar_name)}
    tags = etags(server, calendar_name)
    with pytest.raises(PublishError, match="slug:") as refused:
        publish(server, second, calendar_name)
    assert "autre rencontre du même titre" in str(refused.value)
    assert {e["uid"]: e for e in read_events(server, calendar_name)} == before
    assert etags(server, calendar_name) == tags
    # With fewer mailings, the second event would have removed two of the first's entries.
    fewer = write(
        tmp_path / "blois", "in_person", date="2027-12-09", communication={"mailings": [30]}
    )
    with pytest.raises(PublishError):
        publish(server, fewer, calendar_name)
    assert len(read_events(server, calendar_name)) == 17
    # Its own slug lets it publish beside the first, which is still recognised as its own.
    own = write(tmp_path / "blois", "in_person", date="2027-12-09", slug="blois-2027")
    report = publish(server, own, calendar_name)
    assert report.result is not None and len(report.result.created) == 17
    again = publish(server, first, calendar_name)
    assert again.result is not None and len(again.result.unchanged) == 17
