"""Hostile text stays text: an event whose every string field holds attack payloads."""

from __future__ import annotations

import datetime as dt
import re
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath

import pytest
import yaml

from rzn.render import build_documents, render_event
from tests.conftest import plain

TODAY = dt.date(2027, 9, 1)

SCRIPT = "<script>alert(1)</script>"
ATTRIBUTE = '" onmouseover="alert(1)'
JINJA = "{{ 7*7 }} {% for x in y %}{% endfor %}"
CRLF = "\r\nBcc: evil@example.org"
TRAVERSAL = "../../etc/passwd"
EMOJI = "😀👩🏽‍💻"
RTL = "مرحبا \u202eRTL\u202c עברית"
PAYLOAD = f"x {SCRIPT} {ATTRIBUTE} {JINJA}{CRLF} {TRAVERSAL} {EMOJI} {RTL}"
URL = "https://example.org/?q='onmouseover='alert(1)'&t={{7*7}}"
EMAIL = "o'hara+{{7*7}}@example.org"


def hostile_event() -> dict:
    p = PAYLOAD
    return {
        "title": p,
        "slug": TRAVERSAL,
        "date": "2027-11-18",
        "format": "hybrid",
        "region": p,
        "city": p,
        "expected_participants": 10,
        "organizers": [
            {
                "name": p,
                "lead": True,
                "email": EMAIL,
                "phone": p,
                "website": URL,
                "contact": p,
                "logo": TRAVERSAL,
            },
            {"name": p},
        ],
        "partners": [{"name": p, "role": "funder", "website": URL, "logo": p}],
        "objectives": [p, p],
        "political_support": [p],
        "team": [
            {"id": TRAVERSAL, "name": p, "organization": p, "role": p, "email": EMAIL, "phone": p}
        ],
        "venue": {
            "name": p,
            "address": p,
            "nearest_station": p,
            "station_walk_minutes": 5,
            "public_transport": p,
            "parking": p,
            "pmr_accessible": True,
            "accessibility": p,
            "rooms": [
                {"name": p, "capacity": 100, "kind": "plenary", "setup": p},
                {"name": TRAVERSAL, "capacity": 20, "setup": p},
            ],
            "projector": True,
            "sound": True,
            "wifi": p,
            "booking_contact": p,
        },
        "online": {
            "platform": p,
            "url": URL,
            "dial_in": p,
            "moderator": p,
            "breakout_rooms": True,
        },
        "fallback": {"platform": p, "url": URL, "notes": p},
        "registration_url": URL,
        "program": [
            {
                "start": "09:00",
                "duration": 60,
                "title": p,
                "kind": "talk",
                "speakers": [TRAVERSAL],
                "room": p,
                "description": p,
                "equipment": [p],
                "referent": TRAVERSAL,
            },
            {
                "start": "10:00",
                "duration": 60,
                "title": TRAVERSAL,
                "kind": "workshop",
                "speakers": [TRAVERSAL],
                "room": TRAVERSAL,
                "description": p,
                "flow": [p, p],
                "equipment": [p],
                "referent": p,
            },
            {"start": "11:00", "duration": 30, "title": TRAVERSAL, "kind": "workshop", "room": p},
            {"start": "11:30", "duration": 30, "title": p, "kind": "closing", "room": p},
        ],
        "speakers": [
            {
                "id": TRAVERSAL,
                "name": p,
                "organization": p,
                "title": p,
                "email": EMAIL,
                "phone": p,
                "local": True,
                "bio": p,
                "referent": p,
            }
        ],
        "communication": {
            "hashtag": p,
            "sender": {"name": p, "email": EMAIL},
            "website": URL,
            "recording": True,
        },
    }


@pytest.fixture
def event_path(tmp_path: Path) -> Path:
    path = tmp_path / "event" / "event.yaml"
    path.parent.mkdir()
    path.write_text(yaml.safe_dump(hostile_event(), allow_unicode=True), encoding="utf-8")
    return path


@pytest.fixture
def documents(event_path: Path) -> dict[str, bytes]:
    report, files = build_documents(str(event_path), TODAY)
    assert not report.failed, [d.message for d in report.diagnostics]
    return {f.path: f.content for f in files}


MINE = (
    "run-sheet.",
    "workshops/",
    "mailings/",
    "speakers/",
    "consultation.md",
    "evaluation.md",
    "social-posts.md",
)


def mine(documents: dict[str, bytes]) -> dict[str, bytes]:
    return {p: c for p, c in documents.items() if p.startswith(MINE)}


def test_the_model_refuses_javascript_urls(tmp_path: Path):
    from rzn.check import CheckOptions, check_file

    event = hostile_event()
    event["registration_url"] = "javascript:alert(1)"
    path = tmp_path / "event.yaml"
    path.write_text(yaml.safe_dump(event, allow_unicode=True), encoding="utf-8")
    report = check_file(str(path), CheckOptions(today=TODAY))
    assert any("registration_url" in d.path for d in report.diagnostics)
    assert build_documents(str(path), TODAY)[1] == []


ALLOWED_TAGS = {
    "html", "head", "meta", "title", "style", "body", "main", "div", "h1", "h2", "h3", "p",
    "ul", "ol", "li", "strong", "em", "br", "span", "a", "code",
    "table", "thead", "tbody", "tr", "th", "td", "header", "footer", "section",
}  # fmt: skip
# http-equiv: the shared layout's Content-Security-Policy, which forbids loading anything.
ALLOWED_ATTRIBUTES = {
    "lang", "charset", "name", "content", "class", "colspan", "href", "style", "http-equiv",
    # Accessibility: headers' scope, labelled scrolling regions for wide tables (their ids are
    # the templates' own, checked below), the mail's main landmark, decorations hidden.
    "scope", "id", "role", "tabindex", "aria-labelledby", "aria-hidden",
}  # fmt: skip


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, attrs))

    def handle_data(self, data):
        self.text.append(data)


def html_documents(documents: dict[str, bytes]) -> dict[str, str]:
    found = {p: c.decode("utf-8") for p, c in mine(documents).items() if p.endswith(".html")}
    for path, content in mine(documents).items():
        if path.endswith(".eml"):
            html = parse_mail(content).get_body(("html",))
            assert html is not None
            found[f"{path} (HTML)"] = html.get_content()
    return found


def parse_mail(data: bytes) -> EmailMessage:
    message = BytesParser(policy=policy.default).parsebytes(data)
    assert isinstance(message, EmailMessage)
    return message


def test_html_contains_no_injected_tag_or_attribute(documents):
    pages = html_documents(documents)
    assert len(pages) >= 3 + 5  # run sheet, two workshop sheets, five mails
    for path, html in pages.items():
        parser = _Collector()
        parser.feed(html)
        parser.close()
        for tag, attrs in parser.tags:
            assert tag in ALLOWED_TAGS, (path, tag)
            for name, value in attrs:
                assert name in ALLOWED_ATTRIBUTES, (path, tag, name)
                if name == "href":
                    assert value is not None
                    assert value.startswith(("https://", "http://")) or (
                        PurePosixPath(value).parts[0] == "workshops" and ".." not in value
                    ), (path, value)
                if name == "style":
                    assert "alert" not in (value or ""), (path, value)
                if name in ("id", "aria-labelledby", "role", "tabindex", "scope"):
                    assert re.fullmatch(r"[a-z0-9-]+", value or ""), (path, name, value)
        # The payload survives as text: escaped, not dropped.
        text = "".join(parser.text)
        assert SCRIPT in text, path
        assert ATTRIBUTE in text, path


def test_jinja_syntax_in_data_is_printed_literally(documents):
    for path, content in mine(documents).items():
        if path.endswith(".eml"):
            message = parse_mail(content)
            body = message.get_body(("plain",))
            assert body is not None
            text = body.get_content()
        else:
            text = content.decode("utf-8")
        assert "{{ 7*7 }}" in text, path
        assert "{% for x in y %}{% endfor %}" in text, path


def test_eml_has_exactly_the_intended_headers(documents):
    emls = {p: c for p, c in mine(documents).items() if p.endswith(".eml")}
    assert len([p for p in emls if p.startswith("mailings/")]) == 5
    assert len([p for p in emls if p.startswith("speakers/")]) == 4
    for path, data in emls.items():
        message = parse_mail(data)
        assert list(message.keys()) == [
            "From",
            "To",
            "Subject",
            "Date",
            "Message-ID",
            "X-Unsent",
            "MIME-Version",
            "Content-Type",
            "Content-Language",
        ], path
        assert message["Bcc"] is None
        if path.startswith("speakers/"):
            # A speaker brief goes to its speaker, and to nobody else.
            assert [a.addr_spec for a in message["To"].addresses] == [EMAIL], path
        else:
            assert message["To"] == "undisclosed-recipients:;"
        subject = message["Subject"]
        assert "\r" not in subject and "\n" not in subject
        assert "Bcc: evil@example.org" in subject  # kept as harmless text on the same line
        sender = message["From"].addresses[0]
        assert sender.addr_spec == EMAIL
        assert "\n" not in sender.display_name and "\r" not in sender.display_name
        assert message["Message-ID"].endswith(".etc-passwd@rzn.invalid>")
        header_block = data.split(b"\r\n\r\n", 1)[0]
        for line in header_block.split(b"\r\n"):
            # Every line is a known header or the continuation of one.
            assert line[:1] in (b" ", b"\t") or line.split(b":", 1)[0].decode() in message


def test_all_output_paths_stay_inside_the_output_folder(event_path: Path, tmp_path: Path):
    out = tmp_path / "out"
    report = render_event(str(event_path), str(out), TODAY)
    root = out.resolve()
    assert report.written
    for written in report.written:
        assert root in written.resolve().parents
    for file in report.files:
        pure = PurePosixPath(file.path)
        assert not pure.is_absolute() and ".." not in pure.parts
    mine_paths = sorted(f.path for f in report.files if f.path.startswith("workshops/"))
    assert mine_paths == [
        "workshops/etc-passwd-2.html",
        "workshops/etc-passwd-2.md",
        "workshops/etc-passwd.html",
        "workshops/etc-passwd.md",
    ]
    assert not (tmp_path / "etc").exists() and not (out.parent.parent / "etc").exists()


def test_render_twice_is_byte_identical(event_path: Path, tmp_path: Path):
    first, second = tmp_path / "one", tmp_path / "two"
    render_event(str(event_path), str(first), TODAY)
    render_event(str(event_path), str(second), TODAY)
    render_event(str(event_path), str(first), TODAY)  # again, over its own output

    def snapshot(root: Path) -> dict[str, bytes]:
        return {
            str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()
        }

    assert snapshot(first) == snapshot(second)


def test_eml_decodes_to_the_intended_french_subject_and_body(tmp_path: Path):
    event = {
        "title": "Numérique associatif : « l'été » à Besançon",
        "date": "2027-11-18",
        "format": "online",
        "organizers": [
            {"name": "Fédération des œuvres laïques", "lead": True, "email": "fol@example.org"}
        ],
        "online": {"platform": "BigBlueButton", "url": "https://visio.example.org/rzn"},
        "registration_url": "https://example.org/inscription",
    }
    path = tmp_path / "event.yaml"
    path.write_text(yaml.safe_dump(event, allow_unicode=True), encoding="utf-8")
    out = tmp_path / "out"
    render_event(str(path), str(out), TODAY)
    message = parse_mail((out / "mailings" / "invitation-j30.eml").read_bytes())
    assert plain(message["Subject"]) == (
        "Invitation : Numérique associatif : « l'été » à Besançon, le jeudi 18 novembre 2027"
    )
    assert str(message["From"]) == "Fédération des œuvres laïques <fol@example.org>"
    body = message.get_body(("plain",))
    assert body is not None
    assert (
        plain(body.get_content())
        .replace("\r\n", "\n")
        .startswith(
            "Bonjour,\n\nLa Fédération des œuvres laïques vous invite à la rencontre RéZolutions "
            "numériques « Numérique associatif : « l'été » à Besançon », le jeudi 18 novembre 2027 "
            "de 9 h à 17 h, en ligne.\n"
        )
    )
