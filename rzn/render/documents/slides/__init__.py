"""``opening-slides.pptx``: the vade-mecum's "masque de présentation PPT".

16:9 slides: the title slide (date and place), the common vision, the
programme, the organisers and partners with their logos, practical
information for the event's format, and a closing slide pointing to the
evaluation questionnaire and thanking the speakers.

Nothing may overflow a slide, and the text comes from an untrusted file of
any length: the programme and lists are split over as many slides as
needed. This module says what each slide holds; beside it, ``geometry``
places things and names the colours, ``text`` estimates how text wraps and
fits, and ``pml`` writes the PresentationML package.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from rzn.load.logos import Logo
from rzn.model.event import (
    Event,
    Format,
    ItemKind,
    Online,
    Organizer,
    Partner,
    PartnerRole,
    RoomKind,
)
from rzn.model.partners import is_national_partner
from rzn.render import french
from rzn.render.context import RenderContext
from rzn.render.documents.slides.geometry import (
    BODY_H,
    BODY_TOP,
    CARD,
    CONTENT_W,
    INSET,
    LINE,
    MARGIN_X,
    MUTED,
    SMALL_PT,
    TABLE_PT,
    palette,
)
from rzn.render.documents.slides.pml import Deck, Slide, numbered, rectangle, table, textbox, xfrm
from rzn.render.documents.slides.text import Para, Run, clip, fit, para
from rzn.render.logos import resolve_logo
from rzn.render.ooxml import attr as xml_attr
from rzn.render.ooxml import clean
from rzn.render.output import OutputFile
from rzn.render.registry import document

FILE_NAME = "opening-slides.pptx"


# --- Slides ----------------------------------------------------------------------------------
def _place_text(event: Event) -> str:
    venue = event.venue
    city = clean(event.city)
    if venue is not None:
        name = clean(venue.name)
        place = name if not city or city.casefold() in name.casefold() else f"{name}, {city}"
    else:
        place = city
    platform = clean(event.online.platform) if event.online else ""
    if event.format is Format.ONLINE:
        return f"En ligne · {platform}" if platform else "En ligne"
    if event.format is Format.HYBRID:
        remote = f"et en ligne ({platform})" if platform else "et en ligne"
        return f"{place} {remote}" if place else f"Sur place {remote}"
    return place


def _title_slide(deck: Deck, event: Event) -> None:
    day = french.day_long(event.date)
    when = f"{day[0].upper()}{day[1:]}, de {french.hour(event.start)} à {french.hour(event.end)}"
    # At most four lines of 24 pt: what the subtitle box holds.
    lines = [(when, 1)]
    place = _place_text(event)
    if place:
        lines.append((place, 2))
    lines.append((clean(event.communication.hashtag), 1))
    deck.title_slide(
        clean(event.title),
        lines,
        "Accueillez les participants et rappelez le cadre : RéZolutions numériques est un cycle "
        "de rencontres territoriales, ouvertes à tous, pour accompagner les associations dans "
        "leur transition numérique.",
    )


def _vision_slides(deck: Deck, event: Event) -> None:
    paras = [
        para(
            "RéZolutions numériques : des rencontres territoriales pour accompagner les "
            "associations dans leur transition numérique.",
            color=MUTED,
            size=20,
        )
    ]
    if event.objectives:
        paras.append(para("Nos objectifs pour cette rencontre", heading=True, space_before=18))
        paras.extend(para(o, bullet=1) for o in event.objectives)
    deck.text_slides(
        "Notre vision commune",
        paras,
        "Présentez les enjeux et les objectifs partagés par les organisateurs.",
    )


@dataclass(frozen=True)
class _Column:
    header: str
    width: float


def _program_slides(deck: Deck, event: Event) -> None:
    items = sorted(event.program, key=lambda i: (i.start_minute, i.end_minute))
    if not items:
        return
    with_room = any(i.room for i in items)
    with_speakers = any(i.speakers for i in items)
    columns = [_Column("Horaire", 152.0)]
    side = (140.0 if with_room else 0.0) + (220.0 if with_speakers else 0.0)
    columns.append(_Column("Séquence", CONTENT_W - columns[0].width - side))
    if with_room:
        columns.append(_Column("Salle", 140.0))
    if with_speakers:
        columns.append(_Column("Intervenants", 220.0))

    rows: list[list[list[Para]]] = []
    for item in items:
        pause = item.kind.is_pause
        time = f"{french.hhmm(item.start)} – {french.hhmm(item.end_time)}"
        cells = [[para(time, size=TABLE_PT, space_before=0)]]
        title = Run(item.title, bold=not pause, italic=pause)
        cells.append([para(title, size=TABLE_PT, space_before=0)])
        if with_room:
            cells.append([para(item.room or "", size=TABLE_PT, space_before=0)])
        if with_speakers:
            names = [_speaker_name(event, s) for s in item.speakers]
            cells.append([para(n, size=SMALL_PT, space_before=2) for n in names if n])
        rows.append([_fit_cell(c, col.width) for c, col in zip(cells, columns, strict=True)])

    header = [[para(Run(c.header, bold=True), size=TABLE_PT, space_before=0)] for c in columns]
    header_h = _row_height(header, columns)
    heights = [_row_height(row, columns) for row in rows]
    pages = [[rows[i] for i in page] for page in balanced_pages(heights, BODY_H - header_h)]
    for index, page in enumerate(pages):
        slide = deck.content_slide(
            numbered("Programme", index, len(pages)),
            "Parcourez le programme ; indiquez les salles des ateliers et les temps de pause.",
            index,
        )
        table(slide, "Programme", [c.width for c in columns], [header, *page])


def balanced_pages(heights: Sequence[float], room: float) -> list[range]:
    """Consecutive items split over as few pages as possible, the pages as even as possible.

    Nine rows make two slides of five and four, not of eight and one.
    """

    def greedy(limit: float) -> list[range]:
        pages, start, used = [], 0, 0.0
        for index, height in enumerate(heights):
            if index > start and used + height > limit:
                pages.append(range(start, index))
                start, used = index, 0.0
            used += height
        pages.append(range(start, len(heights)))
        return pages

    fewest = len(greedy(room))
    low, high = max(heights, default=0.0), room
    for _ in range(40):  # bisect the smallest page height that needs no more pages
        middle = (low + high) / 2
        if len(greedy(middle)) <= fewest:
            high = middle
        else:
            low = middle
    return greedy(high)


MAX_CELL_LINES = 6


def _fit_cell(paras: list[Para], width: float) -> list[Para]:
    inner = width - 2 * INSET
    if len(paras) <= 1:
        return [clip(p, inner, MAX_CELL_LINES) for p in paras]
    # A list of speakers: as many as fit, then how many more.
    kept: list[Para] = []
    for index, p in enumerate(paras):
        p = clip(p, inner, 2)
        more = len(paras) - index - 1
        tail = para(f"et {more} autres", size=p.size, space_before=2) if more else None
        lines = sum(k.lines(inner) for k in kept) + p.lines(inner)
        if lines + (tail.lines(inner) if tail else 0) > MAX_CELL_LINES:
            rest = len(paras) - index
            kept.append(para(f"et {rest} autres" if rest > 1 else "et 1 autre", size=p.size))
            break
        kept.append(p)
    return kept


def _row_height(row: list[list[Para]], columns: Sequence[_Column]) -> float:
    tallest = 0.0
    for cell, column in zip(row, columns, strict=True):
        inner = column.width - 2 * INSET
        height = sum(p.height(inner, first=i == 0) for i, p in enumerate(cell))
        tallest = max(tallest, height)
    return max(tallest, TABLE_PT * LINE) + 2 * INSET


def _speaker_name(event: Event, speaker_id: str) -> str:
    speaker = event.speaker(speaker_id)
    if speaker is None:
        return ""
    name = clean(speaker.name)
    return f"{name} ({clean(speaker.organization)})" if speaker.organization else name


# --- Organisers and partners -----------------------------------------------------------------
@dataclass(frozen=True)
class _Group:
    label: str
    members: tuple[Organizer | Partner, ...]


LABEL_W = 210.0
"""Group names ("Coorganisé par"…) sit in a column left of their logos."""
CELLS_PER_ROW = 3
CELL_GAP = 16.0
CELL_LEFT = MARGIN_X + LABEL_W + CELL_GAP
CELL_W = (CONTENT_W - LABEL_W - CELLS_PER_ROW * CELL_GAP) / CELLS_PER_ROW
CELL_H = 80.0
ROW_PITCH = CELL_H + 14.0


def _groups(event: Event) -> list[_Group]:
    national = tuple(p for p in event.partners if is_national_partner(p.name))
    others = [p for p in event.partners if not is_national_partner(p.name)]
    funders = tuple(p for p in others if p.role is PartnerRole.FUNDER)
    partners = tuple(p for p in others if p.role is not PartnerRole.FUNDER)
    groups = [
        _Group("Organisé par" if len(event.organizers) == 1 else "Coorganisé par", (
            *sorted(event.organizers, key=lambda o: not o.lead),
        )),
        _Group("Partenaire national", national),
        _Group("Avec le soutien financier de", funders),
        _Group("En partenariat avec", partners),
    ]  # fmt: skip
    return [g for g in groups if g.members]


def _partner_slides(deck: Deck, ctx: RenderContext) -> None:
    event = ctx.event
    rows: list[tuple[_Group, tuple[Organizer | Partner, ...]]] = []
    for group in _groups(event):
        for start in range(0, len(group.members), CELLS_PER_ROW):
            rows.append((group, group.members[start : start + CELLS_PER_ROW]))
    # One size for every group name, the largest at which the longest holds in its box.
    label_size = next(
        (
            size
            for size in (20, 18, 16)
            if all(
                para(g.label, size=size, heading=True).height(LABEL_W - 2 * INSET, first=True)
                <= CELL_H - 2 * INSET
                for g, _ in rows
            )
        ),
        14,
    )
    per_slide = max(1, int(BODY_H // ROW_PITCH))
    pages = [rows[i : i + per_slide] for i in range(0, len(rows), per_slide)]
    title = "Organisateurs et partenaires" if event.partners else "Organisateurs"
    notes = "Remerciez les organisateurs et les partenaires."
    if any(is_national_partner(p.name) for p in event.partners):
        notes += " Citez la Fondation EDF, partenaire national de RéZolutions numériques."
    for index, page in enumerate(pages):
        slide = deck.content_slide(numbered(title, index, len(pages)), notes, index)
        top = BODY_TOP
        previous: _Group | None = None
        for group, members in page:
            if group is not previous:  # the group's name on its first row of each slide
                label = para(group.label, size=label_size, heading=True, space_before=0)
                textbox(slide, MARGIN_X, top, LABEL_W, CELL_H, [label], anchor="ctr")
            previous = group
            for position, member in enumerate(members):
                left = CELL_LEFT + position * (CELL_W + CELL_GAP)
                _member_cell(deck, slide, ctx, member, left, top)
            top += ROW_PITCH


def _member_cell(
    deck: Deck,
    slide: Slide,
    ctx: RenderContext,
    member: Organizer | Partner,
    left: float,
    top: float,
) -> None:
    name = clean(member.name)
    logo = resolve_logo(ctx.event_dir, member.logo)
    if logo is not None and _picture(deck, slide, logo, name, left, top):
        return
    rectangle(slide, left, top, CELL_W, CELL_H, CARD)
    inner_w, inner_h = CELL_W - 2 * INSET, CELL_H - 2 * INSET
    label = fit(name, inner_w, inner_h, [20, 18, 16, 14], bold=True)
    textbox(
        slide,
        left,
        top,
        CELL_W,
        CELL_H,
        [label],
        color=deck.palette.accent,
        align="ctr",
        anchor="ctr",
        name=f"Nom : {name[:80]}",
    )


def _picture(deck: Deck, slide: Slide, logo: Logo, name: str, left: float, top: float) -> bool:
    """The logo, as large as fits in the cell and centred; False when it cannot be embedded."""
    if not logo.format.raster or not logo.width or not logo.height:
        return False  # PowerPoint needs a PNG copy of an SVG: the name is shown instead
    scale = min(CELL_W / logo.width, CELL_H / logo.height)
    width, height = logo.width * scale, logo.height * scale
    box = xfrm(left + (CELL_W - width) / 2, top + (CELL_H - height) / 2, width, height)
    shape_id, r_id = slide.new_id(), deck.image(slide, logo)
    # The description is what a screen reader says: the organisation's name.
    slide.shapes.append(
        f'<p:pic><p:nvPicPr><p:cNvPr id="{shape_id}" name="{xml_attr(f"Logo : {name[:80]}")}" '
        f'descr="{xml_attr(f"Logo de {name}")}"/><p:cNvPicPr><a:picLocks noChangeAspect="1"/>'
        f'</p:cNvPicPr><p:nvPr/></p:nvPicPr><p:blipFill><a:blip r:embed="{r_id}"/>'
        f"<a:stretch><a:fillRect/></a:stretch></p:blipFill><p:spPr>{box}"
        '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr></p:pic>'
    )
    return True


# --- Practical information and closing -------------------------------------------------------
def _label(label: str, value: str, bullet: int = 1) -> Para:
    return para(Run(f"{label} : ", bold=True), value, bullet=bullet)


def _practical_slides(deck: Deck, event: Event) -> None:
    on_site = _on_site_paras(event) if event.format.has_venue else []
    remote = list(_remote_paras(event.online)) if event.format.has_remote else []
    common: list[Para] = []
    questions = sorted((i for i in event.program if i.kind is ItemKind.QA), key=lambda i: i.start)
    if questions:
        times = ", ".join(french.hour(i.start) for i in questions)
        common.append(_label("Temps de questions", times))
    common.append(
        _label("Réseaux sociaux", f"partagez la rencontre avec {event.communication.hashtag}")
    )
    if event.communication.recording:
        common.append(
            para(
                "Les échanges sont enregistrés ; l'enregistrement sera envoyé aux participants.",
                bullet=1,
            )
        )
    on_site_notes = "Rappelez le Wi-Fi, les salles et le mot-dièse de la rencontre."
    remote_notes = (
        "Indiquez les règles d'utilisation de l'outil : se présenter dans le tchat, repérer "
        "comment activer et couper micro et caméra. Rappelez régulièrement que toutes les "
        "questions peuvent être posées."
    )
    if event.format is Format.HYBRID:
        # One slide for the room, one for those online: each shown to its audience.
        deck.text_slides("Infos pratiques : sur place", on_site + common, on_site_notes)
        deck.text_slides("Infos pratiques : à distance", remote + common, remote_notes)
    elif event.format is Format.ONLINE:
        deck.text_slides("Informations pratiques", remote + common, remote_notes)
    else:
        deck.text_slides("Informations pratiques", on_site + common, on_site_notes)


def _on_site_paras(event: Event) -> list[Para]:
    venue = event.venue
    if venue is None:
        return [_label("Lieu", clean(event.city) or "à préciser")]
    where = clean(venue.name)
    if venue.address:
        where = f"{where} — {clean(venue.address)}"
    paras = [_label("Lieu", where)]
    if venue.wifi:
        paras.append(_label("Wi-Fi", clean(venue.wifi)))
    # The rooms the programme uses (all of them when it names none), by use.
    used = {item.room for item in event.program if item.room}
    rooms = [r for r in venue.rooms if r.name in used] or list(venue.rooms)
    for label, kind in (("Plénière", RoomKind.PLENARY), ("Ateliers", RoomKind.WORKSHOP)):
        names = [clean(r.name) for r in rooms if r.kind is kind]
        if names:
            paras.append(_label(label, ", ".join(names)))
    if venue.pmr_accessible:
        paras.append(para("Lieu accessible aux personnes à mobilité réduite.", bullet=1))
    if venue.accessibility:
        paras.append(_label("Accessibilité", venue.accessibility))
    return paras


def _remote_paras(online: Online | None) -> Iterator[Para]:
    platform = clean(online.platform) if online and online.platform else ""
    if online and online.url:
        value = f"{online.url} ({platform})" if platform else online.url
        yield _label("Connexion", value)
    elif platform:
        yield _label("Connexion", platform)
    if online and online.dial_in:
        yield _label("Par téléphone", online.dial_in)
    where = f"le tchat de {platform}" if platform else "le tchat"
    relay = (
        f" ; {clean(online.moderator)} les relaie aux intervenants"
        if online and online.moderator
        else " ; elles sont relayées aux intervenants"
    )
    yield _label("Vos questions", f"écrivez-les à tout moment dans {where}{relay}.")
    yield _label(
        "Pour bien suivre",
        "présentez-vous dans le tchat, coupez votre micro quand vous ne parlez pas, "
        "allumez votre caméra si vous le souhaitez.",
    )
    if online and online.breakout_rooms:
        yield para(
            "Les ateliers se déroulent en sous-groupes (salons) : suivez les indications "
            "de l'animation.",
            bullet=1,
        )


def _closing_slides(deck: Deck, event: Event) -> None:
    paras = [
        para("Votre avis compte", heading=True, space_before=0),
        para(
            "Un questionnaire d'évaluation vous sera envoyé après la rencontre : quelques "
            "minutes pour nous aider à améliorer les prochaines rencontres RéZolutions "
            "numériques.",
        ),
    ]
    speakers = [s for s in event.speakers if s.name]
    if speakers:
        paras.append(para("Merci à nos intervenantes et intervenants", heading=True))
        for speaker in speakers:
            name = clean(speaker.name)
            org = clean(speaker.organization)
            paras.append(para(f"{name} ({org})" if org else name, bullet=1, space_before=2))
    follow = f"Continuons l'échange avec {event.communication.hashtag}"
    if event.communication.website:
        follow += f" et sur {event.communication.website}"
    paras.append(para(follow + ".", space_before=16))
    deck.text_slides(
        "Merci !",
        paras,
        "Rappelez le questionnaire d'évaluation, remerciez intervenants et partenaires, "
        "annoncez l'envoi des supports de présentation"
        + (" et de l'enregistrement." if event.communication.recording else "."),
    )


def build_deck(ctx: RenderContext) -> bytes:
    event = ctx.event
    deck = Deck(event, palette(ctx.charter))
    _title_slide(deck, event)
    _vision_slides(deck, event)
    _program_slides(deck, event)
    _partner_slides(deck, ctx)
    _practical_slides(deck, event)
    _closing_slides(deck, event)
    return deck.save()


@document("opening-slides")
def opening_slides(ctx: RenderContext) -> Iterable[OutputFile]:
    yield OutputFile(
        FILE_NAME,
        build_deck(ctx),
        "Diaporama d'ouverture (masque de présentation PowerPoint)",
    )
