"""``rzn stats``: the figures of a cycle of events, as the national coordinator gives them.

The vade-mecum's own figures — « 824 personnes ont participé aux cycles
RéZolutions numériques », « 70 % évaluaient leur niveau sur le numérique
comme Intermédiaire (et 15 % comme débutant) », « 40 % avaient 45 ans et
plus » — are what this computes from every event that names its
registrations, its answers or both, overall, by region and by format; each
figure says how many events it rests on.

Participants are the people marked present when the export says so, else
the valid registrations. Shares come from the answers to the questionnaire
(:mod:`rzn.questionnaire`). A group of fewer than :data:`MIN_GROUP` answers
is counted but not broken down, and neither is any group whose figures
would let a reader recover such a group by adding and subtracting printed
figures (:mod:`rzn.report.disclosure`).
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from rzn.model.event import Event, Format
from rzn.questionnaire import AGE_45_PLUS, Question, questions
from rzn.registrations.text import collation_key, fold
from rzn.report.disclosure import shown_groups
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
    registrations: int | None
    """``None``: the event names no registrations export."""
    attended: int | None
    answers: int | None
    """``None``: the event names no answers export."""
    digital: Distribution | None
    age: Distribution | None
    unrecognised: int = 0
    """Answers left out because rzn did not recognise them."""

    @property
    def participants(self) -> int | None:
        return self.attended if self.attended is not None else self.registrations

    @property
    def cell(self) -> tuple[str, str]:
        """Region and format: what the printed groups tell of an event."""
        return (fold(self.region) if self.region else "", self.format.value)


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
    participant_events: int = 0
    """Events whose participants are counted (those with a registrations export)."""
    answer_events: int = 0
    """Events whose answers are counted (those with an answers export)."""
    cells: frozenset[tuple[str, str]] = frozenset()
    digital_shown: bool = True
    age_shown: bool = True

    @property
    def aged_45_plus(self) -> float | None:
        return self.age.share_of(AGE_45_PLUS) if self.age_shown else None

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "events": self.events,
            "participants": self.participants,
            "participant_events": self.participant_events,
            "answers": self.answers,
            "answer_events": self.answer_events,
            "digital_level": _shares(self.digital, self.digital_shown),
            "aged_45_plus": _aged(self.age, self.age_shown),
        }


@dataclass
class CycleStats:
    events: list[EventFigures] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    _groups: tuple[Group, list[Group], list[Group]] | None = field(default=None, repr=False)

    def total(self) -> Group:
        return self._protected()[0]

    def by_region(self) -> list[Group]:
        return self._protected()[1]

    def by_format(self) -> list[Group]:
        return self._protected()[2]

    def _protected(self) -> tuple[Group, list[Group], list[Group]]:
        """Every printed group, with what disclosure control lets it show (computed once)."""
        if self._groups is None:
            total = _group("Cycle", self.events)
            regions = self._regions()
            formats = [
                _group(FORMAT_NAMES[f], [e for e in self.events if e.format is f])
                for f in Format
                if any(e.format is f for e in self.events)
            ]
            every = [total, *regions, *formats]
            cells = [g.cells for g in every]
            digital = shown_groups(cells, _answers_by_cell(self.events, "digital"), keep_last=0)
            age = shown_groups(cells, _answers_by_cell(self.events, "age"), keep_last=0)
            protected = [
                replace(g, digital_shown=d, age_shown=a)
                for g, d, a in zip(every, digital, age, strict=True)
            ]
            self._groups = (
                protected[0],
                protected[1 : 1 + len(regions)],
                protected[1 + len(regions) :],
            )
        return self._groups

    def _regions(self) -> list[Group]:
        groups: dict[str, list[EventFigures]] = {}
        names: dict[str, str] = {}
        for figures in self.events:
            key = fold(figures.region) if figures.region else ""
            names.setdefault(key, figures.region or NO_REGION)
            groups.setdefault(key, []).append(figures)
        ordered = sorted(groups, key=lambda k: (k == "", collation_key(names[k])))
        return [_group(names[k], groups[k]) for k in ordered]

    def as_dict(self) -> dict[str, Any]:
        total = self.total()
        counted = [e for e in self.events if e.participants is not None]
        counted_from = {
            "attended": sum(1 for e in counted if e.attended is not None),
            "registered": sum(1 for e in counted if e.attended is None),
        }
        return {
            "events": total.events,
            "participants": total.participants,
            "participant_events": total.participant_events,
            "participants_counted_from": counted_from,
            "answers": total.answers,
            "answer_events": total.answer_events,
            "digital_level": _shares(total.digital, total.digital_shown),
            "aged_45_plus": _aged(total.age, total.age_shown),
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
                    "unrecognised_answers": e.unrecognised,
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
                "Aucune rencontre n'a d'export d'inscriptions (registrations) ni d'export des "
                "réponses (answers) lisible."
            )
        else:
            counted = [e for e in self.events if e.participants is not None]
            attended = sum(1 for e in counted if e.attended is not None)
            how = (
                "présences émargées"
                if attended == len(counted)
                else "inscriptions"
                if not attended
                else f"présences émargées pour {attended} rencontre{_s(attended)}, inscriptions "
                f"pour les autres"
            )
            lines += [
                f"Cycle RéZolutions numériques : {_events(total.events)} "
                f"({total.participant_events} avec inscriptions, {total.answer_events} avec "
                "réponses)",
            ]
            if total.participant_events:
                lines.append(
                    f"  {total.participants} personne{_s(total.participants)} "
                    f"{'ont' if total.participants > 1 else 'a'} participé ({how} ; "
                    f"{_events(total.participant_events)})"
                )
            else:
                lines.append("  Participants : aucune rencontre n'a d'export d'inscriptions")
            lines += [
                f"  {total.answers} réponse{_s(total.answers)} au questionnaire d'évaluation "
                f"({_events(total.answer_events)})",
                f"  {_digital_sentence(total)}",
                f"  {_age_sentence(total)}",
                "",
                "Par région",
                *(f"  {_group_line(g)}" for g in self.by_region()),
                "",
                "Par format",
                *(f"  {_group_line(g)}" for g in self.by_format()),
            ]
        unrecognised = [e for e in self.events if e.unrecognised]
        if unrecognised:
            count = sum(e.unrecognised for e in unrecognised)
            lines += [
                "",
                f"Réponses non reconnues, non comptées : {count} ({_events(len(unrecognised))} ;"
                " « rzn check » les détaille)",
            ]
        if self.skipped:
            lines += ["", "Rencontres écartées"]
            lines += [f"  {s.file} : {s.reason}" for s in self.skipped]
        lines += [
            "",
            f"Chiffres agrégés seulement ; un groupe de moins de {MIN_GROUP} réponses n'est pas "
            "détaillé, ni un groupe dont les chiffres permettraient de le retrouver par "
            "différence.",
        ]
        return "\n".join(lines) + "\n"


def _answers_by_cell(events: list[EventFigures], measure: str) -> dict[tuple[str, str], int]:
    found: dict[tuple[str, str], int] = {}
    for e in events:
        d = e.digital if measure == "digital" else e.age
        found[e.cell] = found.get(e.cell, 0) + (d.size if d is not None else 0)
    return found


def _events(count: int) -> str:
    return f"{count} rencontre{_s(count)}"


def _s(count: int) -> str:
    return "s" if count > 1 else ""


def _group(name: str, events: list[EventFigures]) -> Group:
    digital = [e.digital for e in events if e.digital is not None]
    age = [e.age for e in events if e.age is not None]
    return Group(
        name,
        len(events),
        sum(e.participants or 0 for e in events),
        sum(e.answers or 0 for e in events),
        merge(digital) if digital else _EMPTY_DIGITAL,
        merge(age) if age else _EMPTY_AGE,
        participant_events=sum(1 for e in events if e.participants is not None),
        answer_events=sum(1 for e in events if e.answers is not None),
        cells=frozenset(e.cell for e in events),
    )


def _shares(d: Distribution, shown: bool) -> dict[str, Any]:
    shown = shown and not d.suppressed
    return {
        "answers": d.size,
        "shares": {b.code: round(b.share, 4) for b in d.bars} if shown else None,
        "counts": {b.code: b.count for b in d.bars} if shown else None,
    }


def _aged(d: Distribution, shown: bool) -> dict[str, Any]:
    share = d.share_of(AGE_45_PLUS) if shown and not d.suppressed else None
    return {
        "answers": d.size,
        "count": d.count_of(AGE_45_PLUS) if share is not None else None,
        "share": round(share, 4) if share is not None else None,
    }


def _digital_sentence(g: Group) -> str:
    d = g.digital
    if d.suppressed or not g.digital_shown:
        return f"Niveau sur le numérique : {_few(d)}"
    shares = ", ".join(f"{b.label.lower()} {b.percent}" for b in d.bars)
    return f"Niveau sur le numérique : {shares} ({d.size} réponses, {_events(g.answer_events)})"


def _age_sentence(g: Group) -> str:
    d = g.age
    if d.suppressed or not g.age_shown:
        return f"45 ans et plus : {_few(d)}"
    share = d.share_of(AGE_45_PLUS)
    if share is None:
        return (
            "45 ans et plus : non calculable, des exports ont des tranches d'âge qui ne "
            "séparent pas les 45 ans et plus des autres"
        )
    return (
        f"45 ans et plus : {percent(share)} ({d.count_of(AGE_45_PLUS)} sur {d.size} réponses, "
        f"{_events(g.answer_events)})"
    )


def _few(d: Distribution) -> str:
    if not d.size:
        return "aucune réponse"
    if d.size < MIN_GROUP:
        return f"{d.size} réponse{_s(d.size)}, moins de {MIN_GROUP} : pas de détail"
    return (
        f"{d.size} réponses, pas de détail (il permettrait de retrouver par différence un "
        f"groupe de moins de {MIN_GROUP} réponses)"
    )


def _group_line(g: Group) -> str:
    participants = f"{g.participants} participant{_s(g.participants)}"
    if not g.participant_events:
        participants = "pas d'export d'inscriptions"
    elif g.participant_events != g.events:
        participants += f" ({_events(g.participant_events)})"
    answers = f"{g.answers} réponse{_s(g.answers)}"
    if not g.answer_events:
        answers = "pas d'export des réponses"
    elif g.answer_events != g.events:
        answers += f" ({_events(g.answer_events)})"
    head = f"{g.name} : {_events(g.events)}, {participants}, {answers}"
    if not g.answers:
        return head
    digital = not g.digital.suppressed and g.digital_shown
    age = not g.age.suppressed and g.age_shown
    if not digital and not age:
        if g.digital.size < MIN_GROUP and g.age.size < MIN_GROUP:
            return f"{head} ; moins de {MIN_GROUP} réponses, pas de détail"
        return (
            f"{head} ; pas de détail (il permettrait de retrouver par différence un groupe de "
            f"moins de {MIN_GROUP} réponses)"
        )
    parts = []
    if digital:
        intermediate = g.digital.share_of({"intermediate"}) or 0.0
        beginner = g.digital.share_of({"beginner"}) or 0.0
        parts.append(f"intermédiaire {percent(intermediate)}, débutant {percent(beginner)}")
    if age:
        share = g.age.share_of(AGE_45_PLUS)
        parts.append(
            f"45 ans et plus {percent(share)}"
            if share is not None
            else "45 ans et plus non calculable"
        )
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
    if event.registrations is None and event.answers is None:
        return Skipped(
            file,
            "ni export d'inscriptions (registrations) ni export des réponses (answers) dans le "
            "fichier.",
        )
    base_dir = os.path.dirname(file) or "."
    people = responses = None
    if event.registrations is not None:
        registrations = event_registrations(event, base_dir)
        if registrations.ref.error is not None:
            return Skipped(file, f"{registrations.ref.display} : {registrations.ref.error}")
        people = registrations.data
        assert people is not None
        if people.fatal is not None:
            return Skipped(file, f"{people.file} : {people.fatal}")
    if event.answers is not None:
        answers = event_answers(event, base_dir)
        assert answers is not None
        if answers.ref.error is not None:
            return Skipped(file, f"{answers.ref.display} : {answers.ref.error}")
        responses = answers.data
        assert responses is not None
        if responses.fatal is not None:
            return Skipped(file, f"{responses.file} : {responses.fatal}")
    unreadable = find("registrations-unreadable")
    silenced = any(find(key) == unreadable for key in event.check.ignore)
    # Answers rzn does not recognise are left out and counted (answer-unrecognised);
    # unreadable rows set the event aside until fixed or knowingly ignored.
    bad = bool(
        (people is not None and people.problems) or (responses is not None and responses.problems)
    )
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
        len(people.people) if people is not None else None,
        people.attended if people is not None and people.has_attendance else None,
        len(responses.responses) if responses is not None else None,
        distribution(_question(event, "digital_level"), responses.responses)
        if responses is not None
        else None,
        distribution(_question(event, "age_band"), responses.responses)
        if responses is not None
        else None,
        sum(len(u.lines) for u in responses.unknown_values) if responses is not None else 0,
    )
