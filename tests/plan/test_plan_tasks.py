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
                "workshop-sheets",
                "bilateral-exchanges",
                "fallback-speakers",
                "workshop-sheets-sent",
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
    # J-90, Friday 20 August, is in the team's summer break: due on Friday 30 July.
    assert due["lead"] == (dt.date(2027, 7, 30), "J-90")
    assert due["mailing-j15"] == (dt.date(2027, 11, 3), "J-15")
    assert due["social-live"] == (DAY, "J")
    assert due["thanks-participants"] == (dt.date(2027, 11, 19), "J+1")
    assert due["resources-sent"] == (dt.date(2027, 12, 20), "J+30")  # not Saturday 18
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
    # The programme's J-60 is Sunday 19 September 2027: it is due on Friday 17.
    today = dt.date(2027, 9, 17)
    plan = build_plan(event(tasks={"done": ["site-update"]}), today)
    status = {t.id: t.status for t in plan.tasks}
    assert status["site-update"] is Status.DONE  # declared done early: never late
    assert status["lead"] is Status.DONE  # proven by the file: a lead organiser
    assert status["common-vision"] is Status.LATE
    assert status["program"] is Status.PENDING  # due today is not late yet
    assert status["mailing-j30"] is Status.PENDING
    assert plan.task("common-vision").late and plan.task("lead").done
    assert [t.id for t in plan.done] == ["lead", "date", "venue-accessibility", "site-update"]
    assert {t.id for t in plan.late} == {
        "common-vision",
        "political-support",
        "consultation",
        "venue-booking",
        "budget",
    }


def test_tasks_the_file_proves_done_say_why_and_can_be_reopened():
    plan = build_plan(event(), BEFORE)
    assert plan.task("lead").proof == "tête de file indiquée : Le Mouvement associatif"
    assert plan.task("date").status_text == "fait — date fixée"
    assert plan.task("venue-booking").proof is None  # no address yet: not booked for sure
    reopened = build_plan(event(tasks={"not_done": ["lead"]}), BEFORE).task("lead")
    assert (reopened.status, reopened.proof) == (Status.PENDING, None)
    declared = build_plan(event(tasks={"done": ["lead"]}), BEFORE).task("lead")
    assert (declared.status, declared.proof) == (Status.DONE, None)


def test_deadlines_move_off_weekends_holidays_and_the_summer_break():
    plan = build_plan(event(), BEFORE)
    # J-7 is Thursday 11 November 2027, Armistice: due the working day before.
    seven = plan.task("mailing-j7")
    assert (seven.due, seven.moved) == (
        dt.date(2027, 11, 10),
        "avancé du jeudi 11 novembre : Armistice, jour férié",
    )
    # J-90 is Friday 20 August, in the team's summer break (1–22 August by default).
    lead = plan.task("lead")
    assert (lead.due, lead.moved) == (
        dt.date(2027, 7, 30),
        "avancé du vendredi 20 août : pause d'été de l'équipe et week-end",
    )
    # After the event, a deadline on a weekend moves to the next working day.
    after = build_plan(event(date="2027-11-19"), BEFORE).task("thanks-participants")
    assert (after.due, after.moved) == (
        dt.date(2027, 11, 22),
        "reporté du samedi 20 novembre : week-end",
    )
    # The day itself never moves; no summer break when the team has none.
    assert plan.task("social-live").due == DAY
    no_break = build_plan(event(tasks={"summer_break": None}), BEFORE).task("lead")
    assert no_break.due == dt.date(2027, 8, 20)


def test_a_deadline_chosen_in_the_file_is_kept_as_written():
    plan = build_plan(event(tasks={"due": {"rehearsal": "2027-11-13"}}), BEFORE)
    rehearsal = plan.task("rehearsal")
    assert (rehearsal.due, rehearsal.moved) == (
        dt.date(2027, 11, 13),
        "échéance choisie dans le fichier d'événement",
    )


def test_alsace_moselle_holidays_move_deadlines_there_only():
    # Good Friday 2028 (14 April) is a holiday in Moselle, not in Tours.
    metz = build_plan(event(date="2028-06-13", city="Metz", region="Grand Est"), BEFORE)
    tours = build_plan(event(date="2028-06-13", city="Tours"), BEFORE)
    assert metz.task("lead").due == dt.date(2028, 3, 15)
    assert [t.due for t in (metz.task("program"), tours.task("program"))] == [
        dt.date(2028, 4, 13),
        dt.date(2028, 4, 14),
    ]


def test_owners_come_from_the_team_roles_and_the_tasks_owners():
    team = [
        {"id": "claire", "name": "Claire Martin", "tasks": ["communication"]},
        {"id": "yann", "name": "Yann Le Goff", "tasks": ["logistics", "communication"]},
    ]
    plan = build_plan(event(team=team, tasks={"owners": {"mailing-j30": "yann"}}), BEFORE)
    assert plan.task("mailing-j15").responsible == "Claire Martin (Communication)"
    assert plan.task("mailing-j30").responsible == "Yann Le Goff (Communication)"
    assert plan.task("logistics").owner == "Yann Le Goff"
    assert plan.task("budget").responsible == "Trésorerie (à attribuer)"
    assert "budget" in [t.id for t in plan.unassigned]


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
