"""LimeSurvey's short codes: within its limits, unique, and the same from one version to the next.

The codes are a contract like the ids they stand for: a survey imported into LimeSurvey with
one version of rzn is read back by the next. The table below pins them; a change that moves a
code makes this test fail (a retired code is never reused for another choice).
"""

from __future__ import annotations

import re

import pytest

from rzn.model.event import Format
from rzn.questionnaire import sections
from rzn.registrations.form_codes import (
    answer_code,
    coded,
    question_code,
    subquestion_codes,
)
from rzn.registrations.text import compact, gender_variants, words
from rzn.render.documents.consultation import sections as consultation_sections
from tests.render.test_evaluation import EVENT, report_event

PINNED_ANSWERS = {
    "very-satisfied": "vs",
    "satisfied": "satis",
    "dissatisfied": "dissa",
    "very-dissatisfied": "vd",
    "not-applicable": "na",
    "not-attended": "na",
    "on-site": "os",
    "remote": "remot",
    "very-useful": "vu",
    "useful": "usefu",
    "not-very-useful": "nvu",
    "useless": "usele",
    "very-good": "vg",
    "good": "good",
    "poor": "poor",
    "very-poor": "vp",
    "easily": "easil",
    "with-difficulty": "wd",
    "no": "no",
    "beginner": "begin",
    "intermediate": "inter",
    "advanced": "advan",
    "under-25": "u25",
    "25-34": "a2534",
    "35-44": "a3544",
    "45-54": "a4554",
    "55-64": "a5564",
    "65-plus": "a65p",
    "board": "board",
    "volunteer": "volun",
    "employee": "emplo",
    "civic-service": "cs",
    "other": "other",
}
PINNED_QUESTIONS = {
    "overall_satisfaction": "overallsatisfaction",
    "accessibility_satisfaction": "accessibilitysat7c97",
    "item_satisfaction": "itemsatisfaction",
    "inspiring_initiatives": "inspiringinitiatives",
}


@pytest.mark.parametrize(("choice", "code"), PINNED_ANSWERS.items())
def test_answer_codes_are_pinned(choice, code):
    assert answer_code(choice) == code


@pytest.mark.parametrize(("question", "code"), PINNED_QUESTIONS.items())
def test_question_codes_are_pinned(question, code):
    assert question_code(question) == code


def test_a_long_row_key_keeps_a_readable_start_and_a_stable_checksum():
    codes = subquestion_codes(["le-numerique-dans-les-associations", "le-numerique-dans-les-assos"])
    first, second = codes.values()
    assert first.startswith("lenumeriquedansl") and len(first) == 20
    assert second.startswith("lenumeriquedansl") and first != second


def every_question(write_event):
    for format_ in Format:
        event = report_event(write_event(EVENT.format(format=format_.value)))
        yield from (q for s in sections(event) for q in s.questions)
    yield from (q for s in consultation_sections() for q in s.questions)


def test_codes_are_within_limesurvey_limits_and_unique(write_event):
    for question in every_question(write_event):
        item = coded(question)
        assert re.fullmatch(r"[A-Za-z][A-Za-z0-9]{0,19}", item.code)
        assert all(re.fullmatch(r"[A-Za-z0-9]{1,20}", sub) for sub in item.rows)
        assert len({s.lower() for s in item.rows}) == len(item.rows)
        assert all(re.fullmatch(r"[A-Za-z][A-Za-z0-9]{0,4}", a) for a in item.answers)
        assert len({a.lower() for a in item.answers}) == len(item.answers)
        # An answer code never reads as another choice of the same question.
        for short, choice in item.answers.items():
            for other in question.choices:
                if other.code == choice:
                    continue
                names = {compact(other.code), *gender_variants(other.label), words(other.label)}
                assert short not in names, (question.id, short, other.code)
