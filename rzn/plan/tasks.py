"""The retro-planning: the catalogue's tasks dated from the event, with their status.

Everything here is pure: an event and a day in, dated tasks out. The tasks
themselves, their ids and their sources are in :mod:`rzn.plan.catalogue`;
the names callers know this module by are kept here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import Enum

from rzn.model.event import Event, TaskRole
from rzn.plan.catalogue import (
    MAILING_ID,
    ROLE_LABELS,
    TASKS,
    Phase,
    TaskSpec,
    catalogue,
    catalogue_ids,
    mailing_id,
    static_ids,
    task_offset,
)
from rzn.plan.progress import proven_done
from rzn.plan.workdays import Deadline, WorkingDays

__all__ = [
    "MAILING_ID",
    "ROLE_LABELS",
    "TASKS",
    "Phase",
    "Status",
    "Task",
    "TaskSpec",
    "build_tasks",
    "catalogue",
    "catalogue_ids",
    "mailing_id",
    "relative_day",
    "static_ids",
    "task_due",
    "task_offset",
    "task_owners",
]


class Status(str, Enum):
    PENDING = "todo"
    DONE = "done"
    LATE = "late"

    @property
    def label(self) -> str:
        return _STATUS_LABELS[self]


_STATUS_LABELS = {Status.PENDING: "à faire", Status.DONE: "fait", Status.LATE: "en retard"}


def relative_day(offset: int) -> str:
    """``J-90``, ``J``, ``J+1`` — how the vade-mecum counts days."""
    if offset == 0:
        return "J"
    return f"J{offset:+d}"


@dataclass(frozen=True)
class Task:
    """A task dated for one event, with its status on a given day."""

    id: str
    title: str
    phase: Phase
    offset: int
    due: dt.date
    role: str
    """The role's French label (``Communication``)."""
    status: Status
    source: str
    optional: bool
    timeline: bool
    role_id: TaskRole = TaskRole.COMMITTEE
    owner: str | None = None
    """The person who does it (``team[].name``); ``None``: nobody named yet."""
    owner_id: str | None = None
    proof: str | None = None
    """Why rzn counts it done without ``tasks.done`` (``lieu renseigné : Espace Malraux``)."""
    deadline: Deadline | None = None

    @property
    def relative(self) -> str:
        return relative_day(self.offset)

    @property
    def done(self) -> bool:
        return self.status is Status.DONE

    @property
    def late(self) -> bool:
        return self.status is Status.LATE

    @property
    def responsible(self) -> str:
        """``Claire Martin (Communication)``, or ``Communication (personne désignée : aucune)``."""
        if self.owner is not None:
            return f"{self.owner} ({self.role})"
        return f"{self.role} (à attribuer)"

    @property
    def status_text(self) -> str:
        """``fait — lieu renseigné : Espace Malraux``, ``en retard``…"""
        if self.proof is not None:
            return f"{self.status.label} — {self.proof}"
        return self.status.label

    @property
    def moved(self) -> str | None:
        """``avancé du samedi 14 août : week-end`` when the deadline moved off a day off."""
        return self.deadline.note if self.deadline is not None else None


def task_owners(event: Event) -> dict[TaskRole, tuple[str, str]]:
    """Each role's holder: the first team member who takes it → (id, name)."""
    holders: dict[TaskRole, tuple[str, str]] = {}
    for member in event.team:
        for role in member.tasks:
            holders.setdefault(role, (member.id, member.name))
    return holders


def build_tasks(event: Event, today: dt.date) -> list[Task]:
    done = set(event.tasks.done)
    not_done = set(event.tasks.not_done)
    members = {m.id: m.name for m in event.team}
    holders = task_owners(event)
    days = WorkingDays(event)
    tasks = []
    for spec in catalogue(event):
        deadline = days.deadline(event, spec.id, spec.offset)
        proof = None if spec.id in done or spec.id in not_done else proven_done(event, spec.id)
        if spec.id in done or proof is not None:
            status = Status.DONE
        elif deadline.day < today:
            status = Status.LATE
        else:
            status = Status.PENDING
        owner_id = event.tasks.owners.get(spec.id)
        if owner_id is None or owner_id not in members:
            owner_id = holders.get(spec.role, (None, None))[0]
        tasks.append(
            Task(
                spec.id,
                spec.title_for(event),
                spec.phase,
                spec.offset,
                deadline.day,
                ROLE_LABELS[spec.role],
                status,
                spec.source,
                spec.optional,
                spec.timeline,
                role_id=spec.role,
                owner=members.get(owner_id) if owner_id is not None else None,
                owner_id=owner_id,
                proof=proof,
                deadline=deadline,
            )
        )
    return tasks


def task_due(event: Event, task_id: str, days_off: WorkingDays | None = None) -> dt.date:
    """A catalogue task's deadline as the checklist gives it (documents dated by a task)."""
    days_off = days_off or WorkingDays(event)
    return days_off.deadline(event, task_id, task_offset(task_id)).day
