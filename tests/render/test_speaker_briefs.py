import datetime as dt
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from typing import Any

from rzn.plan import build_plan
from rzn.render.documents.speaker_briefs import briefs
from tests.conftest import plain
from tests.plan.helpers import event, render, write

TODAY = dt.date(2027, 9, 1)
DAY = dt.date(2027, 11, 18)
PAYLOAD = '<script>alert("x")</script>'

TEAM = [
    {"id": "claire", "name": "Claire Martin", "role": "Référente", "email": "c.martin@example.org",
     "phone": "06 12 34 56 78"},
    {"id": "paul", "name": "Paul Durand", "role": "Référent des ateliers"},
]  # fmt: skip
PROGRAM = [
    {"start": "09:30", "duration": 60, "title": "État des lieux", "kind": "talk",
     "speakers": ["dupont"], "room": "Grande salle"},
    {"start": "10:45", "duration": 75, "title": "Bénévoles en ligne", "kind": "workshop",
     "speakers": ["martin"], "room": "Salle 1", "equipment": ["paperboard", "vidéoprojecteur"]},
    {"start": "14:00", "duration": 60, "title": "Table ronde", "kind": "round_table",
     "speakers": ["dupont", "martin"], "room": "Grande salle", "equipment": ["paperboard"]},
]  # fmt: skip
SPEAKERS = [
    {"id": "dupont", "name": "Claire Dupont", "email": "c.dupont@example.org",
     "referent": "claire"},
    {"id": "martin", "name": "Marc Martin", "referent": "Paul Durand"},
]  # fmt: skip
VENUE = {
    "name": "Espace Malraux",
    "address": "Parc des Bretonnières, 37300 Joué-lès-Tours",
    "nearest_station": "Tours",
    "station_walk_minutes": 15,
    "pmr_accessible": True,
    "projector": True,
    "rooms": [
        {"name": "Grande salle", "capacity": 200, "kind": "plenary"},
        {"name": "Salle 1", "capacity": 30, "setup": "îlots de 6"},
    ],
}


def fields(**extra: Any) -> dict[str, Any]:
    return {"team": TEAM, "program": PROGRAM, "speakers": SPEAKERS, **extra}


def docs(tmp_path, fmt: str = "in_person", **extra: Any) -> dict[str, bytes]:
    more = {"venue": VENUE} if fmt != "online" else {}
    return render(write(tmp_path, fmt, **fields(**more, **extra)), TODAY)


def parse(data: bytes) -> EmailMessage:
    message = BytesParser(policy=policy.default).parsebytes(data)
    assert isinstance(message, EmailMessage)
    return message


def text_of(data: bytes) -> str:
    part = parse(data).get_body(("plain",))
    assert part is not None
    return plain(part.get_content().replace("\r\n", "\n"))


def html_of(data: bytes) -> str:
    part = parse(data).get_body(("html",))
    assert part is not None
    return plain(part.get_content().replace("\r\n", "\n"))


def test_four_drafts_per_speaker_in_a_folder_named_after_their_id(tmp_path):
    found = sorted(p for p in docs(tmp_path) if p.startswith("speakers/"))
    assert found == [
        f"speakers/{speaker}/{mail}.{ext}"
        for speaker in ("dupont", "martin")
        for mail in ("1-bilateral", "2-documents", "3-practical", "4-thanks")
        for ext in ("eml", "md")
    ]


def test_folder_names_are_slugs_and_never_collide():
    speakers = [
        {"id": "../../etc", "name": "A"},
        {"id": "Dupont", "name": "B"},
        {"id": "dupont", "name": "C"},
        {"id": "???", "name": "D"},
    ]
    assert [b.folder for b in briefs(event(speakers=speakers))] == [
        "speakers/etc",
        "speakers/dupont",
        "speakers/dupont-2",
        "speakers/intervenant",
    ]


def test_send_dates_are_the_checklist_due_dates(tmp_path):
    found = docs(tmp_path)
    plan = build_plan(event(**fields(venue=VENUE)), TODAY)
    due = {task.id: task.due for task in plan.tasks}
    dates = {
        path: parse(content)["Date"].datetime.date()
        for path, content in found.items()
        if path.startswith("speakers/") and path.endswith(".eml")
    }
    assert dates == {
        "speakers/dupont/1-bilateral.eml": due["bilateral-invitation"],
        # A plenary speaker gets the run sheet; a workshop speaker their sheet, earlier,
        # once it is written (workshop-sheets, J-35), to validate it.
        "speakers/dupont/2-documents.eml": due["run-sheet-sent"],
        "speakers/dupont/3-practical.eml": due["speaker-practical-info"],
        "speakers/martin/1-bilateral.eml": due["bilateral-invitation"],
        "speakers/martin/2-documents.eml": due["workshop-sheets-sent"],
        "speakers/martin/3-practical.eml": due["speaker-practical-info"],
        "speakers/dupont/4-thanks.eml": due["thanks-speakers"],
        "speakers/martin/4-thanks.eml": due["thanks-speakers"],
    }
    assert [due[t] - DAY for t in ("bilateral-invitation", "workshop-sheets-sent")] == [
        dt.timedelta(days=-45),
        dt.timedelta(days=-28),
    ]
    assert due["workshop-sheets"] < due["workshop-sheets-sent"]
    assert due["speaker-practical-info"] == DAY - dt.timedelta(days=2)


def test_every_send_date_is_also_an_action_of_the_timeline():
    for fmt in ("in_person", "online", "hybrid"):
        plan = build_plan(event(fmt, **fields()), TODAY)
        actions = {a.id for a in plan.timeline}
        assert {
            "bilateral-invitation",
            "workshop-sheets-sent",
            "run-sheet-sent",
            "speaker-practical-info",
        } <= actions
        assert ("speaker-tech-test" in actions) is (fmt != "in_person")


def test_the_referent_writes_to_the_speaker(tmp_path):
    message = parse(docs(tmp_path)["speakers/dupont/1-bilateral.eml"])
    assert message["From"] == "Claire Martin <c.martin@example.org>"
    assert message["To"] == "Claire Dupont <c.dupont@example.org>"
    assert message["Message-ID"] == (
        "<speaker-dupont-bilateral.rezolutions-numeriques-test@rzn.invalid>"
    )
    assert plain(message["Subject"]) == (
        "Préparons votre intervention : RéZolutions numériques test, le jeudi 18 novembre 2027"
    )
    text = text_of(docs(tmp_path / "b")["speakers/dupont/1-bilateral.eml"])
    # Claire Martin's role is "Référente": the letter says so
    assert "Je serai votre référente dans l'équipe d'organisation : la personne à contacter" in text
    assert "d'ici le mardi 19 octobre 2027. Quelques créneaux possibles : [créneaux à" in text
    assert "- 9 h 30 – 10 h 30 : « État des lieux » (conférence), en Grande salle" in text
    assert "- 14 h – 15 h : « Table ronde », en Grande salle, avec Marc " in (text)
    assert "- du plan B : si la rencontre ne pouvait pas se tenir sur place" in text
    assert text.endswith("Bien cordialement,\nClaire Martin\nRéférente\n06 12 34 56 78\n")


def test_without_the_referents_address_the_organisers_write_and_name_the_referent(tmp_path):
    found = docs(tmp_path)
    message = parse(found["speakers/martin/1-bilateral.eml"])
    assert message["From"] == "Le Mouvement associatif <expediteur@a-completer.invalid>"
    # Marc Martin has no address: the draft has no recipient, the review copy says so.
    assert message["To"] == "undisclosed-recipients:;"
    text = text_of(found["speakers/martin/1-bilateral.eml"])
    assert "Paul Durand sera votre référent des ateliers dans l'équipe d'organisation" in text
    assert "Nous vous proposons un échange de 30 minutes" in text
    review = plain(found["speakers/martin/1-bilateral.md"].decode("utf-8"))
    assert "| À | Marc Martin (adresse à compléter) |" in review
    assert "| Référent·e | Paul Durand : mettez-le ou la en copie |" in review
    assert "Les passages entre crochets sont à compléter avant l'envoi." in review


def test_a_speaker_without_referent_gets_a_placeholder_or_their_session_referent(tmp_path):
    speakers = [{"id": "dupont", "name": "Claire Dupont"}, {"id": "martin", "name": "Marc"}]
    program = [
        {**PROGRAM[0], "referent": "claire"},
        PROGRAM[1],
    ]
    found = docs(tmp_path, speakers=speakers, program=program)
    assert parse(found["speakers/dupont/1-bilateral.eml"])["From"] == (
        "Claire Martin <c.martin@example.org>"
    )
    text = text_of(found["speakers/martin/3-practical.eml"])
    assert "[nom du référent à compléter] sera" not in text
    assert "Votre référent·e : [nom et téléphone du référent à compléter]" in text
    bilateral = text_of(found["speakers/martin/1-bilateral.eml"])
    assert "[nom du référent à compléter] sera votre référent·e" in bilateral


def test_workshop_speaker_gets_the_sheet_to_validate_and_the_run_sheet(tmp_path):
    found = docs(tmp_path)
    message = parse(found["speakers/martin/2-documents.eml"])
    assert plain(message["Subject"]) == (
        "Fiche technique de votre atelier à valider avant le jeudi 28 octobre 2027 : "
        "RéZolutions numériques test"
    )
    text = text_of(found["speakers/martin/2-documents.eml"])
    assert "- workshops/benevoles-en-ligne.html : « Bénévoles en ligne »" in text
    assert "Merci de la relire et de la valider avant le jeudi 28 octobre 2027" in text
    assert "le conducteur minuté de la rencontre (run-sheet.html, joint)" in text
    assert "workshops/benevoles-en-ligne.html" in found  # the file the mail names exists
    assert "run-sheet.html" in found
    review = plain(found["speakers/martin/2-documents.md"].decode("utf-8"))
    assert (
        "| Pièces jointes | `run-sheet.html`, `workshops/benevoles-en-ligne.html` : déjà jointes "
        "au brouillon, dans leur version de ce rendu |"
    ) in review


def test_the_files_a_mail_mentions_are_attached_as_rendered(tmp_path):
    found = docs(tmp_path)
    attached = {}
    for path in ("speakers/martin/2-documents.eml", "speakers/dupont/3-practical.eml"):
        message = parse(found[path])
        assert message.get_content_type() == "multipart/mixed"
        attached[path] = {
            part.get_filename(): part.get_payload(decode=True)
            for part in message.iter_attachments()
        }
    assert attached["speakers/martin/2-documents.eml"] == {
        "run-sheet.html": found["run-sheet.html"],
        "benevoles-en-ligne.html": found["workshops/benevoles-en-ligne.html"],
    }
    assert attached["speakers/dupont/3-practical.eml"] == {
        "run-sheet.html": found["run-sheet.html"]
    }
    for path in ("speakers/dupont/1-bilateral.eml", "speakers/dupont/4-thanks.eml"):
        assert list(parse(found[path]).iter_attachments()) == []


def test_each_speaker_is_thanked_by_name_and_asked_for_their_slides(tmp_path):
    found = docs(tmp_path)
    message = parse(found["speakers/dupont/4-thanks.eml"])
    assert message["To"].addresses[0].display_name == "Claire Dupont"
    assert plain(str(message["Subject"])).startswith("Merci pour votre intervention : ")
    text = plain(text_of(found["speakers/dupont/4-thanks.eml"]))
    assert text.startswith("Bonjour Claire,\n\nUn grand merci pour votre participation")
    assert "Pourriez-vous nous envoyer votre support de présentation ?" in text
    assert "enregistrement" not in text  # the debates were not recorded
    assert "Pourriez-vous nous envoyer votre support" in html_of(
        found["speakers/dupont/4-thanks.eml"]
    )


def test_plenary_speaker_gets_the_run_sheet_only(tmp_path):
    text = text_of(docs(tmp_path)["speakers/dupont/2-documents.eml"])
    assert text.startswith(
        "Bonjour Claire,\n\nPour préparer votre intervention, voici le conducteur minuté "
        "de la rencontre (run-sheet.html, joint à ce mail)"
    )
    assert "fiche technique" not in text
    # J-7 is 11 November, a public holiday: the rehearsal is due the day before.
    assert (
        "filage avec l'ensemble des intervenant·es d'ici le mercredi 10 novembre 2027 : "
        "[date, heure" in text
    )


def test_practical_information_on_site(tmp_path):
    text = text_of(docs(tmp_path)["speakers/martin/3-practical.eml"])
    assert (
        "SUR PLACE\n\n"
        "Lieu : Espace Malraux, Parc des Bretonnières, 37300 Joué-lès-Tours\n"
        "Gare : Tours, à 15 min à pied\n"
        "Accessibilité : le lieu est accessible aux personnes à mobilité réduite.\n"
        "Heure d'arrivée : 10 h 15, une demi-heure avant votre intervention, pour repérer la "
        "salle et tester votre support avec votre référent des ateliers.\n"
        "Disposition : Salle 1, îlots de 6\n"
        "Sur place : vidéoprojecteur.\n"
        "Prévu pour votre séquence : paperboard et vidéoprojecteur.\n"
    ) in text
    assert "SE CONNECTER" not in text and "Test technique" not in text
    assert "Votre référent des ateliers : Paul Durand\n" in text
    assert "Le conducteur minuté à jour est joint (run-sheet.html)." in text


def test_practical_information_online_has_the_link_and_a_test_slot(tmp_path):
    text = text_of(docs(tmp_path, "online")["speakers/martin/3-practical.eml"])
    assert (
        "SE CONNECTER\n\n"
        "Outil : BigBlueButton\n"
        "Lien de connexion : https://visio.example.org/rzn\n"
        "Heure de connexion : 10 h 30, un quart d'heure avant votre intervention.\n"
        "Test technique : le mercredi 17 novembre 2027 à 10 h 45, 15 minutes avec Paul Durand, "
        "pour vérifier la connexion, le micro, la caméra et le partage d'écran."
    ) in text
    assert "SUR PLACE" not in text and "Heure d'arrivée" not in text
    plan = build_plan(event("online", **fields()), TODAY)
    test = plan.task("speaker-tech-test")
    assert test is not None and test.due == dt.date(2027, 11, 17)


def test_practical_information_hybrid_gives_both_ways(tmp_path):
    text = text_of(docs(tmp_path, "hybrid")["speakers/dupont/3-practical.eml"])
    assert "SI VOUS VENEZ SUR PLACE\n\n" in text
    assert "Heure d'arrivée : 9 h, une demi-heure avant votre intervention" in text
    assert "SI VOUS INTERVENEZ À DISTANCE\n\n" in text
    assert "Test technique : le mercredi 17 novembre 2027 à 9 h 30, 15 minutes avec moi" in text
    assert "Pour me joindre : Claire Martin (06 12 34 56 78, c.martin@example.org)" in text


def test_in_person_plan_b_is_in_the_practical_information(tmp_path):
    fallback = {"platform": "Jitsi", "url": "https://visio.example.org/plan-b"}
    text = text_of(docs(tmp_path, fallback=fallback)["speakers/dupont/3-practical.eml"])
    assert (
        "PLAN B\n\nSi la rencontre ne pouvait pas se tenir sur place, nous vous préviendrions "
        "aussitôt : elle basculerait à distance sur Jitsi, avec ce lien : "
        "https://visio.example.org/plan-b\n"
    ) in text


def test_a_speaker_without_session_is_still_invited(tmp_path):
    speakers = [*SPEAKERS, {"id": "leroy", "name": "Sophie Leroy", "referent": "claire"}]
    text = text_of(docs(tmp_path, speakers=speakers)["speakers/leroy/1-bilateral.eml"])
    assert "- Votre intervention n'est pas encore inscrite au programme" in text


def test_hostile_names_stay_inert(tmp_path):
    speakers = [
        {"id": "dupont", "name": f"Claire\r\nBcc: victime@example.org {PAYLOAD}",
         "email": "c.dupont@example.org", "referent": "claire"},
        SPEAKERS[1],
    ]  # fmt: skip
    program = [{**PROGRAM[0], "title": f"Titre {PAYLOAD}"}, *PROGRAM[1:]]
    found = docs(tmp_path, speakers=speakers, program=program)
    message = parse(found["speakers/dupont/1-bilateral.eml"])
    assert message["Bcc"] is None
    assert "\n" not in str(message["To"])
    html = html_of(found["speakers/dupont/1-bilateral.eml"])
    assert "<script>" not in html and "&lt;script&gt;" in html
    for path, content in found.items():
        if path.startswith("speakers/dupont/") and path.endswith(".md"):
            title, blank, *rest = content.decode("utf-8").splitlines()
            assert title.startswith("# Claire Bcc: victime@example.org <script>") and blank == ""
            # The table keeps one row per line: the name's line break is gone.
            table = rest[: rest.index("")]
            assert [row[:1] for row in table] == ["|"] * len(table)
            assert table[4] == (
                '| À | Claire  Bcc: victime@example.org <script>alert("x")</script> '
                "<c.dupont@example.org> |"
            )


def test_rendering_twice_gives_the_same_bytes(tmp_path):
    one = docs(tmp_path / "a", "hybrid")
    two = docs(tmp_path / "b", "hybrid")
    speakers = {p: c for p, c in one.items() if p.startswith("speakers/")}
    assert speakers and speakers == {p: c for p, c in two.items() if p.startswith("speakers/")}


def test_drafts_take_what_the_event_file_gives_instead_of_placeholders(tmp_path):
    found = docs(
        tmp_path,
        preparation={
            "bilateral_slots": ["mardi 5 octobre à 14 h", "jeudi 7 octobre à 10 h"],
            "rehearsal": {"date": "2027-11-10", "start": "18:00", "place": "Salle 1"},
        },
        communication={
            "recording": True,
            "evaluation_url": "https://example.org/evaluation",
            "recording_url": "https://example.org/enregistrement",
        },
        fallback={"platform": "Jitsi", "reason": "la salle est inondée"},
    )
    bilateral = plain(text_of(found["speakers/dupont/1-bilateral.eml"]))
    assert "Quelques créneaux possibles : mardi 5 octobre à 14 h ; jeudi 7 octobre à 10 h." in (
        bilateral
    )
    documents = plain(text_of(found["speakers/dupont/2-documents.eml"]))
    assert (
        "un filage avec l'ensemble des intervenant·es le mercredi 10 novembre 2027 à 18 h, Salle 1."
        in documents
    )
    thanks = plain(text_of(found["mailings/thanks-participants.eml"]))
    assert "https://example.org/evaluation" in thanks
    assert "https://example.org/enregistrement" in thanks
    assert "à compléter]" not in thanks
    html = html_of(found["mailings/thanks-participants.eml"])
    assert '<a href="https://example.org/evaluation">' in html
    switch = plain(text_of(found["mailings/switch-online.eml"]))
    assert "ne pourra pas se tenir sur place : la salle est inondée." in switch
    assert "[créneaux à compléter]" not in bilateral
    assert "filage à compléter]" not in documents
    posts = plain(found["social-posts.md"].decode("utf-8"))
    assert "Votre avis compte : https://example.org/evaluation" in posts
