import datetime as dt
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from typing import Any

import pytest

from rzn.plan import build_plan
from tests.conftest import plain
from tests.plan.helpers import event, render, write

TODAY = dt.date(2027, 9, 1)
PLAN_B = {"platform": "BigBlueButton", "url": "https://visio.example.org/plan-b"}
PLAN_B_TASKS = ["fallback-speakers", "fallback-test", "fallback-message"]


def docs(tmp_path, fmt: str = "in_person", **fields: Any) -> dict[str, bytes]:
    return render(write(tmp_path, fmt, **fields), TODAY)


def parse(data: bytes) -> EmailMessage:
    message = BytesParser(policy=policy.default).parsebytes(data)
    assert isinstance(message, EmailMessage)
    return message


def bodies(data: bytes) -> tuple[str, str]:
    message = parse(data)
    text, html = message.get_body(("plain",)), message.get_body(("html",))
    assert text is not None and html is not None
    return (
        plain(text.get_content().replace("\r\n", "\n")),
        plain(html.get_content().replace("\r\n", "\n")),
    )


def test_in_person_event_gets_a_ready_switch_to_online_draft(tmp_path):
    found = docs(tmp_path, fallback=PLAN_B, communication={"sender": {
        "name": "Équipe RZN", "email": "rzn@example.org"}})  # fmt: skip
    message = parse(found["mailings/switch-online.eml"])
    assert plain(message["Subject"]) == (
        "Changement : RéZolutions numériques test aura lieu en ligne, le jeudi 18 novembre 2027"
    )
    assert message["From"] == "Équipe RZN <rzn@example.org>"
    assert message["To"] == "undisclosed-recipients:;"
    assert message["Date"] == "Wed, 17 Nov 2027 09:00:00 +0100"
    assert message["Message-ID"] == "<switch-online.rezolutions-numeriques-test@rzn.invalid>"
    text, html = bodies(found["mailings/switch-online.eml"])
    assert text.startswith(
        "Bonjour,\n\nLa rencontre « RéZolutions numériques test », prévue le jeudi 18 novembre "
        "2027 à l'Espace Malraux, ne pourra pas se tenir sur place : [raison à compléter]. Elle "
        "aura lieu en ligne, le même jour et aux mêmes horaires, de 9 h à 17 h.\n\n"
        "SE CONNECTER\n\nOutil : BigBlueButton\n"
        "Lien de connexion : https://visio.example.org/plan-b\n"
    )
    assert '<a href="https://visio.example.org/plan-b">' in html
    review = plain(found["mailings/switch-online.md"].decode("utf-8"))
    assert review.startswith(
        "# Plan B — Changement : RéZolutions numériques test aura lieu en ligne, le jeudi 18 "
        "novembre 2027\n\n**À n'envoyer que si la rencontre ne peut pas se tenir sur place.**"
    )
    assert "| Lien | https://visio.example.org/plan-b |" in review
    assert review.endswith(text)


def test_without_a_plan_b_the_link_is_a_placeholder(tmp_path):
    found = docs(tmp_path)
    text, html = bodies(found["mailings/switch-online.eml"])
    assert "Lien de connexion : [lien de connexion à compléter]\n" in text
    assert "Outil :" not in text
    assert "[lien de connexion à compléter]" in html
    review = plain(found["mailings/switch-online.md"].decode("utf-8"))
    assert "| Outil du plan B | à choisir (fallback.platform) |" in review
    assert "| Lien | à compléter (fallback.url) |" in review


def test_team_notes_stay_in_the_review_copy(tmp_path):
    notes = "Salons par atelier | régie : Karim\nmot de passe : 1234"
    found = docs(tmp_path, fallback={**PLAN_B, "notes": notes})
    text, html = bodies(found["mailings/switch-online.eml"])
    assert "Karim" not in text and "Karim" not in html
    review = plain(found["mailings/switch-online.md"].decode("utf-8"))
    assert "| Notes de l'équipe | Salons par atelier \\| régie : Karim mot de passe : 1234 |" in (
        review
    )


@pytest.mark.parametrize("fmt", ["online", "hybrid"])
def test_online_and_hybrid_events_need_no_switch(tmp_path, fmt):
    found = docs(tmp_path, fmt)
    assert not [p for p in found if "switch-online" in p]


def test_plan_b_tasks_only_for_in_person_events():
    for fmt in ("online", "hybrid"):
        ids = [t.id for t in build_plan(event(fmt), TODAY).tasks]
        assert not set(PLAN_B_TASKS) & set(ids)
    plan = build_plan(event(fallback=PLAN_B), TODAY)
    tasks = {t.id: t for t in plan.tasks}
    assert [(tasks[i].relative, tasks[i].optional) for i in PLAN_B_TASKS] == [
        ("J-30", True),
        ("J-14", True),
        ("J-7", True),
    ]
    assert tasks["fallback-test"].title == (
        "Tester l'outil du plan B à distance (BigBlueButton) : lien de connexion, micro, "
        "caméra, partage d'écran"
    )
    assert "mailings/switch-online.eml" in tasks["fallback-message"].title


def test_without_a_plan_b_the_test_task_asks_to_choose_the_tool():
    task = build_plan(event(), TODAY).task("fallback-test")
    assert task is not None
    assert task.title.startswith("Choisir l'outil du plan B à distance (fallback dans le fichier")


def test_switch_draft_is_the_same_twice(tmp_path):
    one = docs(tmp_path / "a", fallback=PLAN_B)
    two = docs(tmp_path / "b", fallback=PLAN_B)
    for name in ("mailings/switch-online.eml", "mailings/switch-online.md"):
        assert one[name] == two[name]
