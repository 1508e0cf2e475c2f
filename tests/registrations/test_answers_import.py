"""Evaluation exports → answers by question id, whatever the form tool."""

from __future__ import annotations

from pathlib import Path

import pytest

from rzn.load import load_path
from rzn.model.event import Address, Event
from rzn.model.validate import validate
from rzn.questionnaire import PRIVATE, question_ids, questions
from rzn.registrations.answers import Answers, header_score_for, read_answers
from rzn.registrations.exports import event_answers
from rzn.registrations.table import read_table

ROOT = Path(__file__).resolve().parents[2]
EXPORTS = ROOT / "tests" / "data" / "exports"
TALK = "item_satisfaction.le-numerique-dans-les-associations-etat-des-lieux"


@pytest.fixture(scope="module")
def event() -> Event:
    loaded, _ = validate(load_path(EXPORTS / "val-de-loire.yaml"))
    assert loaded is not None
    return loaded


def load(event: Event, name: str) -> Answers:
    loaded = event_answers(event, EXPORTS, str(EXPORTS / name))
    assert loaded is not None and loaded.data is not None
    return loaded.data


def read(event: Event, text: str, **overrides: str) -> Answers:
    table = read_table(text.encode("utf-8"), "reponses.csv", header_score_for(event))
    return read_answers(table, event, overrides)


def test_the_questionnaire_ids_are_the_documented_ones(event):
    assert question_ids(event) == [
        "attendance_mode",
        "overall_satisfaction",
        TALK,
        "item_satisfaction.lever-et-gerer-des-fonds-en-ligne",
        "item_satisfaction.collaborer-a-distance-outils-libres",
        "item_satisfaction.table-ronde-freins-et-leviers",
        "item_satisfaction.proteger-les-donnees-de-son-association",
        "usefulness",
        "venue_satisfaction",
        "access_satisfaction",
        "accessibility_satisfaction",
        "tool_satisfaction",
        "connection_quality",
        "remote_interaction",
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
    doc = (ROOT / "docs" / "colonnes.md").read_text(encoding="utf-8")
    for question in questions(event):
        if question.kind != "grid":
            assert f"`{question.id}`" in doc, question.id


def test_google_forms_columns_named_after_the_questions(event):
    answers = load(event, "google-forms-reponses.csv")
    assert answers.missing == []
    assert answers.unknown_values == []
    assert len(answers.responses) == 12
    first = answers.responses[0]
    assert first.line == 2
    assert first.choices["overall_satisfaction"] == "very-satisfied"
    assert first.choices[TALK] == "very-satisfied"
    assert first.multiple["next_topics"] == {"volunteers", "data"}
    # The form's own e-mail column and the contact question are never read.
    assert all("@" not in value for r in answers.responses for value in r.choices.values())
    assert "contact_email" not in answers.columns
    assert "Adresse e-mail" not in [answers.table.header[i] for i in answers.columns.values()]


def test_gendered_and_parenthesised_labels_are_the_same_answer(event):
    answers = read(
        event,
        "overall_satisfaction;digital_level\n"
        "Plutôt satisfait;Débutante\n"
        "Plutôt satisfaite;débutant\n"
        "Plutôt satisfait(e);Débutant·e\n"
        "satisfied;beginner\n",
    )
    assert [r.choices for r in answers.responses] == [
        {"overall_satisfaction": "satisfied", "digital_level": "beginner"}
    ] * 4


def test_typed_other_answers_count_as_other_and_are_never_quoted(event):
    answers = load(event, "google-forms-reponses.csv")
    fourth = answers.responses[3]
    assert fourth.multiple["next_topics"] == {"free-software", "other"}
    tenth = answers.responses[9]
    assert tenth.choices["association_role"] == "other"


def test_limesurvey_codes_and_one_column_per_choice(event):
    answers = load(event, "limesurvey-reponses.csv")
    assert answers.table.encoding == "UTF-8 avec BOM"
    assert answers.columns[TALK] == 5
    assert sorted(code for _, code in answers.options["next_topics"]) == [
        "data",
        "remote-work",
        "volunteers",
    ]
    assert [r.choices.get("overall_satisfaction") for r in answers.responses] == [
        "very-satisfied",
        "satisfied",
        "satisfied",
        "very-satisfied",
        "dissatisfied",
    ]
    assert answers.responses[2].multiple["next_topics"] == {"volunteers", "data"}
    # An abandoned form (submitted empty) is not an answer, and is said.
    assert answers.empty_rows == [7]


def test_framaforms_machine_names_in_windows_1252(event):
    answers = load(event, "framaforms-reponses.csv")
    assert answers.table.description == "Windows-1252, séparateur point-virgule"
    assert [r.choices["digital_level"] for r in answers.responses] == [
        "beginner",
        "intermediate",
        "intermediate",
        "intermediate",
        "advanced",
    ]
    assert "usefulness" in answers.missing


def test_an_unknown_value_is_reported_with_its_lines_and_a_suggestion(event):
    answers = read(
        event,
        "overall_satisfaction;age_band\nBien;45 à 54 ans\nTrès satisfait;45-54\nBien;\n",
    )
    assert [(u.column, u.value, u.lines, u.suggestion) for u in answers.unknown_values] == [
        ("overall_satisfaction", "Bien", (2, 4), None)
    ]
    # The other answers of these rows still count.
    assert [r.choices.get("age_band") for r in answers.responses] == ["45-54", "45-54"]
    close = read(event, "overall_satisfaction\nTrès satisfai\n").unknown_values
    assert close[0].suggestion == "Très satisfait·e"


def test_ids_between_brackets_and_the_event_file_mapping(event):
    answers = read(
        event,
        "Note globale;Votre âge [age_band]\nTrès satisfait;65 ans et plus\n",
        overall_satisfaction="note globale",
    )
    assert answers.responses[0].choices == {
        "overall_satisfaction": "very-satisfied",
        "age_band": "65-plus",
    }


def test_no_questionnaire_column_is_fatal_and_says_what_to_do(event):
    answers = read(event, "Horodateur;Note\n2027;4\n")
    assert answers.fatal is not None
    assert answers.fatal.startswith("Aucune colonne du questionnaire d'évaluation reconnue")
    assert "answer_columns" in answers.fatal


def test_private_questions_are_not_even_columns(event):
    answers = read(event, "contact_email;comments\nkenza@example.org;Bien\n")
    assert set(answers.columns) == {"comments"}
    assert {"contact_email"} == PRIVATE


@pytest.mark.parametrize("address", [Address.VOUS, Address.TU])
def test_question_texts_in_either_form_of_address_name_their_columns(event, address):
    chosen = event.model_copy(
        update={"communication": event.communication.model_copy(update={"address": address})}
    )
    header = (
        "Globalement, es-tu satisfait·e de la rencontre ?;"
        "Comment évaluez-vous votre niveau sur le numérique ?\n"
    )
    answers = read(chosen, header + "Très satisfaite;Débutant\n")
    assert answers.responses[0].choices == {
        "overall_satisfaction": "very-satisfied",
        "digital_level": "beginner",
    }
