"""The whole plan of one event (:func:`build_plan`), as the documents use it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from rzn.model.event import Event
from rzn.plan.budget import BudgetEstimate, build_budget
from rzn.plan.tasks import Phase, Status, Task, build_tasks
from rzn.plan.timeline import TimelineAction, build_timeline


@dataclass(frozen=True)
class PhaseGroup:
    phase: Phase
    label: str
    tasks: tuple[Task, ...]


@dataclass(frozen=True)
class Plan:
    event_date: dt.date
    today: dt.date
    tasks: tuple[Task, ...]
    timeline: tuple[TimelineAction, ...]
    budget: BudgetEstimate

    @property
    def phases(self) -> tuple[PhaseGroup, ...]:
        """Tasks grouped by phase, in the vade-mecum's order; empty phases left out."""
        groups = []
        for phase in Phase:
            tasks = tuple(t for t in self.tasks if t.phase is phase)
            if tasks:
                groups.append(PhaseGroup(phase, phase.label, tasks))
        return tuple(groups)

    @property
    def done(self) -> tuple[Task, ...]:
        return tuple(t for t in self.tasks if t.status is Status.DONE)

    @property
    def late(self) -> tuple[Task, ...]:
        return tuple(t for t in self.tasks if t.status is Status.LATE)

    @property
    def todo(self) -> tuple[Task, ...]:
        return tuple(t for t in self.tasks if t.status is Status.PENDING)

    @property
    def unassigned(self) -> tuple[Task, ...]:
        """Tasks still to do that nobody is named for."""
        return tuple(t for t in self.tasks if t.owner is None and not t.done)

    def task(self, task_id: str) -> Task | None:
        return next((t for t in self.tasks if t.id == task_id), None)


def build_plan(event: Event, today: dt.date) -> Plan:
    tasks = tuple(build_tasks(event, today))
    return Plan(
        event_date=event.date,
        today=today,
        tasks=tasks,
        timeline=tuple(build_timeline(tasks)),
        budget=build_budget(event),
    )
