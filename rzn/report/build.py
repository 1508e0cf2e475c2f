"""One event's evaluation report, as data: counts, distributions, cleaned comments.

Nothing here holds a name or an address: the builder reads the exports and
keeps only aggregates (see :mod:`rzn.report.privacy`). The report follows the
questionnaire's own sections, so each chart answers a question people were
asked.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

from rzn.model.event import Event, Format
from rzn.questionnaire import AGE_45_PLUS, FREE_TEXT, PRIVATE, Question, sections
from rzn.registrations.answers import Answers
from rzn.registrations.people import Mode, Registrations
from rzn.registrations.text import line_list
from rzn.registrations.workshops import signups
from rzn.report.figures import Distribution, distribution, percent
from rzn.report.privacy import MIN_GROUP, Scrubber, anonymous_order, scrubber_for

FORMAT_LABELS = {
    Format.IN_PERSON: "en présentiel",
    Format.ONLINE: "en ligne",
    Format.HYBRID: "hybride (sur place et à distance)",
}


@dataclass(frozen=True)
class Source:
    kind: str
    """« Inscriptions » or « Réponses au questionnaire »."""
    name: str
    """The file's name only: a report never shows where files sit on a computer."""
    description: str
    rows: int
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class WorkshopLine:
    title: str
    signups: int
    capacity: int | None


@dataclass(frozen=True)
class Session:
    time: str
    title: str
    kind_label: str
    distribution: Distribution

    @property
    def label(self) -> str:
        return f"{self.time} {self.title}"


@dataclass(frozen=True)
class Block:
    title: str
    distributions: tuple[Distribution, ...]
    sessions: tuple[Session, ...] = ()


@dataclass(frozen=True)
class Texts:
    title: str
    items: tuple[str, ...]


@dataclass
class EventReport:
    title: str
    date: dt.date
    today: dt.date
    format_label: str
    place: str
    region: str
    organizers: tuple[str, ...]
    answers: int
    registrations: int | None = None
    on_site: int | None = None
    remote: int | None = None
    attended: int | None = None
    workshops: tuple[WorkshopLine, ...] = ()
    blocks: tuple[Block, ...] = ()
    overall: Distribution | None = None
    usefulness: Distribution | None = None
    digital: Distribution | None = None
    age: Distribution | None = None
    texts: tuple[Texts, ...] = ()
    sources: tuple[Source, ...] = ()
    min_group: int = MIN_GROUP
    quoted: bool = False
    """The organiser asked for the free-text answers to be quoted (``rzn report --quote``)."""
    free_texts: int = 0
    """Non-empty free-text answers in the export (quoted or not)."""
    quotes_changed: int = 0
    """Quoted answers from which an address, a number or a name was taken out."""
    quotes_withheld: int = 0
    """Answers not quoted at all: something in them still looked like contact details."""

    @property
    def too_few_answers(self) -> bool:
        """Fewer than :data:`MIN_GROUP` answers: nothing is broken down, no comment quoted."""
        return self.answers < self.min_group

    @property
    def participants(self) -> int | None:
        return self.attended if self.attended is not None else self.registrations

    @property
    def attendance_rate(self) -> str | None:
        if self.attended is None or not self.registrations:
            return None
        return percent(self.attended / self.registrations)

    @property
    def response_rate(self) -> str | None:
        """« 92 % des présents » (or « des inscrits » when presence was not recorded)."""
        base = self.participants
        if not base:
            return None
        whom = "des présents" if self.attended is not None else "des inscrits"
        return f"{percent(self.answers / base)} {whom}"

    @property
    def satisfied(self) -> str | None:
        return _share(self.overall, lambda d: d.satisfied)

    @property
    def useful(self) -> str | None:
        return _share(self.usefulness, lambda d: d.share_of({"very-useful", "useful"}))

    @property
    def intermediate(self) -> str | None:
        return _share(self.digital, lambda d: d.share_of({"intermediate"}))

    @property
    def beginners(self) -> str | None:
        return _share(self.digital, lambda d: d.share_of({"beginner"}))

    @property
    def aged_45_plus(self) -> str | None:
        return _share(self.age, lambda d: d.share_of(AGE_45_PLUS))

    @property
    def age_cut_too_coarse(self) -> bool:
        """Ages came in groups that straddle 45: « 45 ans et plus » cannot be computed."""
        age = self.age
        return age is not None and not age.suppressed and not age.computable(AGE_45_PLUS)

    @property
    def suppressed(self) -> list[str]:
        """Headings of the groups too small to be broken down, for the method section."""
        found: list[str] = []
        for block in self.blocks:
            found.extend(d.title for d in block.distributions if d.suppressed and d.size)
            found.extend(s.label for s in block.sessions if s.distribution.suppressed)
        return found


def _share(d: Distribution | None, compute: Callable[[Distribution], float | None]) -> str | None:
    if d is None or d.suppressed:
        return None
    value = compute(d)
    return percent(value) if value is not None else None


def build_report(
    event: Event,
    today: dt.date,
    answers: Answers,
    registrations: Registrations | None = None,
    *,
    quote: bool = False,
) -> EventReport:
    """The report's figures; free-text answers are quoted (scrubbed) only when ``quote``."""
    responses = answers.responses
    report = EventReport(
        title=event.title,
        date=event.date,
        today=today,
        format_label=FORMAT_LABELS[event.format],
        place=place_of(event),
        region=event.region or "",
        organizers=tuple(o.name for o in event.organizers),
        answers=len(responses),
    )
    scrub = _add_registrations(report, event, registrations)
    report.sources = (*report.sources, answers_source(answers))
    _add_blocks(report, event, answers)
    _add_texts(report, event, answers, scrub, quote)
    return report


def _add_registrations(
    report: EventReport, event: Event, registrations: Registrations | None
) -> Scrubber:
    """Who registered, and came; their names, only to scrub them from the quotes."""
    if registrations is not None and registrations.fatal is None:
        people = registrations.people
        report.registrations = len(people)
        if event.format is Format.HYBRID and registrations.has_modes:
            report.on_site = sum(1 for p in people if p.mode is not Mode.REMOTE)
            report.remote = sum(1 for p in people if p.mode is Mode.REMOTE)
        if registrations.has_attendance:
            report.attended = registrations.attended
        if registrations.has_workshops:
            report.workshops = tuple(
                WorkshopLine(w.title, len(w.people), w.capacity(event))
                for w in signups(event, registrations).workshops
            )
        report.sources = (_registrations_source(registrations),)
        return scrubber_for(registrations)
    return Scrubber()


def _add_blocks(report: EventReport, event: Event, answers: Answers) -> None:
    """The questionnaire's answers, section by section, as distributions and sessions."""
    responses = answers.responses
    blocks = []
    for section in sections(event):
        distributions: list[Distribution] = []
        sessions: list[Session] = []
        for question in section.questions:
            if question.kind == "text" or question.id in PRIVATE:
                continue
            if question.kind == "grid":
                sessions.extend(_sessions(question, answers))
                continue
            if not answers.found(question.id):
                continue
            found = distribution(question, responses)
            distributions.append(found)
            if question.id == "overall_satisfaction":
                report.overall = found
            elif question.id == "usefulness":
                report.usefulness = found
            elif question.id == "digital_level":
                report.digital = found
            elif question.id == "age_band":
                report.age = found
        if distributions or sessions:
            blocks.append(Block(section.title, tuple(distributions), tuple(sessions)))
    report.blocks = tuple(blocks)


def _add_texts(
    report: EventReport, event: Event, answers: Answers, scrub: Scrubber, quote: bool
) -> None:
    questions = [(question.id, question.heading) for question in _text_questions(event)]
    add_texts(report, answers, questions, scrub, quote)


class QuotingReport(Protocol):
    """What :func:`add_texts` fills: the evaluation report and the consultation's bilan."""

    quoted: bool
    free_texts: int
    quotes_changed: int
    quotes_withheld: int
    texts: tuple[Texts, ...]

    @property
    def too_few_answers(self) -> bool: ...


def add_texts(
    report: QuotingReport,
    answers: Answers,
    questions: Sequence[tuple[str, str]],
    scrub: Scrubber,
    quote: bool,
) -> None:
    """How many free-text answers to ``questions`` (id, heading), and the ones quoted
    (scrubbed, in an order that says nothing of who wrote them) when ``quote``."""
    report.quoted = quote
    texts = []
    for question_id, heading in questions:
        if not answers.found(question_id):
            continue
        given = [
            r.texts[question_id] for r in answers.responses if r.texts.get(question_id, "").strip()
        ]
        report.free_texts += len(given)
        if not quote or report.too_few_answers:
            continue
        items = []
        for text in given:
            cleaned, changed = scrub.clean(text)
            if Scrubber.doubtful(cleaned):
                report.quotes_withheld += 1
                continue
            report.quotes_changed += changed
            items.append(cleaned)
        kept = anonymous_order(items)
        if kept:
            texts.append(Texts(heading, tuple(kept)))
    report.texts = tuple(texts)


def _sessions(question: Question, answers: Answers) -> list[Session]:
    from rzn.render.french import hhmm

    found = []
    for row in question.rows:
        if not answers.found(row.id):
            continue
        label = row.item.title
        found.append(
            Session(
                hhmm(row.item.start),
                row.item.title,
                row.kind_label,
                distribution(question, answers.responses, row.id, label),
            )
        )
    return found


def _text_questions(event: Event) -> list[Question]:
    return [q for section in sections(event) for q in section.questions if q.id in FREE_TEXT]


def place_of(event: Event) -> str:
    if event.venue is not None:
        return ", ".join(p for p in (event.venue.name, event.city) if p)
    return event.city or ""


def _registrations_source(data: Registrations) -> Source:
    notes = []
    if data.table.skipped_lines:
        notes.append(f"lignes de titre ignorées : {line_list(data.table.skipped_lines)}")
    if data.cancelled:
        notes.append(f"{_n(data.cancelled, 'inscription annulée', 'inscriptions annulées')}")
    if data.waiting:
        notes.append(f"{_n(data.waiting, 'inscription', 'inscriptions')} en liste d'attente")
    if data.duplicates:
        notes.append(f"{_n(data.duplicates, 'doublon compté', 'doublons comptés')} une fois")
    if data.problems:
        notes.append(
            f"{_n(len(data.problems), 'ligne illisible', 'lignes illisibles')} non comptée"
            f"{'s' if len(data.problems) > 1 else ''} "
            f"(ligne{'s' if len(data.problems) > 1 else ''} "
            f"{line_list(p.line for p in data.problems)})"
        )
    return Source(
        "Inscriptions",
        os.path.basename(data.file),
        data.table.description,
        len(data.table.rows),
        tuple(notes),
    )


def answers_source(data: Answers, kind: str = "Réponses au questionnaire") -> Source:
    notes = []
    if data.table.skipped_lines:
        notes.append(f"lignes de titre ignorées : {line_list(data.table.skipped_lines)}")
    if data.empty_rows:
        notes.append(
            f"{_n(len(data.empty_rows), 'formulaire vide', 'formulaires vides')} "
            f"(ligne{'s' if len(data.empty_rows) > 1 else ''} {line_list(data.empty_rows)})"
        )
    unreadable = sorted({p.line for p in data.problems})
    if unreadable:
        notes.append(
            f"{_n(len(unreadable), 'ligne illisible', 'lignes illisibles')} non comptée"
            f"{'s' if len(unreadable) > 1 else ''} ({line_list(unreadable)})"
        )
    values = sum(len(u.lines) for u in data.unknown_values)
    if values:
        scrub = Scrubber()
        listed = ", ".join(
            f"« {_short(scrub(u.value))} » ({u.column}, "
            f"ligne{'s' if len(u.lines) > 1 else ''} {line_list(u.lines)})"
            for u in data.unknown_values
        )
        notes.append(
            f"{_n(values, 'réponse non reconnue', 'réponses non reconnues')}, non comptée"
            f"{'s' if values > 1 else ''} : {listed}"
        )
    if data.missing:
        notes.append("questions absentes de l'export : " + ", ".join(data.missing))
    return Source(
        kind,
        os.path.basename(data.file),
        data.table.description,
        len(data.table.rows),
        tuple(notes),
    )


def _short(text: str, limit: int = 60) -> str:
    """A value as listed in the sources: one line, cut at a word."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + " […]"


def _n(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"
