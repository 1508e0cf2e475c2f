"""Where things sit on an opening slide, in points, and the deck's colours."""

from __future__ import annotations

from dataclasses import dataclass

from rzn.render.charter import Style

# --- Geometry, in points (1 inch = 72 pt = 12 700 EMU) --------------------------------------
EMU_PER_PT = 12_700
SLIDE_W, SLIDE_H = 960.0, 540.0  # 13.333 × 7.5 inches: 16:9
MARGIN_X = 43.0
CONTENT_W = SLIDE_W - 2 * MARGIN_X
TITLE_TOP, TITLE_H = 22.0, 66.0
BAR_TOP = TITLE_TOP + TITLE_H + 2
BODY_TOP = 104.0
BODY_BOTTOM = 494.0
BODY_H = BODY_BOTTOM - BODY_TOP
FOOTER_TOP, FOOTER_H = 504.0, 26.0
INSET = 5.0
"""Inner margin of every text box and table cell, on each side."""

TITLE_PT = 34
BODY_PT = 22
TABLE_PT = 16
SMALL_PT = 14
FOOTER_PT = 12
LINE = 1.25
"""Line height as a multiple of the font size (Calibri needs 1.22, DejaVu Sans 1.16)."""
WIDE_LINE = 1.5
"""Fallback fonts for CJK scripts and emoji have taller lines."""


def emu(points: float) -> int:
    return round(points * EMU_PER_PT)


# Colours as DrawingML writes them: RRGGBB.
ACCENT = "1F4E79"
HIGHLIGHT = "E36C0A"
TEXT = "222222"
MUTED = "4A4A4A"
WHITE = "FFFFFF"
PALE = "EAF1F8"
CARD = "F2F2F2"
TITLE_ON_DARK = "DDE8F3"
MIN_ROW = TABLE_PT * 1.2 + 2 * INSET
"""A table row's least height: one line of table text."""


@dataclass(frozen=True)
class Palette:
    """The deck's colours (``RRGGBB``) and font: rzn's own, or the organisers' charter."""

    accent: str = ACCENT
    """Title slide's background, titles, headings, table headers (white text on it)."""
    highlight: str = HIGHLIGHT
    """Bars and bullets."""
    pale: str = PALE
    """Every other table row."""
    title_on_dark: str = TITLE_ON_DARK
    """The title slide's subtitle, on the accent."""
    font: str | None = None
    """A font family for every text; ``None``: the template's (Calibri)."""


def palette(style: Style | None) -> Palette:
    """The charter's colours, already readable (:mod:`rzn.render.charter`), in DrawingML."""
    if style is None:
        return Palette()
    from rzn.model.charter import mix

    primary, secondary = style.primary, style.secondary
    return Palette(
        accent=primary.lstrip("#") if primary else ACCENT,
        highlight=secondary.lstrip("#") if secondary else HIGHLIGHT,
        # A tint of the organisers' colour, pale enough for dark text (12:1 and more).
        pale=mix(primary, "#FFFFFF", 0.92).lstrip("#") if primary else PALE,
        # White keeps 4.5:1 on any primary colour the charter lets through.
        title_on_dark=WHITE if primary else TITLE_ON_DARK,
        font=style.font,
    )
