"""The organisers' charter (``charter:``): colours and font of their documents.

Colours are checked against the accessibility goal of every document rzn
writes, WCAG 2.1 level AA: text needs a contrast ratio of 4.5:1 with its
background, and graphical parts (bars, bullets, borders) 3:1. The primary
colour is text (headings, links) on white or pale grounds and the background
of white text (slide titles, table headers, buttons), so it needs 4.5:1 with
the palest grey documents use (:data:`PALE`, and so with white); the
secondary colour only draws bars, bullets and borders on white, so it needs
3:1 with white.

A colour that falls short is not refused: documents use it darkened, keeping
its hue, just enough to reach the ratio (:func:`readable`), and the rule
``charter-contrast`` says so with the colour used, so that the organisers can
choose it in their own charter. The font is a family name placed first in a
list that ends with fonts every computer has: nothing is downloaded, a
computer without it shows the next one.
"""

from __future__ import annotations

import colorsys
import re
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, WithJsonSchema, field_validator
from pydantic_core import PydanticCustomError

TEXT_RATIO = 4.5
"""WCAG 2.1 AA, success criterion 1.4.3: normal text."""
GRAPHIC_RATIO = 3.0
"""WCAG 2.1 AA, success criterion 1.4.11: graphical objects and parts of the interface."""
WHITE = "#FFFFFF"
PALE = "#EEEEEE"
"""The darkest light background the primary colour is written on (table headers, notices,
pale table rows are lighter): a colour readable on it is readable on all of them."""

_HEX = re.compile(r"^#?([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")
_FONT = re.compile(r"^[A-Za-zÀ-ÖØ-öø-ÿ0-9][A-Za-zÀ-ÖØ-öø-ÿ0-9 \-]{0,59}$")
"""Letters, digits, spaces and hyphens: a family name that is safe inside CSS and XML."""

FALLBACK_FONTS = (
    "system-ui",
    "-apple-system",
    '"Segoe UI"',
    "Roboto",
    '"Helvetica Neue"',
    "Arial",
    "sans-serif",
)
"""What every HTML document already asks for: fonts of the reader's own computer."""


def parse_colour(value: Any) -> str:
    """``#1f4e79``, ``1F4E79`` or ``#17a`` → ``#1F4E79`` (``#1177AA``)."""
    if not isinstance(value, str) or not _HEX.match(value.strip()):
        raise PydanticCustomError(
            "rzn_colour",
            "Couleur attendue au format hexadécimal #RRVVBB, entre guillemets (par exemple "
            '"#1F4E79") : la valeur de la charte graphique, pas un nom de couleur.',
        )
    digits = value.strip().lstrip("#").upper()
    if len(digits) == 3:
        digits = "".join(c * 2 for c in digits)
    return f"#{digits}"


def parse_font(value: Any) -> str:
    if not isinstance(value, str) or not _FONT.match(value.strip()):
        raise PydanticCustomError(
            "rzn_font",
            "Nom de police attendu : lettres, chiffres, espaces et tirets seulement, 60 "
            'caractères au plus (par exemple "Marianne" ou "Open Sans").',
        )
    return " ".join(value.split())


Colour = Annotated[
    str,
    BeforeValidator(parse_colour),
    WithJsonSchema({"type": "string", "pattern": r"^#?([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$"}),
]
FontName = Annotated[
    str,
    BeforeValidator(parse_font),
    WithJsonSchema({"type": "string", "pattern": _FONT.pattern}),
]


class Charter(BaseModel):
    # rzn.model.event.Model's settings: event.py imports this module, not the reverse.
    model_config = ConfigDict(
        extra="forbid", str_strip_whitespace=True, validate_default=False, frozen=True
    )

    primary: Colour | None = Field(
        None,
        description=(
            "Couleur principale des organisateurs (#RRVVBB) : titres, bandeaux, en-têtes de "
            "tableaux, boutons. Assombrie si besoin pour un contraste de 4,5:1 avec le blanc "
            "(WCAG AA)."
        ),
    )
    secondary: Colour | None = Field(
        None,
        description=(
            "Couleur secondaire (#RRVVBB) : filets, puces et barres décoratives. Assombrie si "
            "besoin pour un contraste de 3:1 avec le blanc (WCAG AA)."
        ),
    )
    font: FontName | None = Field(
        None,
        description=(
            "Police des organisateurs, installée sur les ordinateurs qui ouvrent les documents "
            "(rien n'est téléchargé) : à défaut, la police habituelle de l'ordinateur."
        ),
    )

    @field_validator("primary", "secondary", mode="before")
    @classmethod
    def _not_a_comment(cls, value: Any) -> Any:
        # primary: #1F4E79 without quotes is a YAML comment: the key would be silently empty.
        if value is None:
            raise PydanticCustomError(
                "rzn_colour",
                "Couleur vide : en YAML, « # » commence un commentaire. Écrivez la couleur "
                'entre guillemets (par exemple "#1F4E79"), ou retirez la ligne.',
            )
        return value

    def font_stack(self) -> str:
        """The CSS ``font-family`` list: the charter's font, then every computer's."""
        first = (f'"{self.font}"',) if self.font else ()
        return ", ".join((*first, *FALLBACK_FONTS))


# --- Contrast (WCAG 2.1, "relative luminance" and "contrast ratio") ---------------------------
def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4


def luminance(colour: str) -> float:
    digits = colour.lstrip("#")
    red, green, blue = (int(digits[i : i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * _channel(red) + 0.7152 * _channel(green) + 0.0722 * _channel(blue)


def contrast(one: str, other: str) -> float:
    """The contrast ratio of two colours, from 1 (same) to 21 (black on white)."""
    light, dark = sorted((luminance(one), luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def readable(colour: str, ratio: float, background: str = WHITE) -> str:
    """``colour``, or the lightest darker shade of its hue reaching ``ratio`` on ``background``."""
    if contrast(colour, background) >= ratio:
        return colour
    digits = colour.lstrip("#")
    red, green, blue = (int(digits[i : i + 2], 16) / 255 for i in (0, 2, 4))
    hue, lightness, saturation = colorsys.rgb_to_hls(red, green, blue)
    for step in range(round(lightness * 1000), -1, -1):  # 0.001 steps: the lightest that passes
        shade = _hex(colorsys.hls_to_rgb(hue, step / 1000, saturation))
        if contrast(shade, background) >= ratio:
            return shade
    return "#000000"


def _hex(rgb: tuple[float, float, float]) -> str:
    return "#" + "".join(f"{round(max(0.0, min(1.0, c)) * 255):02X}" for c in rgb)


def mix(colour: str, other: str, share: float) -> str:
    """``colour`` with ``share`` (0 to 1) of ``other``: a pale tint with ``other`` white."""
    one, two = colour.lstrip("#"), other.lstrip("#")
    channels = (
        int(one[i : i + 2], 16) * (1 - share) + int(two[i : i + 2], 16) * share for i in (0, 2, 4)
    )
    return "#" + "".join(f"{round(c):02X}" for c in channels)


def ratio_text(value: float) -> str:
    """``2,9:1``: a ratio as French text writes it (rounded down, never flattering)."""
    shown = int(value * 10) / 10
    return f"{shown:.1f}".replace(".", ",") + ":1"
