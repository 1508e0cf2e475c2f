"""Deadlines on working days: never on a weekend, a public holiday or in the summer break.

A task planned before the event on a day off moves to the working day
before it; one planned after the event (thanks, evaluation) to the working
day after it; the day itself never moves. Public holidays are the
``public-holiday`` rule's own (the ``holidays`` package, Alsace-Moselle and
overseas included); the summer break is the team's (``tasks.summer_break``).
A deadline the event file chooses (``tasks.due``) is kept as written.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from rzn import calendars
from rzn.model.event import Event

MAX_SHIFT = 62
"""Days a deadline may move at most (a summer break of two months, then a weekend)."""


@dataclass(frozen=True)
class Deadline:
    day: dt.date
    planned: dt.date
    """The day the vade-mecum's count gives (J-30…), before any move."""
    reason: str | None = None
    """Why it moved (``Armistice, jour férié``); ``None`` when it did not."""
    chosen: bool = False
    """The event file chose this day (``tasks.due``)."""

    @property
    def moved(self) -> bool:
        return self.day != self.planned and not self.chosen

    @property
    def note(self) -> str | None:
        """``avancé du samedi 14 août : week-end``, for the documents."""
        if self.chosen:
            return "échéance choisie dans le fichier d'événement"
        if not self.moved:
            return None
        verb = "avancé" if self.day < self.planned else "reporté"
        return f"{verb} du {short_day(self.planned)} : {self.reason}"


def short_day(day: dt.date) -> str:
    """``samedi 14 août``, ``lundi 1er novembre``."""
    return calendars.day_name(day, year=False)


def holiday_subdivision(event: Event) -> str | None:
    """The ``holidays`` subdivision of the event's place (Alsace-Moselle, overseas)."""
    address = event.venue.address if event.venue is not None else None
    return calendars.holiday_subdivision(event.region, event.city, address)


class WorkingDays:
    """Days off of one event's team."""

    def __init__(self, event: Event) -> None:
        self.subdivision = holiday_subdivision(event)
        summer = event.tasks.summer_break
        self.summer = None if summer is None else (_month_day(summer.start), _month_day(summer.end))

    def day_off(self, day: dt.date) -> str | None:
        """Why nobody works on ``day`` (``week-end``, ``Armistice, jour férié``…), else ``None``."""
        if day.weekday() >= 5:
            return "week-end"
        holiday = calendars.public_holiday(day, self.subdivision)
        if holiday is not None:
            return f"{holiday}, jour férié"
        if self.summer is not None:
            start, end = self.summer
            key = (day.month, day.day)
            inside = start <= key <= end if start <= end else key >= start or key <= end
            if inside:
                return "pause d'été de l'équipe"
        return None

    def on_or_before(self, day: dt.date) -> dt.date:
        """``day``, or the last working day before it."""
        for _ in range(MAX_SHIFT):
            if self.day_off(day) is None:
                return day
            day -= dt.timedelta(days=1)
        return day

    def deadline(self, event: Event, task_id: str, offset: int) -> Deadline:
        planned = event.date + dt.timedelta(days=offset)
        chosen = event.tasks.due.get(task_id)
        if chosen is not None:
            return Deadline(chosen, planned, chosen=True)
        if offset == 0:
            return Deadline(planned, planned)
        reason = self.day_off(planned)
        if reason is None:
            return Deadline(planned, planned)
        step = dt.timedelta(days=-1 if offset < 0 else 1)
        reasons = [reason]
        day = planned
        for _ in range(MAX_SHIFT):
            candidate = day + step
            if candidate == event.date:
                break  # never onto the day itself: keep the planned day
            day = candidate
            off = self.day_off(day)
            if off is None:
                return Deadline(day, planned, " et ".join(reasons))
            if off not in reasons:
                reasons.append(off)
        return Deadline(planned, planned)


def _month_day(text: str) -> tuple[int, int]:
    month, day = text.split("-")
    return int(month), int(day)
