import binascii
import datetime as dt
import email
import re
import sys
import unicodedata
from email import policy
from email.header import decode_header, make_header
from email.message import EmailMessage, Message
from email.parser import BytesParser
from email.utils import getaddresses

from hypothesis import given, settings
from hypothesis import strategies as st

from rzn.render import build_documents, mail_encoding
from rzn.render.mail import (
    _HEADER_BREAKERS,
    PLACEHOLDER_ADDRESS,
    Attachment,
    Mailbox,
    MailDraft,
    build_message,
    header_address,
    header_display_name,
    header_filename,
    header_text,
    message_bytes,
)
from tests.conftest import plain
from tests.fuzz.strategies import fuzz_settings

TODAY = dt.date(2027, 9, 1)

IN_PERSON = """\
title: RéZolutions numériques Centre-Val de Loire
slug: cvl-2027
date: 2027-11-18
format: in_person
city: Joué-lès-Tours
organizers:
  - {name: Le Mouvement associatif Centre-Val de Loire, lead: true, email: contact@example.org}
  - {name: One Heart, email: bonjour@example.org}
partners:
  - {name: Fondation EDF, role: funder}
venue:
  name: Espace Malraux
  address: Parc des Bretonnières, 37300 Joué-lès-Tours
  nearest_station: Tours
  station_walk_minutes: 15
  pmr_accessible: true
  accessibility: Boucle magnétique en plénière.
registration_url: https://example.org/inscription
program:
  - {start: "09:30", duration: 60, title: État des lieux, kind: talk, speakers: [dupont]}
  - {start: "10:45", duration: 60, title: Mobiliser des bénévoles, kind: workshop,
     speakers: [martin]}
speakers:
  - {id: dupont, name: Claire Dupont, organization: PANA 37, email: c.dupont@example.org}
  - {id: martin, name: Marc Martin}
"""

ONLINE = """\
title: Numérique et associations
date: 2027-11-18
format: online
organizers:
  - {name: Le Mouvement associatif Bretagne, lead: true}
online: {platform: BigBlueButton, url: "https://visio.example.org/rzn", dial_in: "01 23 45 67 89"}
communication:
  sender: {name: Équipe RZN, email: rzn@example.org}
  hashtag: "ReZo Num"
  mailings: [45, 10]
  recording: true
"""

HEADERS = [
    "From",
    "To",
    "Subject",
    "Date",
    "Message-ID",
    "X-Unsent",
    "MIME-Version",
    "Content-Type",
    "Content-Language",
]


def render(write_event, text: str) -> dict[str, bytes]:
    report, files = build_documents(str(write_event(text)), TODAY)
    assert not report.failed, [d.message for d in report.diagnostics]
    return {f.path: f.content for f in files}


def parse(data: bytes) -> EmailMessage:
    message = BytesParser(policy=policy.default).parsebytes(data)
    assert isinstance(message, EmailMessage)
    return message


def bodies(message: EmailMessage) -> tuple[str, str]:
    text = message.get_body(("plain",))
    html = message.get_body(("html",))
    assert text is not None and html is not None
    # Line ends are CRLF on the wire; compare texts as written.
    return (
        plain(text.get_content().replace("\r\n", "\n")),
        plain(html.get_content().replace("\r\n", "\n")),
    )


def test_one_draft_per_planned_mailing_then_the_two_thanks(write_event):
    docs = render(write_event, IN_PERSON)
    assert sorted(p for p in docs if p.startswith("mailings/")) == [
        f"mailings/{name}.{ext}"
        for name in (
            "invitation-j30",
            "reminder-j15",
            "reminder-j7",
            "switch-online",
            "thanks-participants",
            "thanks-speakers",
        )
        for ext in ("eml", "md")
    ]
    dates = {
        name: parse(docs[f"mailings/{name}.eml"])["Date"]
        for name in ("invitation-j30", "reminder-j15", "reminder-j7", "thanks-participants")
    }
    assert dates == {
        "invitation-j30": "Tue, 19 Oct 2027 09:00:00 +0200",
        "reminder-j15": "Wed, 03 Nov 2027 09:00:00 +0100",
        "reminder-j7": "Wed, 10 Nov 2027 09:00:00 +0100",  # 11 November: a public holiday
        "thanks-participants": "Fri, 19 Nov 2027 09:00:00 +0100",
    }


def test_planned_mailings_follow_the_event_file(write_event):
    docs = render(write_event, ONLINE)
    names = sorted(p[len("mailings/") : -4] for p in docs if p.endswith(".eml"))
    assert names == ["invitation-j45", "reminder-j10", "thanks-participants", "thanks-speakers"]


def test_invitation_eml_has_exactly_the_intended_headers_and_french_text(write_event):
    message = parse(render(write_event, IN_PERSON)["mailings/invitation-j30.eml"])
    assert list(message.keys()) == HEADERS
    assert plain(message["Subject"]) == (
        "Invitation : RéZolutions numériques Centre-Val de Loire, le jeudi 18 novembre 2027"
    )
    assert message["From"] == "Le Mouvement associatif Centre-Val de Loire <contact@example.org>"
    assert message["To"] == "undisclosed-recipients:;"
    assert message["Message-ID"] == "<invitation-j30.cvl-2027@rzn.invalid>"
    assert message["X-Unsent"] == "1"
    assert message.get_content_type() == "multipart/mixed"  # the body, then event.ics
    text, html = bodies(message)
    assert text.startswith(
        "Bonjour,\n\nLe Mouvement associatif Centre-Val de Loire vous invite à la rencontre "
        "« RéZolutions numériques Centre-Val de Loire », le jeudi 18 novembre 2027 de 9 h à 17 h, "
        "à l'Espace Malraux (Joué-lès-Tours).\n"
    )
    for expected in (
        "- 9 h 30 – 10 h 30 : État des lieux (conférence), avec Claire Dupont (PANA 37)\n",
        "Inscrivez-vous dès maintenant : https://example.org/inscription\n",
        "indiquez les ateliers auxquels vous souhaitez participer",
        "Espace Malraux, Parc des Bretonnières, 37300 Joué-lès-Tours\n",
        "Gare : Tours, à 15 min à pied\n",
        "Accessibilité : le lieu est accessible aux personnes à mobilité réduite. Boucle "
        "magnétique en plénière.",
        "Suivez et partagez la rencontre avec #ReZoNum.\n",
        "Coorganisée par le Mouvement associatif Centre-Val de Loire et One Heart\n",
        "Avec le soutien de la Fondation EDF\n",
    ):
        assert expected in text
    assert "lien de connexion" not in text.lower()
    assert '<a href="https://example.org/inscription">https://example.org/inscription</a>' in html


def test_online_mailing_gives_the_connection_link_and_no_address(write_event):
    docs = render(write_event, ONLINE)
    message = parse(docs["mailings/reminder-j10.eml"])
    assert message["From"] == "Équipe RZN <rzn@example.org>"
    assert (
        plain(message["Subject"])
        == "Dans 10 jours : Numérique et associations, le jeudi 18 novembre 2027"
    )
    text, html = bodies(message)
    assert (
        "SE CONNECTER\n\nOutil : BigBlueButton\nLien de connexion : https://visio.example.org/rzn\n"
        in text
    )
    assert "Par téléphone : 01 23 45 67 89" in text
    assert "VENIR" not in text
    assert "Inscrivez-vous dès maintenant : [lien d'inscription à compléter]" in text
    assert "#ReZoNum" in text
    assert '<a href="https://visio.example.org/rzn">' in html


def test_thanks_to_participants_bring_the_questionnaire_and_the_recording(write_event):
    recorded = bodies(parse(render(write_event, ONLINE)["mailings/thanks-participants.eml"]))[0]
    assert (
        "questionnaire d'évaluation : [lien du questionnaire d'évaluation à compléter]" in recorded
    )
    assert "L'enregistrement des débats est disponible ici" in recorded
    text = bodies(parse(render(write_event, IN_PERSON)["mailings/thanks-participants.eml"]))[0]
    assert "enregistrement" not in text
    assert "Merci aussi à celles et ceux qui l'ont animée : Claire Dupont et Marc Martin." in text


def test_thanks_to_speakers_ask_for_slides_and_list_recipients_for_review(write_event):
    docs = render(write_event, IN_PERSON)
    text = bodies(parse(docs["mailings/thanks-speakers.eml"]))[0]
    assert "Pourriez-vous nous transmettre votre support de présentation" in text
    review = plain(docs["mailings/thanks-speakers.md"].decode("utf-8"))
    assert (
        "| À | les intervenant·es, en copie cachée (Cci) : Claire Dupont <c.dupont@example.org>, "
        "Marc Martin (adresse à compléter) |"
    ) in review


def test_review_md_holds_the_same_text_as_the_eml(write_event):
    docs = render(write_event, IN_PERSON)
    for name in ("invitation-j30", "reminder-j7", "thanks-participants"):
        text = bodies(parse(docs[f"mailings/{name}.eml"]))[0]
        review = plain(docs[f"mailings/{name}.md"].decode("utf-8"))
        assert review.split("\n---\n\n", 1)[1] == text
    review = plain(docs["mailings/invitation-j30.md"].decode("utf-8"))
    assert "| Envoi prévu | mardi 19 octobre 2027 (J-30) |" in review


def test_sender_falls_back_to_another_organiser_then_a_placeholder(write_event):
    message = parse(
        render(
            write_event,
            ONLINE.replace("  sender: {name: Équipe RZN, email: rzn@example.org}\n", ""),
        )["mailings/invitation-j45.eml"]
    )
    assert message["From"] == "Le Mouvement associatif Bretagne <expediteur@a-completer.invalid>"
    review = render(write_event, IN_PERSON.replace(", email: contact@example.org}", "}"))
    assert parse(review["mailings/invitation-j30.eml"])["From"] == (
        "Le Mouvement associatif Centre-Val de Loire <bonjour@example.org>"
    )


def test_mailings_are_byte_identical_across_runs(write_event):
    first = render(write_event, IN_PERSON)
    second = render(write_event, IN_PERSON)
    assert {p: c for p, c in first.items() if p.startswith("mailings/")} == {
        p: c for p, c in second.items() if p.startswith("mailings/")
    }
    raw = first["mailings/invitation-j30.eml"]
    assert b'boundary="=_rzn-alternative"' in raw
    assert b"\r\n" in raw and b"\n" not in raw.replace(b"\r\n", b"")


def _draft(**changes) -> MailDraft:
    values = {
        "id": "invitation-j30",
        "subject": "Invitation : rencontre",
        "sender": Mailbox("Le Mouvement associatif", "contact@example.org"),
        "send_on": dt.date(2027, 10, 19),
        "text": "Bonjour,\n",
        "html": "<p>Bonjour,</p>\n",
    }
    values.update(changes)
    return MailDraft(**values)


def test_header_injection_through_subject_or_name_is_impossible():
    draft = _draft(
        subject="Invitation\r\nBcc: evil@example.org",
        sender=Mailbox("Nom\nBcc: evil@example.org\u2028X-Evil: 1", "contact@example.org"),
    )
    data = message_bytes(draft, slug="rzn", timezone="Europe/Paris")
    message = parse(data)
    assert list(message.keys()) == HEADERS
    assert message["Bcc"] is None and message["X-Evil"] is None
    assert plain(message["Subject"]) == "Invitation Bcc: evil@example.org"
    assert message["From"].addresses[0].display_name == "Nom Bcc: evil@example.org X-Evil: 1"
    header_block = data.split(b"\r\n\r\n", 1)[0]
    assert not [line for line in header_block.split(b"\r\n") if line.lower().startswith(b"bcc")]


def test_address_a_header_cannot_carry_becomes_a_placeholder():
    for unusable in ("jé@exämple.org", "a.b@[ex].org", None):
        message = build_message(
            _draft(sender=Mailbox("Asso", unusable)), slug="rzn", timezone="Europe/Paris"
        )
        assert str(message["From"]) == "Asso <expediteur@a-completer.invalid>"


def test_attachment_keeps_fixed_boundaries_and_parses_back():
    calendar = b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n"
    draft = _draft(attachments=(Attachment("rencontre.ics", calendar, "text", "calendar"),))
    data = message_bytes(draft, slug="rzn", timezone="Europe/Paris")
    assert data == message_bytes(draft, slug="rzn", timezone="Europe/Paris")
    message = parse(data)
    assert message.get_content_type() == "multipart/mixed"
    assert message.get_boundary() == "=_rzn-mixed"
    parts = list(message.iter_parts())
    assert parts[0].get_boundary() == "=_rzn-alternative"
    assert bodies(message)[0] == "Bonjour,\n"
    attachment = next(message.iter_attachments())
    assert attachment.get_filename() == "rencontre.ics"
    assert attachment.get_content() == calendar.decode()


def test_invitation_calendar_is_published_and_the_language_set_once(write_event):
    docs = render(write_event, IN_PERSON)
    raw = docs["mailings/invitation-j30.eml"]
    assert b'Content-Type: text/calendar; charset="utf-8"; method="PUBLISH"\r\n' in raw
    for message in (parse(raw), email.message_from_bytes(raw, policy=policy.compat32)):
        calendar = next(p for p in message.walk() if p.get_content_type() == "text/calendar")
        assert calendar.get_param("method") == "PUBLISH"
        assert calendar.get_param("charset") == "utf-8"
        assert calendar.get_filename() == "event.ics"
        assert calendar.get_payload(decode=True) == docs["event.ics"]
        top, *parts = list(message.walk())
        assert top["Content-Language"] == "fr" and top["MIME-Version"] == "1.0"
        assert [p["Content-Language"] for p in parts] == [None] * len(parts)
        assert [p["MIME-Version"] for p in parts] == [None] * len(parts)


def test_every_header_line_is_folded_and_no_body_line_is_risky(write_event):
    docs = render(write_event, IN_PERSON)
    for path, data in docs.items():
        if not path.endswith(".eml"):
            continue
        for line in data.split(b"\r\n"):
            assert len(line) <= 76 or line.startswith(b"Message-ID: <"), (path, line)
            assert not line.startswith((b".", b"From ")), (path, line)


def test_attachment_name_that_is_not_plain_ascii_uses_rfc_2231():
    names = {
        "Programme de la journée.ics": "Programme de la journée.ics",
        "Réunion " * 20 + ".ics": "Réunion " * 19 + "Réunion .ics",
        '"../a<b>:c=?d?=.ics"': "_.._a_b__c=_d_=.ics_",
        "=?utf-8?q?x?=": "=_utf-8_q_x_=",
    }
    for name, written in names.items():
        draft = _draft(attachments=(Attachment(name, b"\x00\xff" * 50, "application", "x-rzn"),))
        data = message_bytes(draft, slug="rzn", timezone="Europe/Paris")
        for message in both_parsers(data):
            attachment = next(
                p for p in message.walk() if p.get_content_maintype() == "application"
            )
            assert attachment.get_filename() == written
            assert attachment.get_payload(decode=True) == b"\x00\xff" * 50
        assert all(len(line) <= 76 for line in data.split(b"\r\n")), name
    raw = message_bytes(
        _draft(attachments=(Attachment("journée.ics", b"x", "text", "calendar"),)),
        slug="rzn",
        timezone="Europe/Paris",
    )
    assert b"filename*=utf-8''journ%C3%A9e.ics" in raw


def test_encoded_word_or_overlong_address_becomes_a_placeholder():
    for unusable in ("=?utf-8?q?x?=@example.org", "a" * 250 + "@example.org"):
        assert header_address(unusable) is None
        data = message_bytes(
            _draft(sender=Mailbox("Asso", unusable), recipients=(Mailbox("Autre", unusable),)),
            slug="rzn",
            timezone="Europe/Paris",
        )
        assert unusable.encode() not in data
        message = parse(data)
        assert [a.addr_spec for a in message["From"].addresses] == [PLACEHOLDER_ADDRESS]
        assert [a.addr_spec for a in message["To"].addresses] == [PLACEHOLDER_ADDRESS]


def test_display_names_with_specials_are_quoted_or_encoded():
    names = ['Dupont, Claire "CD" <cd>', "J. Dupont", "L'Atelier", "Fédération (FOL) 37"]
    draft = _draft(
        sender=Mailbox(names[0], "a@example.org"),
        recipients=tuple(Mailbox(name, f"r{i}@example.org") for i, name in enumerate(names)),
    )
    data = message_bytes(draft, slug="rzn", timezone="Europe/Paris")
    assert b'From: "Dupont, Claire \\"CD\\" <cd>" <a@example.org>\r\n' in data
    assert b"L'Atelier <r2@example.org>," in data
    for message in both_parsers(data):
        assert _mailboxes(message, "From") == [(names[0], "a@example.org")]
        assert _mailboxes(message, "To") == [
            (name, f"r{i}@example.org") for i, name in enumerate(names)
        ]


# -- any text, both parsers ------------------------------------------------------------

_HOSTILE = [
    "\r\n", "\n", "\r", "\u2028", "\u2029", "\x00", "\x85", "\t", " ", "  ", "\u00a0",
    "Bcc: evil@example.org", "\r\nBcc: evil@example.org", "=?utf-8?q?Bcc=3A_x?=", "=?", "?=",
    "=?utf-8?b?QmNj?=", "From ", "\nFrom ", ".", "\n.", "\n.\n", "=", "_", '"', "\\", ",", ";",
    "<", ">", "@", "(", ")", ":", "é", "œ", "«\u00a0", "🎉", "👩🏽‍💻", "שלום", "日本語",
    "\u200b", "a" * 80, "é" * 40, "x" * 1200, "Le Mouvement associatif", "RéZolutions",
]  # fmt: skip
_TEXT = st.lists(
    st.one_of(
        st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=12),
        st.sampled_from(_HOSTILE),
    ),
    max_size=25,
).map("".join)


def both_parsers(data: bytes) -> list[Message]:
    return [
        email.message_from_bytes(data, policy=policy.default),
        email.message_from_bytes(data, policy=policy.compat32),
    ]


def _unfold(value: str) -> str:
    return re.sub(r"\r\n(?=[ \t])", "", value)


def _decoded(value: str) -> str:
    """A compat32 header value as text: unfolded, encoded words decoded."""
    return str(make_header(decode_header(_unfold(value))))


def _mailboxes(message: Message, name: str) -> list[tuple[str, str]]:
    if isinstance(message, EmailMessage):
        return [(a.display_name, a.addr_spec) for a in message[name].addresses]
    return [(_decoded(n), a) for n, a in getaddresses([_unfold(message[name])])]


@fuzz_settings(bounded=150)
@given(
    subject=_TEXT,
    names=st.lists(_TEXT, min_size=1, max_size=3),
    text=_TEXT,
    html=_TEXT,
    filename=_TEXT,
    content=st.binary(max_size=300),
)
def test_any_text_round_trips_through_both_parsers_without_defects(
    subject, names, text, html, filename, content
):
    sender, *recipients = (Mailbox(n, f"p{i}@example.org") for i, n in enumerate(names))
    attachments = (Attachment(filename, content, "application", "octet-stream"),)
    draft = _draft(
        subject=subject,
        sender=sender,
        recipients=tuple(recipients),
        text=text,
        html=html,
        attachments=attachments if filename else (),
    )
    data = message_bytes(draft, slug="rzn", timezone="Europe/Paris")
    assert data == message_bytes(draft, slug="rzn", timezone="Europe/Paris")

    lines = data.split(b"\r\n")
    assert b"\r" not in b"".join(lines) and b"\n" not in b"".join(lines)
    head, body = data.split(b"\r\n\r\n", 1)
    head_lines = head.split(b"\r\n")
    for line in head_lines:
        # Only a word that cannot be folded (a huge name) makes a longer line, alone on it.
        assert len(line) <= 76 or (len(line) <= 998 and len(line.split(b" ")) == 2), line
    folded = re.search(rb"\r\nSubject:.*?\r\n(?! )", head + b"\r\n", re.S)
    assert folded and all(len(line) <= 76 for line in folded[0].split(b"\r\n"))
    assert all(len(line) <= 76 for line in body.split(b"\r\n"))
    assert not [line for line in lines if line.startswith((b"From ", b"."))]
    assert [line.split(b":", 1)[0] for line in head_lines if line[:1] != b" "] == [
        h.encode() for h in HEADERS
    ]

    expected_names = [(header_display_name(n), f"p{i}@example.org") for i, n in enumerate(names)]
    for message in both_parsers(data):
        assert list(message.keys()) == HEADERS
        for part in message.walk():
            assert part.defects == [], part.defects
        body_headers = ["Content-Type", "Content-Transfer-Encoding"]
        assert [list(part.keys()) for part in message.walk()][1:] == (
            [["Content-Type"], body_headers, body_headers, [*body_headers, "Content-Disposition"]]
            if filename
            else [body_headers, body_headers]
        )
        if isinstance(message, EmailMessage):
            for name in HEADERS:
                assert message[name].defects == (), (name, message[name].defects)
            subject_text = str(message["Subject"])
        else:
            subject_text = _decoded(message["Subject"])
        assert subject_text == header_text(subject)
        assert _mailboxes(message, "From") == expected_names[:1]
        if recipients:
            assert _mailboxes(message, "To") == expected_names[1:]
        else:
            assert _unfold(str(message["To"])) == "undisclosed-recipients:;"
        assert str(message["Message-ID"]) == "<invitation-j30.rzn@rzn.invalid>"
        assert str(message["Date"]) == "Tue, 19 Oct 2027 09:00:00 +0200"
        plain, rich = (
            next(p for p in message.walk() if p.get_content_type() == f"text/{subtype}")
            for subtype in ("plain", "html")
        )
        for part, written in ((plain, text), (rich, html)):
            decoded = part.get_payload(decode=True).decode("utf-8")
            written = written.replace("\r\n", "\n").replace("\r", "\n")
            assert decoded.replace("\r\n", "\n") == written + ("" if written[-1:] == "\n" else "\n")
        if filename:
            attachment = list(message.walk())[-1]
            assert attachment.get_filename() == header_filename(filename)
            assert attachment.get_payload(decode=True) == content


def test_header_text_replaces_exactly_the_control_and_separator_characters():
    # The one-class pattern against what it stands for, over every code point.
    breakers = "".join(
        chr(code)
        for code in range(sys.maxunicode + 1)
        if unicodedata.category(chr(code)) in ("Cc", "Zl", "Zp")
    )
    assert _HEADER_BREAKERS.findall(breakers) == list(breakers)
    everything = "".join(chr(code) for code in range(sys.maxunicode + 1))
    assert "".join(_HEADER_BREAKERS.findall(everything)) == breakers


@given(st.text(st.characters(codec="utf-8")))
def test_header_text_equals_the_per_character_reference(value: str) -> None:
    cleaned = "".join(
        " " if unicodedata.category(char) in ("Cc", "Zl", "Zp") else char for char in value
    )
    assert header_text(value) == " ".join(re.split(r"[^\S\u00a0\u202f]+", cleaned)).strip()


def test_attachments_and_images_encoded_once_are_the_same_in_every_mail():
    # The parts are cached by value: two mails with equal attachments carry equal parts,
    # and a different content is never served from the cache.
    first = Attachment("a.html", b"<p>un</p>", "text", "html", (("charset", "utf-8"),))
    same = Attachment("a.html", b"<p>un</p>", "text", "html", (("charset", "utf-8"),))
    other = Attachment("a.html", b"<p>deux</p>", "text", "html", (("charset", "utf-8"),))
    data = [
        message_bytes(_draft(attachments=(item,)), slug="rzn", timezone="Europe/Paris")
        for item in (first, same, other)
    ]
    assert data[0] == data[1] != data[2]
    assert next(parse(data[2]).iter_attachments()).get_content() == "<p>deux</p>"


_REWRAP_REFERENCE = re.compile(rb"^(?:\.|From |[^\n]{77})", re.MULTILINE)
"""The test quoted_printable first made with one multiline pattern, kept as the reference."""


def _quoted_printable_reference(text: str) -> bytes:
    encoded = binascii.b2a_qp(text.encode("utf-8"), istext=True)
    if _REWRAP_REFERENCE.search(encoded):
        hard_lines = encoded.replace(b"=\n", b"").split(b"\n")
        encoded = b"\n".join(mail_encoding._wrapquoted_printable(line) for line in hard_lines)
    return encoded.replace(b"\n", b"\r\n")


_QP_TEXTS = st.lists(
    st.sampled_from(
        [
            ".",
            "From ",
            "From",
            " ",
            "\t",
            "\n",
            "=",
            "é",
            "a" * 30,
            *("b" * n for n in range(72, 78)),
        ]
    ),
    max_size=20,
).map("".join)


@settings(max_examples=2000, deadline=None)
@given(_QP_TEXTS)
def test_quoted_printable_equals_the_reference(text: str) -> None:
    assert mail_encoding.quoted_printable(text) == _quoted_printable_reference(text)
