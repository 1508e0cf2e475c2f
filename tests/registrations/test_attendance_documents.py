"""Sign-in sheet, workshop rosters and the online list, read back as tables."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

from rzn.render import build_documents
from rzn.render.output import OutputFile
from tests.conftest import plain

ROOT = Path(__file__).resolve().parents[2]
EXPORTS = ROOT / "tests" / "data" / "exports"
TODAY = dt.date(2027, 9, 1)


class Cells(HTMLParser):
    """Rows of ``<tbody>`` as lists of cell texts, and every tag's attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[list[str]] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self._in_body = False
        self._cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag == "tbody":
            self._in_body = True
        elif tag == "tr" and self._in_body:
            self.rows.append([])
        elif tag == "td" and self._in_body:
            self._cell = []

    def handle_endtag(self, tag):
        if tag == "tbody":
            self._in_body = False
        elif tag == "td" and self._cell is not None:
            self.rows[-1].append("".join(self._cell).strip())
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def parse(content: bytes) -> Cells:
    parser = Cells()
    parser.feed(plain(content.decode("utf-8")))
    return parser


def _attendance(path: str) -> bool:
    """The documents of this module; the other documents have their own tests."""
    return path in ("attendance-sheet.html", "participants-en-ligne.md") or path.startswith(
        "rosters/"
    )


def render(tmp_path: Path, *, registrations: str | None, **replace: str) -> dict[str, OutputFile]:
    for csv in EXPORTS.glob("*.csv"):
        shutil.copy(csv, tmp_path / csv.name)
    text = (EXPORTS / "val-de-loire.yaml").read_text(encoding="utf-8")
    text = re.sub(r"(?m)^answers: .*$", "", text)
    text = re.sub(
        r"(?m)^registrations: .*$",
        f"registrations: {registrations}" if registrations else "",
        text,
    )
    for old, new in replace.items():
        text = text.replace(old, new)
    path = tmp_path / "event.yaml"
    path.write_text(text, encoding="utf-8")
    report, files = build_documents(str(path), TODAY)
    assert not report.failed, [d.message for d in report.diagnostics]
    return {f.path: f for f in files if _attendance(f.path)}


def test_documents_only_when_the_event_points_to_an_export(tmp_path):
    assert render(tmp_path, registrations=None) == {}
    assert render(tmp_path, registrations="pas-encore-exporte.csv") == {}


def test_hybrid_event_gets_a_sheet_rosters_and_the_online_list(tmp_path):
    files = render(tmp_path, registrations="helloasso-inscriptions.csv")
    assert list(files) == [
        "attendance-sheet.html",
        "rosters/lever-et-gerer-des-fonds-en-ligne.html",
        "rosters/collaborer-a-distance-outils-libres.html",
        "rosters/proteger-les-donnees-de-son-association.html",
        "participants-en-ligne.md",
    ]


def test_sign_in_sheet_lists_people_on_site_in_french_order_with_two_signatures(tmp_path):
    sheet = parse(
        render(tmp_path, registrations="helloasso-inscriptions.csv")[
            "attendance-sheet.html"
        ].content
    )
    people = [row for row in sheet.rows if row[1]]
    assert [row[:4] for row in people] == [
        ["1", "Abgrall", "Nolwenn", "Les Amis du Beuvron (fictif)"],
        ["2", "d'Aubigné", "Clotilde", "Comité des fêtes imaginaire"],
        ["3", "Eberhardt", "Jonas", "Théâtre du Pont-Imaginaire"],
        ["4", "Ébrard", "Mathis", "Club de voile de la Cisse (fictif)"],
        ["5", "Ecuyer", "Salomé", "Épicerie solidaire des Tilleuls (fictive)"],
        ["6", "Fontaine", "Lili", "Conseil citoyen fictif"],
        ["7", "Legoff", "Ronan", "Jardins partagés imaginaires"],
        ["8", "Rousseau-Vidal", "Anatole", "Maison de quartier Les Granges (fictive)"],
        ["9", "Yilmaz", "Deniz", "Parents d'élèves ; école fictive du Foix"],
        ["10", "Zébulon", "Inès", "Ludothèque Zigzag (fictive)"],
    ]
    # Two empty signature cells (morning and afternoon), then ten rows for walk-ins.
    assert {tuple(row[4:]) for row in people} == {("", "")}
    assert [row[0] for row in sheet.rows[len(people) :]] == [str(n) for n in range(11, 21)]


def test_sign_in_sheet_prints_well(tmp_path):
    html = plain(
        render(tmp_path, registrations="helloasso-inscriptions.csv")[
            "attendance-sheet.html"
        ].content.decode("utf-8")
    )
    assert "thead { display: table-header-group; }" in html
    assert "tr { break-inside: avoid; page-break-inside: avoid; }" in html
    assert "@page { size: A4 portrait;" in html
    # Title, date, place, organisers and partners head the sheet.
    for text in (
        '<h1 id="title">RéZolutions numériques Val de Loire</h1>',
        "jeudi 18 novembre 2027, de 9 h à 17 h",
        "Maison des associations de Blois, 1 rue Imaginaire, 41000 Blois",
        "Organisation : Le Mouvement associatif Centre-Val de Loire, Ligue de l&#39;enseignement",
        "Avec le soutien de : Conseil départemental &lt;fictif&gt; &amp; associés",
        "Partenaires : Fondation EDF",
    ):
        assert text in html


def test_every_document_is_self_contained_and_never_prints_contact_details(tmp_path):
    files = render(tmp_path, registrations="helloasso-inscriptions.csv")
    for file in files.values():
        text = plain(file.content.decode("utf-8"))
        assert "@example.org" not in text, file.path
        assert "06 12 34 56 78" not in text and "+33 6" not in text, file.path
        if file.path.endswith(".html"):
            tags = parse(file.content).tags
            assert [t for t, a in tags if t in ("link", "script", "img", "iframe")] == []
            assert "@import" not in text and "url(" not in text


def test_names_are_escaped(tmp_path):
    (tmp_path / "inscriptions.csv").write_text(
        'Nom;Prénom;Structure\n<script>alert(1)</script>;A&B;"<b>Gras</b>"\n', encoding="utf-8"
    )
    files = render(tmp_path, registrations="inscriptions.csv")
    html = plain(files["attendance-sheet.html"].content.decode("utf-8"))
    assert "<script>" not in html and "<b>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert parse(files["attendance-sheet.html"].content).rows[0][1:4] == [
        "<script>alert(1)</script>",
        "A&B",
        "<b>Gras</b>",
    ]


SMALL = """\
title: Matinée numérique
date: 2027-11-18
start: "09:00"
end: "12:30"
format: {format}
organizers:
  - {{name: Le Mouvement associatif, lead: true}}
registrations: {registrations}
venue:
  name: Salle des fêtes
  rooms:
    - {{name: Salle, capacity: 50, kind: plenary}}
online:
  url: https://visio.example.org/matinee
program:
  - {{start: "09:00", duration: 60, title: Lever et gérer des fonds en ligne, kind: workshop}}
  - {{start: "10:00", duration: 60, title: "Collaborer à distance, outils libres", kind: workshop}}
  - {{start: "11:00", duration: 60, title: Protéger les données de son association, kind: workshop}}
"""


def render_small(tmp_path: Path, event_format: str, registrations: str) -> dict[str, OutputFile]:
    shutil.copy(EXPORTS / registrations, tmp_path / registrations)
    text = SMALL.format(format=event_format, registrations=registrations)
    if event_format == "online":
        text = text.replace("venue:\n  name: Salle des fêtes\n  rooms:\n", "").replace(
            "    - {name: Salle, capacity: 50, kind: plenary}\n", ""
        )
    path = tmp_path / "event.yaml"
    path.write_text(text, encoding="utf-8")
    report, files = build_documents(str(path), TODAY)
    assert not report.failed, [d.message for d in report.diagnostics]
    return {f.path: f for f in files if _attendance(f.path)}


def test_single_name_column_and_half_day_event(tmp_path):
    files = render_small(tmp_path, "in_person", "google-forms-inscriptions.csv")
    sheet = parse(files["attendance-sheet.html"].content)
    # One name column, one signature column: the morning is signed once.
    assert sheet.rows[0] == ["1", "Kenza Lahlou", "Cuisine partagée fictive", ""]
    assert "participants-en-ligne.md" not in files


def test_workshop_roster_shows_who_is_on_site_and_warns_when_full(tmp_path):
    files = render(tmp_path, registrations="helloasso-inscriptions.csv")
    roster = plain(
        files["rosters/collaborer-a-distance-outils-libres.html"].content.decode("utf-8")
    )
    assert "10:45–12:00, Salle Cher" in roster
    assert "5 inscrits (dont 5 sur place) pour 4 places : atelier complet" in roster
    assert [row[1:5] for row in parse(roster.encode()).rows] == [
        ["Abgrall", "Nolwenn", "Les Amis du Beuvron (fictif)", "sur place"],
        ["d'Aubigné", "Clotilde", "Comité des fêtes imaginaire", "sur place"],
        ["Eberhardt", "Jonas", "Théâtre du Pont-Imaginaire", "sur place"],
        ["Ecuyer", "Salomé", "Épicerie solidaire des Tilleuls (fictive)", "sur place"],
        ["Legoff", "Ronan", "Jardins partagés imaginaires", "sur place"],
    ]


def test_online_list_of_a_hybrid_event_keeps_remote_people(tmp_path):
    text = plain(
        render(tmp_path, registrations="helloasso-inscriptions.csv")[
            "participants-en-ligne.md"
        ].content.decode("utf-8")
    )
    assert [
        line.split(" | ")[1]
        for line in text.splitlines()
        if line.startswith("| ") and line[2].isdigit()
    ] == ["Maëlys Le Goff", "Thi Lan Nguyen", "Capucine Œillet"]
    assert "3 personnes attendues en ligne." in text


def test_online_event_has_no_paper_sheet_and_lists_everyone(tmp_path):
    files = render_small(tmp_path, "online", "limesurvey-inscriptions.csv")
    assert "attendance-sheet.html" not in files
    text = plain(files["participants-en-ligne.md"].content.decode("utf-8"))
    assert (
        "| 1 | Apolline Garnier | Radio associative fictive | Lever et gérer des fonds en "
        "ligne ; Protéger les données de son association | ☐ |"
    ) in text
    assert "4 personnes attendues en ligne." in text


def test_hybrid_export_without_a_mode_column_says_so(tmp_path):
    text = plain(
        render(tmp_path, registrations="framaforms-inscriptions.csv")[
            "participants-en-ligne.md"
        ].content.decode("utf-8")
    )
    assert "**L'export des inscriptions ne dit pas qui participe à distance**" in text
    assert "6 personnes attendues en ligne." in text


def test_rendering_is_deterministic(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first = render(tmp_path / "a", registrations="helloasso-inscriptions.csv")
    second = render(tmp_path / "b", registrations="helloasso-inscriptions.csv")
    assert {p: f.content for p, f in first.items()} == {p: f.content for p, f in second.items()}
