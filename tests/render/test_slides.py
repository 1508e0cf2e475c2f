"""opening-slides.pptx: read back with python-pptx, and through LibreOffice and pdftotext."""

from __future__ import annotations

import datetime as dt
import io
import os
import posixpath
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import pytest
import yaml
from pptx import Presentation
from pptx.enum.dml import MSO_FILL_TYPE
from pptx.enum.lang import MSO_LANGUAGE_ID
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pptx.util import Emu

from rzn.load import load_path
from rzn.load.logos import load_logo
from rzn.model.validate import validate
from rzn.render import build_documents
from rzn.render.charter import charter_style
from rzn.render.context import RenderContext
from rzn.render.documents import slides
from rzn.render.documents.slides import geometry
from rzn.render.documents.slides import template as slides_template
from rzn.render.documents.slides import text as slides_text
from rzn.render.environment import environment
from rzn.render.ooxml import normalise_zip
from tests.conftest import EXAMPLES, plain
from tests.programs import libreoffice_convert, require_program

TODAY = dt.date(2027, 9, 1)
EXAMPLE = EXAMPLES / "joue-les-tours-2027" / "event.yaml"
LOGOS = Path(__file__).resolve().parent.parent / "data" / "logos"

BASE = {
    "title": "RéZolutions numériques test",
    "date": "2027-11-18",
    "format": "in_person",
    "city": "Tours",
    "organizers": [{"name": "Le Mouvement associatif", "lead": True}],
    "venue": {"name": "Maison des associations"},
    "program": [
        {"start": "09:00", "duration": 30, "title": "Accueil", "kind": "welcome"},
        {"start": "09:30", "duration": 60, "title": "Conférence", "kind": "talk"},
    ],
}


# --- Helpers ---------------------------------------------------------------------------------
def render(folder: Path, **fields: object) -> bytes:
    """The deck of ``BASE`` updated with ``fields`` (``None`` removes one), from ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "event.yaml"
    event = {k: v for k, v in {**BASE, **fields}.items() if v is not None}
    path.write_text(yaml.safe_dump(event, allow_unicode=True), encoding="utf-8")
    return render_file(path)


def render_file(path: Path) -> bytes:
    loaded = load_path(path)
    event, problems = validate(loaded)
    assert event is not None, problems
    ctx = RenderContext(event, TODAY, environment(), path.resolve().parent)
    [output] = slides.opening_slides(ctx)
    assert output.path == "opening-slides.pptx"
    return output.content


def slide_texts(data: bytes) -> list[tuple[str, list[str]]]:
    """(title, texts of the other shapes and table cells) for each slide."""
    out = []
    for slide in Presentation(io.BytesIO(data)).slides:
        title = plain(slide.shapes.title.text_frame.text) if slide.shapes.title else ""
        texts = []
        for shape in slide.shapes:
            if shape == slide.shapes.title:
                continue
            if shape.has_text_frame:
                texts.append(plain(shape.text_frame.text))
            elif shape.has_table:
                texts.extend(plain(cell.text) for row in shape.table.rows for cell in row.cells)
        out.append((title, texts))
    return out


def titles(data: bytes) -> list[str]:
    return [title for title, _ in slide_texts(data)]


def slide_text(data: bytes, title: str) -> str:
    return "\n".join(
        "\n".join(texts) for t, texts in slide_texts(data) if t.split(" (")[0] == title
    )


def to_pdf(pptx: Path) -> Path:
    soffice = require_program("soffice")
    profile = pptx.parent / "lo-profile"  # a private profile: no lock shared with other runs
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(pptx.parent),
            str(pptx),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    pdf = pptx.with_suffix(".pdf")
    assert pdf.is_file()
    return pdf


def pdf_text(pdf: Path, *options: str) -> str:
    tool = require_program("pdftotext")
    done = subprocess.run(
        [tool, *options, str(pdf), "-"], check=True, capture_output=True, timeout=60
    )
    return done.stdout.decode("utf-8")


_PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', re.DOTALL)
_WORD = re.compile(
    r'<word xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" yMax="([\d.-]+)">(.*?)</word>'
)


def pdf_words(pdf: Path) -> list[tuple[tuple[int, int], list[tuple[float, ...]]]]:
    """Per page: its size, and each word's box (in points)."""
    pages = []
    for width, height, body in _PAGE.findall(pdf_text(pdf, "-bbox")):
        boxes = [tuple(float(v) for v in w[:4]) for w in _WORD.findall(body)]
        pages.append(((round(float(width)), round(float(height))), boxes))
    return pages


def in_order(text: str, needles: list[str]) -> bool:
    position = 0
    for needle in needles:
        found = text.find(needle, position)
        if found < 0:
            return False
        position = found + len(needle)
    return True


def hostile_event(folder: Path) -> Path:
    """Forty long items, twenty speakers on one, twenty logo-less partners: a stress test."""
    words = ["numérique", "associations", "WWWWWWWWWWWW", "bénévoles", "collaboration", "à"]
    program = []
    for index in range(40):
        extra = " ".join(words[(index * j) % len(words)] for j in range(index % 30))
        program.append(
            {
                "start": f"{8 + index // 3:02d}:{(index % 3) * 20:02d}",
                "duration": 20,
                "title": f"Séquence {index:02d} {extra}"[:300].strip(),
                "kind": "talk" if index % 4 else "workshop",
                "room": "Salle" if index % 2 else "Amphithéâtre Marguerite-Yourcenar " * 3,
                "speakers": [f"s{n}" for n in range(20)] if index == 5 else ["s1"],
            }
        )
    speakers = [
        {"id": f"s{n}", "name": f"Intervenante numéro {n} " + "Mmmm" * (n % 5)} for n in range(20)
    ]
    partners = [{"name": f"Partenaire {n} " + "W" * (n * 7), "role": "funder"} for n in range(20)]
    event = {
        **BASE,
        "title": "W" * 120 + " numériques " * 15,
        "start": "08:00",
        "end": "22:00",
        "objectives": [("Objectif très long " * 40).strip()[:4990] for _ in range(6)],
        "program": program,
        "speakers": speakers,
        "partners": partners,
        "venue": {
            "name": "Maison des associations",
            "wifi": "MDA-Invites / mot de passe affiché à l'accueil",
            "rooms": [{"name": f"Salle {n}", "capacity": 20} for n in range(30)],
        },
    }
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "event.yaml"
    path.write_text(yaml.safe_dump(event, allow_unicode=True), encoding="utf-8")
    return path


# --- Structure and content -------------------------------------------------------------------
def test_render_writes_opening_slides_for_the_example():
    report, files = build_documents(str(EXAMPLE), TODAY)
    assert not report.failed
    [deck] = [f for f in files if f.path == "opening-slides.pptx"]
    prs = Presentation(io.BytesIO(deck.content))
    assert (prs.slide_width, prs.slide_height) == (Emu(12_192_000), Emu(6_858_000))  # 16:9


def test_example_deck_has_one_slide_per_part():
    data = render_file(EXAMPLE)
    assert titles(data) == [
        "RéZolutions numériques Centre-Val de Loire",
        "Notre vision commune",
        "Programme",
        "Organisateurs et partenaires",
        "Informations pratiques",
        "Merci !",
    ]
    first = "\n".join(slide_texts(data)[0][1])
    assert "Jeudi 18 novembre 2027, de 9 h à 17 h" in first
    assert "Espace Malraux, Joué-lès-Tours" in first
    vision = slide_text(data, "Notre vision commune")
    assert "Faire connaître les outils numériques libres aux associations du territoire" in vision
    program = slide_text(data, "Programme").split("\n")
    row = program.index("10:45 – 12:00")
    assert program[row : row + 4] == [
        "10:45 – 12:00",
        "Mobiliser des bénévoles en ligne",
        "Salle 1",
        "Marc Martin (CHATONS)",
    ]
    closing = slide_text(data, "Merci !")
    assert "questionnaire d'évaluation" in closing
    assert "Sophie Leroy (France Active Centre-Val de Loire)" in closing


def test_partners_slide_names_the_national_partner():
    data = render_file(EXAMPLE)
    text = slide_text(data, "Organisateurs et partenaires")
    assert "Partenaire national" in text
    # The example's organisers and national partner have logos, the city has none: a logo
    # is a picture named after its organisation, a missing one the organisation's name.
    [slide] = [
        s
        for s in Presentation(io.BytesIO(data)).slides
        if s.shapes.title.text_frame.text == "Organisateurs et partenaires"
    ]
    pictures = [shape.name for shape in slide.shapes if shape.shape_type == MSO_SHAPE_TYPE.PICTURE]
    assert pictures == [
        "Logo : Le Mouvement associatif Centre-Val de Loire",
        "Logo : One Heart",
        "Logo : Fondation EDF",
    ]
    assert "Ville de Joué-lès-Tours" in text


@pytest.mark.parametrize("name", ["Fondation EDF", "fondation  edf", "FONDATION EDF"])
def test_national_partner_is_recognised_however_written(name):
    assert slides.is_national_partner(name)
    assert not slides.is_national_partner("Fondation de France")


def test_in_person_practical_information(tmp_path):
    venue = {
        "name": "Maison des associations",
        "address": "1 rue de la Paix, 37000 Tours",
        "wifi": "MDA-Invites",
        "rooms": [
            {"name": "Auditorium", "capacity": 100, "kind": "plenary"},
            {"name": "Salle B", "capacity": 20},
            {"name": "Réserve", "capacity": 5},
        ],
    }
    program = [
        {
            "start": "09:00",
            "duration": 60,
            "title": "Conférence",
            "kind": "talk",
            "room": "Auditorium",
        },
        {
            "start": "10:00",
            "duration": 60,
            "title": "Atelier",
            "kind": "workshop",
            "room": "Salle B",
        },
    ]
    data = render(
        tmp_path, venue=venue, program=program, communication={"hashtag": "#ReZoNumTours"}
    )
    text = slide_text(data, "Informations pratiques")
    assert "Lieu : Maison des associations — 1 rue de la Paix, 37000 Tours" in text
    assert "Wi-Fi : MDA-Invites" in text
    assert "Plénière : Auditorium" in text
    assert "Ateliers : Salle B" in text
    assert "#ReZoNumTours" in text
    assert "Réserve" not in text  # a room the programme does not use
    assert "tchat" not in text
    assert "Maison des associations, Tours" in "\n".join(slide_texts(data)[0][1])


def test_online_practical_information(tmp_path):
    online = {
        "platform": "BigBlueButton",
        "url": "https://visio.example.org/rzn",
        "moderator": "Claire",
        "breakout_rooms": True,
    }
    program = [
        {"start": "09:00", "duration": 45, "title": "Conférence", "kind": "talk"},
        {"start": "09:45", "duration": 15, "title": "Questions", "kind": "qa"},
    ]
    data = render(tmp_path, format="online", venue=None, online=online, program=program)
    assert "En ligne · BigBlueButton" in "\n".join(slide_texts(data)[0][1])
    text = slide_text(data, "Informations pratiques")
    assert "Connexion : https://visio.example.org/rzn (BigBlueButton)" in text
    assert "dans le tchat de BigBlueButton ; Claire les relaie aux intervenants" in text
    assert "Temps de questions : 9 h 45" in text
    assert "sous-groupes" in text
    assert "Wi-Fi" not in text
    assert "Salle" not in slide_text(data, "Programme")  # no room column online


def test_hybrid_practical_information_has_one_slide_per_audience(tmp_path):
    venue = {"name": "Maison des associations", "wifi": "MDA"}
    online = {"platform": "Jitsi", "url": "https://meet.example.org/rzn"}
    data = render(tmp_path, format="hybrid", venue=venue, online=online)
    assert titles(data)[-3:] == [
        "Infos pratiques : sur place",
        "Infos pratiques : à distance",
        "Merci !",
    ]
    on_site = slide_text(data, "Infos pratiques : sur place")
    remote = slide_text(data, "Infos pratiques : à distance")
    assert "Wi-Fi : MDA" in on_site
    assert "tchat" not in on_site
    assert "Connexion : https://meet.example.org/rzn (Jitsi)" in remote
    assert "Wi-Fi" not in remote
    first = "\n".join(slide_texts(data)[0][1])
    assert "Maison des associations, Tours et en ligne (Jitsi)" in first


def test_event_without_objectives_speakers_or_programme(tmp_path):
    data = render(tmp_path, program=[])
    assert titles(data) == [
        "RéZolutions numériques test",
        "Notre vision commune",
        "Organisateurs",
        "Informations pratiques",
        "Merci !",
    ]
    assert "transition numérique" in slide_text(data, "Notre vision commune")
    assert "intervenants" not in slide_text(data, "Merci !")


def test_no_placeholder_is_left_empty(tmp_path):
    decks = [
        render_file(EXAMPLE),
        render(tmp_path / "a", program=[]),
        render_file(hostile_event(tmp_path / "b")),
    ]
    for data in decks:
        for slide in Presentation(io.BytesIO(data)).slides:
            for placeholder in slide.placeholders:
                assert placeholder.text_frame.text.strip(), placeholder.name


def test_slides_carry_speaker_notes():
    prs = Presentation(io.BytesIO(render_file(EXAMPLE)))
    notes = [s.notes_slide.notes_text_frame.text for s in prs.slides if s.has_notes_slide]
    assert len(notes) == len(prs.slides)
    assert "transition numérique" in notes[0]


def test_long_lists_are_split_over_several_slides(tmp_path):
    data = render_file(hostile_event(tmp_path))
    names = titles(data)
    program = [t for t in names if t.startswith("Programme (")]
    assert len(program) >= 3
    assert program == [f"Programme ({n}/{len(program)})" for n in range(1, len(program) + 1)]
    partners = [t for t in names if t.startswith("Organisateurs et partenaires (")]
    assert len(partners) >= 2
    assert any(t.startswith("Notre vision commune (") for t in names)
    text = "\n".join("\n".join(texts) for _, texts in slide_texts(data))
    assert in_order(text, [f"Séquence {n:02d}" for n in range(40)])
    assert "et 1" in text  # twenty speakers on one item: the last ones are counted
    assert "…" in text  # what cannot fit is shortened, not overflowing


# --- Untrusted text --------------------------------------------------------------------------
def test_untrusted_text_stays_text(tmp_path):
    folder = tmp_path / "e"
    folder.mkdir()
    (folder / "event.yaml").write_text(
        'title: "<script>alert(1)</script> {{ 7*7 }} \\e\\x85\\0 fin\\uFFFE"\n'
        "date: 2027-11-18\nformat: online\n"
        'organizers: [{name: "A & B <i>"}]\n'
        "program: [{start: '09:00', duration: 30, title: \"${jndi:x} \\a\\b\", kind: talk}]\n",
        encoding="utf-8",
    )
    data = render_file(folder / "event.yaml")
    first = titles(data)[0]
    assert first == "<script>alert(1)</script> {{ 7*7 }} fin"
    assert "49" not in first
    assert "A & B <i>" in slide_text(data, "Organisateurs")
    assert "${jndi:x}" in slide_text(data, "Programme")
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        xml = package.read("ppt/slides/slide1.xml").decode("utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in xml
    assert "<script>" not in xml
    assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe]", xml)


def test_clean_removes_what_xml_cannot_hold():
    assert slides.clean("a\x00b\x1bc\x85d\ud800e\ufffef\u2028g\n\th") == "a b c d e f g h"
    assert slides.clean(None) == ""


# --- Logos -----------------------------------------------------------------------------------
def test_valid_logos_are_embedded_and_others_shown_as_names(tmp_path):
    folder = tmp_path / "evenement"
    shutil.copytree(LOGOS, folder / "logos")
    shutil.copy(LOGOS / "association.png", tmp_path / "dehors.png")
    organizers = [
        {"name": "Asso PNG", "lead": True, "logo": "logos/association.png"},
        {"name": "Asso absente", "logo": "logos/absent.png"},
        {"name": "Asso évadée", "logo": "../dehors.png"},
    ]
    partners = [
        {"name": "Fondation EDF", "role": "funder", "logo": "logos/partenaire.jpg"},
        {"name": "Financeur GIF", "role": "funder", "logo": "logos/financeur.gif"},
        {"name": "Faux logo", "logo": "logos/pas-une-image.png"},
        {"name": "Logo tronqué", "logo": "logos/tronque.png"},
        {"name": "Logo vectoriel", "logo": "logos/vectoriel.svg"},
    ]
    data = render(folder, organizers=organizers, partners=partners)
    prs = Presentation(io.BytesIO(data))
    [slide] = [s for s in prs.slides if s.shapes.title.text == "Organisateurs et partenaires"]
    pictures = [s for s in slide.shapes if s.shape_type == 13]  # MSO_SHAPE_TYPE.PICTURE
    described = sorted(p._element.xpath("./p:nvPicPr/p:cNvPr/@descr")[0] for p in pictures)
    assert described == ["Logo de Asso PNG", "Logo de Financeur GIF", "Logo de Fondation EDF"]
    for picture in pictures:  # inside the slide, aspect ratio kept
        assert picture.left >= 0 and picture.top >= 0
        assert picture.left + picture.width <= prs.slide_width
        assert picture.top + picture.height <= prs.slide_height
    png = next(p for p in pictures if "Asso PNG" in p.name)
    assert abs(png.width / png.height - 2.0) < 0.01
    text = slide_text(data, "Organisateurs et partenaires")
    for name in ("Asso absente", "Asso évadée", "Faux logo", "Logo tronqué", "Logo vectoriel"):
        assert name in text
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        media = sorted(n for n in package.namelist() if n.startswith("ppt/media/"))
    assert len(media) == 3  # the escaping file was never read into the deck


# --- Determinism -----------------------------------------------------------------------------
def test_same_event_gives_identical_bytes():
    first, second = render_file(EXAMPLE), render_file(EXAMPLE)
    assert first == second


def test_package_metadata_is_fixed_and_derived_from_the_event():
    data = render_file(EXAMPLE)
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        infos = package.infolist()
    assert infos[0].filename == "[Content_Types].xml"
    names = [i.filename for i in infos[1:]]
    assert names == sorted(names)
    assert {i.date_time for i in infos} == {(1980, 1, 1, 0, 0, 0)}
    assert "docProps/thumbnail.jpeg" not in names
    props = Presentation(io.BytesIO(data)).core_properties
    assert props.created == props.modified == dt.datetime(2027, 11, 18, 9, 0)
    assert props.title == "RéZolutions numériques Centre-Val de Loire"
    assert props.language == "fr-FR"
    assert props.last_modified_by == "rzn"


# --- Through LibreOffice ---------------------------------------------------------------------
def test_libreoffice_reads_the_programme_in_order(tmp_path):
    pptx = tmp_path / "opening-slides.pptx"
    pptx.write_bytes(render_file(EXAMPLE))
    pdf = to_pdf(pptx)
    text = pdf_text(pdf, "-layout")
    event = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    items = sorted(event["program"], key=lambda i: i["start"])
    assert in_order(text, [i["title"].split(" du ")[0][:30] for i in items])
    assert in_order(text, ["09:00 – 09:30", "09:30 – 10:30", "16:30 – 17:00"])
    lines = text.splitlines()
    line = next(x for x in lines if "10:45 – 12:00" in x and "Mobiliser" in x)
    assert re.search(r"10:45 – 12:00\s+Mobiliser des bénévoles en ligne\s+Salle 1\s+Marc", line)
    pages = pdf_words(pdf)
    assert len(pages) == 6
    assert {size for size, _ in pages} == {(960, 540)}  # 13.33 × 7.5 inches: 16:9


def test_libreoffice_shows_nothing_outside_its_box(tmp_path):
    """Forty long items, long names: every word stays above the footer and inside the slide."""
    pptx = tmp_path / "opening-slides.pptx"
    pptx.write_bytes(render_file(hostile_event(tmp_path / "e")))
    pdf = to_pdf(pptx)
    text = pdf_text(pdf)
    assert in_order(text, [f"Séquence {n:02d}" for n in range(40)])
    footer_top = geometry.FOOTER_TOP - 1
    for number, ((width, height), boxes) in enumerate(pdf_words(pdf), start=1):
        assert (width, height) == (960, 540)
        for x_min, y_min, x_max, y_max in boxes:
            assert x_min >= 0 and x_max <= width, (number, x_min, x_max)
            assert y_min >= 0 and y_max <= height, (number, y_min, y_max)
            if number > 1 and y_min < footer_top:  # the body ends above the footer
                assert y_max <= geometry.BODY_BOTTOM + 1, (number, y_max)


# --- Text measurement ------------------------------------------------------------------------
DEJAVU = (
    ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", False),
    (
        "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
        True,
    ),
)
SAMPLE = (
    "".join(chr(c) for c in range(32, 127))
    + "àâäçéèêëîïôöùûüÿœæÀÂÄÇÉÈÊËÎÏÔÖÙÛÜŸŒÆ«»’–—…€°·ß"
    + "\u00a0\u202f"
)


@pytest.mark.parametrize(("font_file", "bold"), DEJAVU)
def test_character_widths_are_at_least_dejavu_sans(font_file, bold):
    """The measure's premise: no glyph of the fallback font is wider than assumed."""
    from PIL import ImageFont

    if not Path(font_file).is_file():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{font_file} introuvable : installez le paquet Debian fonts-dejavu-core")
        pytest.skip(f"{font_file} introuvable")
    font = ImageFont.truetype(font_file, 1000)
    for char in SAMPLE:
        assert slides_text.char_em(char, bold) * 1000 >= font.getlength(char), char


def test_lines_break_at_spaces_and_after_hyphens():
    def lines(text: str, width_em: float) -> int:
        return slides_text.line_count((slides_text.Run(text),), width_em * 10, 10)

    assert lines("", 5) == 1
    assert lines("aaaa aaaa", 10) == 1
    assert lines("aaaa aaaa", 4) == 2
    assert lines("aaaa-aaaa", 4) == 2  # no space, but a hyphen to break after
    # A word longer than the line is cut, and nothing is assumed to follow on its last line.
    assert lines("a" * 20, 7) == 2  # ten letters a line
    assert lines("a" * 20 + " a", 7) == 3


# --- The package, written without python-pptx -------------------------------------------------
EXAMPLE_EVENTS = sorted(EXAMPLES.glob("*/event.yaml"))
_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
_CT = "{http://schemas.openxmlformats.org/package/2006/content-types}"


def check_package(data: bytes) -> dict[str, bytes]:
    """Every part well-formed, typed and reached by a relationship; every target present.

    Returns the parts by name.
    """
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        assert package.testzip() is None
        parts = {name: package.read(name) for name in package.namelist()}
    assert len(parts) == len(package.namelist())  # no name twice
    types = ElementTree.fromstring(parts["[Content_Types].xml"])
    defaults = {e.attrib["Extension"] for e in types.iter(f"{_CT}Default")}
    overrides = {e.attrib["PartName"] for e in types.iter(f"{_CT}Override")}
    assert overrides <= {"/" + name for name in parts}
    reached = {"[Content_Types].xml"}
    for name, content in parts.items():
        if name.endswith((".xml", ".rels")):
            ElementTree.fromstring(content)  # raises on anything not well-formed
        if name != "[Content_Types].xml":
            assert "/" + name in overrides or name.rpartition(".")[2] in defaults, name
        if not name.endswith(".rels"):
            continue
        reached.add(name)
        folder, _, file = name.rpartition("_rels/")
        source = folder + file.removesuffix(".rels")
        ids = []
        for rel in ElementTree.fromstring(content).iter(_REL):
            ids.append(rel.attrib["Id"])
            target = posixpath.normpath(
                posixpath.join(posixpath.dirname(source), rel.attrib["Target"])
            )
            assert target in parts, (name, target)
            reached.add(target)
        assert len(ids) == len(set(ids)), name
        # Whatever the part points to by id is one of its relationships.
        if source in parts:
            used = set(re.findall(rb'r:(?:id|embed)="([^"]*)"', parts[source]))
            assert used <= {i.encode() for i in ids}, (source, used)
    assert reached == set(parts), set(parts) - reached
    return parts


def logo_event(folder: Path) -> Path:
    """Organisers and partners with every kind of logo, some twice, and some without one."""
    shutil.copytree(LOGOS, folder / "logos")
    organizers = [
        {"name": "Asso PNG", "lead": True, "logo": "logos/association.png"},
        {"name": "Asso absente", "logo": "logos/absent.png"},
        {"name": "Asso sœur, même logo", "logo": "logos/association.png"},
    ]
    partners = [
        {"name": "Fondation EDF", "role": "funder", "logo": "logos/partenaire.jpg"},
        {"name": "Financeur GIF", "role": "funder", "logo": "logos/financeur.gif"},
        {"name": "Logo vectoriel", "logo": "logos/vectoriel.svg"},
        {"name": "Encore le PNG", "logo": "logos/association.png"},
    ]
    event = {**BASE, "organizers": organizers, "partners": partners}
    path = folder / "event.yaml"
    path.write_text(yaml.safe_dump(event, allow_unicode=True), encoding="utf-8")
    return path


@pytest.mark.parametrize("path", EXAMPLE_EVENTS, ids=lambda p: p.parent.name)
def test_example_decks_are_complete_packages(path):
    data = render_file(path)
    parts = check_package(data)
    slides_xml = [n for n in parts if re.fullmatch(r"ppt/slides/slide\d+\.xml", n)]
    prs = Presentation(io.BytesIO(data))
    assert len(slides_xml) == len(prs.slides) >= 6
    assert "docProps/thumbnail.jpeg" not in parts
    assert normalise_zip(data) == data  # already sorted, dated and compressed as zipfile does


@pytest.mark.parametrize("path", EXAMPLE_EVENTS, ids=lambda p: p.parent.name)
def test_example_decks_read_back_with_python_pptx(path):
    data = render_file(path)
    event, _ = validate(load_path(path))
    assert event is not None
    prs = Presentation(io.BytesIO(data))
    slides_ = list(prs.slides)
    # The organisers' charter when the example gives one (Pontivy), rzn's colours otherwise.
    palette = geometry.palette(charter_style(event.charter))
    assert slides_[0].slide_layout.name == "Title Slide"
    assert [p.placeholder_format.type for p in slides_[0].placeholders] == [3, 4]  # ctrTitle, sub
    assert str(slides_[0].background.fill.fore_color.rgb) == palette.accent
    for slide in slides_[1:]:
        assert slide.slide_layout.name == "Title Only"
        [footer] = [s for s in slide.shapes if s.name == "Pied de page"]
        assert footer.text_frame.text.startswith(slides.clean(event.title)[:20])
        bar = next(s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.AUTO_SHAPE)
        assert str(bar.fill.fore_color.rgb) == palette.highlight
        assert bar.line.fill.type == MSO_FILL_TYPE.BACKGROUND  # no outline
        assert not bar._element.xpath("./p:style")  # nor the theme's shadow
    # Notes on the first slide of each part, and only there.
    for slide in slides_:
        page = re.search(r"\((\d+)/\d+\)$", slide.shapes.title.text_frame.text)
        assert slide.has_notes_slide == (page is None or page.group(1) == "1")
        if slide.has_notes_slide:
            assert slide.notes_slide.notes_text_frame.text.strip()
    # Every run in French, sized and coloured.
    for slide in slides_:
        for shape in slide.shapes:
            frames = [shape.text_frame] if shape.has_text_frame else []
            if shape.has_table:
                frames = [c.text_frame for row in shape.table.rows for c in row.cells]
            for frame in frames:
                for paragraph in frame.paragraphs:
                    for run in paragraph.runs:
                        assert run.font.language_id == MSO_LANGUAGE_ID.FRENCH
                        assert run.font.size is not None and run.font.color.rgb is not None
    # The programme: one row per item, plus a header row per slide.
    tables = [s.table for slide in slides_ for s in slide.shapes if s.has_table]
    assert sum(len(t.rows) - 1 for t in tables) == len(event.program)
    assert all(t.first_row and not t.horz_banding for t in tables)
    # One picture per organisation whose logo is a usable raster image, the image its bytes.
    logos = [
        load_logo(path.parent, m.logo)
        for m in [*event.organizers, *event.partners]
        if m.logo and (path.parent / m.logo).is_file()
    ]
    expected = sorted(logo.data for logo in logos if logo.format.raster)
    pictures = [
        s for slide in slides_ for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE
    ]
    assert sorted(p.image.blob for p in pictures) == expected
    for picture in pictures:
        assert picture.name.startswith("Logo : ")
        descr = picture._element.xpath("./p:nvPicPr/p:cNvPr/@descr")[0]
        assert descr == "Logo de " + picture.name.removeprefix("Logo : ")


def test_logos_are_stored_once_with_their_content_type(tmp_path):
    data = render_file(logo_event(tmp_path / "e"))
    parts = check_package(data)
    media = sorted(n for n in parts if n.startswith("ppt/media/"))
    assert media == ["ppt/media/image1.png", "ppt/media/image2.jpg", "ppt/media/image3.gif"]
    types = parts["[Content_Types].xml"].decode()
    for extension, mime in (("png", "png"), ("jpg", "jpeg"), ("gif", "gif")):
        assert f'<Default Extension="{extension}" ContentType="image/{mime}"/>' in types
    prs = Presentation(io.BytesIO(data))
    [slide] = [s for s in prs.slides if s.shapes.title.text == "Organisateurs et partenaires"]
    pictures = [s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
    assert len(pictures) == 5  # the PNG three times, on one relationship of the slide
    embeds = [p._element.xpath("./p:blipFill/a:blip/@r:embed")[0] for p in pictures]
    assert len(set(embeds)) == 3
    assert [s.name for s in slide.shapes if s.name.startswith("Nom : ")] == [
        "Nom : Asso absente",
        "Nom : Logo vectoriel",
    ]


def test_a_multi_picture_jpeg_is_embedded_as_jpeg(tmp_path):
    """Cameras write MPO files, JPEG to every reader: python-pptx refused them, rzn keeps them."""
    from PIL import Image

    folder = tmp_path / "e"
    (folder / "logos").mkdir(parents=True)
    first, second = Image.new("RGB", (200, 100), "red"), Image.new("RGB", (200, 100), "blue")
    first.save(folder / "logos" / "photo.jpg", "MPO", save_all=True, append_images=[second])
    organizers = [{"name": "Asso photo", "lead": True, "logo": "logos/photo.jpg"}]
    data = render(folder, organizers=organizers)
    parts = check_package(data)
    assert [n for n in parts if n.startswith("ppt/media/")] == ["ppt/media/image1.jpg"]
    prs = Presentation(io.BytesIO(data))
    [picture] = [
        s for slide in prs.slides for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE
    ]
    assert picture.name == "Logo : Asso photo"
    assert picture.image.blob == (folder / "logos" / "photo.jpg").read_bytes()
    types = parts["[Content_Types].xml"].decode()
    assert '<Default Extension="jpg" ContentType="image/jpeg"/>' in types


HOSTILE = (
    "<b>x</b> & &amp; ]]> \"q\" 'a' {{ 7*7 }} {% raw %} \x07\x1b\x85 \u202eשלום مرحبا 👩‍👩‍👧 fin"
)
LONG_WORD = "Anticonstitutionnellement" * 8


def test_hostile_text_reads_back_verbatim(tmp_path):
    expected = slides.clean(HOSTILE)
    assert "\x07" not in expected and "<b>x</b>" in expected and "]]>" in expected
    # A speakers' cell holds two lines a name: a short one.
    speakers = [{"id": "s1", "name": 'A & <B> "c"', "organization": "]]> {{ x }}"}]
    program = [
        {"start": "09:00", "duration": 30, "title": HOSTILE, "kind": "welcome", "room": HOSTILE},
        {"start": "09:30", "duration": 60, "title": LONG_WORD, "kind": "talk", "speakers": ["s1"]},
    ]
    data = render(
        tmp_path,
        title=HOSTILE,
        organizers=[{"name": HOSTILE, "lead": True}],
        partners=[{"name": "P " + HOSTILE[:40], "role": "partner"}],
        objectives=[HOSTILE, LONG_WORD],
        venue={
            "name": HOSTILE,
            "wifi": HOSTILE,
            "rooms": [{"name": HOSTILE, "capacity": 20, "kind": "plenary"}],
        },
        speakers=speakers,
        program=program,
    )
    check_package(data)
    prs = Presentation(io.BytesIO(data))
    first = prs.slides[0]
    assert first.shapes.title.text_frame.text == expected
    assert prs.core_properties.title == expected
    assert prs.core_properties.author == expected
    vision = slide_text(data, "Notre vision commune").split("\n")
    assert expected in vision and LONG_WORD in vision
    program_cells = slide_text(data, "Programme").split("\n")
    assert expected in program_cells  # the title and the room
    assert LONG_WORD in program_cells
    assert 'A & <B> "c" (]]> {{ x }})' in program_cells
    # A name card too small for the organiser's name shows it shortened, the partner's whole.
    partner = slides.clean("P " + HOSTILE[:40])
    assert partner in slide_text(data, "Organisateurs et partenaires").split("\n")
    names = [s.name for slide in prs.slides for s in slide.shapes if s.name.startswith("Nom : ")]
    assert names == [f"Nom : {expected[:80]}", f"Nom : {partner}"]
    practical = slide_text(data, "Informations pratiques")
    assert f"Wi-Fi : {expected}" in practical
    assert f"Plénière : {expected}" in practical
    assert 'A & <B> "c" (]]> {{ x }})' in slide_text(data, "Merci !")


def test_hostile_decks_are_identical_from_one_build_to_the_next(tmp_path):
    for path in (hostile_event(tmp_path / "h"), logo_event(tmp_path / "l")):
        first = render_file(path)
        assert render_file(path) == first
        assert normalise_zip(first) == first
        check_package(first)


def test_the_template_parts_are_built_once():
    slides_template.template.cache_clear()
    render_file(EXAMPLE)
    render_file(EXAMPLE)
    info = slides_template.template.cache_info()
    assert (info.misses, info.hits) == (1, 1)


def test_a_deck_needs_no_python_pptx_once_the_template_is_built(monkeypatch, tmp_path):
    expected = render_file(EXAMPLE)
    for name in [n for n in sys.modules if n == "pptx" or n.startswith("pptx.")]:
        monkeypatch.setitem(sys.modules, name, None)  # importing it now raises ImportError
    assert render_file(EXAMPLE) == expected
    render_file(logo_event(tmp_path / "l"))


def test_libreoffice_converts_every_example_deck(tmp_path):
    sources = []
    for path in EXAMPLE_EVENTS:
        pptx = tmp_path / "in" / f"{path.parent.name}.pptx"
        pptx.parent.mkdir(exist_ok=True)
        pptx.write_bytes(render_file(path))
        sources.append(pptx)
    pdfs = libreoffice_convert(sources, "pdf", tmp_path / "out")
    for source, pdf in zip(sources, pdfs, strict=True):
        slide_count = len(Presentation(source).slides)
        pages = pdf_words(pdf)
        assert len(pages) == slide_count, source.name
        assert {size for size, _ in pages} == {(960, 540)}, source.name
        text = pdf_text(pdf)
        assert "Notre vision commune" in text and "Merci !" in text, source.name


def test_bidirectional_overrides_are_dropped_and_the_text_kept():
    """U+202E would show the rest of the footer backwards; the letters themselves stay."""
    assert slides.clean("Journée \u202eRTL\u202c \u2067שלום\u2069 fin") == "Journée RTL שלום fin"


def test_text_typeset_once_per_process_changes_no_byte_of_any_deck(monkeypatch):
    from rzn.check import CheckOptions, check_file
    from rzn.render import french
    from rzn.render.ooxml import inline
    from rzn.render.registry import all_documents

    build = all_documents()["opening-slides"]
    today = dt.date(2027, 9, 1)
    contexts = []
    for path in sorted(Path(__file__).resolve().parents[2].glob("examples/*/event.yaml")):
        event = check_file(str(path), CheckOptions(today=today)).event
        assert event is not None
        contexts.append(RenderContext(event, today, environment(()), path.parent))
    decks = [[f.content for f in build(ctx)] for ctx in contexts]
    again = [[f.content for f in build(ctx)] for ctx in contexts]  # from the cache, this time
    monkeypatch.setattr(slides_text, "_typeset", lambda text: inline(french.typography(text)))
    assert decks == again == [[f.content for f in build(ctx)] for ctx in contexts]
