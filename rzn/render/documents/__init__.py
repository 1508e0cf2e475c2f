"""Document builders, in the order ``rzn render`` lists them.

Each module registers its builders with :func:`rzn.render.registry.document`.
"""

from rzn.render.registry import DOCUMENTS

# Importing a module registers its documents; the order here is the order of the summary.
MODULES: tuple[str, ...] = (
    "checklist",
    "budget",
    "budget_xlsx",
    "timeline",
    "participants_calendar",
    "consultation",
    "run_sheet",
    "speaker_briefs",
    "mailings",
    "fallback",
    "evaluation",
    "form_imports",
    "social",
    "slides",
    "attendance",
    "public",
)

__all__ = ["DOCUMENTS", "MODULES"]
