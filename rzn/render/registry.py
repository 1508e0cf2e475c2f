"""The registry of documents ``rzn render`` produces."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable

from rzn.render.context import RenderContext
from rzn.render.output import OutputFile

Builder = Callable[[RenderContext], Iterable[OutputFile]]

DOCUMENTS: dict[str, Builder] = {}


def document(name: str) -> Callable[[Builder], Builder]:
    def register(builder: Builder) -> Builder:
        if name in DOCUMENTS:
            raise ValueError(f"document {name} registered twice")
        DOCUMENTS[name] = builder
        return builder

    return register


def all_documents() -> dict[str, Builder]:
    """Every document, in the order of ``MODULES`` whatever the order modules were imported."""
    from rzn.render import documents

    for module in documents.MODULES:
        importlib.import_module(f"rzn.render.documents.{module}")
    rank = {f"rzn.render.documents.{m}": i for i, m in enumerate(documents.MODULES)}
    ordered = sorted(
        enumerate(DOCUMENTS.items()),
        key=lambda pair: (rank.get(pair[1][1].__module__, len(rank)), pair[0]),
    )
    return dict(item for _, item in ordered)
