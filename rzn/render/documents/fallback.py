"""The remote plan B of an in-person day: the "switch to online" mail, ready to send.

The vade-mecum: "Dans le doute, veiller à ce que la rencontre physique puisse
être transposable à distance". For an in-person event, ``mailings/`` gets
``switch-online.eml`` (a draft, with the conventions of the other mailings)
and ``switch-online.md`` (its review copy): the day moves online, same date
and hours, with the plan B's link (``fallback.url``) or a placeholder to
fill in. It is only sent if the day cannot take place on site; its planned
date is the day before, so that the file stays the same from one run to the
next (the ``fallback-message`` task asks to prepare it a week ahead).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from rzn.model.event import Event, Format, ItemKind
from rzn.render.context import RenderContext
from rzn.render.documents.mailings import (
    FOLDER,
    Mailing,
    meeting,
    programme_lines,
    sender,
    speakers_of_day,
    where,
)
from rzn.render.documents.run_sheet import hashtag
from rzn.render.mail import MailDraft, header_address, header_text, message_bytes
from rzn.render.output import OutputFile
from rzn.render.registry import document

SWITCH_ID = "switch-online"
SWITCH_DAYS_BEFORE = 1


def switch_mailing(event: Event) -> Mailing:
    return Mailing(
        SWITCH_ID,
        SWITCH_ID,
        -SWITCH_DAYS_BEFORE,
        event.date - dt.timedelta(days=SWITCH_DAYS_BEFORE),
    )


def needs_switch(event: Event) -> bool:
    """Only an in-person day has somewhere to switch from."""
    return event.format is Format.IN_PERSON


def _variables(ctx: RenderContext, mailing: Mailing) -> dict[str, Any]:
    event = ctx.event
    from_ = sender(event)
    fallback = event.fallback
    return {
        "mailing": mailing,
        "sender": from_,
        "sender_usable": header_address(from_.email) is not None,
        "fallback": fallback,
        "platform": fallback.platform if fallback and fallback.platform else None,
        "link": fallback.url if fallback and fallback.url else None,
        "meeting": meeting(event),
        "where": where(event),
        "hashtag": hashtag(event),
        "lead": event.lead,
        "programme": programme_lines(event),
        "has_workshops": any(item.kind is ItemKind.WORKSHOP for item in event.program),
        "speakers": speakers_of_day(event),
    }


def switch_draft(ctx: RenderContext) -> tuple[MailDraft, dict[str, Any]]:
    mailing = switch_mailing(ctx.event)
    variables = _variables(ctx, mailing)
    subject = header_text(ctx.render("mailings/switch-online.subject.txt.j2", **variables))
    variables["subject"] = subject
    draft = MailDraft(
        id=mailing.id,
        subject=subject,
        sender=variables["sender"],
        send_on=mailing.send_on,
        text=ctx.render("mailings/switch-online.txt.j2", **variables).rstrip() + "\n",
        html=ctx.render("mailings/switch-online.html.j2", **variables),
        images=ctx.mail_images,
    )
    return draft, variables


@document("switch-online")
def switch_online(ctx: RenderContext) -> Iterator[OutputFile]:
    if not needs_switch(ctx.event):
        return
    draft, variables = switch_draft(ctx)
    path = f"{FOLDER}/{SWITCH_ID}"
    yield OutputFile(
        f"{path}.eml",
        message_bytes(draft, slug=ctx.slug, timezone=ctx.event.timezone),
        "Plan B : brouillon du mail de bascule à distance, à n'envoyer qu'en cas de besoin",
    )
    review = ctx.render(
        "mailings/switch-online.md.j2", **variables, text=draft.text, eml=f"{SWITCH_ID}.eml"
    )
    yield OutputFile(
        f"{path}.md",
        review.rstrip().encode("utf-8") + b"\n",
        "Plan B : mail de bascule à distance à relire",
    )
