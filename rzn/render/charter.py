"""The organisers' charter as documents use it: colours made readable, the font's CSS.

The event's colours go through :func:`rzn.model.charter.readable` first, so
that a document never shows a text colour below WCAG AA (the rule
``charter-contrast`` says which colour was used instead). Without a charter,
documents keep their own colours: nothing here changes them.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from rzn.model.charter import GRAPHIC_RATIO, PALE, TEXT_RATIO, WHITE, Charter, mix, readable


@dataclass(frozen=True)
class Style:
    """The charter as documents apply it (template variable ``charter``)."""

    primary: str | None
    """``#RRGGBB`` for text on light grounds and behind white text; ``None``: the document's."""
    secondary: str | None
    """``#RRGGBB`` for bars, bullets and borders; ``None``: the document's."""
    font: str | None
    """The organisers' font family, first of :attr:`font_family`; ``None``: the usual ones."""
    font_family: str
    """The CSS ``font-family`` list: the charter's font, then fonts every computer has."""

    @property
    def soft(self) -> str | None:
        """A pale tint of the primary colour, for notices (dark text stays readable on it)."""
        return mix(self.primary, WHITE, 0.94) if self.primary else None

    def css(self, header: str = "header.document") -> Markup:
        """CSS that follows a document's own: custom properties and the font.

        Built from validated values only (colours ``#RRGGBB``, a font name of letters,
        digits, spaces and hyphens), so it is safe inside ``<style>``, where Jinja's HTML
        escaping would break the quotes.
        """
        rules = []
        variables = []
        if self.primary:
            variables += [f"--accent: {self.primary};", f"--soft: {self.soft};"]
        if variables:
            rules.append(":root { " + " ".join(variables) + " }")
        if self.secondary:
            rules.append(f"{header} {{ border-bottom-color: {self.secondary}; }}")
        if self.font:
            rules.append(f"body {{ font-family: {self.font_family}; }}")
        return Markup("\n".join(rules) + "\n") if rules else Markup("")


def charter_style(charter: Charter) -> Style | None:
    """The charter for documents, or ``None`` when the event gives none."""
    if charter.primary is None and charter.secondary is None and charter.font is None:
        return None
    return Style(
        primary=readable(charter.primary, TEXT_RATIO, PALE) if charter.primary else None,
        secondary=readable(charter.secondary, GRAPHIC_RATIO) if charter.secondary else None,
        font=charter.font,
        font_family=charter.font_stack(),
    )
