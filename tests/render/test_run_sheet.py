import datetime as dt
from html.parser import HTMLParser

import pytest

from rzn.model.event import Event
from rzn.render import build_documents
from rzn.render.documents.run_sheet import run_sheet_rows, unique_slugs
from tests.conftest import plain

TODAY = dt.date(2027, 9, 1)

IN_PERSON = """\
title: Rencontre test
date: 2027-11-18
format: in_person
organizers:
  - {name: Le Mouvement associatif, lead: true, email: contact@example.org}
team:
  - {id: claire, name: Claire Martin, phone: "06 12 34 56 78", email: claire@example.org}
  - {id: paul, name: Paul Durand}
venue:
  name: Espace Malraux
  address: 1 rue de la Paix, 37300 Joué-lès-Tours
  nearest_station: Tours
  station_walk_minutes: 15
  pmr_accessible: true
  rooms:
    - {name: Grande salle, capacity: 200, kind: plenary}
    - {name: Salle 1, capacity: 30, setup: îlots de 6}
    - {name: Salle 2, capacity: 25}
program:
  - start: "10:45"
    duration: 75
    title: Mobiliser des bénévoles
    kind: workshop
    speakers: [martin]
    room: Salle 1
    referent: paul
    flow: [Tour de table, Démonstration, Exercice]
    equipment: [paperboard, rallonge]
    description: Recruter et fidéliser.
  - {start: "09:00", duration: 30, title: Accueil café, kind: welcome}
  - start: "09:30"
    duration: 60
    title: État des lieux
    kind: talk
    speakers: [dupont]
    room: Grande salle
    equipment: [micro sans fil]
  - {start: "10:45", duration: 75, title: Lever des fonds, kind: workshop, speakers: [leroy],
     room: Salle 2}
  - {start: "10:30", duration: 15, title: Pause, kind: break}
speakers:
  - {id: dupont, name: Claire Dupont, organization: PANA 37, referent: claire}
  - {id: martin, name: Marc Martin, organization: CHATONS, email: marc@example.org,
     phone: "07 00 00 00 00"}
  - {id: leroy, name: Sophie Leroy}
"""

ONLINE = """\
title: Rencontre en ligne
date: 2027-11-18
start: "09:30"
end: "12:30"
format: online
expected_participants: 20
organizers:
  - {name: Le Mouvement associatif, lead: true, email: contact@example.org}
online:
  platform: BigBlueButton
  url: https://visio.example.org/rzn
  moderator: Paul
  breakout_rooms: true
program:
  - {start: "09:30", duration: 15, title: Accueil, kind: welcome}
  - {start: "09:45", duration: 60, title: Conférence, kind: talk, speakers: [dupont]}
  - {start: "10:45", duration: 60, title: Atelier, kind: workshop, speakers: [dupont]}
  - {start: "11:45", duration: 15, title: Questions, kind: qa}
  - {start: "12:00", duration: 30, title: Clôture, kind: closing}
speakers:
  - {id: dupont, name: Claire Dupont}
"""


def render(write_event, text: str) -> dict[str, str]:
    path = write_event(text)
    report, files = build_documents(str(path), TODAY)
    assert not report.failed, [d.message for d in report.diagnostics]
    return {
        f.path: plain(f.content.decode("utf-8"))
        for f in files
        if not f.path.endswith((".pptx", ".xlsx", ".png"))
    }


def event_of(write_event, text: str) -> Event:
    from rzn.check import CheckOptions, check_file

    report = check_file(str(write_event(text)), CheckOptions(today=TODAY))
    assert report.event is not None
    return report.event


def section(text: str, title: str) -> list[str]:
    """The lines of a Markdown section, without its heading and blank lines."""
    lines = text.split(f"## {title}\n", 1)[1].split("\n## ", 1)[0].splitlines()
    return [line for line in lines if line.strip()]


def test_run_sheet_lists_items_in_time_order_with_room_speakers_needs_and_referent(write_event):
    docs = render(write_event, IN_PERSON)
    assert section(docs["run-sheet.md"], "Déroulé") == [
        "| Début | Fin | Durée | Séquence | Salle | Intervenants | Technique | Référent |",
        "|---|---|---|---|---|---|---|---|",
        "| 09:00 | 09:30 | 30 min | **Accueil café** | — | — | — | — |",
        "| 09:30 | 10:30 | 1 h | **État des lieux** (Conférence) | Grande salle "
        "| Claire Dupont (PANA 37) | micro sans fil | Claire Martin |",
        "| 10:30 | 10:45 | 15 min | **Pause** | — | — | — | — |",
        "| 10:45 | 12:00 | 1 h 15 | **Mobiliser des bénévoles** (Atelier) — fiche : "
        "workshops/mobiliser-des-benevoles.md | Salle 1 | Marc Martin (CHATONS) "
        "| paperboard ; rallonge | Paul Durand |",
        "| 10:45 | 12:00 | 1 h 15 | **Lever des fonds** (Atelier) — fiche : "
        "workshops/lever-des-fonds.md | Salle 2 | Sophie Leroy | — | **à désigner** |",
    ]


def test_run_sheet_in_person_has_practical_information_and_no_remote_cue(write_event):
    docs = render(write_event, IN_PERSON)
    assert section(docs["run-sheet.md"], "Informations pratiques")[:3] == [
        "- **Lieu** : Espace Malraux, 1 rue de la Paix, 37300 Joué-lès-Tours",
        "- **Gare** : Tours (15 min à pied)",
        "- **Accessibilité PMR** : oui",
    ]
    assert "Animation à distance" not in docs["run-sheet.md"]
    assert "Animation à distance" not in docs["run-sheet.html"]
    assert "Le jeudi 18 novembre 2027, de 9 h à 17 h" in docs["run-sheet.md"]


def test_online_run_sheet_places_remote_cues_where_they_belong(write_event):
    rows = run_sheet_rows(event_of(write_event, ONLINE))
    timeline = [
        (row.start.strftime("%H:%M"), row.kind if row.is_cue else row.item.title) for row in rows
    ]
    assert timeline == [
        ("09:30", "opening"),
        ("09:30", "Accueil"),
        ("09:30", "screen-round"),
        ("09:45", "Conférence"),
        ("10:30", "questions"),  # the last quarter of the talk, capped at 15 minutes
        ("10:30", "testimony"),
        ("10:45", "Atelier"),
        ("10:45", "breakout"),
        ("11:45", "breakout-end"),
        ("11:45", "Questions"),
        ("11:45", "questions"),
        ("12:00", "Clôture"),
        ("12:00", "evaluation"),
    ]
    opening = rows[0]
    assert opening.points == [
        "Identifier les participants dès leur entrée, la liste des participants attendus en "
        "main (si le groupe est restreint).",
        "Indiquer les règles d'utilisation de BigBlueButton : micro coupé hors prise de parole, "
        "questions posées dans le tchat.",
        "Demander aux participants de se présenter dans le tchat et de repérer comment activer "
        "et désactiver micro et caméra : c'est la vérification de l'accessibilité de l'outil.",
        "Garder le déroulé sous les yeux (sur papier ou un autre écran) pour ne pas perdre "
        "l'attention des participants.",
        "Instaurer un climat détendu et bienveillant : toutes les questions peuvent être posées.",
    ]


def test_questions_follow_the_talk_directly_when_a_qa_item_is_next(write_event):
    text = ONLINE.replace(
        '{start: "10:45", duration: 60, title: Atelier',
        '{start: "10:50", duration: 55, title: Atelier',
    ).replace(
        '  - {start: "09:45", duration: 60, title: Conférence, kind: talk, speakers: [dupont]}\n',
        '  - {start: "09:45", duration: 50, title: Conférence, kind: talk, speakers: [dupont]}\n'
        '  - {start: "10:35", duration: 15, title: Vos questions, kind: qa}\n',
    )
    rows = run_sheet_rows(event_of(write_event, text))
    cues = [(row.start.strftime("%H:%M"), row.kind) for row in rows if row.is_cue]
    assert ("10:35", "questions") in cues
    assert not [c for c in cues if c[1] == "questions" and c[0] < "10:35"]


def test_large_online_audience_skips_identifying_each_participant(write_event):
    rows = run_sheet_rows(
        event_of(
            write_event, ONLINE.replace("expected_participants: 20", "expected_participants: 300")
        )
    )
    assert not [p for p in rows[0].points if p.startswith("Identifier")]


def test_hybrid_workshops_without_breakout_rooms_get_one_link_each(write_event):
    text = (
        IN_PERSON.replace("format: in_person", "format: hybrid")
        + "online: {platform: Jitsi, url: 'https://meet.example.org/rzn', breakout_rooms: false}\n"
    )
    rows = run_sheet_rows(event_of(write_event, text))
    breakouts = [row for row in rows if row.is_cue and row.kind.startswith("breakout")]
    assert [(b.start.strftime("%H:%M"), b.kind) for b in breakouts] == [
        ("10:45", "breakout"),
        ("12:00", "breakout-end"),
    ]
    assert breakouts[0].points[0] == (
        "L'outil ne permet pas de sous-groupes : donner aux participants à distance un lien de "
        "visioconférence distinct par atelier (« Mobiliser des bénévoles » et « Lever des fonds »)."
    )
    assert breakouts[1].points == ["Rappeler les participants à distance sur le lien principal."]


class _Table(HTMLParser):
    """Cells per row of the run sheet's table, colspans counted."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[int] = []

    def handle_starttag(self, tag, attrs):
        if tag == "tr":
            self.rows.append(0)
        elif tag in ("td", "th") and self.rows:
            self.rows[-1] += int(dict(attrs).get("colspan") or 1)


@pytest.mark.parametrize("text", [IN_PERSON, ONLINE])
def test_html_run_sheet_rows_all_span_the_full_table(write_event, text):
    parser = _Table()
    parser.feed(render(write_event, text)["run-sheet.html"])
    # The team table comes after the programme and has 4 columns.
    programme_rows = parser.rows[: len(parser.rows) - (3 if "team:" in text else 0)]
    assert len(set(programme_rows)) == 1, programme_rows


def test_online_html_run_sheet_shows_cues_as_rows(write_event):
    html = render(write_event, ONLINE)["run-sheet.html"]
    assert '<tr class="cue"><td class="time">09:30</td><td colspan="6">' in html
    assert "<strong>Animation à distance — Tour d&#39;écran</strong>" in html
    assert "size: A4 landscape;" in html  # the @page rule of the shared layout


def test_workshop_sheet_has_everything_the_speaker_validates(write_event):
    docs = render(write_event, IN_PERSON)
    assert sorted(p for p in docs if p.startswith("workshops/")) == [
        "workshops/lever-des-fonds.html",
        "workshops/lever-des-fonds.md",
        "workshops/mobiliser-des-benevoles.html",
        "workshops/mobiliser-des-benevoles.md",
    ]
    sheet = docs["workshops/mobiliser-des-benevoles.md"]
    assert sheet.splitlines()[0] == "# Fiche technique — Mobiliser des bénévoles"
    assert (
        "Rencontre test — jeudi 18 novembre 2027, de 10 h 45 à 12 h (1 h 15), en Salle 1."
    ) in sheet
    assert "En parallèle : « Lever des fonds »." in sheet
    assert section(sheet, "Contenu") == ["Recruter et fidéliser."]
    assert section(sheet, "Déroulé") == ["1. Tour de table", "2. Démonstration", "3. Exercice"]
    assert section(sheet, "Intervenant·e") == [
        "- **Marc Martin** — CHATONS",
        "  - E-mail : marc@example.org",
        "  - Téléphone : 07 00 00 00 00",
    ]
    assert section(sheet, "Salle et configuration") == [
        "- Salle : Salle 1, 30 places",
        "- Configuration : îlots de 6",
    ]
    assert section(sheet, "Matériel") == ["- paperboard", "- rallonge"]
    assert section(sheet, "Référent·e de l'équipe d'organisation") == ["Paul Durand"]
    validation = section(sheet, "À valider par l'intervenant·e")
    assert validation[0] == (
        "Merci de relire cette fiche et de la valider auprès de votre référent·e **avant le "
        "jeudi 28 octobre 2027**."
    )


def test_workshop_sheet_without_details_says_what_to_complete(write_event):
    sheet = render(write_event, IN_PERSON)["workshops/lever-des-fonds.md"]
    assert section(sheet, "Déroulé") == [
        "*À compléter avec l'intervenant·e, étape par étape (par exemple : tour de table, "
        "apport, mise en pratique en petits groupes, restitution).*"
    ]
    assert section(sheet, "Référent·e de l'équipe d'organisation") == [
        "**À désigner** parmi les organisateurs."
    ]
    assert "- Configuration : *à préciser (îlots, théâtre, cercle…)*" in sheet


def test_workshop_file_names_are_slugified_and_deduplicated(write_event):
    text = ONLINE.replace(
        '  - {start: "11:45", duration: 15, title: Questions, kind: qa}\n',
        '  - {start: "11:45", duration: 5, title: "../../etc/passwd", kind: workshop}\n'
        '  - {start: "11:50", duration: 5, title: Atelier, kind: workshop}\n'
        '  - {start: "11:55", duration: 5, title: "Atelier 2", kind: workshop}\n',
    )
    docs = render(write_event, text)
    assert sorted(p for p in docs if p.startswith("workshops/") and p.endswith(".md")) == [
        "workshops/atelier-2-2.md",
        "workshops/atelier-2.md",
        "workshops/atelier.md",
        "workshops/etc-passwd.md",
    ]


def test_unique_slugs_is_deterministic_and_never_collides():
    assert unique_slugs(["Atelier", "Atelier", "Atelier 2", "", "!!"]) == [
        "atelier",
        "atelier-2",
        "atelier-2-2",
        "sans-titre",
        "sans-titre-2",
    ]
