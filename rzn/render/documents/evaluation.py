"""The post-event evaluation questionnaire, adapted to the format.

The vade-mecum asks to "élaborer un questionnaire d'évaluation
post-événement" and to send its results back to the national network. Its
own figures show what the network compares between days: the participants'
self-assessed digital level ("Intermédiaire", "débutant") and the share
aged "45 ans et plus". The questions are data here, not template text,
because their ids are a contract: they are the column names an organiser
keeps in the form tool, and that an evaluation report will read.

Question ids (stable; never reuse a retired one):

==========================  ===========  ==========================================
id                          formats      question
==========================  ===========  ==========================================
attendance_mode             hybrid       sur place ou à distance
overall_satisfaction        all          satisfaction globale
item_satisfaction.<slug>    all          satisfaction par séquence (slug du titre)
usefulness                  all          utilité pour son association
venue_satisfaction          on site      le lieu (salles, confort, son, projection)
access_satisfaction         on site      l'accès (transports, gare, stationnement)
accessibility_satisfaction  on site      l'accessibilité (PMR, besoins particuliers)
tool_satisfaction           remote       prise en main de l'outil de visioconférence
connection_quality          remote       qualité de la connexion (son, image)
remote_interaction          remote       possibilité de poser ses questions
digital_level               all          niveau sur le numérique (débutant…)
age_band                    all          tranche d'âge (45 ans et plus = 3 tranches)
association_role            all          rôle dans l'association
heard_from                  all          comment la rencontre a été connue
next_topics                 all          sujets souhaités pour une prochaine rencontre
follow_up                   all          suites souhaitées
takeaways                   all          ce qui sera mis en pratique
comments                    all          remarques libres
contact_email               all          adresse pour être recontacté (facultatif)
==========================  ===========  ==========================================

"on site" means in person and hybrid, "remote" online and hybrid. Choice
codes (``Choice.code``) are stable too; labels may be reworded.
"""

from __future__ import annotations

from collections.abc import Iterator

# The questions are defined once, in rzn.questionnaire: this document and the report
# that reads the answers (rzn report, rzn stats) ask exactly the same questions.
from rzn.questionnaire import (
    AGE_45_PLUS,
    AGE_BANDS,
    DIGITAL_LEVELS,
    ITEM_PREFIX,
    TOPICS,
    Choice,
    Question,
    RatedItem,
    Section,
    question_ids,
    rated_items,
    sections,
)
from rzn.render.context import RenderContext
from rzn.render.output import OutputFile
from rzn.render.registry import document

__all__ = [
    "AGE_45_PLUS",
    "AGE_BANDS",
    "DIGITAL_LEVELS",
    "ITEM_PREFIX",
    "TOPICS",
    "Choice",
    "Question",
    "RatedItem",
    "Section",
    "question_ids",
    "rated_items",
    "sections",
]


@document("evaluation")
def evaluation(ctx: RenderContext) -> Iterator[OutputFile]:
    text = ctx.render("evaluation.md.j2", sections=sections(ctx.event))
    yield OutputFile(
        "evaluation.md", text.encode("utf-8"), "Questionnaire d'évaluation post-événement"
    )
