"""The post-event evaluation questionnaire, adapted to the format.

The vade-mecum asks to "élaborer un questionnaire d'évaluation
post-événement" and to send its results back to the national network. Its
own figures show what the network compares between days: the participants'
self-assessed digital level ("Intermédiaire", "débutant") and the share
aged "45 ans et plus". The questions are data, defined once in
:mod:`rzn.questionnaire` with their stable ids (the table of ids is there):
this document and the evaluation report read the same definition.
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
    questions = sections(ctx.event)  # the same for both forms: built once
    text = ctx.render("evaluation.md.j2", sections=questions)
    yield OutputFile(
        "evaluation.md", text.encode("utf-8"), "Questionnaire d'évaluation post-événement"
    )
    page = ctx.render("evaluation.html.j2", sections=questions)
    yield OutputFile(
        "evaluation.html",
        page.encode("utf-8"),
        "Questionnaire d'évaluation à imprimer, pour des réponses sur papier",
    )
