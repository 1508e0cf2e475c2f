"""The public face of an event: what may be published, and what the public pages show.

Everything under ``public/`` (``rzn render``) and everything ``rzn site`` writes is
built from :func:`public_event`, a copy of the event that keeps only what is meant
for the public: no team, budget, registrations, answers, internal notes, contact
addresses or phone numbers, no fallback plan, nothing the event file lists in
``public.private``, and the online link only when ``public.online_link`` says so.
Templates of the public pages receive that copy as ``event``: a template cannot
show what it was never given.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import math
from dataclasses import dataclass
from functools import lru_cache
from typing import Any
from urllib.parse import urljoin

from markupsafe import Markup

from rzn.model.event import Event, Format, ItemKind, PrivateField, ProgramItem, Speaker, Venue
from rzn.render import french
from rzn.render.qrmask import best_mask

SHARE_IMAGE = "partage.png"
CALENDAR = "event.ics"
FOLDER = "public"

FORMAT_LABELS = {
    Format.IN_PERSON: "En présentiel",
    Format.ONLINE: "En ligne",
    Format.HYBRID: "Hybride : sur place et en ligne",
}

ATTENDANCE_MODES = {
    Format.IN_PERSON: "https://schema.org/OfflineEventAttendanceMode",
    Format.ONLINE: "https://schema.org/OnlineEventAttendanceMode",
    Format.HYBRID: "https://schema.org/MixedEventAttendanceMode",
}

# Sequences worth announcing on a poster: the day's contents, not its logistics.
HIGHLIGHT_KINDS = (
    ItemKind.TALK,
    ItemKind.ROUND_TABLE,
    ItemKind.WORKSHOP,
    ItemKind.TESTIMONY,
    ItemKind.BARCAMP,
)


def public_event(event: Event) -> Event:
    """The event as the public may see it (see the module's docstring)."""
    hidden = event.public.hides
    organizers = [
        o.model_copy(
            update={
                "email": None,
                "phone": None,
                "contact": None,
                "website": None if hidden(PrivateField.ORGANIZER_WEBSITES) else o.website,
            }
        )
        for o in event.organizers
    ]
    venue = _public_venue(event)
    online = event.online
    if online is not None:
        online = online.model_copy(
            update={
                "url": online.url if event.public.online_link else None,
                "dial_in": None,
                "moderator": None,
            }
        )
    program, speakers = _public_people(event)
    communication = event.communication.model_copy(
        update={
            "sender": None,
            "hashtag": "" if hidden(PrivateField.HASHTAG) else event.communication.hashtag,
        }
    )
    return event.model_copy(
        update={
            "organizers": organizers,
            "partners": [] if hidden(PrivateField.PARTNERS) else list(event.partners),
            "objectives": [] if hidden(PrivateField.OBJECTIVES) else list(event.objectives),
            "political_support": [],
            "team": [],
            "venue": venue,
            "online": online,
            "fallback": None,
            "registrations": None,
            "registration_columns": {},
            "answers": None,
            "answer_columns": {},
            "program": program,
            "speakers": speakers,
            "budget": None,
            "communication": communication,
            "tasks": event.tasks.model_copy(update={"done": []}),
            "check": event.check.model_copy(update={"ignore": {}}),
            "expected_participants": None,
        }
    )


def _public_venue(event: Event) -> Venue | None:
    """The venue without its logistics, and without what ``public.private`` names."""
    hidden = event.public.hides
    venue = event.venue
    if venue is None:
        return None
    access = hidden(PrivateField.VENUE_ACCESS)
    return venue.model_copy(
        update={
            "address": None if hidden(PrivateField.VENUE_ADDRESS) else venue.address,
            "nearest_station": None if access else venue.nearest_station,
            "station_walk_minutes": None if access else venue.station_walk_minutes,
            "public_transport": None if access else venue.public_transport,
            "parking": None if access else venue.parking,
            "accessibility": None
            if hidden(PrivateField.VENUE_ACCESSIBILITY)
            else venue.accessibility,
            "rooms": [
                r.model_copy(update={"setup": None})
                for r in ([] if hidden(PrivateField.ROOMS) else venue.rooms)
            ],
            "projector": None,
            "sound": None,
            "wifi": None,
            "booking_contact": None,
        }
    )


def _public_people(event: Event) -> tuple[list[ProgramItem], list[Speaker]]:
    """The programme and its speakers, without their contacts and internal notes."""
    hidden = event.public.hides
    no_speakers = hidden(PrivateField.SPEAKERS)
    program = [
        item.model_copy(
            update={
                "speakers": [] if no_speakers else list(item.speakers),
                "room": None if hidden(PrivateField.ROOMS) else item.room,
                "description": None if hidden(PrivateField.DESCRIPTIONS) else item.description,
                "flow": [],
                "equipment": [],
                "referent": None,
            }
        )
        for item in event.program
    ]
    details = hidden(PrivateField.SPEAKER_DETAILS)
    speakers = [
        s.model_copy(
            update={
                "email": None,
                "phone": None,
                "referent": None,
                "local": None,
                "organization": None if details else s.organization,
                "title": None if details else s.title,
                "bio": None if details else s.bio,
            }
        )
        for s in ([] if no_speakers else event.speakers)
    ]
    return program, speakers


def highlights(event: Event, count: int = 3) -> list[ProgramItem]:
    """The day's first ``count`` sequences of content, in time order (the poster's)."""
    ordered = sorted(event.program, key=lambda item: item.start_minute)
    return [item for item in ordered if item.kind in HIGHLIGHT_KINDS][:count]


def summary(event: Event) -> str:
    """The public presentation: ``public.summary``, else the first objective, else a sentence."""
    if event.public.summary:
        return event.public.summary
    if event.objectives:
        return event.objectives[0]
    where = f" à {event.city}" if event.city else ""
    return (
        f"Rencontre RéZolutions numériques{where} le {french.day_long(event.date)} : la "
        "transition numérique des associations, entre apports et ateliers pratiques."
    )


def place_line(event: Event) -> str:
    """``Espace Malraux, 1 rue …, Joué-lès-Tours`` or ``En ligne``."""
    if event.venue is None:
        return "En ligne"
    parts = [event.venue.name, event.venue.address or event.city]
    return ", ".join(p for p in parts if p)


def is_past(event: Event, today: dt.date) -> bool:
    return event.date < today


def after_links(event: Event) -> list[tuple[str, str]]:
    """What the organisers shared after the day: (label, URL)."""
    pub = event.public
    links = [
        ("Les supports de présentation", pub.slides),
        ("L'enregistrement", pub.recording),
        ("Les photos", pub.photos),
        ("Le compte rendu", pub.report),
    ]
    return [(label, url) for label, url in links if url]


def _iso(event: Event, time: dt.time) -> str:
    from zoneinfo import ZoneInfo

    return dt.datetime.combine(event.date, time, tzinfo=ZoneInfo(event.timezone)).isoformat()


def json_ld(event: Event, page_url: str | None, image_url: str) -> dict[str, Any]:
    """schema.org ``Event`` for search engines and agendas, from the public event."""
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "description": summary(event),
        "startDate": _iso(event, event.start),
        "endDate": _iso(event, event.end),
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": ATTENDANCE_MODES[event.format],
        "inLanguage": "fr",
        "image": [image_url],
    }
    if page_url:
        data["url"] = page_url
    locations: list[dict[str, Any]] = []
    if event.venue is not None:
        address: dict[str, Any] = {"@type": "PostalAddress", "addressCountry": "FR"}
        if event.venue.address:
            address["streetAddress"] = event.venue.address
        if event.city:
            address["addressLocality"] = event.city
        if event.region:
            address["addressRegion"] = event.region
        locations.append({"@type": "Place", "name": event.venue.name, "address": address})
    if event.format.has_remote:
        online_url = (event.online.url if event.online else None) or event.registration_url
        online_url = online_url or page_url
        if online_url:
            locations.append({"@type": "VirtualLocation", "url": online_url})
    if locations:
        data["location"] = locations[0] if len(locations) == 1 else locations
    data["organizer"] = [
        {"@type": "Organization", "name": o.name, **({"url": o.website} if o.website else {})}
        for o in sorted(event.organizers, key=lambda o: not o.lead)
    ]
    performers = [
        {"@type": "Person", "name": s.name}
        for s in event.speakers
        if any(s.id in item.speakers for item in event.program)
    ]
    if performers:
        data["performer"] = performers
    if event.public.free is not None:
        data["isAccessibleForFree"] = event.public.free
    if event.registration_url:
        offer: dict[str, Any] = {
            "@type": "Offer",
            "url": event.registration_url,
            "availability": "https://schema.org/InStock",
        }
        if event.public.free:
            offer.update(price="0", priceCurrency="EUR")
        data["offers"] = offer
    return data


def script_json(data: dict[str, Any]) -> Markup:
    """JSON that cannot close its ``<script>`` element, whatever the event's text holds."""
    text = json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False)
    text = text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
    return Markup(text)


@dataclass(frozen=True)
class PublicPage:
    """What the public templates receive as ``page`` (documented in templates/README.md)."""

    url: str | None
    """The page's public address (``communication.website``, or the site's), or ``None``."""
    summary: str
    place: str
    format_label: str
    past: bool
    after: list[tuple[str, str]]
    highlights: list[ProgramItem]
    share_image: str
    """The share image's address: absolute when the page's address is known."""
    share_file: str
    """The share image's file, relative to the page (what the page itself shows)."""
    share_text: str
    """The text drawn on the share image, also written in the page."""
    calendar: str
    json_ld: Markup
    qr: str | None
    """The QR code to the registration page as a ``data:`` URI (``None`` without a link)."""
    home: str | None = None
    """``rzn site``: the agenda's address relative to the page, else ``None``."""


def share_text(event: Event) -> str:
    when = f"{french.day_long(event.date)}, {french.hour(event.start)} – {french.hour(event.end)}"
    return f"{event.title}\n{when}\n{place_line(event)}"


def build_page(
    event: Event, today: dt.date, page_url: str | None, home: str | None = None
) -> PublicPage:
    image = urljoin(page_url, SHARE_IMAGE) if page_url else SHARE_IMAGE
    return PublicPage(
        url=page_url,
        summary=summary(event),
        place=place_line(event),
        format_label=FORMAT_LABELS[event.format],
        past=is_past(event, today),
        after=after_links(event),
        highlights=highlights(event),
        share_image=image,
        share_file=SHARE_IMAGE,
        share_text=share_text(event),
        calendar=CALENDAR,
        json_ld=script_json(json_ld(event, page_url, image)),
        qr=qr_data_uri(event.registration_url) if event.registration_url else None,
        home=home,
    )


@lru_cache(maxsize=256)
def qr_data_uri(url: str) -> str:
    """A QR code (segno, error correction M) as an SVG ``data:`` URI, sharp when printed.

    SVG rather than PNG: a vector stays sharp at any poster size, and writing it costs
    a quarter of the PNG's encoding. White behind the modules, and the four-module quiet
    zone, so it scans on a coloured background too; 328 pixels wide where no style
    gives it a size.
    """
    import segno

    # segno's own choice of the data mask cost four fifths of the code: the same mask is
    # found from the symbol made with the first one, and asked for (see rzn.render.qrmask).
    code = segno.make(url, error="m", micro=False, mask=0)
    best = best_mask(code.matrix, int(code.version), 0)
    if best != 0:
        code = segno.make(url, error="m", micro=False, mask=best)
    return str(
        code.svg_data_uri(
            scale=8, border=4, light="#fff", svgclass=None, lineclass=None, xmldecl=False
        )
    )


SHARE_SIZE = (1200, 630)
SHARE_INK = (0x1D, 0x24, 0x33)
"""The text's colour: dark blue-grey, 15:1 on white."""
SHARE_ACCENT = (0x6A, 0x1B, 0x9A)
"""The bars' and the kicker's colour: purple, 8.9:1 on white."""
_LEVELS = 128
"""Shades of each colour between white and full ink: more than the eye tells apart."""


def _ramp(color: tuple[int, int, int]) -> list[int]:
    """``_LEVELS`` RGB entries from white (0) to ``color`` (``_LEVELS - 1``)."""
    top = _LEVELS - 1
    return [
        round(255 + (channel - 255) * level / top) for level in range(_LEVELS) for channel in color
    ]


# The image is drawn as text coverage (0 = paper, 255 = full ink) in one 8-bit layer,
# then each coverage becomes an index of a 256-colour palette: indices 0-127 go from
# white to the ink, 128-255 from white to the accent. An 8-bit palette PNG is a third of
# the bytes of an RGB one and needs no per-row filtering: several times cheaper to
# encode, with the same antialiased edges and the same full colours.
_PALETTE = _ramp(SHARE_INK) + _ramp(SHARE_ACCENT)
_TO_INK = [round(v * (_LEVELS - 1) / 255) for v in range(256)]
_TO_ACCENT = [_LEVELS + i for i in _TO_INK]


def share_image(text: str) -> bytes:
    """The Open Graph / Twitter card image: the event's title, date and place, as PNG.

    Dark text on white: contrast well above 4.5:1. The font is the first of
    :data:`FONTS` the system has (DejaVu Sans on Linux, Arial elsewhere); same text and
    same font, same bytes.
    """
    from PIL import ImageDraw

    width, height = SHARE_SIZE
    kicker_box, blank = _kicker()
    coverage = blank.copy()
    draw = ImageDraw.Draw(coverage)
    text = _plain(text)
    title, *rest = text.split("\n")
    size = 72
    lines = _wrap(draw, title, _font(size), width - 140)
    while len(lines) > 3 and size > 40:
        size -= 8
        lines = _wrap(draw, title, _font(size), width - 140)
    font = _font(size)
    y = 140
    for line in lines[:3]:
        draw.text((70, y), line, font=font, fill=255)
        y += int(size * 1.2)
    small = _font(36)
    below = [part for line in rest for part in _wrap(draw, line, small, width - 140)[:2]]
    y = max(y + 30, height - 70 - 48 * len(below))
    for part in below:
        draw.text((70, y), part, font=small, fill=255)
        y += 48
    # The kicker ends above the title's first line (y = 140): its box holds no other text.
    image = coverage.point(_TO_INK)
    image.paste(coverage.crop(kicker_box).point(_TO_ACCENT), kicker_box[:2])
    # The bars over the text: a text too long for the card goes under them.
    bars = ImageDraw.Draw(image)
    bars.rectangle((0, 0, width, 24), fill=_TO_ACCENT[255])
    bars.rectangle((0, height - 24, width, height), fill=_TO_ACCENT[255])
    image.putpalette(_PALETTE)
    out = io.BytesIO()
    # Level 3 instead of zlib's default 6: half the time, a few kilobytes more.
    image.save(out, format="PNG", optimize=False, compress_level=3)
    return out.getvalue()


@lru_cache(maxsize=1)
def _kicker() -> tuple[tuple[int, int, int, int], Any]:
    """The kicker's box, and a blank card's coverage with the kicker: drawn once, copied."""
    from PIL import Image, ImageDraw

    coverage = Image.new("L", SHARE_SIZE, 0)
    draw = ImageDraw.Draw(coverage)
    kicker = _plain("RÉZOLUTIONS NUMÉRIQUES")
    draw.text((70, 70), kicker, font=_font(34), fill=255)
    left, top, right, bottom = draw.textbbox((70, 70), kicker, font=_font(34))
    return (math.floor(left), math.floor(top), math.ceil(right), math.ceil(bottom)), coverage


FONTS = ("DejaVuSans.ttf", "LiberationSans-Regular.ttf", "Arial.ttf", "arial.ttf", "Helvetica.ttc")
"""Fonts with every French letter, looked up by Pillow in the system's font folders."""


@lru_cache(maxsize=1)
def _font_name() -> str | None:
    from PIL import ImageFont

    for name in FONTS:
        try:
            ImageFont.truetype(name, 10)
        except OSError:
            continue
        return name
    return None


@lru_cache(maxsize=16)
def _font(size: int) -> Any:
    from PIL import ImageFont

    name = _font_name()
    return ImageFont.truetype(name, size) if name else ImageFont.load_default(size=size)


def _plain(text: str) -> str:
    """Pillow's own font lacks accented letters: without a system font, ``é`` → ``e``."""
    if _font_name() is not None:
        return text
    import unicodedata

    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")


def _wrap(draw: Any, text: str, font: Any, width: int) -> list[str]:
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}".strip()
        if current and draw.textlength(candidate, font=font) > width:
            lines.append(current)
            current = word
        else:
            current = candidate
    if current:
        lines.append(current)
    while lines and draw.textlength(lines[-1], font=font) > width and len(lines[-1]) > 1:
        lines[-1] = lines[-1][:-2] + "…"
    return lines or [""]
