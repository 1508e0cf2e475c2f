"""The consultation's answers, as data: what association leaders ask the programme to cover.

The vade-mecum suggests a consultation « des responsables associatifs sur les
sujets prioritaires à traiter » before the day; its answers are due ten days
before the programme. This bilan is what the organisers read to choose it:
the priority topics ranked, the formats wanted, who answered (field, role,
digital level), and the free answers — counted, quoted only on request and
then scrubbed as the evaluation report scrubs them.

The same privacy rules as the evaluation report hold (:mod:`rzn.report.privacy`):
aggregates only, no question broken down under :data:`MIN_GROUP` answers,
nothing broken down at all when fewer people answered. The figures form one
breakdown per question over one group of people (no region or format groups
that overlap), so thresholding each question is the whole disclosure control;
the linear-span check of :mod:`rzn.report.disclosure` is for the cycle's
overlapping groups. ``contact_email`` is read only to count who left one.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass

from rzn.model.event import Event
from rzn.questionnaire import Question
from rzn.registrations.answers import Answers, ColumnSpec, specs_of
from rzn.registrations.people import Registrations
from rzn.render.documents.consultation import sections
from rzn.report.build import FORMAT_LABELS, Source, Texts, add_texts, answers_source, place_of
from rzn.report.figures import Distribution, distribution, percent
from rzn.report.privacy import MIN_GROUP, scrubber_for

CONTACT = "contact_email"
FREE_TEXT = ("other_topics", "inspiring_initiatives", "comments")
RANKED = ("priority_topics", "formats", "association_field", "association_role")
"""Shown most chosen first; the digital level keeps its scale's order."""
ORDER = ("priority_topics", "formats", "digital_level", "association_field", "association_role")
HEADINGS = {
    "priority_topics": "Sujets prioritaires",
    "formats": "Formats souhaités",
    "digital_level": "Niveau sur le numérique",
    "association_field": "Domaine d'action des associations",
    "association_role": "Rôle dans l'association",
    "other_topics": "Autres sujets et difficultés précises",
    "inspiring_initiatives": "Initiatives inspirantes du territoire",
    "comments": "Remarques et suggestions",
}
OTHER_TOPIC = "Un autre sujet"
NOTHING_RECOGNISED = (
    "Aucune colonne de la consultation reconnue parmi {headers}. Gardez les identifiants des "
    "questions (entre crochets dans consultation.md, ou les codes du questionnaire "
    "consultation.lss importé dans LimeSurvey) dans les intitulés du formulaire."
)


def consultation_questions() -> list[Question]:
    return [q for section in sections("vous") for q in section.questions]


def consultation_specs() -> list[ColumnSpec]:
    """Every column of the consultation, ``contact_email`` included (to count it only)."""
    other = {q.id: q.text for section in sections("tu") for q in section.questions}
    return specs_of(consultation_questions(), other)


@dataclass(frozen=True)
class TopicComparison:
    """One topic, asked for before the day (consultation) and for the next one (evaluation)."""

    label: str
    before: int
    before_share: float
    after: int
    after_share: float

    @property
    def before_percent(self) -> str:
        return percent(self.before_share)

    @property
    def after_percent(self) -> str:
        return percent(self.after_share)


@dataclass
class ConsultationReport:
    title: str
    date: dt.date
    today: dt.date
    program_due: dt.date
    format_label: str
    place: str
    region: str
    organizers: tuple[str, ...]
    answers: int
    distributions: tuple[Distribution, ...] = ()
    contacts: int = 0
    """People who left an address to be invited: counted, the addresses never shown."""
    texts: tuple[Texts, ...] = ()
    sources: tuple[Source, ...] = ()
    comparison: tuple[TopicComparison, ...] = ()
    compared_answers: int = 0
    """Evaluation answers to ``next_topics`` behind the comparison (0: no comparison)."""
    min_group: int = MIN_GROUP
    quoted: bool = False
    free_texts: int = 0
    quotes_changed: int = 0
    quotes_withheld: int = 0

    @property
    def too_few_answers(self) -> bool:
        return self.answers < self.min_group

    @property
    def suppressed(self) -> list[str]:
        return [d.title for d in self.distributions if d.suppressed and d.size]

    @property
    def topics(self) -> Distribution | None:
        return next((d for d in self.distributions if d.id == "priority_topics"), None)


def build_consultation(
    event: Event,
    today: dt.date,
    answers: Answers,
    registrations: Registrations | None = None,
    evaluation: Answers | None = None,
    *,
    quote: bool = False,
) -> ConsultationReport:
    """The bilan's figures; free answers quoted (scrubbed) only when ``quote``."""
    from rzn.plan.tasks import task_due

    responses = answers.responses
    report = ConsultationReport(
        title=event.title,
        date=event.date,
        today=today,
        program_due=task_due(event, "program"),
        format_label=FORMAT_LABELS[event.format],
        place=place_of(event),
        region=event.region or "",
        organizers=tuple(o.name for o in event.organizers),
        answers=len(responses),
        contacts=sum(1 for r in responses if r.texts.get(CONTACT, "").strip()),
    )
    by_id = {q.id: q for q in consultation_questions()}
    found = []
    for question_id in ORDER:
        if answers.found(question_id):
            shown = distribution(by_id[question_id], responses, title=HEADINGS[question_id])
            found.append(_short_labels(ranked(shown) if question_id in RANKED else shown))
    report.distributions = tuple(found)
    usable = registrations if registrations is not None and registrations.fatal is None else None
    questions = [(question_id, HEADINGS[question_id]) for question_id in FREE_TEXT]
    add_texts(report, answers, questions, scrubber_for(usable), quote)
    report.sources = (answers_source(answers, "Réponses à la consultation"),)
    if evaluation is not None and evaluation.fatal is None:
        _compare(report, evaluation)
    if report.comparison and evaluation is not None:
        compared = answers_source(evaluation, "Réponses à l'évaluation, pour la comparaison")
        report.sources = (*report.sources, compared)
    return report


def _short_labels(d: Distribution) -> Distribution:
    """« Un autre sujet », not the form's « (à préciser à la question suivante) »."""
    bars = tuple(
        dataclasses.replace(bar, label=OTHER_TOPIC)
        if d.id == "priority_topics" and bar.code == "other"
        else bar
        for bar in d.bars
    )
    return dataclasses.replace(d, bars=bars)


def ranked(d: Distribution) -> Distribution:
    """The most chosen first; ties keep the questionnaire's order."""
    order = sorted(range(len(d.bars)), key=lambda i: (-d.bars[i].count, i))
    return dataclasses.replace(d, bars=tuple(d.bars[i] for i in order))


def _compare(report: ConsultationReport, evaluation: Answers) -> None:
    """« Demandé avant / demandé pour la suite », topic by topic, when both groups are large
    enough to be broken down (the topic codes are shared with the evaluation's next_topics)."""
    from rzn.questionnaire import TOPICS

    before = report.topics
    if before is None or before.suppressed or not evaluation.found("next_topics"):
        return
    question = Question("next_topics", "", "multiple", TOPICS)
    after = distribution(question, evaluation.responses)
    if after.suppressed:
        return
    counts = {bar.code: bar.count for bar in after.bars}
    rows = []
    for bar in before.bars:
        if bar.code in counts:
            later = counts[bar.code]
            rows.append(TopicComparison(bar.label, bar.count, bar.share, later, later / after.size))
    report.comparison = tuple(rows)
    report.compared_answers = after.size
