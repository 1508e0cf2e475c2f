"""``rzn stats``: the figures of a cycle of events, as the national coordinator gives them.

The vade-mecum's own figures — « 824 personnes ont participé aux cycles
RéZolutions numériques », « 70 % évaluaient leur niveau sur le numérique
comme Intermédiaire (et 15 % comme débutant) », « 40 % avaient 45 ans et
plus » — are what this computes from every event that names both its
registrations and its answers, overall, by region and by format.

Participants are the people marked present when the export says so, else
the valid registrations. Shares come from the answers to the questionnaire
(:mod:`rzn.questionnaire`); a group of fewer than :data:`MIN_GROUP` answers
is counted but not broken down.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from rzn.model.event import Event, Format
from rzn.questionnaire import AGE_45_PLUS, Question, questions
from rzn.registrations.text import collation_key, fold
from rzn.report.figures import Distribution, distribution, merge, percent
from rzn.report.privacy import MIN_GROUP

FORMAT_NAMES = {Format.IN_PERSON: "présentiel", Format.ONLINE: "en ligne", Format.HYBRID: "hybride"}
NO_REGION = "Région non renseignée"


@dataclass(frozen=True)
class EventFigures:
    file: str
    title: str
    date: dt.date
    region: str
    format: Format
    registrations: int
    attended: int | None
    answers: int
    digital: Distribution
    age: Distribution

    @property
    def participants(self) -> int:
        return self.attended if self.attended is not None else self.registrations


@dataclass(frozen=True)
class Skipped:
    file: str
    reason: str


@dataclass(frozen=True)
class Group:
    name: str
    events: int
    participants: int
    answers: int
    digital: Distribution
    age: Distribution

    @property
    def aged_45_plus(self) -> float | None:
        return None if self.age.suppressed else self.age.share_of(AGE_45_PLUS)

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "events": self.events,
            "participants": self.participants,
            "answers": self.answers,
            "digital_level": _shares(self.digital),
            "aged_45_plus": _aged(self.age),
        }


@dataclass
class CycleStats:
    events: list[EventFigures] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)

    def total(self) -> Group:
        return _group("Cycle", self.events)

    def by_region(self) -> list[Group]:
        groups: dict[str, list[EventFigures]] = {}
        names: dict[str, str] = {}
        for figures in self.events:
            key = fold(figures.region) if figures.region else ""
            names.setdefault(key, figures.region or NO_REGION)
            groups.setdefault(key, []).append(figures)
        ordered = sorted(groups, key=lambda k: (k == "", collation_key(names[k])))
        return [_group(names[k], groups[k]) for k in ordered]

    def by_format(self) -> list[Group]:
        return [
            _group(FORMAT_NAMES[f], [e for e in self.events if e.format is f])
            for f in Format
            if any(e.format is f for e in self.events)
        ]

    def as_dict(self) -> dict[str, Any]:
        total = self.total()
        counted_from = {
            "attended": sum(1 for e in self.events if e.attended is not None),
            "registered": sum(1 for e in self.events if e.attended is None),
        }
        return {
            "events": total.events,
            "participants": total.participants,
            "participants_counted_from": counted_from,
            "answers": total.answers,
            "digital_level": _shares(total.digital),
            "aged_45_plus": _aged(total.age),
            "by_region": [g.as_dict() for g in self.by_region()],
            "by_format": [g.as_dict() for g in self.by_format()],
            "event_files": [
                {
                    "file": e.file,
                    "title": e.title,
                    "date": e.date.isoformat(),
                    "region": e.region or None,
                    "format": e.format.value,
                    "participants": e.participants,
                    "answers": e.answers,
                }
                for e in self.events
            ],
            "skipped": [{"file": s.file, "reason": s.reason} for s in self.skipped],
            "min_group": MIN_GROUP,
        }

    def json(self) -> str:
        return json.dumps(self.as_dict(), ensure_ascii=False, indent=2) + "\n"

    def text(self) -> str:
        total = self.total()
        lines = []
        if not self.events:
            lines.append(
                "Aucune rencontre n'a à la fois un export d'inscriptions (registrations) et un "
                "export des réponses (answers) lisibles."
            )
        else:
            attended = sum(1 for e in self.events if e.attended is not None)
            how = (
                "présences émargées"
                if attended == len(self.events)
                else "inscriptions"
                if not attended
                else f"présences émargées pour {attended} rencontre{_s(attended)}, inscriptions "
                f"pour les autres"
            )
            lines += [
                f"Cycle RéZolutions numériques : {total.events} rencontre{_s(total.events)} avec "
                "inscriptions et réponses",
                f"  {total.participants} personne{_s(total.participants)} "
                f"{'ont' if total.participants > 1 else 'a'} participé ({how})",
                f"  {total.answers} réponse{_s(total.answers)} au questionnaire d'évaluation",
                f"  {_digital_sentence(total.digital)}",
                f"  {_age_sentence(total.age)}",
                "",
                "Par région",
                *(f"  {_group_line(g)}" for g in self.by_region()),
                "",
                "Par format",
                *(f"  {_group_line(g)}" for g in self.by_format()),
            ]
        if self.skipped:
            lines += ["", "Rencontres écartées"]
            lines += [f"  {s.file} : {s.reason}" for s in self.skipped]
        lines += [
            "",
            f"Chiffres agrégés seulement ; un groupe de moins de {MIN_GROUP} réponses n'est pas "
            "détaillé.",
        ]
        return "\n".join(lines) + "\n"


def _s(count: int) -> str:
    return "s" if count > 1 else ""


def _group(name: str, events: list[EventFigures]) -> Group:
    digital = [e.digital for e in events]
    age = [e.age for e in events]
    return Group(
        name,
        len(events),
        sum(e.participants for e in events),
        sum(e.answers for e in events),
        merge(digital) if digital else _EMPTY_DIGITAL,
        merge(age) if age else _EMPTY_AGE,
    )


def _shares(d: Distribution) -> dict[str, Any]:
    shown = not d.suppressed
    return {
        "answers": d.size,
        "shares": {b.code: round(b.share, 4) for b in d.bars} if shown else None,
        "counts": {b.code: b.count for b in d.bars} if shown else None,
    }


def _aged(d: Distribution) -> dict[str, Any]:
    share = None if d.suppressed else d.share_of(AGE_45_PLUS)
    return {
        "answers": d.size,
        "count": None if d.suppressed else d.count_of(AGE_45_PLUS),
        "share": round(share, 4) if share is not None else None,
    }


def _digital_sentence(d: Distribution) -> str:
    if d.suppressed:
        return f"Niveau sur le numérique : {_few(d)}"
    shares = ", ".join(f"{b.label.lower()} {b.percent}" for b in d.bars)
    return f"Niveau sur le numérique : {shares} ({d.size} réponses)"


def _age_sentence(d: Distribution) -> str:
    if d.suppressed:
        return f"45 ans et plus : {_few(d)}"
    share = d.share_of(AGE_45_PLUS) or 0.0
    return f"45 ans et plus : {percent(share)} ({d.count_of(AGE_45_PLUS)} sur {d.size} réponses)"


def _few(d: Distribution) -> str:
    return (
        "aucune réponse"
        if not d.size
        else f"{d.size} réponse{_s(d.size)}, moins de {MIN_GROUP} : pas de détail"
    )


def _group_line(g: Group) -> str:
    head = (
        f"{g.name} : {g.events} rencontre{_s(g.events)}, {g.participants} "
        f"participant{_s(g.participants)}, {g.answers} réponse{_s(g.answers)}"
    )
    if g.digital.suppressed and g.age.suppressed:
        return f"{head} ; moins de {MIN_GROUP} réponses, pas de détail"
    parts = []
    if not g.digital.suppressed:
        intermediate = g.digital.share_of({"intermediate"}) or 0.0
        beginner = g.digital.share_of({"beginner"}) or 0.0
        parts.append(f"intermédiaire {percent(intermediate)}, débutant {percent(beginner)}")
    if not g.age.suppressed:
        parts.append(f"45 ans et plus {percent(g.age.share_of(AGE_45_PLUS) or 0.0)}")
    return f"{head} ; " + ", ".join(parts)


def _question(event: Event, question_id: str) -> Question:
    return next(q for q in questions(event) if q.id == question_id)


def _empty(question_id: str) -> Distribution:
    from rzn.questionnaire import AGE_BANDS, DIGITAL_LEVELS
    from rzn.report.figures import Bar

    choices = DIGITAL_LEVELS if question_id == "digital_level" else AGE_BANDS
    return Distribution(question_id, "", 0, tuple(Bar(c.code, c.label, 0, 0.0) for c in choices))


_EMPTY_DIGITAL = _empty("digital_level")
_EMPTY_AGE = _empty("age_band")


def collect(paths: Iterable[str]) -> CycleStats:
    """Every event file found under ``paths``, read with its exports (nothing is written)."""
    from rzn.check import discover

    stats = CycleStats()
    for file in discover(paths):
        outcome = _event_figures(file)
        if isinstance(outcome, Skipped):
            stats.skipped.append(outcome)
        else:
            stats.events.append(outcome)
    return stats


def _event_figures(file: str) -> EventFigures | Skipped:
    from rzn.load import load_path
    from rzn.model.validate import validate
    from rzn.registrations.exports import event_answers, event_registrations
    from rzn.rules.registry import find

    loaded = load_path(file)
    event = None if loaded.problems else validate(loaded)[0]
    if event is None:
        return Skipped(file, f"fichier d'événement invalide ; lancez « rzn check {file} ».")
    if event.registrations is None:
        return Skipped(file, "pas d'export d'inscriptions (registrations) dans le fichier.")
    if event.answers is None:
        return Skipped(
            file, "pas d'export des réponses au questionnaire (answers) dans le fichier."
        )
    base_dir = os.path.dirname(file) or "."
    registrations = event_registrations(event, base_dir)
    answers = event_answers(event, base_dir)
    assert answers is not None
    for ref in (registrations.ref, answers.ref):
        if ref.error is not None:
            return Skipped(file, f"{ref.display} : {ref.error}")
    people, responses = registrations.data, answers.data
    assert people is not None and responses is not None
    for data in (people, responses):
        if data.fatal is not None:
            return Skipped(file, f"{data.file} : {data.fatal}")
    unreadable = find("registrations-unreadable")
    silenced = any(find(key) == unreadable for key in event.check.ignore)
    bad = bool(people.problems or responses.problems or responses.unknown_values)
    if bad and not silenced:
        return Skipped(
            file,
            f"des lignes des exports sont illisibles ; lancez « rzn check {file} » pour les voir "
            "(ou ignorez registrations-unreadable dans le fichier d'événement, avec une raison).",
        )
    return EventFigures(
        file,
        event.title,
        event.date,
        event.region or "",
        event.format,
        len(people.people),
        people.attended if people.has_attendance else None,
        len(responses.responses),
        distribution(_question(event, "digital_level"), responses.responses),
        distribution(_question(event, "age_band"), responses.responses),
    )
