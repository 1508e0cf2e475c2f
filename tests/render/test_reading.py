"""What a careful reading of the examples' texts found, kept from coming back."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from rzn.model.event import Event
from rzn.render.context import RenderContext
from rzn.render.environment import environment
from rzn.render.registry import all_documents
from tests.render.test_grammar import TODAY, make_event, texts
from tests.spelling import html_text

COLON = re.compile(r"[ \u00a0\u202f]:(?=\s)")


def crowded_sentences(text: str) -> list[str]:
    """Sentences of prose with two colons: French gives a sentence one."""
    found = []
    for line in text.splitlines():
        if line.startswith(("-", "|", "#", ">", "*")) or "à compléter]" in line:
            continue
        # Links, titles between guillemets and asides between brackets have their own.
        prose = re.sub(r"https?://\S+|«[^»]*»|\([^)]*\)", "", line)
        for sentence in re.split(r"(?<=[.!?])\s+", prose):
            if len(COLON.findall(sentence)) > 1:
                found.append(sentence)
    return found


@pytest.mark.parametrize("address", ["vous", "tu"])
def test_one_colon_a_sentence(address):
    for path, text in texts(make_event(address=address, partners=4, organizers=4)).items():
        assert crowded_sentences(text) == [], path


def test_a_crowded_sentence_is_caught():
    assert crowded_sentences("Votre avis compte : prenez cinq minutes : https://x.org") != []
    assert crowded_sentences("Outil : Jitsi. Lien : https://x.org") == []


def test_the_long_post_lists_talks_and_workshops_in_two_sentences():
    posts = texts(make_event(), ("social-posts",))["social-posts.md"].replace("\u00a0", " ")
    assert (
        "> Au programme : « Table ronde : menaces et opportunités ». "
        "En ateliers : « Atelier : collecter des dons en ligne ».\n> \n> Une rencontre ouverte"
        in posts
    )
    assert "Ensemble, avançons dans la transition numérique des associations. Suivez les " in posts


@pytest.mark.parametrize("address", ["vous", "tu"])
def test_a_half_day_is_never_called_a_day(address):
    event = make_event(hours=("09:00", "12:30"), address=address, format="hybrid")
    for path, text in texts(event, ("mailings", "social-posts", "speaker-briefs")).items():
        assert re.findall(r"(?<!demi-)journée", text) == [], path


def test_reminders_speak_of_the_day_to_come_in_the_future():
    event = make_event()
    reminder = texts(event, ("mailings",))["mailings/reminder-j15.eml"]
    assert "Dans 15 jours, le jeudi 14 octobre 2027 de 9\u00a0h à 17\u00a0h, se tiendra" in reminder


def test_switch_online_mail_says_questions_once():
    mail = texts(make_event(), ("switch-online",))["mailings/switch-online.eml"]
    assert (
        "gardez votre micro coupé quand vous ne parlez pas, et posez vos questions dans le "
        "tchat\u00a0: aucune n'est de trop." in mail
    )


def _public_page(**options: object) -> str:
    ctx = RenderContext(make_event(**options), TODAY, environment(()), Path("."))  # type: ignore[arg-type]
    for output in all_documents()["public"](ctx):
        if output.path == "public/index.html":
            return html_text(output.content.decode("utf-8"))
    raise AssertionError("no public page")


def test_public_programme_lists_end_with_et_and_say_nothing_twice():
    page = " ".join(_public_page().split()).replace("\u202f", " ").replace("\u00a0", " ")
    assert "Avec Mathieu Riou et Gwenaëlle Kerbrat (PANA 22)" in page
    assert "Table ronde : Table ronde" not in page
    assert "· Témoignage : Retours d'expérience" in page


def test_questionnaire_times_are_written_in_french():
    ctx = RenderContext(make_event(), TODAY, environment(()), Path("."))
    files = {o.path: o.content.decode("utf-8") for o in all_documents()["evaluation"](ctx)}
    assert (
        "| 9\u00a0h\u00a030 Table ronde\u00a0: menaces et opportunités [" in files["evaluation.md"]
    )
    assert "09:30" not in files["evaluation.md"]
    assert "09:30" not in html_text(files["evaluation.html"])


def test_speaker_letters_name_a_room_as_french_does():
    data = make_event().model_dump(mode="json", exclude_none=True)
    data["program"][0]["room"] = "Amphithéâtre"
    data["program"][1]["room"] = "Ty Coz"
    data["program"][3]["room"] = "Grande salle"
    letters = texts(Event.model_validate(data), ("speaker-briefs",))
    riou = letters["speakers/riou/1-bilateral.eml"]
    assert "menaces et opportunités\u00a0», à l'Amphithéâtre, avec" in riou
    kerbrat = letters["speakers/kerbrat/1-bilateral.eml"]
    assert "collecter des dons en ligne\u00a0», salle «\u00a0Ty Coz\u00a0»" in kerbrat
    assert "(témoignage), en Grande salle" in letters["speakers/morvan/1-bilateral.eml"]


def test_the_slides_never_call_the_meeting_a_day():
    import io

    from pptx import Presentation

    event = make_event(hours=("09:00", "12:30"), format="hybrid")
    ctx = RenderContext(event, TODAY, environment(), Path("."))
    [deck] = all_documents()["opening-slides"](ctx)
    said = []
    for slide in Presentation(io.BytesIO(deck.content)).slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                said.append(shape.text_frame.text)
        if slide.has_notes_slide:
            said.append(slide.notes_slide.notes_text_frame.text)
    assert said and not any("journée" in text for text in said)
