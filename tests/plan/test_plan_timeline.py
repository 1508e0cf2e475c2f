import datetime as dt

from rzn.plan import build_plan
from tests.plan.helpers import event


def test_timeline_has_every_communication_action_in_date_order():
    plan = build_plan(event(), dt.date(2027, 9, 1))
    assert [(a.id, a.relative) for a in plan.timeline] == [
        ("consultation", "J-85"),
        ("bilateral-invitation", "J-45"),
        ("site-update", "J-45"),
        ("mailing-j30", "J-30"),
        ("workshop-sheets-sent", "J-28"),
        ("social-before", "J-21"),
        ("mailing-j15", "J-15"),
        ("run-sheet-sent", "J-10"),
        ("mailing-j7", "J-7"),
        ("speaker-practical-info", "J-2"),
        ("social-live", "J"),
        ("thanks-speakers", "J+1"),
        ("thanks-participants", "J+1"),
        ("social-after", "J+3"),
        ("evaluation-reminder", "J+8"),
        ("resources-sent", "J+30"),
    ]


def test_timeline_dates_are_the_checklist_dates():
    plan = build_plan(event(communication={"mailings": [21, 3]}), dt.date(2027, 9, 1))
    for action in plan.timeline:
        task = plan.task(action.id)
        assert task is not None and (action.day, action.title) == (task.due, task.title)
    assert [a.id for a in plan.timeline if a.id.startswith("mailing")] == [
        "mailing-j21",
        "mailing-j3",
    ]


def test_timeline_ignores_today():
    # The calendar must not change from one day to the next: statuses live in the checklist.
    one = build_plan(event(), dt.date(2027, 1, 1)).timeline
    other = build_plan(event(), dt.date(2027, 12, 31)).timeline
    assert one == other
