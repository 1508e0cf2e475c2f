"""public/: the event's public page, posters, share image — read back with independent parsers."""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import icalendar
import pytest
from PIL import Image

from tests.conftest import EXAMPLES, plain
from tests.programs import require_program, require_weasyprint

TODAY = "2027-09-01"


def _render(rzn, event: Path, out: Path, *extra: str) -> dict[str, bytes]:
    result = rzn("render", str(event), "-o", str(out), "--today", TODAY, *extra)
    assert result.code == 0, result.out + result.err
    folder = out / "public"
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*")}


def _json_ld(html: str) -> dict:
    import extruct

    data = extruct.extract(html, syntaxes=["json-ld"], uniform=True)["json-ld"]
    events = [item for item in data if item.get("@type") == "Event"]
    assert len(events) == 1, data
    return events[0]


def _open_graph(html: str) -> dict[str, str]:
    import extruct

    graphs = extruct.extract(html, syntaxes=["opengraph"], uniform=False)["opengraph"]
    assert len(graphs) == 1
    return dict(graphs[0]["properties"])


@pytest.mark.parametrize("name", sorted(p.parent.name for p in EXAMPLES.glob("*/event.yaml")))
def test_json_ld_has_what_search_engines_require(rzn, tmp_path, name):
    import yaml

    source = yaml.safe_load((EXAMPLES / name / "event.yaml").read_text(encoding="utf-8"))
    files = _render(rzn, EXAMPLES / name / "event.yaml", tmp_path / "out")
    event = _json_ld(files["index.html"].decode("utf-8"))
    # Google's required properties for Event rich results: name, startDate, location
    # (Place with an address, or VirtualLocation with a url); recommended ones follow.
    assert event["name"] == source["title"]
    start = dt.datetime.fromisoformat(event["startDate"])
    assert start.tzinfo is not None and start.date().isoformat() == str(source["date"])
    assert dt.datetime.fromisoformat(event["endDate"]) > start
    locations = event["location"] if isinstance(event["location"], list) else [event["location"]]
    kinds = sorted(loc["@type"] for loc in locations)
    mode = event["eventAttendanceMode"]
    expected = {
        "in_person": (["Place"], "https://schema.org/OfflineEventAttendanceMode"),
        "online": (["VirtualLocation"], "https://schema.org/OnlineEventAttendanceMode"),
        "hybrid": (["Place", "VirtualLocation"], "https://schema.org/MixedEventAttendanceMode"),
    }[source["format"]]
    assert (kinds, mode) == expected
    for loc in locations:
        if loc["@type"] == "Place":
            assert loc["name"] == source["venue"]["name"]
            assert loc["address"]["@type"] == "PostalAddress"
            assert loc["address"]["addressLocality"] == source["city"]
        else:
            assert loc["url"].startswith("https://")
    assert event["eventStatus"] == "https://schema.org/EventScheduled"
    assert event["organizer"][0]["name"] == next(
        o["name"] for o in source["organizers"] if o.get("lead")
    )
    assert event["description"]
    assert event["image"]
    if source.get("registration_url"):
        assert event["offers"]["url"] == source["registration_url"]
    free = source.get("public", {}).get("free")
    assert event.get("isAccessibleForFree") == free


def test_open_graph_and_twitter_card_name_the_share_image_and_its_text(rzn, tmp_path):
    files = _render(rzn, EXAMPLES / "joue-les-tours-2027" / "event.yaml", tmp_path / "out")
    html = plain(files["index.html"].decode("utf-8"))
    og = _open_graph(html)
    assert og["og:title"] == "RéZolutions numériques Centre-Val de Loire"
    assert og["og:image"] == "https://example.org/rezolutions-cvl-2027/partage.png"
    assert og["og:url"] == "https://example.org/rezolutions-cvl-2027/"
    assert og["og:image:alt"] == (
        "RéZolutions numériques Centre-Val de Loire jeudi 18 novembre 2027, 9 h – 17 h "
        "Espace Malraux, Parc des Bretonnières, 37300 Joué-lès-Tours"
    )
    assert '<meta name="twitter:card" content="summary_large_image">' in html
    # The image's text is in the page itself, for those who cannot see the image.
    assert f"elle dit : {og['og:image:alt']}." in html
    image = Image.open(io.BytesIO(files["partage.png"]))
    assert (image.format, image.size) == ("PNG", (1200, 630))


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


@pytest.mark.parametrize("page", ["index.html", "affiche.html"])
def test_pages_are_accessible_by_construction_and_self_contained(rzn, tmp_path, page):
    files = _render(rzn, EXAMPLES / "pontivy-2027" / "event.yaml", tmp_path / "out")
    html = files[page].decode("utf-8")
    parser = _Page()
    parser.feed(html)
    tags = [tag for tag, _ in parser.tags]
    attrs = {tag: a for tag, a in reversed(parser.tags)}
    assert attrs["html"]["lang"] == "fr"
    assert tags.count("h1") == 1 and tags.count("main") == 1
    assert any(a.get("name") == "viewport" for t, a in parser.tags if t == "meta")
    images = [a for t, a in parser.tags if t == "img"]
    assert images and all(a.get("alt") for a in images)
    # Nothing to fetch to view the page: no script to run, no stylesheet or image elsewhere.
    assert "<script" not in html.replace('<script type="application/ld+json">', "")
    for tag, a in parser.tags:
        if tag == "img":
            assert not (a["src"] or "").startswith(("http:", "https:", "//")), a["src"]
        if tag == "link":  # an address for robots, nothing a browser loads
            assert a.get("rel") in ("canonical", "alternate")
        assert tag not in ("iframe", "object", "embed", "video", "audio")


def _qr_texts(image: Image.Image) -> list[str]:
    import zxingcpp

    return [found.text for found in zxingcpp.read_barcodes(image)]


def _draw_svg_qr(svg: str) -> Image.Image:
    """The QR code's SVG drawn pixel by pixel, read with the standard XML parser.

    Only what a QR code's SVG needs: a white background square, then the dark modules
    as one stroked path of horizontal runs (``M``/``m`` moves, ``h`` lines, each run
    along the middle of its row of modules).
    """
    from xml.etree import ElementTree

    ns = "{http://www.w3.org/2000/svg}"
    root = ElementTree.fromstring(svg)
    size = int(root.get("width"))
    assert root.get("height") == str(size)
    group = root.find(f"{ns}g")
    scale = int(re.fullmatch(r"scale\((\d+)\)", group.get("transform")).group(1))
    background, modules = group.findall(f"{ns}path")
    side = size // scale
    assert (background.get("fill"), background.get("d")) == ("#fff", f"M0 0h{side}v{side}h-{side}z")
    assert modules.get("stroke") == "#000" and modules.get("stroke-width") in (None, "1")
    image = Image.new("L", (size, size), 255)
    x = y = 0.0
    for command, a, b in re.findall(r"([Mmh])(-?[\d.]+)(?: (-?[\d.]+))?", modules.get("d")):
        if command == "M":
            x, y = float(a), float(b)
        elif command == "m":
            x, y = x + float(a), y + float(b)
        else:
            top = int(y - 0.5) * scale
            image.paste(0, (int(x) * scale, top, int(x + float(a)) * scale, top + scale))
            x += float(a)
    return image


def test_poster_qr_code_decodes_to_the_registration_page(rzn, tmp_path):
    from urllib.parse import unquote

    files = _render(rzn, EXAMPLES / "pontivy-2027" / "event.yaml", tmp_path / "out")
    html = plain(files["affiche.html"].decode("utf-8"))
    prefix = "data:image/svg\\+xml;charset=utf-8,"
    sources = re.findall(rf'<img src="{prefix}([^"]+)" alt="Code QR', html)
    assert len(sources) == 2  # the A4 poster, then the A3 one
    assert sources[0] == sources[1]
    image = _draw_svg_qr(unquote(sources[0]))
    assert image.size == (8 * (4 + 33 + 4),) * 2  # version 4: 33 modules, 4 of quiet zone
    assert _qr_texts(image) == ["https://example.org/rzn-bretagne/inscription"]
    # Title, date, place and the three highlights, on each poster.
    assert html.count("RéZolutions numériques Bretagne</h") == 2
    assert html.count("jeudi 14 octobre 2027, 9 h – 17 h") == 2
    assert html.count("<li><strong>") == 6


def test_poster_pdf_has_an_a4_and_an_a3_page_and_a_readable_qr_code(rzn, tmp_path):
    require_weasyprint()
    pdfinfo = require_program("pdfinfo")
    files = _render(rzn, EXAMPLES / "pontivy-2027" / "event.yaml", tmp_path / "out", "--pdf")
    pdf = tmp_path / "affiche.pdf"
    pdf.write_bytes(files["affiche.pdf"])
    info = subprocess.run(
        [pdfinfo, "-f", "1", "-l", "2", str(pdf)], capture_output=True, text=True, check=True
    ).stdout
    assert "Page    1 size:  595.276 x 841.89 pts (A4)" in info
    assert "Page    2 size:  841.89 x 1190.55 pts (A3)" in info
    pdftoppm = require_program("pdftoppm")
    subprocess.run([pdftoppm, "-r", "150", "-png", str(pdf), str(tmp_path / "page")], check=True)
    for page in sorted(tmp_path.glob("page-*.png")):
        assert _qr_texts(Image.open(page)) == ["https://example.org/rzn-bretagne/inscription"]


def test_past_event_says_it_is_over_and_links_what_was_shared(rzn, tmp_path, write_event):
    event = write_event(
        (EXAMPLES / "pontivy-2027" / "event.yaml").read_text(encoding="utf-8") + "public:\n"
        "  slides: https://example.org/supports\n"
        "  recording: https://example.org/video\n"
    )
    for logo in (EXAMPLES / "pontivy-2027").glob("logos"):
        shutil.copytree(logo, tmp_path / "logos")
    before = _render(rzn, event, tmp_path / "avant")["index.html"].decode("utf-8")
    assert "Cette rencontre est terminée" not in before
    assert "S'inscrire à la rencontre" in before
    result = rzn("render", str(event), "-o", str(tmp_path / "apres"), "--today", "2027-10-15")
    assert result.code == 0, result.out
    after = (tmp_path / "apres" / "public" / "index.html").read_text(encoding="utf-8")
    assert '<h2 id="termine">Cette rencontre est terminée</h2>' in after
    assert (
        '<li><a href="https://example.org/supports">Les supports de présentation</a></li>' in after
    )
    assert '<li><a href="https://example.org/video">L&#39;enregistrement</a></li>' in after
    assert "S'inscrire à la rencontre" not in after


def test_public_calendar_parses_and_keeps_the_online_link_private(rzn, tmp_path):
    files = _render(rzn, EXAMPLES / "occitanie-en-ligne-2027" / "event.yaml", tmp_path / "out")
    calendar = icalendar.Calendar.from_ical(files["event.ics"])
    events = calendar.walk("VEVENT")
    assert events and all(str(e["summary"]) for e in events)
    import yaml

    source = yaml.safe_load(
        (EXAMPLES / "occitanie-en-ligne-2027" / "event.yaml").read_text(encoding="utf-8")
    )
    link = source["online"]["url"].encode()
    internal = icalendar.Calendar.from_ical((tmp_path / "out" / "event.ics").read_bytes())
    assert link in internal.to_ical()  # the participants' own calendar has it…
    assert not any(link in content for content in files.values())  # …the public files not


def test_public_pages_can_be_overridden_one_block_at_a_time(rzn, tmp_path):
    templates = tmp_path / "gabarits" / "public"
    templates.mkdir(parents=True)
    (templates / "page.html.j2").write_text(
        '{% extends "default:public/page.html.j2" %}\n'
        "{% block footer %}<p>Site de la coordination régionale</p>{% endblock %}\n",
        encoding="utf-8",
    )
    files = _render(
        rzn,
        EXAMPLES / "pontivy-2027" / "event.yaml",
        tmp_path / "out",
        "--templates",
        str(tmp_path / "gabarits"),
    )
    html = files["index.html"].decode("utf-8")
    assert "<p>Site de la coordination régionale</p>" in html
    assert "Page publiée avec rzn" not in html


def test_json_ld_cannot_be_closed_by_event_text(rzn, tmp_path, write_event):
    from tests.conftest import MINIMAL

    hostile = "</script><script>alert(1)</script>"
    event = write_event(
        MINIMAL.replace("title: RéZolutions numériques test", f"title: '{hostile}'")
    )
    files = _render(rzn, event, tmp_path / "out")
    html = files["index.html"].decode("utf-8")
    assert "<script>alert" not in html
    assert _json_ld(html)["name"] == hostile


@pytest.mark.parametrize("name", sorted(p.parent.name for p in EXAMPLES.glob("*/event.yaml")))
def test_public_page_prints_on_one_or_two_a4_pages(rzn, tmp_path, name):
    weasyprint = require_weasyprint()
    files = _render(rzn, EXAMPLES / name / "event.yaml", tmp_path / "out")
    fetcher = weasyprint.URLFetcher(allowed_protocols={"data"})
    document = weasyprint.HTML(
        string=files["index.html"].decode("utf-8"), url_fetcher=fetcher
    ).render()
    assert 1 <= len(document.pages) <= 2
    width, height = document.pages[0].width, document.pages[0].height
    assert (round(width * 25.4 / 96), round(height * 25.4 / 96)) == (210, 297)  # A4, in mm
