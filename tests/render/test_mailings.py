import datetime as dt
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser

from rzn.render import build_documents
from rzn.render.mail import Attachment, Mailbox, MailDraft, build_message, message_bytes

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
        text.get_content().replace("\r\n", "\n"),
        html.get_content().replace("\r\n", "\n"),
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
        "reminder-j7": "Thu, 11 Nov 2027 09:00:00 +0100",
        "thanks-participants": "Fri, 19 Nov 2027 09:00:00 +0100",
    }


def test_planned_mailings_follow_the_event_file(write_event):
    docs = render(write_event, ONLINE)
    names = sorted(p[len("mailings/") : -4] for p in docs if p.endswith(".eml"))
    assert names == ["invitation-j45", "reminder-j10", "thanks-participants", "thanks-speakers"]


def test_invitation_eml_has_exactly_the_intended_headers_and_french_text(write_event):
    message = parse(render(write_event, IN_PERSON)["mailings/invitation-j30.eml"])
    assert list(message.keys()) == HEADERS
    assert message["Subject"] == (
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
        "à Espace Malraux (Joué-lès-Tours).\n"
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
        "Co-organisée par Le Mouvement associatif Centre-Val de Loire, One Heart\n",
        "Avec le soutien de Fondation EDF\n",
    ):
        assert expected in text
    assert "lien de connexion" not in text.lower()
    assert '<a href="https://example.org/inscription">https://example.org/inscription</a>' in html


def test_online_mailing_gives_the_connection_link_and_no_address(write_event):
    docs = render(write_event, ONLINE)
    message = parse(docs["mailings/reminder-j10.eml"])
    assert message["From"] == "Équipe RZN <rzn@example.org>"
    assert (
        message["Subject"] == "Dans 10 jours : Numérique et associations, le jeudi 18 novembre 2027"
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
    plain = bodies(parse(render(write_event, IN_PERSON)["mailings/thanks-participants.eml"]))[0]
    assert "enregistrement" not in plain
    assert "Merci aussi à celles et ceux qui l'ont animée : Claire Dupont, Marc Martin." in plain


def test_thanks_to_speakers_ask_for_slides_and_list_recipients_for_review(write_event):
    docs = render(write_event, IN_PERSON)
    text = bodies(parse(docs["mailings/thanks-speakers.eml"]))[0]
    assert "Pourriez-vous nous transmettre votre support de présentation" in text
    review = docs["mailings/thanks-speakers.md"].decode("utf-8")
    assert (
        "| À | les intervenant·es, en copie cachée (Cci) : Claire Dupont <c.dupont@example.org>, "
        "Marc Martin (adresse à compléter) |"
    ) in review


def test_review_md_holds_the_same_text_as_the_eml(write_event):
    docs = render(write_event, IN_PERSON)
    for name in ("invitation-j30", "reminder-j7", "thanks-participants"):
        text = bodies(parse(docs[f"mailings/{name}.eml"]))[0]
        review = docs[f"mailings/{name}.md"].decode("utf-8")
        assert review.split("\n---\n\n", 1)[1] == text
    review = docs["mailings/invitation-j30.md"].decode("utf-8")
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
    assert message["Subject"] == "Invitation Bcc: evil@example.org"
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
