"""Logos as documents show them: the usable ones, in the order the header lists them.

Reading and checking a logo file is :mod:`rzn.load.logos`, shared with the rules;
this module only chooses and orders what documents embed.

HTML documents embed logos with :meth:`rzn.load.logos.Logo.data_uri` inside
``<img src="…">``: browsers never run scripts of an SVG shown that way, so
an SVG logo must never be inlined as markup.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from rzn.load.logos import Logo, LogoError, load_logo
from rzn.model.event import Event, PartnerRole
from rzn.model.partners import is_national_partner
from rzn.render.mail import MESSAGE_ID_DOMAIN, InlineImage
from rzn.slugs import slugify


def resolve_logo(event_dir: str | os.PathLike[str], path: str | None) -> Logo | None:
    """The logo at ``path`` (relative to the event file), or ``None`` when unusable."""
    if not path:
        return None
    try:
        return load_logo(event_dir, path)
    except LogoError:
        return None


@dataclass(frozen=True)
class LogoMark:
    """A usable logo as an HTML document shows it (template variable ``logos``)."""

    name: str
    """The organisation's name, for the image's alternative text."""
    group: str
    """``organizer``, ``national`` (the national partner), ``funder`` or ``partner``."""
    src: str
    """The image as a ``data:`` URI: the HTML file stays self-contained."""


def event_logos(event: Event, event_dir: str | os.PathLike[str]) -> list[LogoMark]:
    """Organisers' then partners' usable logos: lead first, national partner, funders, others.

    A logo that cannot be used is left out (``logo-missing`` says why): a document header
    shows logos only, the organisations are named elsewhere.
    """
    members: list[tuple[str, str, str | None]] = [
        (o.name, "organizer", o.logo) for o in sorted(event.organizers, key=lambda o: not o.lead)
    ]
    rank = {"national": 0, "funder": 1, "partner": 2}
    partners = []
    for partner in event.partners:
        if is_national_partner(partner.name):
            group = "national"
        elif partner.role is PartnerRole.FUNDER:
            group = "funder"
        else:
            group = "partner"
        partners.append((partner.name, group, partner.logo))
    members += sorted(partners, key=lambda member: rank[member[1]])  # stable within a group
    marks = []
    for name, group, path in members:
        logo = resolve_logo(event_dir, path)
        if logo is not None:
            marks.append(LogoMark(name, group, logo.data_uri()))
    return marks


MAIL_LOGO_HEIGHT = 48
"""Pixels: the height of the logo above a mail's title, as in the documents' header."""
MAIL_LOGO_MAX_WIDTH = 200


@dataclass(frozen=True)
class MailLogo:
    """The lead organiser's logo at the top of the HTML mails (template variable ``mail_logo``)."""

    name: str
    """The organisation's name, for the image's alternative text."""
    cid: str
    """The image's Content-ID: the HTML shows it with ``src="cid:…"``."""
    width: int
    """Display size in pixels, the image's proportions kept."""
    height: int
    image: InlineImage

    @property
    def src(self) -> str:
        return f"cid:{self.cid}"


def mail_logo(event: Event, event_dir: str | os.PathLike[str], slug: str) -> MailLogo | None:
    """The lead organiser's logo for the HTML mails, or ``None``.

    Mail clients show PNG, JPEG and GIF; an SVG logo, shown by few of them, is left out
    (``logo-missing`` and ``organizer-logo-missing`` report a missing or unusable one).
    """
    lead = event.lead
    logo = resolve_logo(event_dir, lead.logo) if lead is not None else None
    if lead is None or logo is None or not logo.format.raster or not logo.width:
        return None
    height = min(MAIL_LOGO_HEIGHT, logo.height or MAIL_LOGO_HEIGHT)
    width = max(1, round(logo.width * height / (logo.height or height)))
    if width > MAIL_LOGO_MAX_WIDTH:
        width = MAIL_LOGO_MAX_WIDTH
        height = max(1, round((logo.height or 1) * width / logo.width))
    cid = f"logo.{slugify(slug, 'rzn')}@{MESSAGE_ID_DOMAIN}"
    image = InlineImage(cid, logo.data, logo.format.value, f"logo.{logo.format.extension}")
    return MailLogo(lead.name, cid, width, height, image)
