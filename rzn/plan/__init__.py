"""The plan of one event: dated tasks, communication timeline, budget estimate.

Pure computations between the model and the documents: no template, no
file, no clock — the day that decides what is late is passed in.

The names below are loaded on first use: ``rzn check`` imports a module of
this package (``rzn.plan.tasks``, ``rzn.plan.workdays``) for a rule without
paying for the budget and the timeline it does not need.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rzn.plan.budget import BudgetEstimate
    from rzn.plan.catalogue import Phase
    from rzn.plan.event_plan import PhaseGroup, Plan, build_plan
    from rzn.plan.tasks import Status, Task
    from rzn.plan.timeline import TimelineAction

_HOMES = {
    "BudgetEstimate": "rzn.plan.budget",
    "Phase": "rzn.plan.catalogue",
    "PhaseGroup": "rzn.plan.event_plan",
    "Plan": "rzn.plan.event_plan",
    "Status": "rzn.plan.tasks",
    "Task": "rzn.plan.tasks",
    "TimelineAction": "rzn.plan.timeline",
    "build_plan": "rzn.plan.event_plan",
}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'rzn.plan' has no attribute {name!r}")
    return getattr(importlib.import_module(home), name)


__all__ = [
    "BudgetEstimate",
    "Phase",
    "PhaseGroup",
    "Plan",
    "Status",
    "Task",
    "TimelineAction",
    "build_plan",
]
