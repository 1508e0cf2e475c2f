"""evaluation.html and consultation.html: the questionnaires on paper, without identifiers.

Read back with the standard library's HTML parser (every question and every choice is
there, no id the report reads is); their PDFs (``--pdf``) read back with pdftotext.
"""

from __future__ import annotations

import datetime as dt
import re
from html.parser import HTMLParser
from pathlib import Path

from rzn.questionnaire import sections as evaluation_sections
from rzn.registrations.form_codes import coded
from rzn.render.documents.consultation import sections as consultation_sections
from tests.conftest import EXAMPLES
from tests.plan.helpers import event, render, write
from tests.programs import pdf_text, require_program, require_weasyprint

TODAY = dt.date(2027, 9, 1)


class Text(HTMLParser):
    """The words a reader sees (no markup, no style)."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("style", "script", "title"):
            self.skip += 1

    def handle_endtag(self, tag):
        if tag in ("style", "script", "title"):
            self.skip -= 1

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)

    @classmethod
    def of(cls, html: bytes) -> str:
        parser = cls()
        parser.feed(html.decode("utf-8"))
        return " ".join(" ".join(parser.parts).split())


def ids(sections) -> set[str]:
    found = set()
    for section in sections:
        for question in section.questions:
            found.add(question.id)
            found.update(row.id for row in question.rows)
            found.update(choice.code for choice in question.choices if "-" in choice.code)
    return found


def test_the_evaluation_on_paper_has_every_question_and_no_identifier(tmp_path):
    files = render(write(tmp_path, "hybrid"), TODAY)
    text = Text.of(files["evaluation.html"])
    sections = evaluation_sections(event("hybrid"))
    number = 0
    for section in sections:
        assert section.title in text
        for question in section.questions:
            number += 1
            assert f"{number}. {' '.join(question.text.split())}" in text
            for choice in question.choices:
                assert choice.label in text
            for row in question.rows:
                assert row.item.title in text
    assert not re.search(r"\[[a-z_.-]+\]", text)
    leaked = {i for i in ids(sections) if re.search(rf"(?<![\w-]){re.escape(i)}(?![\w-])", text)}
    assert leaked == set()
    # Nor the short codes of the LimeSurvey files.
    codes = set()
    for question in (q for s in sections for q in s.questions):
        item = coded(question)
        codes |= {item.code, *item.rows}
    assert codes and not {c for c in codes if len(c) > 5 and re.search(rf"\b{c}\b", text)}


def test_the_consultation_on_paper_has_every_question_and_no_identifier(tmp_path):
    files = render(write(tmp_path), TODAY)
    text = Text.of(files["consultation.html"])
    sections = consultation_sections()
    for section in sections:
        for question in section.questions:
            assert " ".join(question.text.split()) in text
            for choice in question.choices:
                assert choice.label in text
    assert "[" not in text
    assert not any(f" {i} " in f" {text} " for i in ids(sections) if "_" in i)


def test_event_text_is_escaped_in_the_printed_questionnaires(tmp_path):
    files = render(write(tmp_path, title="<script>alert(1)</script> & co"), TODAY)
    for name in ("evaluation.html", "consultation.html"):
        html = files[name].decode("utf-8")
        assert "<script>alert" not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co" in html


def test_the_questionnaires_print_to_pdf(tmp_path):
    require_weasyprint()
    require_program("pdftotext")
    from rzn.cli import main

    out = tmp_path / "out"
    example = EXAMPLES / "joue-les-tours-2027" / "event.yaml"
    assert main(["render", str(example), "-o", str(out), "--today", "2027-09-01", "--pdf"]) == 0
    evaluation = " ".join(pdf_text(Path(out / "evaluation.pdf")).split())
    assert "Questionnaire d'évaluation" in evaluation
    assert "1. Globalement, êtes-vous satisfait·e de la rencontre ?" in evaluation
    assert "overall_satisfaction" not in evaluation and "[" not in evaluation
    consultation = " ".join(pdf_text(Path(out / "consultation.pdf")).split())
    assert "Quels sujets sont prioritaires pour votre association ?" in consultation
    assert "priority_topics" not in consultation
