"""The "conducteur minuté" and one technical sheet per workshop.

The vade-mecum asks, for plenary times, to "rédiger un conducteur minuté et
les informations pratiques et l'envoyer aux intervenants", and for
sub-group times a "fiche technique, précisant contenu et déroulé de
l'atelier, coordonnées de l'intervenant, matériel et configuration de la
salle nécessaires […] et la faire valider par les intervenants".

For online and hybrid events, its remote-animation practices ("Animation à
distance") become cues inserted in the sheet at the moment they apply
rather than a list to remember (:mod:`rzn.render.documents.remote_cues`).

The programme helpers here (time order, speaker and referent labels,
de-duplicated slugs) are shared with the mailings, evaluation and social
documents, so that every document names things the same way.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from rzn.model.event import (
    KIND_LABELS,
    Event,
    Format,
    ItemKind,
    ProgramItem,
    Room,
    Speaker,
    TeamMember,
)
from rzn.render.context import RenderContext
from rzn.render.documents.remote_cues import ITEM, Cue, remote_cues
from rzn.render.output import OutputFile
from rzn.render.registry import document
from rzn.slugs import unique_slugs

WORKSHOP_FOLDER = "workshops"
WORKSHOP_VALIDATION_DAYS = 21
"""Speakers validate their sheet three weeks ahead: after the J-30 invitation has announced
the workshops, early enough to book equipment and before the J-15 reminder."""


FORMAT_LABELS = {
    Format.IN_PERSON: "en présentiel",
    Format.ONLINE: "en ligne",
    Format.HYBRID: "hybride (sur place et à distance)",
}


def hashtag(event: Event) -> str:
    """The hashtag as networks read it: ``#`` and letters, digits or ``_`` only.

    "ReZo Num" or "#ReZo-Num" would be cut short (or not linked at all) once posted.
    """
    word = "".join(re.findall(r"\w", event.communication.hashtag))
    return f"#{word}" if word else "#ReZoNum"


# ---------------------------------------------------------------------------
# Programme helpers shared by the other documents


def programme(event: Event) -> list[ProgramItem]:
    """Items in time order; parallel items keep the order of the event file."""
    return sorted(event.program, key=lambda item: item.start_minute)


def speaker_label(speaker: Speaker) -> str:
    """``Claire Dupont (PANA 37)``."""
    return f"{speaker.name} ({speaker.organization})" if speaker.organization else speaker.name


def item_speakers(event: Event, item: ProgramItem) -> list[Speaker]:
    speakers = []
    for speaker_id in item.speakers:
        speaker = event.speaker(speaker_id)
        # Unknown ids are an error of rzn check; rendering never gets here with one, but
        # a speaker must never vanish silently from a printed sheet.
        speakers.append(speaker or Speaker(id=speaker_id, name=speaker_id))
    return speakers


def find_member(event: Event, reference: str | None) -> TeamMember | None:
    """The team member a referent names, by id or by name."""
    if not reference:
        return None
    for member in event.team:
        if reference in (member.id, member.name):
            return member
    lowered = reference.casefold()
    return next((m for m in event.team if m.name.casefold() == lowered), None)


@dataclass(frozen=True)
class Referent:
    name: str
    phone: str | None = None
    email: str | None = None
    role: str | None = None

    @property
    def contact(self) -> str:
        """``Claire (06 …, claire@…)`` — what a printed sheet needs to reach them."""
        details = [d for d in (self.phone, self.email) if d]
        return f"{self.name} ({', '.join(details)})" if details else self.name


def item_referent(event: Event, item: ProgramItem) -> Referent | None:
    """The organiser in charge of an item: its own referent, else its speakers' one."""
    reference = item.referent
    if reference is None:
        named = {s.referent for s in item_speakers(event, item) if s.referent}
        reference = named.pop() if len(named) == 1 else None
    if reference is None:
        return None
    member = find_member(event, reference)
    if member is None:
        return Referent(reference)
    return Referent(member.name, member.phone, member.email, member.role)


def needs_referent(item: ProgramItem) -> bool:
    """Items with speakers or sub-groups need an organiser referent (vade-mecum)."""
    return bool(item.speakers) or item.kind in (ItemKind.WORKSHOP, ItemKind.BARCAMP)


def workshop_items(event: Event) -> list[ProgramItem]:
    return [item for item in programme(event) if item.kind is ItemKind.WORKSHOP]


def workshop_paths(event: Event) -> dict[int, str]:
    """``id(item)`` → ``workshops/<slug>`` (without extension), stable for the event."""
    items = workshop_items(event)
    slugs = unique_slugs(item.title for item in items)
    return {id(item): f"{WORKSHOP_FOLDER}/{slug}" for item, slug in zip(items, slugs, strict=True)}


# ---------------------------------------------------------------------------
# The run sheet


@dataclass(frozen=True)
class ItemRow:
    item: ProgramItem
    kind_label: str
    speakers: list[Speaker]
    referent: Referent | None
    referent_missing: bool
    room: Room | None
    sheet: str | None
    """Path of the workshop's technical sheet (without extension), if any."""
    is_cue: bool = False

    @property
    def start(self) -> dt.time:
        return self.item.start

    @property
    def end(self) -> dt.time:
        return self.item.end_time

    @property
    def minutes(self) -> int:
        return self.item.minutes

    @property
    def speaker_labels(self) -> list[str]:
        return [speaker_label(s) for s in self.speakers]


class _Timeline:
    """Rows sorted by time; at one minute, cues announced before items come first."""

    def __init__(self) -> None:
        self._rows: list[tuple[int, int, int, ItemRow | Cue]] = []

    def add(self, minute: int, phase: int, row: ItemRow | Cue) -> None:
        self._rows.append((minute, phase, len(self._rows), row))

    def rows(self) -> list[ItemRow | Cue]:
        return [row for *_, row in sorted(self._rows, key=lambda r: r[:3])]


def run_sheet_rows(event: Event) -> list[ItemRow | Cue]:
    """Every item, and every remote cue, in time order."""
    timeline = _Timeline()
    sheets = workshop_paths(event)
    venue = event.venue
    for item in programme(event):
        referent = item_referent(event, item)
        timeline.add(
            item.start_minute,
            ITEM,
            ItemRow(
                item=item,
                kind_label=KIND_LABELS[item.kind],
                speakers=item_speakers(event, item),
                referent=referent,
                referent_missing=referent is None and needs_referent(item),
                room=venue.room(item.room) if venue is not None and item.room else None,
                sheet=sheets.get(id(item)),
            ),
        )
    for minute, phase, cue in remote_cues(event, programme(event)):
        timeline.add(minute, phase, cue)
    return timeline.rows()


def _shared(ctx: RenderContext) -> dict[str, object]:
    event = ctx.event
    return {
        "hashtag": hashtag(event),
        "format_label": FORMAT_LABELS[event.format],
        "lead": event.lead,
    }


def _run_sheet_variables(ctx: RenderContext) -> dict[str, Any]:
    event = ctx.event
    return {
        **_shared(ctx),
        "rows": run_sheet_rows(event),
        "show_rooms": any(item.room for item in event.program),
        "team": event.team,
        "workshops": workshop_sheets(event),
    }


def run_sheet_html(ctx: RenderContext) -> bytes:
    """``run-sheet.html`` as written, built once per event (the speaker mails attach it)."""
    return ctx.shared(
        "run-sheet.html",
        lambda: ctx.render("run-sheet.html.j2", **_run_sheet_variables(ctx)).encode("utf-8"),
    )


@document("run-sheet")
def run_sheet(ctx: RenderContext) -> Iterator[OutputFile]:
    yield OutputFile(
        "run-sheet.md",
        ctx.render("run-sheet.md.j2", **_run_sheet_variables(ctx)).encode("utf-8"),
        "Conducteur minuté (Markdown)",
    )
    yield OutputFile("run-sheet.html", run_sheet_html(ctx), "Conducteur minuté à imprimer (HTML)")


@dataclass(frozen=True)
class WorkshopSheet:
    item: ProgramItem
    path: str
    speakers: list[Speaker]
    referent: Referent | None
    room: Room | None
    validate_by: dt.date
    parallel: list[ProgramItem]


_SHEETS: list[tuple[Event, list[WorkshopSheet]]] = []
"""The last event's sheets: the run sheet, the sheets themselves and every speaker's
three drafts need them, and building them costs a comparison of every pair of workshops
(a render of 500 workshops rebuilt them 1 500 times)."""


def workshop_sheets(event: Event) -> list[WorkshopSheet]:
    """One technical sheet per workshop, built once per event (the list is shared: read it)."""
    if not _SHEETS or _SHEETS[0][0] is not event:
        # Holding the event keeps it alive, so another event can never take its identity.
        _SHEETS[:] = [(event, _build_sheets(event))]
    return _SHEETS[0][1]


def _build_sheets(event: Event) -> list[WorkshopSheet]:
    paths = workshop_paths(event)
    venue = event.venue
    validate_by = event.date - dt.timedelta(days=WORKSHOP_VALIDATION_DAYS)
    items = workshop_items(event)
    return [
        WorkshopSheet(
            item=item,
            path=paths[id(item)],
            speakers=item_speakers(event, item),
            referent=item_referent(event, item),
            room=venue.room(item.room) if venue is not None and item.room else None,
            validate_by=validate_by,
            parallel=[
                other
                for other in items
                if other is not item
                and other.start_minute < item.end_minute
                and item.start_minute < other.end_minute
            ],
        )
        for item in items
    ]


def workshop_html(ctx: RenderContext, sheet: WorkshopSheet) -> bytes:
    """A workshop sheet's HTML as written, built once per event (its speakers get it attached)."""
    return ctx.shared(
        f"{sheet.path}.html",
        lambda: ctx.render("workshop.html.j2", **_shared(ctx), sheet=sheet).encode("utf-8"),
    )


@document("workshops")
def workshops(ctx: RenderContext) -> Iterator[OutputFile]:
    for sheet in workshop_sheets(ctx.event):
        variables = {**_shared(ctx), "sheet": sheet}
        yield OutputFile(
            f"{sheet.path}.md",
            ctx.render("workshop.md.j2", **variables).encode("utf-8"),
            "Fiche technique d'atelier, à faire valider par l'intervenant (Markdown)",
        )
        yield OutputFile(
            f"{sheet.path}.html",
            workshop_html(ctx, sheet),
            "Fiche technique d'atelier à imprimer (HTML)",
        )
