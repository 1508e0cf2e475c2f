"""rzn render --pdf: WeasyPrint's PDFs read back with poppler (pdftotext, pdfinfo, pdfimages)."""

from __future__ import annotations

import base64
import builtins
import datetime as dt
import re
import shutil
import subprocess
import sys
import types
from pathlib import Path

import pytest
import yaml

from rzn.model.event import Event
from rzn.render import build_documents
from rzn.render.documents.run_sheet import programme
from rzn.render.pdf import html_to_pdf, moment, printed
from tests.conftest import EXAMPLES, plain
from tests.programs import pdf_text, require_program, require_weasyprint

TODAY = dt.date(2027, 9, 1)
EXAMPLE = EXAMPLES / "joue-les-tours-2027"
LOGO = Path(__file__).resolve().parent.parent / "data" / "logos" / "association.png"

TITLE = "RéZolutions numériques « Val-de-Loire » & co"
LONG_DAY = {
    "title": TITLE,
    "date": "2027-11-18",
    "start": "08:00",
    "end": "18:30",
    "format": "in_person",
    "organizers": [{"name": "Le Mouvement associatif", "lead": True}],
    "venue": {"name": "Espace Malraux", "rooms": [{"name": "Salle A", "capacity": 40}]},
    # Enough items for the landscape run sheet to need several pages.
    "program": [
        {
            "start": f"{8 + (20 * i) // 60:02d}:{(20 * i) % 60:02d}",
            "duration": 20,
            "title": f"Séquence {i + 1:02d} : l'outil <n°{i + 1}> & ses usages",
            "kind": "workshop" if i in (3, 11) else "talk",
            "room": "Salle A",
            "equipment": ["Vidéoprojecteur", "Micro sans fil", "Paperboard"],
        }
        for i in range(24)
    ],
}


def _pages(pdf: Path) -> list[str]:
    """The text of each page, whitespace made single spaces."""
    count = _page_count(pdf)
    return [
        " ".join(pdf_text(pdf, "-raw", "-f", str(n), "-l", str(n)).split())
        for n in range(1, count + 1)
    ]


def _page_count(pdf: Path) -> int:
    info = subprocess.run(
        [require_program("pdfinfo"), str(pdf)], check=True, capture_output=True, text=True
    ).stdout
    return int(re.search(r"^Pages:\s+(\d+)$", info, re.MULTILINE)[1])  # type: ignore[index]


def _page_sizes(pdf: Path) -> list[tuple[float, float]]:
    info = subprocess.run(
        [require_program("pdfinfo"), "-f", "1", "-l", "999", str(pdf)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return [
        (float(w), float(h))
        for w, h in re.findall(r"^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts", info, re.M)
    ]


A4 = (595.276, 841.89)


def _is_a4(size: tuple[float, float], landscape: bool) -> bool:
    width, height = size
    expected = (A4[1], A4[0]) if landscape else A4
    return abs(width - expected[0]) < 1 and abs(height - expected[1]) < 1


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The example and a long day, rendered with --pdf through the command line."""
    require_weasyprint()
    require_program("pdftotext")
    from rzn.cli import main

    tmp = tmp_path_factory.mktemp("pdf")
    folders = {}
    long_day = tmp / "long-day" / "event.yaml"
    long_day.parent.mkdir()
    long_day.write_text(yaml.safe_dump(LONG_DAY, allow_unicode=True), encoding="utf-8")
    for name, event in (("example", EXAMPLE / "event.yaml"), ("long-day", long_day)):
        out = tmp / "out" / name
        code = main(["render", str(event), "-o", str(out), "--today", "2027-09-01", "--pdf"])
        assert code == 0
        folders[name] = out
    return folders


@pytest.mark.parametrize("name", ["example", "long-day"])
def test_each_printed_html_has_its_pdf_beside_it(rendered, name):
    out = rendered[name]
    html = {p.relative_to(out).as_posix() for p in out.rglob("*.html")}
    pdfs = {p.relative_to(out).as_posix() for p in out.rglob("*.pdf")}
    assert {p for p in html if printed(p)} == {p.removesuffix(".pdf") + ".html" for p in pdfs}
    assert "run-sheet.pdf" in pdfs and "checklist.pdf" in pdfs
    assert any(p.startswith("workshops/") for p in pdfs)
    for pdf in pdfs:
        assert (out / pdf).read_bytes().startswith(b"%PDF-")


@pytest.mark.parametrize("name", ["example", "long-day"])
def test_run_sheet_is_landscape_a4_and_the_others_portrait(rendered, name):
    out = rendered[name]
    assert all(_is_a4(size, landscape=True) for size in _page_sizes(out / "run-sheet.pdf"))
    for pdf in [out / "checklist.pdf", *sorted((out / "workshops").glob("*.pdf"))]:
        sizes = _page_sizes(pdf)
        assert sizes and all(_is_a4(size, landscape=False) for size in sizes), pdf.name


@pytest.mark.parametrize("name", ["example", "long-day"])
def test_run_sheet_pdf_has_the_programme_in_order(rendered, name):
    event = _event(EXAMPLE / "event.yaml") if name == "example" else Event.model_validate(LONG_DAY)
    text = " ".join(_pages(rendered[name] / "run-sheet.pdf"))
    position = 0
    for item in programme(event):
        found = text.find(" ".join(item.title.split()), position)
        assert found >= 0, (item.title, text[position : position + 300])
        position = found + 1


@pytest.mark.parametrize("name", ["example", "long-day"])
def test_every_page_has_the_event_title_and_its_number(rendered, name):
    out = rendered[name]
    title = TITLE if name == "long-day" else _event(EXAMPLE / "event.yaml").title
    pdfs = [
        out / "checklist.pdf",
        out / "run-sheet.pdf",
        *sorted((out / "workshops").glob("*.pdf")),
    ]
    for pdf in pdfs:
        pages = _pages(pdf)
        for number, page in enumerate(pages, start=1):
            assert title in page, (pdf.name, number, page[:200])
            assert f"page {number} / {len(pages)}" in page, (pdf.name, number, page[-200:])
    if name == "long-day":
        assert len(_pages(out / "run-sheet.pdf")) >= 2
        assert len(_pages(out / "checklist.pdf")) >= 2


def test_workshop_pdf_is_the_workshop_sheet(rendered):
    out = rendered["example"]
    text = " ".join(_pages(out / "workshops" / "lever-et-gerer-des-fonds.pdf"))
    assert "Fiche technique — Lever et gérer des fonds" in text
    assert "Déroulé" in text and "Matériel" in text


def test_same_html_same_pdf_with_the_event_date(tmp_path):
    weasyprint = require_weasyprint()
    event = _event(EXAMPLE / "event.yaml")
    _, files = build_documents(str(EXAMPLE / "event.yaml"), TODAY)
    html = next(f.content for f in files if f.path == "checklist.html")
    first = html_to_pdf(weasyprint, html, moment(event))
    assert html_to_pdf(weasyprint, html, moment(event)) == first
    (tmp_path / "checklist.pdf").write_bytes(first)
    info = subprocess.run(
        [require_program("pdfinfo"), "-isodates", str(tmp_path / "checklist.pdf")],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    # When the event starts, with the offset of its time zone.
    assert re.search(r"^CreationDate:\s+2027-11-18T09:00:00\+01$", info, re.MULTILINE), info
    assert re.search(r"^ModDate:\s+2027-11-18T09:00:00\+01$", info, re.MULTILINE), info


def test_pdf_reads_data_urls_but_never_a_local_file(tmp_path):
    """A user's template may embed an image; it cannot make the PDF read a file."""
    require_weasyprint()
    pdfimages = require_program("pdfimages")
    data = base64.b64encode(LOGO.read_bytes()).decode("ascii")
    templates = tmp_path / "gabarits"
    templates.mkdir()
    (templates / "checklist.html.j2").write_text(
        '{% extends "default:checklist.html.j2" %}{% block summary %}'
        f'<img src="data:image/png;base64,{data}" alt="">'
        f'<img src="{LOGO.as_uri()}" alt="">'
        '<img src="https://example.org/logo.png" alt="">{% endblock %}',
        encoding="utf-8",
    )

    def images(folders: tuple[str, ...]) -> list[str]:
        _, files = build_documents(str(EXAMPLE / "event.yaml"), TODAY, folders, pdf=True)
        pdf = tmp_path / "checklist.pdf"
        pdf.write_bytes(next(f.content for f in files if f.path == "checklist.pdf"))
        return subprocess.run(
            [pdfimages, "-list", str(pdf)], check=True, capture_output=True, text=True
        ).stdout.splitlines()[2:]

    # The header's logos are data: URLs too; the template adds exactly one image, its own.
    default, custom = images(()), images((str(templates),))
    assert len(custom) == len(default) + 1, custom


def test_pdf_without_weasyprint_says_how_to_install_it_and_writes_nothing(
    rzn, tmp_path, monkeypatch
):
    monkeypatch.setitem(sys.modules, "weasyprint", None)  # import fails
    folder = tmp_path / "joue"
    shutil.copytree(EXAMPLE, folder)
    result = rzn("render", str(folder), "--today", "2027-09-01", "--pdf")
    assert result.code == 2
    assert result.out == ""
    assert result.err == (
        "rzn : --pdf a besoin de WeasyPrint, qui n'est pas installé. Installez-le avec :\n"
        '    pip install "rzn[pdf]"\n'
        "puis relancez la commande. Aucun document n'a été écrit.\n"
    )
    assert not (folder / "build").exists()


def test_pdf_with_an_old_weasyprint_asks_for_an_upgrade(rzn, tmp_path, monkeypatch):
    old = types.ModuleType("weasyprint")
    old.__version__ = "61.2"  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "weasyprint", old)
    out = tmp_path / "sortie"
    result = rzn("render", str(EXAMPLE), "-o", str(out), "--today", "2027-09-01", "--pdf")
    assert result.code == 2
    assert result.err == (
        "rzn : --pdf a besoin de WeasyPrint 68 ou plus récent (installé : 61.2). Mettez-le à "
        'jour avec :\n    pip install --upgrade "rzn[pdf]"\npuis relancez la commande. Aucun '
        "document n'a été écrit.\n"
    )
    assert not out.exists()


def test_pdf_without_pango_names_the_system_libraries(rzn, tmp_path, monkeypatch):
    real_import = builtins.__import__

    def without_pango(name, *args, **kwargs):
        if name == "weasyprint":
            raise OSError("cannot load library 'libpango-1.0-0'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", without_pango)
    out = tmp_path / "sortie"
    result = rzn("render", str(EXAMPLE), "-o", str(out), "--today", "2027-09-01", "--pdf")
    assert result.code == 2
    assert "libpango-1.0-0 libpangoft2-1.0-0" in result.err
    assert "Aucun document n'a été écrit." in result.err
    assert not out.exists()


def test_printed_documents_are_the_checklist_run_sheet_and_workshop_sheets():
    assert printed("checklist.html") and printed("run-sheet.html")
    assert printed("workshops/atelier.html")
    assert not printed("workshops/atelier.md")
    assert not printed("mailings/invitation.html")
    assert not printed("workshops/sous/dossier.html")


def _event(path: Path):
    from rzn.load import load_path
    from rzn.model.validate import validate

    event, problems = validate(load_path(path))
    assert event is not None, problems
    return event


def test_several_events_printed_by_worker_processes(tmp_path, rzn):
    """WeasyPrint in forked workers: each event gets its own PDFs, with its own title."""
    require_weasyprint()
    names = ("joue-les-tours-2027", "pontivy-2027", "hauts-de-france-hybride-2027")
    for name in names:
        shutil.copytree(EXAMPLES / name, tmp_path / name)
    events = [str(tmp_path / name / "event.yaml") for name in names]

    result = rzn("render", *events, "--today", "2027-09-01", "--pdf", "-j", "2")

    assert result.code == 0, result.err
    for name in names:
        title = yaml.safe_load((tmp_path / name / "event.yaml").read_text(encoding="utf-8"))
        first_page = pdf_text(tmp_path / name / "build" / "checklist.pdf").splitlines()
        assert title["title"] in " ".join(first_page[:3])


def _structure(pdf: Path) -> tuple[list[str], dict[str, list[str]]]:
    """The structure tree's element types in reading order, and the text alternatives."""
    import pikepdf  # the test extra: an independent reader of the PDF's structure

    kinds: list[str] = []
    alts: dict[str, list[str]] = {}
    with pikepdf.open(pdf) as document:
        root = document.Root
        assert root.MarkInfo.Marked is True, pdf.name
        assert str(root.Lang) == "fr", pdf.name

        def walk(node: object) -> None:
            if isinstance(node, pikepdf.Array):
                for child in node:
                    walk(child)
            elif isinstance(node, pikepdf.Dictionary):
                kind = node.get("/S")
                if kind is not None:
                    kinds.append(str(kind)[1:])
                    if "/Alt" in node:
                        alts.setdefault(str(kind)[1:], []).append(str(node.Alt))
                if "/K" in node:
                    walk(node.K)

        walk(root.StructTreeRoot)
    return kinds, alts


@pytest.mark.parametrize("name", ["example", "long-day"])
def test_every_pdf_is_tagged_with_headings_tables_and_reading_order(rendered, name):
    """PDF/UA: pdfinfo says it is tagged, pikepdf reads the structure tree back."""
    out = rendered[name]
    pdfs = sorted(out.rglob("*.pdf"))
    assert pdfs
    for pdf in pdfs:
        info = subprocess.run(
            [require_program("pdfinfo"), str(pdf)], check=True, capture_output=True, text=True
        ).stdout
        assert re.search(r"^Tagged:\s+yes$", info, re.MULTILINE), (pdf.name, info)
        kinds, alts = _structure(pdf)
        assert kinds[0] == "Document" and kinds.count("H1") == 1, pdf.name
        assert "H2" in kinds and kinds.index("H1") < kinds.index("H2"), pdf.name
        if pdf.name in ("checklist.pdf", "run-sheet.pdf"):
            for table_part in ("Table", "THead", "TH", "TBody", "TD"):
                assert table_part in kinds, (pdf.name, table_part)
        # Logos and the posters' QR codes are figures with their text alternative, never
        # silent images.
        figures = [plain(alt) for alt in alts.get("Figure", [])]
        assert all(alt.startswith(("Logo : ", "Code QR ")) for alt in figures), alts
    example = rendered["example"] / "run-sheet.pdf"
    assert len(_structure(example)[1].get("Figure", [])) >= 1


def test_workshop_sheet_keeps_its_validation_with_its_signature(rendered):
    """No printed page holds the signature box alone."""
    for pdf in sorted((rendered["example"] / "workshops").glob("*.pdf")):
        for page in _pages(pdf):
            if "Validé par" in page:
                assert "À valider par l'intervenant·e" in page and "Contenu" in page, page
