"""Hostile text stays text in every document ``rzn render`` writes.

``test_hostile_render.py`` checks the HTML and mail documents of one event
whose strings carry payloads; here every string field carries one, each
starting with a different spreadsheet formula character, budget included,
and every output is read back with an independent parser: html.parser,
csv, openpyxl, email, icalendar and vobject, python-pptx.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from html import unescape as html_unescape
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from typing import Any
from xml.etree import ElementTree

import icalendar
import openpyxl
import pytest
import vobject
import yaml
from pptx import Presentation

from rzn.render import build_documents, render_event
from tests.render.test_hostile_render import PAYLOAD, hostile_event

TODAY = dt.date(2027, 9, 1)

# Each field starts with one of these, in turn: a spreadsheet would run them.
STARTERS = ('=HYPERLINK("http://evil")', "+cmd", "-1+1", "@SUM(A1)", "\tTAB", "\rCR")
JINJA_EXPRESSION = "A{{ 7*7 }}Z"
JINJA_STATEMENT = "{% for x in range(9) %}B{% endfor %}"
BODY = (
    " <script>alert(1)</script> \"><img src=x onerror=alert(1)> <a href='javascript:alert(1)'>"
    f" {JINJA_EXPRESSION} {JINJA_STATEMENT} \r\nBcc: evil@example.org ../../etc/passwd"
    " a,b;c\nd \u202eRTL 😀"
)
ROOM = STARTERS[0] + BODY
"""Rooms are named alike in the venue and the programme: one payload for all."""


def _hostile(value: Any, key: str | None, counter: list[int]) -> Any:
    if isinstance(value, dict):
        return {k: _hostile(v, k, counter) for k, v in value.items()}
    if isinstance(value, list):
        return [_hostile(v, key, counter) for v in value]
    if value != PAYLOAD:
        return value
    if key == "room":
        return ROOM
    counter[0] += 1
    return STARTERS[counter[0] % len(STARTERS)] + BODY


def everywhere_event() -> dict[str, Any]:
    event = _hostile(hostile_event(), None, [0])
    event["venue"]["rooms"][0]["name"] = ROOM
    event["budget"] = {
        "lines": [
            {"label": s + BODY, "category": "venue", "amount": 100, "note": s + BODY}
            for s in STARTERS
        ]
        + [{"label": "Repas", "category": "catering", "quantity": 30, "unit_cost": "12.50"}],
        "income": [{"source": s + BODY, "amount": 50} for s in STARTERS],
        "volunteer_hours": 10,
    }
    return event


@pytest.fixture(scope="module")
def event_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("everywhere") / "event.yaml"
    path.write_text(yaml.safe_dump(everywhere_event(), allow_unicode=True), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def documents(event_path: Path) -> dict[str, bytes]:
    report, files = build_documents(str(event_path), TODAY)
    assert not report.failed, [d.message for d in report.diagnostics]
    return {f.path: f.content for f in files}


def of_type(documents: dict[str, bytes], suffix: str) -> dict[str, bytes]:
    found = {p: c for p, c in documents.items() if p.endswith(suffix)}
    assert found, suffix
    return found


def parse_mail(data: bytes) -> EmailMessage:
    message = BytesParser(policy=policy.default).parsebytes(data)
    assert isinstance(message, EmailMessage)
    return message


def test_every_kind_of_document_is_built(documents):
    suffixes = {PurePosixPath(p).suffix for p in documents}
    assert {".md", ".html", ".csv", ".xlsx", ".ics", ".eml", ".pptx"} <= suffixes


# -- HTML ------------------------------------------------------------------

ALLOWED_TAGS = {
    "html", "head", "meta", "title", "style", "body", "main", "header", "footer", "section",
    "div", "nav", "h1", "h2", "h3", "h4", "p", "ul", "ol", "li", "strong", "em", "b", "i",
    "br", "hr", "span", "a", "code", "small", "img", "input", "label", "figure", "link",
    "dl", "dt", "dd",
    "table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption", "col", "colgroup",
}  # fmt: skip


# Attributes that hold the event's text for people and robots (the public page's
# description, Open Graph and Twitter tags, the share image's alternative text).
TEXT_ATTRIBUTES = {("meta", "content"), ("img", "alt")}


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def html_pages(documents: dict[str, bytes]) -> dict[str, str]:
    pages = {p: c.decode("utf-8") for p, c in documents.items() if p.endswith(".html")}
    for path, data in of_type(documents, ".eml").items():
        html = parse_mail(data).get_body(("html",))
        if html is not None:
            pages[f"{path} (HTML)"] = html.get_content()
    return pages


def test_html_has_no_injected_tag_attribute_or_javascript_link(documents):
    pages = html_pages(documents)
    assert any(p == "checklist.html" for p in pages)
    for path, html in pages.items():
        parser = _Collector()
        parser.feed(html)
        parser.close()
        for tag, attrs in parser.tags:
            # The public page's structured data is a data block, never run by a browser.
            data_block = tag == "script" and attrs == [("type", "application/ld+json")]
            assert tag in ALLOWED_TAGS or data_block, (path, tag)
            for name, value in attrs:
                assert not name.startswith("on"), (path, tag, name)
                if (tag, name) in TEXT_ATTRIBUTES:
                    continue  # the event's text, escaped: the parser read it back as one value
                assert "javascript:" not in (value or "").lower(), (path, tag, name, value)
                if name in ("href", "src"):
                    # A link the organiser typed is kept whole, but only as a web link.
                    assert value is not None
                    assert (
                        value.startswith(("https://", "http://", "#", "mailto:", "data:image/"))
                        or ".." not in PurePosixPath(value).parts
                    ), (path, tag, value)
                else:
                    assert "alert" not in (value or ""), (path, tag, name, value)
        text = "".join(parser.text)
        # Escaped, not dropped: the reader sees what the organiser typed.
        assert "<script>alert(1)</script>" in text, path
        assert '"><img src=x onerror=alert(1)>' in text, path


# -- Jinja -------------------------------------------------------------------


def readable_texts(documents: dict[str, bytes]) -> dict[str, str]:
    """Every document as the text a person reads, one parser per format."""
    texts: dict[str, str] = {}
    for path, data in documents.items():
        suffix = PurePosixPath(path).suffix
        if suffix in (".md", ".html", ".csv"):
            texts[path] = data.decode("utf-8-sig")
        elif suffix == ".eml":
            message = parse_mail(data)
            parts = [str(message["Subject"])]
            for kind in ("plain", "html"):
                body = message.get_body((kind,))
                if body is not None:
                    parts.append(body.get_content())
            texts[path] = "\n".join(parts)
        elif suffix == ".ics":
            calendar = icalendar.Calendar.from_ical(data)
            texts[path] = "\n".join(
                str(component.get(name, ""))
                for component in calendar.walk()
                for name in ("SUMMARY", "DESCRIPTION", "LOCATION")
            )
        elif suffix == ".xlsx":
            workbook = openpyxl.load_workbook(io.BytesIO(data), data_only=False)
            texts[path] = "\n".join(
                str(cell.value)
                for sheet in workbook.worksheets
                for row in sheet.iter_rows()
                for cell in row
                if cell.value is not None
            )
        elif suffix == ".pptx":
            texts[path] = pptx_text(data)
        elif suffix == ".lss":
            # LimeSurvey shows the texts of its survey files as HTML.
            texts[path] = html_unescape("\n".join(ElementTree.fromstring(data).itertext()))
        elif path.endswith(".limesurvey.txt"):
            texts[path] = html_unescape(data.decode("utf-8"))
    return texts


def pptx_text(data: bytes) -> str:
    presentation = Presentation(io.BytesIO(data))
    found: list[str] = []
    for slide in presentation.slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                found.append(shape.text_frame.text)
            if getattr(shape, "has_table", False) and shape.has_table:
                found.extend(cell.text for row in shape.table.rows for cell in row.cells)
        if slide.has_notes_slide:
            found.append(slide.notes_slide.notes_text_frame.text)
    return "\n".join(found)


def test_jinja_syntax_in_data_is_printed_literally_in_every_document(documents):
    texts = readable_texts(documents)
    # The share image draws the text the public page also prints (page.share_text).
    assert set(texts) == {p for p in documents if not p.endswith(".png")}
    for path, text in texts.items():
        assert "A49Z" not in text, path
        assert "BBBBBBBBB" not in text, path
        if "{{" in text or "A{" in text:
            assert JINJA_EXPRESSION in text, path
    # Most documents quote the event's texts; every format shows the payload literally.
    for suffix in (".md", ".html", ".csv", ".xlsx", ".ics", ".eml", ".pptx", ".lss", ".txt"):
        quoting = [p for p, t in texts.items() if p.endswith(suffix) and JINJA_EXPRESSION in t]
        assert quoting, suffix
        assert all(JINJA_STATEMENT in texts[p] for p in quoting), suffix


# -- spreadsheets --------------------------------------------------------------

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
NUMBER = re.compile(r"^-?\d+(,\d+)?$")


def test_every_csv_cell_from_the_event_is_neutralised(documents):
    for path, data in of_type(documents, ".csv").items():
        rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=";"))
        cells = [cell for row in rows for cell in row]
        for cell in cells:
            if cell.startswith(FORMULA_START):
                # Only the numbers rzn computed, such as a negative balance, may start so.
                assert NUMBER.match(cell), (path, cell)
        for starter in STARTERS:
            visible = starter.lstrip("\t\r")
            assert any(c.startswith(("'" + starter, visible)) for c in cells), (path, starter)
        assert any(c.startswith("'=HYPERLINK") for c in cells), path
        assert any(c.startswith("'+cmd") for c in cells), path
        assert any(c.startswith("'-1+1") for c in cells), path
        assert any(c.startswith("'@SUM(A1)") for c in cells), path


# A formula rzn writes: cell addresses, sheet names, numbers, a few functions and rzn's own
# words (a funding status, the balance's verdict), never event text.
RZN_WORDS = ('"acquis"', '"demandé"', '"reste à financer"', '"excédent"', '"à l\'équilibre"')
RZN_FORMULA = re.compile(
    r"^=(?:ROUND|SUMIF|SUM|IF|ABS|MAX|MIN|[A-Z]{1,3}\$?\d+|'[^'!]*'!|Budget!|[\d$:(),.+\-*/ <>])*$"
)


def is_rzn_formula(formula: str) -> bool:
    for word in RZN_WORDS:
        formula = formula.replace(word, "0")
    return RZN_FORMULA.match(formula) is not None


def test_every_xlsx_text_cell_is_neutralised_and_real_formulas_stay(documents):
    for path, data in of_type(documents, ".xlsx").items():
        workbook = openpyxl.load_workbook(io.BytesIO(data), data_only=False)
        formulas = 0
        texts: list[str] = []
        for sheet in workbook.worksheets:
            for row in sheet.iter_rows():
                for cell in row:
                    if cell.data_type == "f":
                        formulas += 1
                        assert isinstance(cell.value, str), (path, cell.coordinate)
                        assert is_rzn_formula(cell.value), (path, cell.coordinate, cell.value)
                        assert "evil" not in cell.value and "cmd" not in cell.value
                    elif isinstance(cell.value, str):
                        texts.append(cell.value)
                        assert cell.data_type == "s", (path, cell.coordinate)
                        assert not cell.value.startswith(FORMULA_START), (
                            path,
                            cell.coordinate,
                            cell.value,
                        )
            for validation in sheet.data_validations.dataValidation:
                assert "evil" not in str(validation.formula1)
        assert formulas >= 10, path  # quantities × costs, totals, balance
        assert any(t.startswith("'=HYPERLINK") for t in texts), path
        assert any(t.startswith("'+cmd") for t in texts), path
        assert any(t.startswith("'@SUM(A1)") for t in texts), path


# -- mail ----------------------------------------------------------------------

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


def test_every_eml_has_exactly_the_intended_headers(documents):
    for path, data in of_type(documents, ".eml").items():
        message = parse_mail(data)
        assert list(message.keys()) == HEADERS, path
        assert message["Bcc"] is None and message["Cc"] is None, path
        for name, value in message.items():
            assert "\r" not in str(value) and "\n" not in str(value), (path, name)
        assert "evil@example.org" not in [
            a.addr_spec for name in ("From", "To") for a in message[name].addresses
        ]
        for part in message.walk():
            assert part.get("Bcc") is None, path


# -- calendars -------------------------------------------------------------------


def test_every_ics_parses_and_round_trips_the_text(documents):
    for path, data in of_type(documents, ".ics").items():
        calendar = icalendar.Calendar.from_ical(data)
        parsed = vobject.readOne(data.decode("utf-8"))
        mine = {
            str(c["UID"]): c for c in calendar.walk() if c.name in ("VEVENT", "VTODO", "VJOURNAL")
        }
        theirs = {
            str(c.uid.value): c
            for c in parsed.getChildren()
            if c.name in ("VEVENT", "VTODO", "VJOURNAL")
        }
        assert mine and set(mine) == set(theirs), path
        hostile = 0
        for uid, component in mine.items():
            summary = str(component["SUMMARY"])
            assert "\r" not in summary and "\n" not in summary, (path, uid)
            assert theirs[uid].summary.value == summary, (path, uid)
            if "DESCRIPTION" in component:
                description = str(component["DESCRIPTION"])
                assert "\r" not in description, (path, uid)
                assert theirs[uid].description.value == description, (path, uid)
            if JINJA_EXPRESSION in summary:
                hostile += 1
                assert "a,b;c d" in summary, (path, summary)
                assert "Bcc: evil@example.org" in summary
        assert hostile, path
        # Newlines, commas and semicolons of the text are escaped on the wire.
        assert b"a\\,b\\;c" in data, path


# -- slides ----------------------------------------------------------------------


def test_pptx_shows_the_payloads_as_literal_text(documents):
    for path, data in of_type(documents, ".pptx").items():
        text = pptx_text(data)
        assert "<script>alert(1)</script>" in text, path
        assert JINJA_EXPRESSION in text and JINJA_STATEMENT in text, path
        assert '=HYPERLINK("http://evil")' in text, path


# -- paths -------------------------------------------------------------------------


def test_every_output_path_stays_inside_the_output_folder(event_path: Path, tmp_path: Path):
    out = tmp_path / "deep" / "out"
    report = render_event(str(event_path), str(out), TODAY)
    root = out.resolve()
    assert len(report.written) == len(report.files) > 20
    for file in report.files:
        pure = PurePosixPath(file.path)
        assert not pure.is_absolute() and ".." not in pure.parts, file.path
        assert "\\" not in file.path and "\x00" not in file.path
    for written in report.written:
        assert root in written.resolve().parents
    on_disk = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert all(root in p.resolve().parents for p in on_disk)
