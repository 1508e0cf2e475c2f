import datetime as dt
import re

import pytest

from rzn.render import build_documents
from rzn.render.documents.evaluation import AGE_45_PLUS, AGE_BANDS, question_ids, sections

TODAY = dt.date(2027, 9, 1)

EVENT = """\
title: Rencontre test
date: 2027-11-18
format: {format}
organizers:
  - {{name: Le Mouvement associatif, lead: true}}
venue: {{name: Espace Malraux, rooms: [{{name: Grande salle, capacity: 200, kind: plenary}}]}}
online: {{platform: BigBlueButton, url: "https://visio.example.org/rzn"}}
program:
  - {{start: "09:00", duration: 30, title: Accueil, kind: welcome}}
  - {{start: "09:30", duration: 60, title: État des lieux, kind: talk}}
  - {{start: "10:30", duration: 15, title: Pause, kind: break}}
  - {{start: "10:45", duration: 60, title: Atelier, kind: workshop}}
  - {{start: "11:45", duration: 30, title: Atelier, kind: workshop}}
  - {{start: "12:15", duration: 30, title: Clôture, kind: closing}}
"""

COMMON_START = ["overall_satisfaction"]
ITEMS = [
    "item_satisfaction.etat-des-lieux",
    "item_satisfaction.atelier",
    "item_satisfaction.atelier-2",
]
ABOUT_YOU_AND_NEXT = [
    "digital_level",
    "age_band",
    "association_role",
    "heard_from",
    "next_topics",
    "follow_up",
    "takeaways",
    "comments",
    "contact_email",
]
ON_SITE = ["venue_satisfaction", "access_satisfaction", "accessibility_satisfaction"]
REMOTE = ["tool_satisfaction", "connection_quality", "remote_interaction"]


def event(write_event, fmt: str):
    from rzn.check import CheckOptions, check_file

    text = EVENT.format(format=fmt)
    if fmt == "online":
        text = text.replace("venue: ", "# venue: ")
    report = check_file(str(write_event(text)), CheckOptions(today=TODAY))
    assert report.event is not None, [d.message for d in report.diagnostics]
    return report.event


@pytest.mark.parametrize(
    ("fmt", "expected"),
    [
        ("in_person", [*COMMON_START, *ITEMS, "usefulness", *ON_SITE, *ABOUT_YOU_AND_NEXT]),
        ("online", [*COMMON_START, *ITEMS, "usefulness", *REMOTE, *ABOUT_YOU_AND_NEXT]),
        (
            "hybrid",
            [
                "attendance_mode",
                *COMMON_START,
                *ITEMS,
                "usefulness",
                *ON_SITE,
                *REMOTE,
                *ABOUT_YOU_AND_NEXT,
            ],
        ),
    ],
)
def test_question_ids_are_stable_and_adapted_to_the_format(write_event, fmt, expected):
    assert question_ids(event(write_event, fmt)) == expected


def test_age_bands_add_up_to_the_vademecum_45_and_over():
    codes = [choice.code for choice in AGE_BANDS]
    assert codes == ["under-25", "25-34", "35-44", "45-54", "55-64", "65-plus"]
    assert set(codes[3:]) == AGE_45_PLUS


def test_digital_level_uses_the_vademecum_levels(write_event):
    level = next(
        q for s in sections(event(write_event, "online")) for q in s.questions
        if q.id == "digital_level"
    )  # fmt: skip
    assert [c.label for c in level.choices] == ["Débutant·e", "Intermédiaire", "Avancé·e"]


def test_evaluation_md_shows_every_id_once_with_sequential_numbers(write_event):
    path = write_event(EVENT.format(format="hybrid"))
    _, files = build_documents(str(path), TODAY)
    text = {
        f.path: f.content.decode("utf-8")
        for f in files
        if not f.path.endswith((".pptx", ".xlsx", ".png"))
    }["evaluation.md"]
    shown = re.findall(r"\[([a-z_]+(?:\.[a-z0-9-]+)?)\]", text)
    grid = [i for i in shown if i == "item_satisfaction"]
    columns = [i for i in shown if i != "item_satisfaction"]
    assert grid == ["item_satisfaction"]
    assert columns == question_ids(report_event(path))
    numbers = [int(n) for n in re.findall(r"^\*\*(\d+)\. ", text, flags=re.M)]
    assert numbers == list(range(1, len(numbers) + 1))
    assert "| 10\u00a0h\u00a045 Atelier [item_satisfaction.atelier] | ☐ | ☐ | ☐ | ☐ | ☐ |" in text
    assert "Pause" not in text and "Accueil" not in text
    assert "(BigBlueButton) (si vous avez participé à distance)" in text
    assert "- [ ] Sans objet" in text


def report_event(path):
    from rzn.check import CheckOptions, check_file

    return check_file(str(path), CheckOptions(today=TODAY)).event


def test_in_person_questionnaire_asks_about_the_venue_not_the_tool(write_event):
    _, files = build_documents(str(write_event(EVENT.format(format="in_person"))), TODAY)
    text = {
        f.path: f.content.decode("utf-8")
        for f in files
        if not f.path.endswith((".pptx", ".xlsx", ".png"))
    }["evaluation.md"]
    assert "[venue_satisfaction]" in text and "[accessibility_satisfaction]" in text
    assert "visioconférence" not in text


def test_the_questionnaire_is_defined_once_for_the_document_and_the_report():
    import rzn.questionnaire
    from rzn.render.documents import evaluation

    assert evaluation.sections is rzn.questionnaire.sections
