"""Speaker briefs: three personalised mail drafts per speaker.

The vade-mecum's "Comment préparer les intervenants ?": "Nommer un référent
parmi les organisateurs", "Organiser des échanges bilatéraux", then send "un
conducteur minuté et les informations pratiques", and for sub-group times a
"fiche technique […] et la faire valider par les intervenants". For each
speaker, ``speakers/<id>/`` holds, as ``.eml`` drafts and ``.md`` review
copies (the conventions of :mod:`rzn.render.documents.mailings`):

1. ``1-bilateral`` — an invitation to a bilateral exchange with their
   referent (task ``bilateral-invitation``, J-45);
2. ``2-documents`` — the run sheet and, for a workshop speaker, the
   workshop's technical sheet to validate (task ``workshop-sheets-sent``,
   J-28, before the sheets are due validated at J-21; otherwise
   ``run-sheet-sent``, J-10);
3. ``3-practical`` — practical information two days before (task
   ``speaker-practical-info``): address, access, arrival time, room,
   equipment, the referent's contact; for remote sessions the connection
   link and a technical test slot (task ``speaker-tech-test``, J-1).

The send dates are those of the tasks, so the drafts, the checklist and the
timeline never disagree. File names come from the speaker's id (slugified,
de-duplicated), never from their name, so that they stay stable.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from rzn.model.event import Event, Format, ItemKind, ProgramItem, Room, Speaker
from rzn.plan.tasks import relative_day, task_due, task_offset
from rzn.render import grammar
from rzn.render.context import RenderContext
from rzn.render.documents.mailings import meeting, sender, where
from rzn.render.documents.run_sheet import (
    KIND_LABELS,
    Referent,
    find_member,
    hashtag,
    item_speakers,
    programme,
    run_sheet_html,
    unique_slugs,
    workshop_html,
    workshop_sheets,
)
from rzn.render.grammar import first_name
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

FOLDER = "speakers"
RUN_SHEET = "run-sheet.html"
"""The run sheet as ``rzn render`` writes it (see :mod:`rzn.render.documents.run_sheet`)."""

ARRIVAL_MINUTES = 30
"""On site, speakers come half an hour early: find the room, test their slides with the
referent, and still be there if the programme runs ahead."""
CONNECTION_MINUTES = 15
"""Online, a quarter of an hour is enough to connect and check sound and screen sharing."""
TEST_SLOT_MINUTES = 15
TEST_DAYS_BEFORE = 1
"""The technical test is the day before, at the time of the speaker's session: same network
load, same room at home or at the office, and still time to fix what fails."""
EXCHANGE_MINUTES = 30

# The tasks whose due dates are the send dates; their offsets are read from the catalogue.
BILATERAL_TASK = "bilateral-invitation"
EXCHANGES_TASK = "bilateral-exchanges"
SHEETS_SENT_TASK = "workshop-sheets-sent"
RUN_SHEET_TASK = "run-sheet-sent"
REHEARSAL_TASK = "rehearsal"
PRACTICAL_TASK = "speaker-practical-info"
TECH_TEST_TASK = "speaker-tech-test"
THANKS_TASK = "thanks-speakers"


def task_day(event: Event, task_id: str) -> dt.date:
    """The checklist's deadline of the task: a draft is dated the day it should go out."""
    return task_due(event, task_id)


@dataclass(frozen=True)
class Session:
    """One programme item the speaker takes part in."""

    item: ProgramItem
    kind_label: str
    room: Room | None
    others: list[Speaker]
    """The other speakers of the item."""
    sheet: str | None
    """``workshops/<slug>.html`` for a workshop, the file the speaker validates."""

    @property
    def start(self) -> dt.time:
        return self.item.start

    @property
    def end(self) -> dt.time:
        return self.item.end_time

    @property
    def title(self) -> str:
        return self.item.title

    @property
    def is_workshop(self) -> bool:
        return self.item.kind is ItemKind.WORKSHOP


@dataclass(frozen=True)
class Step:
    """One of the four mails of a brief."""

    number: int
    kind: str
    """``bilateral``, ``documents``, ``practical`` or ``thanks``: the template names."""
    task: str
    """The checklist task whose due date is the send date."""
    offset: int
    send_on: dt.date

    @property
    def label(self) -> str:
        return relative_day(self.offset)

    @property
    def name(self) -> str:
        """``1-bilateral``: the file name, numbered so that a folder lists them in order."""
        return f"{self.number}-{self.kind}"


@dataclass(frozen=True)
class TestSlot:
    day: dt.date
    start: dt.time
    minutes: int


@dataclass(frozen=True)
class Brief:
    speaker: Speaker
    slug: str
    sessions: list[Session]
    referent: Referent | None
    steps: list[Step]
    arrival: dt.time | None
    """On site: when to arrive (``None`` for an online event or a speaker without session)."""
    connection: dt.time | None
    """Remote: when to connect."""
    test_slot: TestSlot | None
    equipment: list[str]
    """What the speaker's sessions asked for (``program[].equipment``), each once."""
    attachments: list[str]
    """Rendered files to join to the documents mail: the run sheet, the workshop sheets."""

    @property
    def is_workshop(self) -> bool:
        return any(s.is_workshop for s in self.sessions)

    @property
    def folder(self) -> str:
        return f"{FOLDER}/{self.slug}"

    @property
    def rooms(self) -> list[str]:
        names: list[str] = []
        for session in self.sessions:
            if session.item.room and session.item.room not in names:
                names.append(session.item.room)
        return names


def speaker_referent(event: Event, speaker: Speaker) -> Referent | None:
    """The speaker's own referent, else the first referent of one of their sessions."""
    reference = speaker.referent
    if reference is None:
        reference = next(
            (i.referent for i in programme(event) if speaker.id in i.speakers and i.referent),
            None,
        )
    if reference is None:
        return None
    member = find_member(event, reference)
    if member is None:
        return Referent(reference)
    return Referent(member.name, member.phone, member.email, member.role)


def _minus(value: dt.time, minutes: int) -> dt.time:
    minute = max(0, value.hour * 60 + value.minute - minutes)
    return dt.time(*divmod(minute, 60))


def _sessions(event: Event, speaker: Speaker) -> list[Session]:
    sheets = {id(sheet.item): f"{sheet.path}.html" for sheet in workshop_sheets(event)}
    venue = event.venue
    sessions = []
    for item in programme(event):
        if speaker.id not in item.speakers:
            continue
        sessions.append(
            Session(
                item=item,
                kind_label=KIND_LABELS[item.kind],
                room=venue.room(item.room) if venue is not None and item.room else None,
                others=[s for s in item_speakers(event, item) if s.id != speaker.id],
                sheet=sheets.get(id(item)),
            )
        )
    return sessions


def _steps(event: Event, workshop: bool) -> list[Step]:
    documents = SHEETS_SENT_TASK if workshop else RUN_SHEET_TASK
    planned = [
        ("bilateral", BILATERAL_TASK),
        ("documents", documents),
        ("practical", PRACTICAL_TASK),
        ("thanks", THANKS_TASK),
    ]
    return [
        Step(number, kind, task, task_offset(task), task_day(event, task))
        for number, (kind, task) in enumerate(planned, start=1)
    ]


def briefs(event: Event) -> list[Brief]:
    """One brief per speaker, in the order of the event file."""
    slugs = unique_slugs((s.id for s in event.speakers), fallback="intervenant")
    out = []
    # Every speaker's steps are one of two lists: each due date is a working-day count
    # over the event's holidays, worth computing once.
    steps: dict[bool, list[Step]] = {}
    for speaker, slug in zip(event.speakers, slugs, strict=True):
        sessions = _sessions(event, speaker)
        workshop = any(s.is_workshop for s in sessions)
        if workshop not in steps:
            steps[workshop] = _steps(event, workshop)
        first = sessions[0].start if sessions else None
        equipment: list[str] = []
        for session in sessions:
            for need in session.item.equipment:
                if need not in equipment:
                    equipment.append(need)
        attachments = [RUN_SHEET, *(s.sheet for s in sessions if s.sheet)]
        out.append(
            Brief(
                speaker=speaker,
                slug=slug,
                sessions=sessions,
                referent=speaker_referent(event, speaker),
                steps=list(steps[workshop]),
                arrival=_minus(first, ARRIVAL_MINUTES)
                if first and event.format.has_venue
                else None,
                connection=_minus(first, CONNECTION_MINUTES)
                if first and event.format.has_remote
                else None,
                test_slot=TestSlot(
                    event.date - dt.timedelta(days=TEST_DAYS_BEFORE),
                    first or event.start,
                    TEST_SLOT_MINUTES,
                )
                if event.format.has_remote
                else None,
                equipment=equipment,
                attachments=attachments,
            )
        )
    return out


def _sender(event: Event, referent: Referent | None) -> tuple[Mailbox, bool]:
    """The referent writes to their speaker when their address is known; else the organisers.

    The flag says which: the mails then speak in the first person ("je serai votre
    référent·e") or name the referent.
    """
    if referent is not None and header_address(referent.email) is not None:
        return Mailbox(referent.name, referent.email), True
    return sender(event), False


def referent_title(referent: Referent | None) -> str:
    """How the letters call the referent: their own title when their role says it
    ("Référente" → "référente"), else the inclusive "référent·e"."""
    role = " ".join((referent.role or "").split()) if referent is not None else ""
    first_word = role.split(" ")[0] if role else ""
    if any(grammar.contains(first_word, word) for word in ("référent", "référente")):
        return role[:1].lower() + role[1:]
    return "référent·e"


def _event_variables(ctx: RenderContext) -> dict[str, Any]:
    """What every mail of every brief says alike: computed once per event."""
    event = ctx.event
    online = event.online
    return {
        "platform": online.platform if online and online.platform else None,
        "meeting": meeting(event),
        "where": where(event),
        "hashtag": hashtag(event),
        "lead": event.lead,
        "in_person": event.format is Format.IN_PERSON,
        "exchange_minutes": EXCHANGE_MINUTES,
        "exchanges_by": task_day(event, EXCHANGES_TASK),
        "rehearsal_on": task_day(event, REHEARSAL_TASK),
        "validate_by": next((s.validate_by for s in workshop_sheets(event)), None),
        "run_sheet": RUN_SHEET,
    }


def _variables(
    common: dict[str, Any], brief: Brief, step: Step, from_: Mailbox, referent_writes: bool
) -> dict[str, Any]:
    speaker = brief.speaker
    return {
        **common,
        "brief": brief,
        "speaker": speaker,
        "step": step,
        "sender": from_,
        "sender_usable": header_address(from_.email) is not None,
        "recipient_usable": header_address(speaker.email) is not None,
        "referent": brief.referent,
        "referent_writes": referent_writes,
        "referent_title": referent_title(brief.referent),
        "first_name": speaker.first_name or first_name(speaker.name),
        "documents_on": brief.steps[1].send_on,
        "practical_on": brief.steps[2].send_on,
    }


def drafts(ctx: RenderContext) -> Iterator[tuple[Brief, Step, MailDraft, dict[str, Any]]]:
    common = _event_variables(ctx)
    attachments = _Attachments(ctx)
    for brief in briefs(ctx.event):
        from_, referent_writes = _sender(ctx.event, brief.referent)
        speaker = brief.speaker
        recipients = (Mailbox(speaker.name, speaker.email),) if speaker.email else ()
        for step in brief.steps:
            variables = _variables(common, brief, step, from_, referent_writes)
            subject = header_text(ctx.render("speakers/subject.txt.j2", **variables))
            variables["subject"] = subject
            draft = MailDraft(
                id=f"speaker-{brief.slug}-{step.kind}",
                subject=subject,
                sender=from_,
                send_on=step.send_on,
                text=ctx.render(f"speakers/{step.kind}.txt.j2", **variables).rstrip() + "\n",
                html=ctx.render(f"speakers/{step.kind}.html.j2", **variables),
                # An address a header cannot carry is left out: the review copy says so.
                recipients=tuple(r for r in recipients if header_address(r.email)),
                attachments=attachments.of(step_attachments(brief, step)),
                images=ctx.mail_images,
            )
            yield brief, step, draft, variables


def step_attachments(brief: Brief, step: Step) -> list[str]:
    """The rendered files a mail says it carries: the documents mail all of them (run sheet,
    workshop sheets), the practical information the run sheet."""
    if step.kind == "documents":
        return brief.attachments
    if step.kind == "practical":
        return [RUN_SHEET]
    return []


class _Attachments:
    """The rendered files the mails carry, each built once for all the speakers' mails."""

    def __init__(self, ctx: RenderContext) -> None:
        self._ctx = ctx
        self._sheets = {f"{sheet.path}.html": sheet for sheet in workshop_sheets(ctx.event)}
        self._built: dict[str, Attachment] = {}

    def of(self, paths: list[str]) -> tuple[Attachment, ...]:
        return tuple(self._attachment(path) for path in paths)

    def _attachment(self, path: str) -> Attachment:
        if path not in self._built:
            if path == RUN_SHEET:
                content = run_sheet_html(self._ctx)
            else:
                content = workshop_html(self._ctx, self._sheets[path])
            name = path.rsplit("/", 1)[-1]
            self._built[path] = Attachment(name, content, "text", "html", (("charset", "utf-8"),))
        return self._built[path]


@document("speaker-briefs")
def speaker_briefs(ctx: RenderContext) -> Iterator[OutputFile]:
    for brief, step, draft, variables in drafts(ctx):
        path = f"{brief.folder}/{step.name}"
        # Descriptions reach the terminal: the speaker's name (untrusted) stays in the files.
        yield OutputFile(
            f"{path}.eml",
            message_bytes(draft, slug=ctx.slug, timezone=ctx.event.timezone),
            f"Brouillon de mail {step.label} à l'intervenant·e, à ouvrir dans la messagerie",
        )
        review = (
            ctx.render(
                "speakers/draft.md.j2",
                **variables,
                text=draft.text,
                eml=f"{step.name}.eml",
                attachments=step_attachments(brief, step),
            ).rstrip()
            + "\n"
        )
        yield OutputFile(
            f"{path}.md", review.encode("utf-8"), f"Mail {step.label} à l'intervenant·e à relire"
        )
