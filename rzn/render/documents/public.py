"""``public/``: the event's public page, its posters, share image and calendar.

Built from :func:`rzn.render.public.public_event` only, so nothing private reaches
the folder (see that module). ``rzn site`` builds each event's page with
:func:`public_files` too.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import jinja2

from rzn.model.event import Event
from rzn.render import ical
from rzn.render.context import RenderContext
from rzn.render.documents.participants_calendar import participants_calendar
from rzn.render.output import OutputFile
from rzn.render.public import CALENDAR, FOLDER, SHARE_IMAGE, build_page, public_event, share_image
from rzn.render.registry import document


def public_files(
    event: Event,
    today: dt.date,
    env: jinja2.Environment,
    event_dir: Path,
    *,
    prefix: str,
    page_url: str | None,
    home: str | None = None,
) -> Iterator[OutputFile]:
    """The public documents of one event, their paths starting with ``prefix``."""
    ctx = RenderContext(public_event(event), today, env, event_dir)
    page = build_page(ctx.event, today, page_url, home)
    yield OutputFile(
        f"{prefix}index.html",
        ctx.render("public/page.html.j2", page=page).encode("utf-8"),
        "Page publique de la rencontre : à mettre en ligne (sans données personnelles)",
    )
    yield OutputFile(
        f"{prefix}affiche.html",
        ctx.render("public/poster.html.j2", page=page).encode("utf-8"),
        "Affiches A4 et A3 avec code QR vers l'inscription (HTML)",
    )
    yield OutputFile(
        f"{prefix}{SHARE_IMAGE}",
        share_image(page.share_text),
        "Image de partage pour les réseaux sociaux (1200 × 630)",
    )
    yield OutputFile(
        f"{prefix}{CALENDAR}",
        ical.to_bytes(participants_calendar(ctx.event, ctx.slug, today)),
        "Programme de la journée pour les agendas, version publique (iCalendar)",
    )


@document("public")
def public(ctx: RenderContext) -> Iterator[OutputFile]:
    yield from public_files(
        ctx.event,
        ctx.today,
        ctx.env,
        ctx.event_dir,
        prefix=f"{FOLDER}/",
        page_url=ctx.event.communication.website,
    )
