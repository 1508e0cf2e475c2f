"""Mailing drafts: the invitation, the reminders and the two thank-you mails.

The vade-mecum plans a "Mailing : envoi à J-30, puis J-15, puis J-7" that
gives "les modalités d'inscription" and, "si c'est en ligne, le lien pour se
connecter"; after the day, "un mail de remerciements aux intervenants"
(to collect their slides) and "aux participants" (with the evaluation
questionnaire and, if the debates were recorded, the recording).

Each draft is written twice: ``mailings/<id>.eml``, a message a mail client
opens as a draft, and ``mailings/<id>.md``, the same text for review. The
ids are stable (``invitation-j30``, ``reminder-j15``, ``thanks-participants``)
because the Message-ID derives from them. The invitation carries the
participants' calendar (``event.ics``) as a ``text/calendar`` attachment.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from rzn.model.event import Event, Format, ItemKind, Speaker
from rzn.plan import workdays
from rzn.plan.tasks import mailing_id
from rzn.render import grammar
from rzn.render.context import RenderContext
from rzn.render.documents import participants_calendar
from rzn.render.documents.run_sheet import (
    FORMAT_LABELS,
    KIND_LABELS,
    hashtag,
    item_speakers,
    programme,
    speaker_label,
)
from rzn.render.mail import (
    Attachment,
    Mailbox,
    MailDraft,
    header_address,
    header_text,
    message_bytes,
)
from rzn.render.output import OutputFile
from rzn.render.registry import document

FOLDER = "mailings"
HALF_DAY_MINUTES = 270
"""A morning or an afternoon: up to four hours and a half."""
THANKS_DAYS_AFTER = 1
"""Thanks go out the day after, while the day is fresh (the timeline has them at J+1)."""


@dataclass(frozen=True)
class Mailing:
    id: str
    kind: str
    """``invitation``, ``reminder``, ``thanks-participants`` or ``thanks-speakers``: the
    template folder's file names."""
    offset: int
    """Days relative to the event: -30 for J-30, 1 for J+1."""
    send_on: dt.date

    @property
    def label(self) -> str:
        return f"J{self.offset:+d}"

    @property
    def days_before(self) -> int:
        return -self.offset


def planned_mailings(event: Event) -> list[Mailing]:
    """The first planned mailing invites, the later ones remind, then the two thanks."""
    # Dated like their tasks in the checklist: on a working day (rzn.plan.workdays).
    days_off = workdays.WorkingDays(event)
    mailings = []
    for position, days in enumerate(event.communication.mailings):
        kind = "invitation" if position == 0 else "reminder"
        send_on = days_off.deadline(event, mailing_id(days), -days).day
        mailings.append(Mailing(f"{kind}-j{days}", kind, -days, send_on))
    for kind in ("thanks-participants", "thanks-speakers"):
        after = days_off.deadline(event, kind, THANKS_DAYS_AFTER).day
        mailings.append(Mailing(kind, kind, THANKS_DAYS_AFTER, after))
    return mailings


def sender(event: Event) -> Mailbox:
    """``communication.sender``, else the lead organisation, else the first with an email."""
    if event.communication.sender is not None:
        return Mailbox(event.communication.sender.name, event.communication.sender.email)
    lead = event.lead or event.organizers[0]
    if lead.email:
        return Mailbox(lead.name, lead.email)
    other = next((o for o in event.organizers if o.email), None)
    return Mailbox(lead.name, other.email if other else None)


@dataclass(frozen=True)
class ProgrammeLine:
    start: dt.time
    end: dt.time
    title: str
    kind_label: str
    speakers: list[str]


def programme_lines(event: Event) -> list[ProgrammeLine]:
    return [
        ProgrammeLine(
            item.start,
            item.end_time,
            item.title,
            KIND_LABELS[item.kind],
            [speaker_label(s) for s in item_speakers(event, item)],
        )
        for item in programme(event)
    ]


def in_days(days: int) -> str:
    """``demain``, ``dans une semaine``, ``dans 15 jours``."""
    if days == 1:
        return "demain"
    if days == 7:
        return "dans une semaine"
    return f"dans {days} jours"


def where(event: Event) -> str:
    """``à l'Espace Malraux (Joué-lès-Tours)``, ``en ligne``, or both for a hybrid day.

    The city is not repeated when the venue's name holds it ("à la Maison des associations
    de Saint-Brieuc").
    """
    place = ""
    if event.venue is not None:
        place = grammar.at(event.venue)
        if event.city and not grammar.contains(event.venue.name, event.city):
            place += f" ({event.city})"
    elif event.city:
        place = grammar.at(event.city, town=True)
    if event.format is Format.ONLINE:
        # "« …, édition en ligne », en ligne" would say it twice
        return "à distance" if grammar.contains(event.title, "en ligne") else "en ligne"
    if event.format is Format.HYBRID:
        return f"{place} et en ligne" if place else "sur place et en ligne"
    return place or "sur place (lieu à préciser)"


def day_kind(event: Event) -> str:
    """``une journée``, or ``une demi-journée`` for a day of four hours and a half or less."""
    minutes = (event.end.hour * 60 + event.end.minute) - (
        event.start.hour * 60 + event.start.minute
    )
    return "une demi-journée" if minutes <= HALF_DAY_MINUTES else "une journée"


def meeting(event: Event) -> str:
    """How mails name the day before its title, without repeating "RéZolutions numériques"."""
    folded = event.title.casefold()
    if "rézolutions" in folded or "rezolutions" in folded or "résolutions" in folded:
        return "la rencontre"
    return "la rencontre RéZolutions numériques"


def speakers_of_day(event: Event) -> list[Speaker]:
    """Speakers who appear in the programme, in order of first appearance."""
    seen: dict[str, Speaker] = {}
    for item in programme(event):
        for speaker in item_speakers(event, item):
            seen.setdefault(speaker.id, speaker)
    return list(seen.values())


def _event_variables(event: Event) -> dict[str, Any]:
    """What every mailing of the event says alike: computed once, not once per mailing."""
    return {
        "hashtag": hashtag(event),
        "lead": event.lead,
        "format_label": FORMAT_LABELS[event.format],
        "where": where(event),
        "meeting": meeting(event),
        "day_kind": day_kind(event),
        "programme": programme_lines(event),
        "has_workshops": any(item.kind is ItemKind.WORKSHOP for item in event.program),
        "speakers": speakers_of_day(event),
    }


def _variables(common: dict[str, Any], mailing: Mailing, from_: Mailbox) -> dict[str, Any]:
    return {
        **common,
        "mailing": mailing,
        "sender": from_,
        "sender_usable": header_address(from_.email) is not None,
        "in_days": in_days(mailing.days_before) if mailing.offset < 0 else "",
    }


def drafts(ctx: RenderContext) -> Iterator[tuple[Mailing, MailDraft, dict[str, Any]]]:
    """Every planned draft, with the variables its templates were rendered with."""
    from_ = sender(ctx.event)
    common = _event_variables(ctx.event)
    for mailing in planned_mailings(ctx.event):
        variables = _variables(common, mailing, from_)
        subject = header_text(ctx.render("mailings/subject.txt.j2", **variables))
        variables["subject"] = subject
        draft = MailDraft(
            id=mailing.id,
            subject=subject,
            sender=from_,
            send_on=mailing.send_on,
            # One final newline, whatever blank lines the template's last block left.
            text=ctx.render(f"mailings/{mailing.kind}.txt.j2", **variables).rstrip() + "\n",
            html=ctx.render(f"mailings/{mailing.kind}.html.j2", **variables),
            attachments=_attachments(ctx, mailing),
            images=ctx.mail_images,
        )
        yield mailing, draft, variables


def _attachments(ctx: RenderContext, mailing: Mailing) -> tuple[Attachment, ...]:
    """The invitation's calendar, marked as one to add, not to answer.

    ``method=PUBLISH`` on the part, matching METHOD in the calendar (RFC 6047), lets mail
    clients offer "add to calendar" rather than treat the draft as a meeting request.
    """
    if mailing.kind != "invitation":
        return ()
    content = participants_calendar.calendar_bytes(ctx)
    params = (("charset", "utf-8"), ("method", "PUBLISH"))
    return (Attachment(participants_calendar.FILE_NAME, content, "text", "calendar", params),)


@document("mailings")
def mailings(ctx: RenderContext) -> Iterator[OutputFile]:
    for mailing, draft, variables in drafts(ctx):
        path = f"{FOLDER}/{mailing.id}"
        yield OutputFile(
            f"{path}.eml",
            message_bytes(draft, slug=ctx.slug, timezone=ctx.event.timezone),
            f"Brouillon de mail {mailing.label}, à ouvrir dans la messagerie",
        )
        review = ctx.render(
            "mailings/draft.md.j2", **variables, text=draft.text, eml=f"{mailing.id}.eml"
        )
        yield OutputFile(f"{path}.md", review.encode("utf-8"), f"Mail {mailing.label} à relire")
