"""``consultation.md``: asking the territory's association leaders what to talk about.

Before the programme is built, the vade-mecum suggests: "On peut précéder la
rencontre d'une consultation des responsables associatifs sur les sujets
prioritaires à traiter". The questionnaire proposes the themes its "zooms
thématiques" and its testimonies name (mobiliser des bénévoles, lever et
gérer des fonds, communiquer sur les réseaux sociaux, collaborer à distance,
the use of data, the environmental impact of digital tools) and leaves room
for free answers. It goes out with the ``consultation`` task (J-85); the
answers are asked for ten days before the ``program`` task (J-60), so that
they shape it.

As in the evaluation questionnaire, question ids and choice codes are a
contract (the column names kept in a form tool), and the topic codes are
those of the evaluation's ``next_topics``: a report can compare what was
asked for before the day with what is asked for the next one.

==========================  ===========================================
id                          question
==========================  ===========================================
association_field           domaine d'action de l'association
association_role            rôle dans l'association
digital_level               niveau sur le numérique (débutant…)
priority_topics             sujets prioritaires (trois au plus)
other_topics                autres sujets, difficultés précises
formats                     formats souhaités
inspiring_initiatives       initiatives inspirantes du territoire
comments                    remarques libres
contact_email               adresse pour recevoir l'invitation (facultatif)
==========================  ===========================================
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator

from rzn.model.event import Event
from rzn.plan import workdays
from rzn.plan.tasks import task_due
from rzn.render.context import RenderContext
from rzn.render.documents.evaluation import (
    DIGITAL_LEVELS,
    TOPICS,
    Choice,
    Question,
    Section,
)
from rzn.render.output import OutputFile
from rzn.render.registry import document

FILE_NAME = "consultation.md"
CONSULTATION_TASK = "consultation"
PROGRAM_TASK = "program"
ANSWER_DAYS_BEFORE_PROGRAM = 10
"""Answers come in ten days before the programme is due: time to read them and choose."""


def _choices(*pairs: tuple[str, str]) -> tuple[Choice, ...]:
    return tuple(Choice(code, label) for code, label in pairs)


def send_on(event: Event) -> dt.date:
    """The due date of the ``consultation`` task, as the checklist gives it."""
    return task_due(event, CONSULTATION_TASK)


def answers_by(event: Event) -> dt.date:
    """A working day, early enough before the programme is due to take the answers in."""
    program = task_due(event, PROGRAM_TASK)
    day = program - dt.timedelta(days=ANSWER_DAYS_BEFORE_PROGRAM)
    return workdays.WorkingDays(event).on_or_before(day)


PRIORITY_TOPICS = (
    *(choice for choice in TOPICS if choice.code != "other"),
    Choice("other", "Un autre sujet (à préciser à la question suivante)"),
)

FIELDS = _choices(
    ("sport", "Sport"),
    ("culture", "Culture"),
    ("social", "Action sociale, solidarité"),
    ("education", "Éducation, jeunesse, éducation populaire"),
    ("environment", "Environnement"),
    ("health", "Santé"),
    ("leisure", "Loisirs"),
    ("rights", "Défense des droits et des causes"),
    ("other", "Autre"),
)

FORMATS = _choices(
    ("talk", "Conférences-débats : état des lieux, enjeux"),
    ("workshop", "Ateliers pratiques en petits groupes"),
    ("testimony", "Retours d'expériences d'associations"),
    ("tools", "Présentations d'outils"),
    ("barcamp", "Temps d'échange dont les participants choisissent les sujets (barcamp)"),
)


ROLES = _choices(
    ("board", "Dirigeant·e bénévole (bureau, conseil d'administration)"),
    ("volunteer", "Bénévole"),
    ("employee", "Salarié·e"),
    ("civic-service", "Volontaire en service civique"),
    ("other", "Autre (accompagnement, collectivité, entreprise…)"),
)
"""The evaluation's choices for ``association_role`` (a test keeps them equal)."""


def sections(address: str = "vous") -> list[Section]:
    """The questionnaire, section by section, in the event's form of address (``vous`` or
    ``tu``); its questions do not depend on the event."""

    def y(vous: str, tu: str) -> str:
        return tu if address == "tu" else vous

    return [_association(y), _priorities(y), _building(y)]


def _association(y: Callable[[str, str], str]) -> Section:
    return Section(
        y("Votre association", "Ton association"),
        [
            Question(
                "association_field",
                y(
                    "Dans quel domaine agit votre association ?",
                    "Dans quel domaine agit ton association ?",
                ),
                "single",
                FIELDS,
            ),
            Question(
                "association_role",
                y("Dans votre association, vous êtes :", "Dans ton association, tu es :"),
                "single",
                ROLES,
            ),
            Question(
                "digital_level",
                # As in the evaluation, and as the vade-mecum's figures count participants.
                y(
                    "Comment évaluez-vous votre niveau sur le numérique ?",
                    "Comment évalues-tu ton niveau sur le numérique ?",
                ),
                "single",
                DIGITAL_LEVELS,
            ),
        ],
    )


def _priorities(y: Callable[[str, str], str]) -> Section:
    return Section(
        y("Vos priorités", "Tes priorités"),
        [
            Question(
                "priority_topics",
                y(
                    "Quels sujets sont prioritaires pour votre association ?",
                    "Quels sujets sont prioritaires pour ton association ?",
                ),
                "multiple",
                PRIORITY_TOPICS,
                # Otherwise everything is a priority and nothing stands out.
                hint="trois au plus",
            ),
            Question(
                "other_topics",
                "D'autres sujets, ou une difficulté précise que "
                + y("vous aimeriez", "tu aimerais")
                + " voir traitée ?",
                "text",
            ),
            Question(
                "formats",
                y(
                    "Quels formats vous conviennent le mieux ?",
                    "Quels formats te conviennent le mieux ?",
                ),
                "multiple",
                FORMATS,
            ),
        ],
    )


def _building(y: Callable[[str, str], str]) -> Section:
    return Section(
        "Pour construire la rencontre",
        [
            Question(
                "inspiring_initiatives",
                y("Connaissez-vous", "Connais-tu")
                + " une initiative numérique associative inspirante sur le territoire, qui "
                "pourrait être présentée lors de la rencontre ?",
                "text",
            ),
            Question(
                "comments",
                y("Vos remarques et suggestions :", "Tes remarques et suggestions :"),
                "text",
            ),
            Question(
                "contact_email",
                y(
                    "Pour recevoir l'invitation à la rencontre, votre adresse e-mail :",
                    "Pour recevoir l'invitation à la rencontre, ton adresse e-mail :",
                ),
                "text",
                hint=y(
                    "facultatif ; elle ne sert qu'à vous inviter",
                    "facultatif ; elle ne sert qu'à t'inviter",
                ),
                lines=1,
            ),
        ],
    )


def question_ids() -> list[str]:
    return [q.id for section in sections() for q in section.questions]


@document("consultation")
def consultation(ctx: RenderContext) -> Iterator[OutputFile]:
    event = ctx.event
    # The same for both forms: built once (the dates are working-day counts).
    variables = {
        "sections": sections(event.communication.address.value),
        "send_on": send_on(event),
        "answers_by": answers_by(event),
    }
    text = ctx.render("consultation.md.j2", **variables)
    yield OutputFile(
        FILE_NAME,
        text.rstrip().encode("utf-8") + b"\n",
        "Consultation des responsables associatifs sur les sujets prioritaires",
    )
    page = ctx.render("consultation.html.j2", **variables)
    yield OutputFile(
        "consultation.html",
        page.encode("utf-8"),
        "Consultation des responsables associatifs, à imprimer",
    )
