"""Organisers' and partners' logos in the header of the HTML documents (``base.html.j2``)."""

import base64
import datetime as dt
import shutil
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from rzn.render.context import RenderContext
from rzn.render.environment import environment
from rzn.render.logos import LogoMark, event_logos, resolve_logo
from tests.conftest import plain
from tests.plan.helpers import event, render, write

TODAY = dt.date(2027, 9, 1)
DATA = Path(__file__).resolve().parent.parent / "data" / "logos"


class Images(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.images: list[dict[str, str | None]] = []
        self.sources: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        found = dict(attrs)
        if tag == "img":
            self.images.append(found)
        for name in ("src", "href"):
            if found.get(name):
                self.sources.append(str(found[name]))


def images(html: bytes) -> Images:
    parser = Images()
    parser.feed(html.decode("utf-8"))
    return parser


def folder(tmp_path: Path) -> Path:
    shutil.copytree(DATA, tmp_path / "logos")
    return tmp_path


def checklist(tmp_path: Path, **fields: Any) -> bytes:
    return render(write(folder(tmp_path), **fields), TODAY)["checklist.html"]


ORGANIZERS = [
    {"name": "One Heart", "logo": "logos/partenaire.jpg"},
    {"name": "Le Mouvement associatif", "lead": True, "logo": "logos/association.png"},
]
PARTNERS = [
    {"name": "Ville de Tours", "logo": "logos/financeur.gif"},
    {"name": "Département", "role": "funder", "logo": "logos/vectoriel.svg"},
    {"name": "Fondation EDF", "logo": "logos/association.png"},
]


def test_logos_are_embedded_in_the_header_lead_national_funders_then_partners(tmp_path):
    html = checklist(tmp_path, organizers=ORGANIZERS, partners=PARTNERS)
    found = images(html)
    assert [
        (plain(str(image["alt"])), str(image["src"]).split(";")[0]) for image in found.images
    ] == [
        ("Logo : Le Mouvement associatif", "data:image/png"),
        ("Logo : One Heart", "data:image/jpeg"),
        ("Logo : Fondation EDF", "data:image/png"),
        ("Logo : Département", "data:image/svg+xml"),
        ("Logo : Ville de Tours", "data:image/gif"),
    ]
    first = str(found.images[0]["src"])
    assert base64.b64decode(first.split(",", 1)[1]) == (DATA / "association.png").read_bytes()
    text = html.decode("utf-8")
    header = text[text.index('<header class="document">') : text.index("</header>")]
    assert header.index('<div class="logos">') < header.index("<h1>")


def test_the_html_stays_self_contained(tmp_path):
    html = checklist(tmp_path, organizers=ORGANIZERS, partners=PARTNERS)
    found = images(html)
    assert found.sources and all(s.startswith("data:image/") for s in found.sources)
    text = html.decode("utf-8")
    # An SVG is never inlined as markup (its scripts would run), nor a file linked.
    assert "<svg" not in text and "logos/" not in text
    assert "img-src data:" in text


def test_unusable_logos_are_left_out_without_failing(tmp_path):
    (tmp_path / "dehors.png").write_bytes((DATA / "association.png").read_bytes())
    organizers = [
        {"name": "Absent", "lead": True, "logo": "logos/absent.png"},
        {"name": "Dehors", "logo": "../dehors.png"},
        {"name": "Pas une image", "logo": "logos/pas-une-image.png"},
        {"name": "Tronqué", "logo": "logos/tronque.png"},
        {"name": "Absolu", "logo": str(DATA / "association.png")},
    ]
    sub = tmp_path / "evenement"
    sub.mkdir()
    html = checklist(sub, organizers=organizers)
    assert images(html).images == []
    assert 'class="logos"' not in html.decode("utf-8")


def test_names_are_escaped_in_the_alternative_text(tmp_path):
    organizers = [
        {"name": '"><script>alert(1)</script>', "lead": True, "logo": "logos/association.png"}
    ]
    html = checklist(tmp_path, organizers=organizers)
    found = images(html)
    assert plain(found.images[0]["alt"]) == 'Logo : "><script>alert(1)</script>'
    assert "script" not in found.tags


def test_without_logos_the_header_is_unchanged(tmp_path):
    html = render(write(tmp_path), TODAY)["checklist.html"].decode("utf-8")
    assert 'class="logos"' not in html and "<img" not in html


def test_template_variable_logos(tmp_path):
    ctx = RenderContext(
        event(organizers=ORGANIZERS, partners=PARTNERS[:1]),
        TODAY,
        environment(),
        folder(tmp_path),
    )
    assert ctx.variables()["logos"] == event_logos(ctx.event, ctx.event_dir)
    assert [(m.name, m.group) for m in ctx.logos] == [
        ("Le Mouvement associatif", "organizer"),
        ("One Heart", "organizer"),
        ("Ville de Tours", "partner"),
    ]
    assert isinstance(ctx.logos[0], LogoMark)
    assert ctx.logos[0].src.startswith("data:image/png;base64,")


def test_rendering_twice_gives_the_same_bytes(tmp_path):
    one = checklist(tmp_path / "a", organizers=ORGANIZERS, partners=PARTNERS)
    two = checklist(tmp_path / "b", organizers=ORGANIZERS, partners=PARTNERS)
    assert one == two


def test_resolve_logo_returns_none_instead_of_failing(tmp_path):
    shutil.copytree(DATA, tmp_path / "evenement" / "logos")
    shutil.copy(DATA / "association.png", tmp_path / "dehors.png")
    event_dir = tmp_path / "evenement"

    assert resolve_logo(event_dir, "logos/association.png") is not None
    for path in (None, "", "../dehors.png", "logos/absent.png", "logos/pas-une-image.png"):
        assert resolve_logo(event_dir, path) is None
