from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from rzn.errors import UsageError
from rzn.publish.credentials import Credentials
from rzn.publish.dav import (
    CALDAV,
    DAV,
    DavClient,
    Response,
    check_url,
    parse_multistatus,
    shown,
)
from rzn.publish.errors import PublishError
from rzn.publish.sync import Calendar, Entry, entries, find_calendar, is_ours
from rzn.render.documents.timeline import timeline_calendar
from tests.plan.helpers import event


@pytest.mark.parametrize(
    ("url", "checked"),
    [
        ("https://cloud.example.org/remote.php/dav", "https://cloud.example.org/remote.php/dav/"),
        ("https://cloud.example.org", "https://cloud.example.org/"),
        ("http://localhost:5232/alice/", "http://localhost:5232/alice/"),
        ("http://127.0.0.1:5232", "http://127.0.0.1:5232/"),
        ("http://[::1]:5232/", "http://[::1]:5232/"),
        ("https://h.example.org/dav#agenda", "https://h.example.org/dav/"),
    ],
)
def test_usable_addresses(url, checked):
    assert check_url(url) == checked


def test_plain_http_to_another_machine_is_refused():
    with pytest.raises(UsageError) as caught:
        check_url("http://cloud.example.org/remote.php/dav")
    assert caught.value.message == (
        "--url http://cloud.example.org/remote.php/dav : en http://, le mot de passe circulerait "
        "en clair sur le réseau. Utilisez l'adresse en https:// de votre serveur d'agenda."
    )


def test_credentials_in_the_address_are_refused_without_repeating_them():
    with pytest.raises(UsageError) as caught:
        check_url("https://alice:motdepasse@cloud.example.org/remote.php/dav")
    message = caught.value.message
    assert message.startswith("--url https://cloud.example.org/remote.php/dav : n'écrivez ni ")
    assert "motdepasse" not in message and "alice" not in message
    assert "« machine cloud.example.org login … password … »" in message


@pytest.mark.parametrize("url", ["cloud.example.org/dav", "ftp://cloud.example.org/", "https://"])
def test_not_an_address(url):
    with pytest.raises(UsageError) as caught:
        check_url(url)
    assert "indiquez l'adresse complète du serveur d'agenda, commençant par https://" in (
        caught.value.message
    )


def test_shown_drops_user_password_and_query():
    assert (
        shown("https://a:b@h.example.org:8443/dav/?token=x#y") == "https://h.example.org:8443/dav/"
    )


def answer(body: bytes) -> Response:
    return Response(207, "https://h.example.org/dav/", {}, body)


def test_multistatus_gives_found_properties_with_absolute_addresses():
    body = b"""<?xml version="1.0"?>
<d:multistatus xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav">
  <d:response><d:href>/dav/alice/travail/</d:href>
    <d:propstat><d:prop><d:displayname>Travail</d:displayname>
      <d:resourcetype><d:collection/><c:calendar/></d:resourcetype></d:prop>
      <d:status>HTTP/1.1 200 OK</d:status></d:propstat>
    <d:propstat><d:prop><c:calendar-home-set/></d:prop>
      <d:status>HTTP/1.1 404 Not Found</d:status></d:propstat>
  </d:response>
</d:multistatus>"""
    (resource,) = parse_multistatus(answer(body))
    assert resource.url == "https://h.example.org/dav/alice/travail/"
    assert resource.text(DAV, "displayname") == "Travail"
    assert resource.has_type(CALDAV, "calendar")
    assert resource.prop(CALDAV, "calendar-home-set") is None


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (
            b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>',
            "https://h.example.org/dav/ : réponse XML refusée (DOCTYPE).",
        ),
        (
            b"<html>Bienvenue</html",
            "https://h.example.org/dav/ ne répond pas comme un serveur CalDAV (réponse "
            "illisible) : vérifiez --url.",
        ),
        (
            b"<html><body>Bienvenue</body></html>",
            "https://h.example.org/dav/ ne répond pas comme un serveur CalDAV : vérifiez --url.",
        ),
    ],
)
def test_answers_that_are_not_a_multistatus(body, message):
    with pytest.raises(PublishError) as caught:
        list(parse_multistatus(answer(body)))
    assert caught.value.message == message


def timeline_entries() -> list[Entry]:
    import datetime as dt

    from rzn.plan import build_plan

    today = dt.date(2027, 9, 1)
    ev = event("in_person")
    return entries(timeline_calendar(ev, build_plan(ev, today).timeline, "cvl-2027", today))


def test_each_entry_is_its_own_calendar_without_method_and_with_its_zone():
    found = timeline_entries()
    assert len(found) == 17
    day, action = found[0], found[1]
    assert day.uid == "cvl-2027-timeline-day@rzn.rezolutions-numeriques"
    assert b"BEGIN:VTIMEZONE" in day.data and b"METHOD" not in day.data
    assert b"BEGIN:VTIMEZONE" not in action.data  # an all-day entry needs no zone
    for entry in found:
        assert entry.data.count(b"BEGIN:VEVENT") == 1
        assert b"X-RZN-EVENT:cvl-2027\r\n" in entry.data


def test_ours_needs_both_the_marker_and_a_timeline_uid_of_the_slug():
    from rzn.publish.sync import Found

    def found(uid: str, marker: str | None) -> Found:
        return Found("https://h/x.ics", None, uid, marker, "")

    domain = "@rzn.rezolutions-numeriques"
    assert is_ours(found(f"cvl-2027-timeline-site-update{domain}", "cvl-2027"), "cvl-2027")
    assert not is_ours(found(f"cvl-2027-timeline-site-update{domain}", None), "cvl-2027")
    assert not is_ours(found(f"cvl-2027-programme-pause{domain}", "cvl-2027"), "cvl-2027")
    assert not is_ours(found(f"cvl-2027-timeline-x{domain}", "cvl-2027-timeline-x"), "cvl-2027")
    # A slug that starts like another one does not capture its entries.
    assert not is_ours(found(f"cvl-timeline-2027-timeline-x{domain}", "cvl-timeline-2027"), "cvl")


HOME = "/remote.php/dav/calendars/alice/"
MULTISTATUS = (
    '<?xml version="1.0"?><d:multistatus xmlns:d="DAV:" '
    'xmlns:c="urn:ietf:params:xml:ns:caldav">{}</d:multistatus>'
)


def _response(href: str, props: str) -> str:
    return (
        f"<d:response><d:href>{href}</d:href><d:propstat><d:prop>{props}</d:prop>"
        "<d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response>"
    )


def _calendar(segment: str, name: str, components: str) -> str:
    kinds = "".join(f'<c:comp name="{c}"/>' for c in components.split())
    return _response(
        f"{HOME}{segment}/",
        f"<d:displayname>{name}</d:displayname><d:resourcetype><d:collection/><c:calendar/>"
        f"</d:resourcetype><c:supported-calendar-component-set>{kinds}"
        "</c:supported-calendar-component-set>",
    )


NEXTCLOUD = {
    "/remote.php/dav/": _response(
        "/remote.php/dav/",
        "<d:current-user-principal><d:href>/remote.php/dav/principals/users/alice/</d:href>"
        "</d:current-user-principal><d:resourcetype><d:collection/></d:resourcetype>",
    ),
    "/elsewhere/": _response(
        "/elsewhere/",
        "<c:calendar-home-set><d:href>https://collecte.example.org/dav/</d:href>"
        "</c:calendar-home-set>",
    ),
    "/remote.php/dav/principals/users/alice/": _response(
        "/remote.php/dav/principals/users/alice/",
        f"<c:calendar-home-set><d:href>{HOME}</d:href></c:calendar-home-set>",
    ),
    HOME: _response(HOME, "<d:resourcetype><d:collection/></d:resourcetype>")
    + _calendar("personal", "Personnel", "VEVENT VTODO")
    + _calendar("taches", "Tâches", "VTODO")
    + _response(
        f"{HOME}inbox/",
        "<d:resourcetype><d:collection/><c:schedule-inbox/></d:resourcetype>",
    ),
}


class _Nextcloud(BaseHTTPRequestHandler):
    """Answers PROPFIND as Nextcloud lays its addresses out: only discovery, no entries."""

    def do_PROPFIND(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        if self.path == "/":
            self._answer(405, b"")
        elif self.path == "/.well-known/caldav":
            self.send_response(301)
            self.send_header("Location", "/remote.php/dav/")
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif self.path in NEXTCLOUD:
            self._answer(207, MULTISTATUS.format(NEXTCLOUD[self.path]).encode())
        else:
            self._answer(404, b"")

    def _answer(self, status: int, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", 'application/xml; charset="utf-8"')
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def nextcloud() -> Iterator[str]:
    httpd = HTTPServer(("127.0.0.1", 0), _Nextcloud)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_port}/"
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.mark.parametrize("path", ["", "remote.php/dav", "remote.php/dav/calendars/alice/"])
@pytest.mark.parametrize("name", ["Personnel", "personal", "personnel"])
def test_discovery_from_the_host_the_dav_root_or_the_home(nextcloud, path, name):
    client = DavClient(check_url(nextcloud + path), None)
    calendar = find_calendar(client, client.base_url, name)
    assert calendar == Calendar(f"{nextcloud}remote.php/dav/calendars/alice/personal/", "Personnel")


def test_a_tasks_only_calendar_is_refused(nextcloud):
    client = DavClient(nextcloud, None)
    with pytest.raises(PublishError) as caught:
        find_calendar(client, nextcloud, "Tâches")
    assert caught.value.message == (
        f"L'agenda « Tâches » ({nextcloud}remote.php/dav/calendars/alice/taches/) n'accepte pas "
        "d'événements (seulement des tâches ou des notes) : choisissez un agenda d'événements."
    )


def test_an_unknown_calendar_lists_the_calendars_found(nextcloud):
    client = DavClient(nextcloud, None)
    with pytest.raises(PublishError) as caught:
        find_calendar(client, nextcloud, "Communication")
    assert caught.value.message.startswith(
        f"Agenda « Communication » introuvable sur {nextcloud}remote.php/dav/. Agendas trouvés : "
        "« Personnel », « Tâches ». Vérifiez --calendar"
    )


def test_an_address_on_another_server_gets_no_request(nextcloud):
    client = DavClient(nextcloud, Credentials("alice", "secret", "ici"))
    with pytest.raises(PublishError) as caught:
        find_calendar(client, nextcloud + "elsewhere/", "Personnel")
    assert caught.value.message == (
        f"{nextcloud} indique une adresse sur un autre serveur "
        "(https://collecte.example.org/dav/) : rzn n'y envoie pas vos identifiants. Si c'est "
        "bien votre serveur d'agenda, relancez avec --url https://collecte.example.org/dav/"
    )
