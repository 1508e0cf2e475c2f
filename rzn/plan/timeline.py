"""The communication timeline: the dated actions of ``timeline.ics``.

They are the tasks flagged ``timeline`` in the catalogue (the needs
consultation, site update, each mailing, the speakers' preparation mails
and technical test, social posts before, on and after the day, thanks,
evaluation reminder, resources to the coordinator), so the calendar and
the checklist can never disagree on a date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from rzn.plan.tasks import Task, relative_day


@dataclass(frozen=True)
class TimelineAction:
    id: str
    """The task id; with the event slug it makes the calendar UID."""
    title: str
    day: dt.date
    offset: int
    role: str
    """Who does it: ``Claire Martin (Communication)`` or ``Communication (à attribuer)``."""
    source: str

    @property
    def relative(self) -> str:
        return relative_day(self.offset)


def build_timeline(tasks: Iterable[Task]) -> list[TimelineAction]:
    actions = [
        TimelineAction(t.id, t.title, t.due, t.offset, t.responsible, t.source)
        for t in tasks
        if t.timeline
    ]
    return sorted(actions, key=lambda a: a.offset)  # stable: same-day actions keep their order
