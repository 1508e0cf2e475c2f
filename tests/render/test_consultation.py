import datetime as dt
import re

import pytest

from rzn.plan import build_plan
from rzn.render.documents import consultation, evaluation
from tests.conftest import plain
from tests.plan.helpers import event, render, write

TODAY = dt.date(2027, 9, 1)
THEMES = [
    "Mobiliser des bénévoles",
    "Lever et gérer des fonds",
    "Communiquer sur les réseaux sociaux",
    "Collaborer à distance",
    "Protéger et utiliser les données",
    "Impact environnemental du numérique",
]


def text(tmp_path, fmt="in_person", **fields) -> str:
    return plain(render(write(tmp_path, fmt, **fields), TODAY)["consultation.md"].decode("utf-8"))


@pytest.mark.parametrize("fmt", ["in_person", "online", "hybrid"])
def test_every_event_gets_the_consultation(tmp_path, fmt):
    md = text(tmp_path, fmt)
    assert md.startswith("# Consultation des responsables associatifs — RéZolutions numériques")
    for theme in THEMES:
        assert f"- [ ] {theme}\n" in md
    assert (
        "**5. D'autres sujets, ou une difficulté précise que vous aimeriez voir traitée ?** "
        in (md)
    )
    assert md.endswith("nous vous tiendrons au courant du programme !\n")


def test_where_and_when_the_day_takes_place(tmp_path):
    assert "prépare une rencontre RéZolutions numériques en ligne, le jeudi 18 novembre 2027" in (
        text(tmp_path / "a", "online")
    )
    assert (
        "Le Mouvement associatif prépare une rencontre RéZolutions numériques à Tours et en "
        in (text(tmp_path / "b", "hybrid", city="Tours"))
    )


def test_questions_have_stable_ids_in_the_documented_order(tmp_path):
    md = text(tmp_path)
    found = re.findall(r"^\*\*\d+\. .*\*\* \[(\w+)\]", md, flags=re.MULTILINE)
    assert found == consultation.question_ids()
    documented = re.findall(r"^(\w+) {2,}\S", consultation.__doc__ or "", flags=re.MULTILINE)
    assert documented[1:] == found  # the first row is the table's header
    assert len(set(found)) == len(found)


def test_codes_are_those_of_the_evaluation():
    # What is asked for before the day and for the next one can then be compared.
    topics = [c.code for c in consultation.PRIORITY_TOPICS]
    assert topics == [c.code for c in evaluation.TOPICS]
    [role] = [
        q
        for section in evaluation.sections(event())
        for q in section.questions
        if q.id == "association_role"
    ]
    assert role.choices == consultation.ROLES


def test_it_goes_out_with_its_task_well_before_the_programme(tmp_path):
    plan = build_plan(event(), TODAY)
    task, program = plan.task("consultation"), plan.task("program")
    assert task is not None and program is not None
    assert task.timeline and "consultation.md" in task.title
    assert "consultation" in [a.id for a in plan.timeline]
    answers = consultation.answers_by(event())
    assert task.due < answers < program.due
    assert (task.relative, program.due - answers) == ("J-85", dt.timedelta(days=10))
    md = text(tmp_path)
    assert "> diffusez-le vers le mercredi 25 août 2027 par les têtes de réseaux" in md
    # The programme's J-60 falls on Sunday 19 September: due on Friday 17, answers ten days
    # before, on a working day.
    assert "répondez si possible avant le mardi 7 septembre 2027." in md


def test_hostile_title_stays_on_its_heading_line(tmp_path):
    md = text(tmp_path, title="Titre\n# Faux titre {{ 7*7 }}")
    assert md.splitlines()[0] == (
        "# Consultation des responsables associatifs — Titre # Faux titre {{ 7*7 }}"
    )
