import datetime as dt
import re

import pytest

from rzn.plan import Phase, Status, build_plan
from rzn.plan.tasks import TASKS, relative_day
from tests.plan.helpers import event, vademecum_text

DAY = dt.date(2027, 11, 18)
BEFORE = dt.date(2027, 6, 1)

VENUE_TASKS = {"venue-booking", "venue-accessibility", "logistics", "day-logistics"}
REMOTE_TASKS = {"videoconference-tool", "remote-rules", "remote-welcome"}


def ids(fmt: str, **fields) -> list[str]:
    return [t.id for t in build_plan(event(fmt, **fields), BEFORE).tasks]


def test_in_person_event_books_a_room_and_has_no_remote_animation():
    found = set(ids("in_person"))
    assert found >= VENUE_TASKS
    assert not REMOTE_TASKS & found


def test_online_event_gets_remote_animation_and_no_room_booking():
    found = set(ids("online"))
    assert found >= REMOTE_TASKS
    assert not VENUE_TASKS & found


def test_hybrid_event_gets_both():
    found = set(ids("hybrid"))
    assert found >= VENUE_TASKS | REMOTE_TASKS


def test_in_person_plan_lists_every_vademecum_task_in_phase_order():
    plan = build_plan(event("in_person"), BEFORE)
    assert [(g.label, [t.id for t in g.tasks]) for g in plan.phases] == [
        (
            "Lancer",
            [
                "lead",
                "common-vision",
                "date",
                "political-support",
                "consultation",
                "venue-booking",
                "venue-accessibility",
                "budget",
            ],
        ),
        (
            "Préparer",
            [
                "program",
                "speakers",
                "speaker-referent",
                "bilateral-invitation",
                "bilateral-exchanges",
                "fallback-speakers",
                "workshop-sheets-sent",
                "workshop-sheets",
                "logistics",
                "fallback-test",
                "run-sheet-sent",
                "rehearsal",
                "evaluation-questionnaire",
                "speaker-practical-info",
            ],
        ),
        (
            "Communiquer",
            [
                "communication-roadmap",
                "logos",
                "site-update",
                "mailing-j30",
                "social-before",
                "mailing-j15",
                "fallback-message",
                "mailing-j7",
            ],
        ),
        ("Jour J", ["day-logistics", "social-live"]),
        (
            "Après",
            [
                "thanks-speakers",
                "thanks-participants",
                "social-after",
                "collect-slides",
                "evaluation-reminder",
                "resources-sent",
                "practical-sheets",
            ],
        ),
    ]


def test_due_dates_run_from_j_minus_90_to_j_plus_30():
    plan = build_plan(event(), BEFORE)
    due = {t.id: (t.due, t.relative) for t in plan.tasks}
    assert due["lead"] == (DAY - dt.timedelta(days=90), "J-90")
    assert due["mailing-j15"] == (dt.date(2027, 11, 3), "J-15")
    assert due["social-live"] == (DAY, "J")
    assert due["thanks-participants"] == (dt.date(2027, 11, 19), "J+1")
    assert due["resources-sent"] == (dt.date(2027, 12, 18), "J+30")
    assert min(t.offset for t in plan.tasks) == -90
    assert max(t.offset for t in plan.tasks) == 30


def test_mailings_follow_communication_mailings():
    plan = build_plan(event(communication={"mailings": [10, 45]}), BEFORE)
    mailings = [t for t in plan.tasks if t.id.startswith("mailing-")]
    assert [(t.id, t.offset) for t in mailings] == [("mailing-j45", -45), ("mailing-j10", -10)]
    assert "d'invitation" in mailings[0].title
    assert "de relance" in mailings[1].title


def test_online_mailings_carry_the_connection_link():
    plan = build_plan(event("online"), BEFORE)
    assert plan.task("mailing-j30").title.endswith("et le lien de connexion")
    assert not build_plan(event(), BEFORE).task("mailing-j30").title.endswith("connexion")


def test_status_done_late_and_todo_relative_to_today():
    today = DAY - dt.timedelta(days=60)  # the day "program" is due
    plan = build_plan(event(tasks={"done": ["lead", "site-update"]}), today)
    status = {t.id: t.status for t in plan.tasks}
    assert status["lead"] is Status.DONE
    assert status["site-update"] is Status.DONE  # done early: never late
    assert status["common-vision"] is Status.LATE
    assert status["program"] is Status.PENDING  # due today is not late yet
    assert status["mailing-j30"] is Status.PENDING
    assert plan.task("common-vision").late and plan.task("lead").done
    assert [t.id for t in plan.done] == ["lead", "site-update"]
    assert {t.id for t in plan.late} == {
        "common-vision",
        "date",
        "political-support",
        "consultation",
        "venue-booking",
        "venue-accessibility",
        "budget",
    }


def test_status_labels_are_french():
    assert [s.label for s in Status] == ["à faire", "fait", "en retard"]
    assert [p.label for p in Phase] == ["Lancer", "Préparer", "Communiquer", "Jour J", "Après"]


def test_workshop_sheets_only_when_the_programme_has_workshops():
    talk = {"start": "09:30", "duration": 60, "title": "Conférence", "kind": "talk"}
    workshop = {**talk, "title": "Atelier", "kind": "workshop"}
    assert "workshop-sheets" in ids("in_person")  # no programme yet: likely workshops
    assert "workshop-sheets" not in ids("in_person", program=[talk])
    assert "workshop-sheets" in ids("in_person", program=[talk, workshop])


def test_recording_task_only_when_debates_are_recorded():
    assert "recording" not in ids("in_person")
    plan = build_plan(event(communication={"recording": True}), BEFORE)
    assert plan.task("recording") is not None
    assert plan.task("thanks-participants").title.endswith("et l'enregistrement des débats")


def test_social_before_names_the_hashtag():
    plan = build_plan(event(communication={"hashtag": "#ReZoNum37"}), BEFORE)
    assert plan.task("social-before").title.endswith("#ReZoNum37")


def test_every_task_is_complete_and_its_id_stable_kebab_case():
    for fmt in ("in_person", "online", "hybrid"):
        plan = build_plan(event(fmt, communication={"recording": True}), BEFORE)
        seen = [t.id for t in plan.tasks]
        assert len(seen) == len(set(seen))
        for task in plan.tasks:
            assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", task.id)
            assert task.title and task.role and task.source
            assert -90 <= task.offset <= 30


@pytest.mark.parametrize("spec", TASKS, ids=lambda s: s.id)
def test_every_source_is_quoted_from_the_vademecum(spec, vademecum):
    assert " ".join(spec.source.split()) in vademecum


@pytest.fixture(scope="module")
def vademecum() -> str:
    return vademecum_text()


def test_relative_day():
    assert [relative_day(d) for d in (-90, -1, 0, 1, 30)] == ["J-90", "J-1", "J", "J+1", "J+30"]
