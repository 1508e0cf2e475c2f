"""Checks across events: date collisions in a region, duplicate events.

``rzn check events/`` streams its files one at a time; of each valid event
:class:`Comparison` keeps only a few facts (file, title, slug, date,
region and where they are written), never the event itself, so a folder of
thousands of events stays cheap. Collisions with agenda entries
(``--calendar``) are known as soon as an event is read and go into that
event's own report; those between event files are known at the end, and
come as extra reports (``kind="project"``), one per file concerned, each
finding located in both files.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from rzn import calendars
from rzn.check_options import CheckOptions
from rzn.diagnostics import Diagnostic, format_path
from rzn.rules.registry import Rule, RuleContext, all_rules

COLLISION_DAYS = 7
SHOWN = 3
"""Collisions named one by one for an event; the rest are counted in one finding."""
"""Two events of a region at most this many days apart collide."""

Position = tuple[int, int]


@dataclass(frozen=True)
class EventFacts:
    file: str
    title: str
    slug: str
    slug_written: bool
    date: dt.date
    region: str | None
    """Official region name, or the ``region`` value as written when rzn does not know it."""
    region_where: str
    """``en Bretagne``, ``dans le Grand Est``: for messages."""
    city: str | None
    silenced: dict[str, str]
    """``check.ignore`` of the event: rule name → reason."""
    positions: dict[str, Position]
    """Where ``title``, ``slug`` and ``date`` are written."""

    def where(self, key: str) -> str:
        line, column = self.positions[key]
        return f"{self.file}:{line}:{column}"

    @property
    def slug_key(self) -> str:
        return "slug" if self.slug_written else "title"


def facts_of(ctx: RuleContext, silenced: dict[str, str]) -> EventFacts:
    from rzn.rules.calendar import event_region
    from rzn.slugs import slugify

    event = ctx.event
    region = event_region(event)
    written = ("title", "date", "slug") if event.slug is not None else ("title", "date")
    positions = {key: ctx.source.locate((key,)) for key in written}
    return EventFacts(
        file=ctx.source.file,
        title=event.title,
        # The same slug as the rendered documents and calendar UIDs use.
        slug=slugify(event.slug or event.title),
        slug_written=event.slug is not None,
        date=event.date,
        region=region.name if region is not None else event.region,
        region_where=region.where if region is not None else f"en {event.region}",
        city=event.city,
        silenced=silenced,
        positions=positions,
    )


class Comparison:
    """Compares each event with the agendas at once, and with the other events at the end."""

    def __init__(self, options: CheckOptions) -> None:
        self.options = options
        self.facts: list[EventFacts] = []
        rules = all_rules()
        self.collision = rules["date-collision"]
        self.duplicate = rules["duplicate-event"]
        self.agenda_events = sorted(
            (e for agenda in options.agendas for e in agenda.events), key=lambda e: e.day
        )
        self.agenda_days = [e.day for e in self.agenda_events]

    def add(self, facts: EventFacts) -> list[Diagnostic]:
        """Remember ``facts``; return its collisions with agenda entries."""
        self.facts.append(facts)
        if not self.options.enabled(self.collision):
            return []
        out = []
        low = bisect.bisect_left(self.agenda_days, facts.date - dt.timedelta(COLLISION_DAYS))
        high = bisect.bisect_right(self.agenda_days, facts.date + dt.timedelta(COLLISION_DAYS))
        for entry in self.agenda_events[low:high]:
            if entry.day == facts.date and calendars.normalize(
                entry.summary
            ) == calendars.normalize(facts.title):
                continue  # the agenda lists this very event
            same_region = entry.region is not None and entry.region.name == facts.region
            same_city = calendars.mentions(entry.location, facts.city) or calendars.mentions(
                entry.summary, facts.city
            )
            if not (same_region or same_city):
                continue
            place = f" (lieu : {entry.location})" if entry.location else ""
            where = facts.region_where if same_region else f"à {facts.city}"
            out.append(
                self.diagnostic(
                    self.collision,
                    facts,
                    "date",
                    f"L'agenda {entry.file} (ligne {entry.line}) annonce « {entry.summary} » "
                    f"le {entry.day:%d/%m/%Y}{place}, {_gap(facts.date, entry.day)} : deux "
                    f"rendez-vous {where} si proches se disputeraient le même public. Le "
                    "vade-mecum demande de « ne pas se télescoper » : décalez la date d'au "
                    f"moins {COLLISION_DAYS + 1} jours ou coordonnez-vous avec ses organisateurs.",
                )
            )
        return out

    def finish(self) -> Iterator[tuple[str, list[Diagnostic]]]:
        """Findings between event files, grouped by file, in the order files were read."""
        found: dict[str, list[Diagnostic]] = defaultdict(list)
        if self.options.enabled(self.collision):
            for facts, diagnostic in self._collisions():
                found[facts.file].append(diagnostic)
        if self.options.enabled(self.duplicate):
            for facts, diagnostic in self._duplicates():
                found[facts.file].append(diagnostic)
        for file in dict.fromkeys(f.file for f in self.facts):
            if found.get(file):
                yield file, sorted(found[file], key=lambda d: d.sort_key)

    def _collisions(self) -> Iterator[tuple[EventFacts, Diagnostic]]:
        """Each event's nearest neighbours in its region, at most :data:`SHOWN` of them.

        A dense calendar (a national repository, a generated test set) would otherwise
        give every pair twice: quadratic in time, and in memory until the end of the run.
        """
        by_region: dict[str, list[EventFacts]] = defaultdict(list)
        for facts in self.facts:
            if facts.region is not None:
                by_region[calendars.normalize(facts.region)].append(facts)
        window = dt.timedelta(COLLISION_DAYS)
        for events in by_region.values():
            events.sort(key=lambda f: f.date)
            days = [f.date for f in events]
            for index, one in enumerate(events):
                low = bisect.bisect_left(days, one.date - window)
                high = bisect.bisect_right(days, one.date + window)
                if high - low <= 1:
                    continue
                for other in _nearest(events, index, low, high, SHOWN):
                    yield one, self._collision(one, other)
                more = high - low - 1 - SHOWN
                if more > 0:
                    yield (
                        one,
                        self.diagnostic(
                            self.collision,
                            one,
                            "date",
                            f"Et {more} autre{'s' if more > 1 else ''} rencontre"
                            f"{'s' if more > 1 else ''} {one.region_where} à moins de "
                            f"{COLLISION_DAYS + 1} jours : coordonnez le calendrier avec les "
                            "autres équipes de la région.",
                        ),
                    )

    def _collision(self, one: EventFacts, other: EventFacts) -> Diagnostic:
        return self.diagnostic(
            self.collision,
            one,
            "date",
            f"Une autre rencontre {one.region_where} a lieu {_gap(one.date, other.date)} : "
            f"« {other.title} » le {other.date:%d/%m/%Y} ({other.where('date')}). Le vade-mecum "
            "demande de « ne pas se télescoper » : décalez l'une des deux dates d'au moins "
            f"{COLLISION_DAYS + 1} jours ou coordonnez-vous avec l'autre équipe.",
        )

    def _duplicates(self) -> Iterator[tuple[EventFacts, Diagnostic]]:
        by_slug: dict[str, list[EventFacts]] = defaultdict(list)
        by_title: dict[tuple[str, int], list[EventFacts]] = defaultdict(list)
        for facts in self.facts:
            by_slug[facts.slug].append(facts)
            by_title[(calendars.normalize(facts.title), facts.date.year)].append(facts)
        same_slug: set[tuple[str, str]] = set()
        for one, others in _pairs(by_slug.values()):
            same_slug.update((one.file, o.file) for o in others)
            yield one, self.diagnostic(self.duplicate, one, one.slug_key, _same_slug(one, others))
        for one, others in _pairs(by_title.values()):
            others = [o for o in others if (one.file, o.file) not in same_slug]
            if others:
                yield one, self.diagnostic(self.duplicate, one, "title", _same_title(one, others))

    def diagnostic(self, rule: Rule, facts: EventFacts, key: str, message: str) -> Diagnostic:
        line, column = facts.positions[key]
        return Diagnostic(
            facts.file,
            line,
            column,
            rule.code,
            rule.name,
            self.options.severity(rule),
            message,
            format_path((key,)),
            facts.silenced.get(rule.name),
        )


def _pairs(groups: Iterable[list[EventFacts]]) -> Iterator[tuple[EventFacts, list[EventFacts]]]:
    """Each event of a group of several, with the others of its group."""
    for group in groups:
        if len(group) > 1:
            for one in group:
                yield one, [other for other in group if other is not one]


def _nearest(
    events: list[EventFacts], index: int, low: int, high: int, count: int
) -> list[EventFacts]:
    """Up to ``count`` events of ``events[low:high]`` nearest in date to ``events[index]``."""
    day = events[index].date
    before, after = index - 1, index + 1
    chosen: list[EventFacts] = []
    while len(chosen) < count and (before >= low or after < high):
        take_before = after >= high or (
            before >= low and day - events[before].date <= events[after].date - day
        )
        if take_before:
            chosen.append(events[before])
            before -= 1
        else:
            chosen.append(events[after])
            after += 1
    return sorted(chosen, key=lambda f: (abs((f.date - day).days), f.date))


def _same_slug(one: EventFacts, others: list[EventFacts]) -> str:
    derived = "" if one.slug_written else " (tiré du titre)"
    listed = ", ".join(f"{o.where(o.slug_key)} (« {o.title} »)" for o in others)
    return (
        f"Identifiant « {one.slug} »{derived} déjà utilisé par {listed} : les documents et "
        "rendez-vous d'agenda de ces événements s'écraseraient. S'il s'agit du même événement, "
        "supprimez l'un des fichiers ; sinon donnez à chacun un slug distinct (par exemple "
        f"slug: {one.slug}-{one.date.year})."
    )


def _same_title(one: EventFacts, others: list[EventFacts]) -> str:
    listed = ", ".join(o.where("title") for o in others)
    return (
        f"Même titre, la même année ({one.date.year}), que {listed} : s'il s'agit du même "
        "événement, supprimez l'un des fichiers ; sinon distinguez les titres (ville, thème) "
        "pour que le public ne les confonde pas."
    )


def _gap(day: dt.date, other: dt.date) -> str:
    days = (other - day).days
    if days == 0:
        return "le même jour"
    unit = "jour" if abs(days) == 1 else "jours"
    return f"{abs(days)} {unit} {'après' if days > 0 else 'avant'}"
