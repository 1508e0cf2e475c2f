"""The organisers' charter in every kind of document: HTML pages, public pages, slides, mails."""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from html.parser import HTMLParser
from pathlib import Path

from pptx import Presentation

from rzn.model.charter import PALE, TEXT_RATIO, contrast
from rzn.render import build_documents
from tests.conftest import EXAMPLES, plain

TODAY = dt.date(2027, 9, 1)
PONTIVY = EXAMPLES / "pontivy-2027"
LEAD = "Le Mouvement associatif Bretagne"


def pontivy(tmp_path: Path, charter: str | None = None, lead_logo: str | None = None) -> Path:
    """The Pontivy example, with another ``charter:`` (its last lines) or lead's logo."""
    folder = tmp_path / "pontivy"
    shutil.copytree(PONTIVY, folder)
    path = folder / "event.yaml"
    text = path.read_text(encoding="utf-8")
    if charter is not None:
        text = text[: text.index("charter:")] + charter
    if lead_logo is not None:
        text = text.replace("logos/mouvement-associatif-bretagne.png", lead_logo, 1)
    path.write_text(text, encoding="utf-8")
    return path


def render(path: Path, templates: tuple[str, ...] = ()) -> tuple[list[str], dict[str, bytes]]:
    report, files = build_documents(str(path), TODAY, templates)
    assert not report.failed, report.diagnostics
    return [d.rule for d in report.diagnostics], {f.path: f.content for f in files}


def style(html: bytes) -> str:
    return html.decode("utf-8").split("<style>", 1)[1].split("</style>", 1)[0]


def test_html_documents_apply_the_charter_after_their_own_styles(tmp_path):
    _, files = render(pontivy(tmp_path))
    for name in ("checklist.html", "run-sheet.html", "evaluation.html", "consultation.html"):
        css = style(files[name])
        charter = css.index(":root { --accent: #00558C; --soft: #F0F5F8; }")
        assert css.index("@page") < charter, name  # after the layout and the document's rules
        assert "header.document { border-bottom-color: #D4781F; }" in css
        assert 'body { font-family: "Marianne", system-ui, -apple-system, ' in css
        # No web font: nothing may be loaded, the charter's font is the reader's own.
        assert "@font-face" not in css and "url(" not in css


def test_an_event_without_a_charter_keeps_the_documents_colours(tmp_path):
    _, files = render(pontivy(tmp_path, charter=""))
    css = style(files["checklist.html"])
    assert "--accent: #6a1b9a" in css
    assert "border-bottom-color" not in css and "Marianne" not in css


def test_a_colour_too_light_is_reported_and_darkened_everywhere(tmp_path):
    rules, files = render(pontivy(tmp_path, charter='charter: {primary: "#FFCC00"}\n'))
    assert "charter-contrast" in rules
    assert ":root { --accent: #846900;" in style(files["checklist.html"])
    assert ":root { --accent: #846900;" in style(files["public/index.html"])
    assert contrast("#846900", PALE) >= TEXT_RATIO
    deck = Presentation(io.BytesIO(files["opening-slides.pptx"]))
    assert str(deck.slides[0].background.fill.fore_color.rgb) == "846900"


def test_a_person_s_extra_style_applies_to_every_document(tmp_path):
    # extra_style was redefined by each document, so a base.html.j2 setting it did nothing.
    templates = tmp_path / "gabarits"
    templates.mkdir()
    (templates / "base.html.j2").write_text(
        '{% extends "default:base.html.j2" %}'
        "{% block extra_style %}.rzn-mine { color: #000; }{% endblock %}",
        encoding="utf-8",
    )
    _, files = render(pontivy(tmp_path), (str(templates),))
    for name in ("checklist.html", "run-sheet.html", "evaluation.html"):
        css = style(files[name])
        assert css.rstrip().endswith(".rzn-mine { color: #000; }"), name
        assert "--accent: #00558C" in css  # the charter is kept, before the person's rules


def test_public_page_and_poster_carry_the_charter(tmp_path):
    _, files = render(pontivy(tmp_path))
    page, poster = style(files["public/index.html"]), style(files["public/affiche.html"])
    assert "header.page { border-bottom-color: #D4781F; }" in page
    for css in (page, poster):
        assert ":root { --accent: #00558C;" in css
        assert 'font-family: "Marianne", system-ui' in css


def test_slides_take_the_charter_colours_and_font(tmp_path):
    _, files = render(pontivy(tmp_path))
    deck = Presentation(io.BytesIO(files["opening-slides.pptx"]))
    title = deck.slides[0]
    assert str(title.background.fill.fore_color.rgb) == "00558C"
    bars = [s for s in title.shapes if s.name.startswith("Rectangle")]
    assert [str(b.fill.fore_color.rgb) for b in bars] == ["D4781F"]
    fonts = {
        run.font.name
        for slide in deck.slides
        for shape in slide.shapes
        if shape.has_text_frame
        for paragraph in shape.text_frame.paragraphs
        for run in paragraph.runs
    }
    assert fonts == {"Marianne"}
    heading = deck.slides[1].shapes[0].text_frame.paragraphs[0].runs[0]
    assert str(heading.font.color.rgb) == "00558C"


def test_slides_without_a_charter_keep_their_colours_and_the_template_font(tmp_path):
    _, files = render(pontivy(tmp_path, charter=""))
    deck = Presentation(io.BytesIO(files["opening-slides.pptx"]))
    assert str(deck.slides[0].background.fill.fore_color.rgb) == "1F4E79"
    assert b"<a:latin " not in deck.slides[0].part.blob


class _Images(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.images: list[dict[str, str | None]] = []

    def handle_starttag(self, tag, attrs):
        if tag == "img":
            self.images.append(dict(attrs))


def _mail(data: bytes) -> EmailMessage:
    message = BytesParser(policy=policy.default).parsebytes(data)
    assert isinstance(message, EmailMessage)
    return message


def test_html_mails_show_the_lead_organiser_s_logo_carried_in_the_message(tmp_path):
    _, files = render(pontivy(tmp_path))
    logo = (PONTIVY / "logos" / "mouvement-associatif-bretagne.png").read_bytes()
    mails = [name for name in files if name.endswith(".eml")]
    assert len(mails) > 20
    for name in mails:
        message = _mail(files[name])
        related = [p for p in message.walk() if p.get_content_type() == "multipart/related"]
        assert len(related) == 1, name
        html, image = related[0].iter_parts()
        assert html.get_content_type() == "text/html"
        assert image.get_content_type() == "image/png"
        assert image.get_content_disposition() == "inline"
        assert image.get_content() == logo
        cid = image["Content-ID"].strip("<>")
        parser = _Images()
        parser.feed(html.get_content())
        assert parser.images[0]["src"] == f"cid:{cid}"
        assert plain(str(parser.images[0]["alt"])) == f"Logo : {LEAD}"
        # The plain text part is untouched, and comes first.
        assert next(message.walk()).get_content_type() in (
            "multipart/alternative",
            "multipart/mixed",
        )
    invitation = _mail(files["mailings/invitation-j30.eml"])
    html = invitation.get_body(("html",))
    assert html is not None
    assert re.search(r'<h1 class="rzn-accent" style="[^"]*color:#00558C;', html.get_content())


def test_a_mail_has_no_image_when_the_lead_s_logo_is_an_svg_or_missing(tmp_path):
    (tmp_path / "a").mkdir()
    svg = pontivy(tmp_path / "a", lead_logo="logos/absent.png")
    _, files = render(svg)
    message = _mail(files["mailings/invitation-j30.eml"])
    assert "multipart/related" not in {p.get_content_type() for p in message.walk()}
    html = message.get_body(("html",))
    assert html is not None and "cid:" not in html.get_content()


def test_an_inline_image_goes_with_the_html_part_attachments_after():
    from rzn.render.mail import Attachment, InlineImage, Mailbox, MailDraft, message_bytes

    logo = (PONTIVY / "logos" / "mouvement-associatif-bretagne.png").read_bytes()
    draft = MailDraft(
        id="invitation-j30",
        subject="Invitation",
        sender=Mailbox("Asso", "contact@example.org"),
        send_on=dt.date(2027, 10, 19),
        text="Bonjour,\n",
        html='<p><img src="cid:logo.x@rzn.invalid" alt="Logo : Asso">Bonjour,</p>\n',
        attachments=(Attachment("rencontre.ics", b"BEGIN:VCALENDAR\r\n", "text", "calendar"),),
        images=(
            InlineImage("logo.x@rzn.invalid", logo, "png", "logo.png"),
            InlineImage("unused@rzn.invalid", logo, "png", "autre.png"),
        ),
    )
    data = message_bytes(draft, slug="rzn", timezone="Europe/Paris")
    assert data == message_bytes(draft, slug="rzn", timezone="Europe/Paris")
    message = _mail(data)
    shape = [p.get_content_type() for p in message.walk()]
    assert shape == [
        "multipart/mixed",
        "multipart/alternative",
        "text/plain",
        "multipart/related",
        "text/html",
        "image/png",  # the image the HTML names, and only it
        "text/calendar",
    ]
    related = next(p for p in message.walk() if p.get_content_type() == "multipart/related")
    assert related.get_param("type") == "text/html"
    assert next(message.iter_attachments()).get_filename() == "rencontre.ics"
