"""The registry of documents ``rzn render`` produces."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable

from rzn.render.context import RenderContext
from rzn.render.output import OutputFile

Builder = Callable[[RenderContext], Iterable[OutputFile]]

DOCUMENTS: dict[str, Builder] = {}

# The modules of ``rzn.render.documents``. Importing one registers its documents; the order
# here is the order of the summary. The list lives here, not in the package it names, so that
# the package imports nothing of the registry and the registry only reaches down into it.
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


def document(name: str) -> Callable[[Builder], Builder]:
    def register(builder: Builder) -> Builder:
        if name in DOCUMENTS:
            raise ValueError(f"document {name} registered twice")
        DOCUMENTS[name] = builder
        return builder

    return register


def all_documents() -> dict[str, Builder]:
    """Every document, in the order of ``MODULES`` whatever the order modules were imported."""
    for module in MODULES:
        importlib.import_module(f"rzn.render.documents.{module}")
    rank = {f"rzn.render.documents.{m}": i for i, m in enumerate(MODULES)}
    ordered = sorted(
        enumerate(DOCUMENTS.items()),
        key=lambda pair: (rank.get(pair[1][1].__module__, len(rank)), pair[0]),
    )
    return dict(item for _, item in ordered)
