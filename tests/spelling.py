"""The words of generated documents, and a real French dictionary to check them.

Documents are read back with independent parsers (the e-mail package, html.parser,
python-pptx, openpyxl, icalendar), then their words go through Debian's hunspell with its
French dictionary (package hunspell-fr). Links, addresses, file names, code and mail headers
are left out: they are not prose.
"""

from __future__ import annotations

import email
import io
import os
import re
import shutil
import subprocess
from email import policy
from html.parser import HTMLParser
from pathlib import Path

import pytest

ACCEPTED = Path(__file__).with_name("accepted-words.txt")


def hunspell() -> str:
    """The hunspell program with a French dictionary; skipped locally, required in CI."""
    program = shutil.which("hunspell")
    found = program is not None and any(
        Path(d, "fr_FR.dic").exists() or Path(d, "fr.dic").exists()
        for d in ("/usr/share/hunspell", "/usr/share/myspell/dicts")
    )
    if not found or program is None:
        if os.environ.get("CI"):
            pytest.fail("hunspell et son dictionnaire français manquent (paquets hunspell-fr)")
        pytest.skip("hunspell et son dictionnaire français ne sont pas installés")
    return program


def accepted_words() -> set[str]:
    lines = ACCEPTED.read_text(encoding="utf-8").splitlines()
    return {line.strip() for line in lines if line.strip() and not line.startswith("#")}


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("style", "script", "code"):
            self._skip += 1
        for name, value in attrs:
            if name in ("alt", "title", "aria-label") and value:
                self.parts.append(value)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("style", "script", "code") and self._skip:
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def html_text(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    return "\n".join(parser.parts)


def mail_text(data: bytes) -> str:
    message = email.message_from_bytes(data, policy=policy.default)
    parts = [str(message["Subject"] or "")]
    for part in message.walk():
        if part.get_content_type() == "text/plain":
            parts.append(part.get_content())
        elif part.get_content_type() == "text/html":
            parts.append(html_text(part.get_content()))
    return "\n".join(parts)


def pptx_text(data: bytes) -> str:
    from pptx import Presentation

    deck = Presentation(io.BytesIO(data))
    parts = []
    for slide in deck.slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                parts.append(shape.text_frame.text)
        if slide.has_notes_slide:
            parts.append(slide.notes_slide.notes_text_frame.text)
    return "\n".join(parts)


def xlsx_text(data: bytes) -> str:
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(data))
    return "\n".join(
        cell
        for sheet in book.worksheets
        for row in sheet.iter_rows(values_only=True)
        for cell in row
        if isinstance(cell, str) and not cell.startswith("=")
    )


def ics_text(data: bytes) -> str:
    import icalendar

    calendar = icalendar.Calendar.from_ical(data)
    parts = []
    for component in calendar.walk():
        for key in ("SUMMARY", "DESCRIPTION", "LOCATION", "X-WR-CALNAME"):
            if key in component:
                parts.append(str(component[key]))
    return "\n".join(parts)


_LSS_PROSE = frozenset(
    {"question", "help", "answer", "group_name", "description"}
    | {"surveyls_title", "surveyls_description", "surveyls_welcometext"}
)


def lss_text(data: bytes) -> str:
    """The texts LimeSurvey shows (as HTML) from a survey file, not its codes and settings."""
    from html import unescape
    from xml.etree import ElementTree

    root = ElementTree.fromstring(data)
    return "\n".join(unescape(e.text or "") for e in root.iter() if e.tag in _LSS_PROSE)


def limesurvey_tsv_text(data: bytes) -> str:
    import csv
    from html import unescape

    rows = csv.DictReader(io.StringIO(data.decode("utf-8")), delimiter="\t")
    parts = []
    for row in rows:
        if row["class"] == "S":
            continue  # settings (Y, N, fr), not prose
        parts.extend(unescape(row[key] or "") for key in ("text", "help"))
        if row["class"] == "G":
            parts.append(unescape(row["name"]))
    return "\n".join(parts)


def document_text(name: str, data: bytes) -> str | None:
    """The prose of one generated file, read back by its own format's parser."""
    if name.endswith(".lss"):
        return lss_text(data)
    if name.endswith(".limesurvey.txt"):
        return limesurvey_tsv_text(data)
    if name.endswith(".eml"):
        return mail_text(data)
    if name.endswith(".html"):
        return html_text(data.decode("utf-8"))
    if name.endswith((".md", ".txt", ".csv")):
        return data.decode("utf-8")
    if name.endswith(".pptx"):
        return pptx_text(data)
    if name.endswith(".xlsx"):
        return xlsx_text(data)
    if name.endswith(".ics"):
        return ics_text(data)
    return None


_CODE = re.compile(r"```.*?```|`[^`\n]*`", re.DOTALL)
_NOT_PROSE = re.compile(
    r"https?://\S+|www\.\S+|\S+@\S+|\S+\.(?:md|html|eml|ics|pptx|xlsx|csv|pdf|png|svg|j2|yaml)\b"
    r"|#[\w-]+|<[^>]*>|\S*/\S*|\d+\w*"
    # YAML keys and answer columns named in the documents: [comments], fallback.url, first_name
    r"|\[[\w.-]+\]|\b\w+(?:\.\w+)+\b|\b\w+_\w+\b|\{[^}]*\}"
    # slugs and identifiers: ASCII words joined by two hyphens or more
    r"|\b[a-z0-9]+(?:-[a-z0-9]+){2,}\b"
)
_WORD = re.compile(r"[^\W\d_](?:[\w'’·-]*[^\W\d_])?")


def words(text: str) -> set[str]:
    """The words of a text, without links, addresses, file names, identifiers and code."""
    from rzn.plan.tasks import TASKS

    found = set(_WORD.findall(_NOT_PROSE.sub(" ", _CODE.sub(" ", text))))
    return found - {task.id for task in TASKS}


def unknown_words(found: set[str]) -> set[str]:
    """Words hunspell's French dictionary does not know, less the accepted ones."""
    program = hunspell()
    candidates = sorted(found - accepted_words())
    result = subprocess.run(
        [program, "-d", "fr_FR", "-i", "utf-8", "-l"],
        input="\n".join(candidates),
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=True,
    )
    return set(result.stdout.split()) - accepted_words()
