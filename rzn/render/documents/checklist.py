"""``checklist.md`` and ``checklist.html``: the retro-planning."""

from __future__ import annotations

from collections.abc import Iterator

from rzn.render.context import RenderContext
from rzn.render.output import OutputFile
from rzn.render.registry import document


def markdown(text: str) -> bytes:
    """One final newline, however the template's blocks end."""
    return (text.rstrip() + "\n").encode("utf-8")


@document("checklist")
def checklist(ctx: RenderContext) -> Iterator[OutputFile]:
    yield OutputFile(
        "checklist.md",
        markdown(ctx.render("checklist.md.j2")),
        "Rétroplanning : les tâches par phase, échéances et statut (Markdown)",
    )
    yield OutputFile(
        "checklist.html",
        ctx.render("checklist.html.j2").encode("utf-8"),
        "Rétroplanning à imprimer (HTML)",
    )
