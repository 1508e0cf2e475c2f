"""The organisers' charter: colours read as people write them, a safe font name, contrast."""

from __future__ import annotations

import pytest

from rzn.model.charter import (
    GRAPHIC_RATIO,
    PALE,
    TEXT_RATIO,
    WHITE,
    contrast,
    mix,
    ratio_text,
    readable,
)
from tests.model.test_validate import BASE, problems, valid


def test_colours_are_normalised_and_the_font_kept():
    event = valid(BASE + 'charter: {primary: "#1f4e79", secondary: "e70", font: " Open  Sans "}\n')
    assert event.charter.primary == "#1F4E79"
    assert event.charter.secondary == "#EE7700"
    assert event.charter.font == "Open Sans"
    assert event.charter.font_stack().startswith('"Open Sans", system-ui, ')
    assert event.charter.font_stack().endswith(", sans-serif")


def test_no_charter_is_an_empty_one():
    event = valid(BASE)
    assert (event.charter.primary, event.charter.secondary, event.charter.font) == (None,) * 3


def test_a_colour_name_or_an_unquoted_hex_is_refused_where_it_is_written():
    found = problems(BASE + "charter:\n  primary: bleu\n  secondary: #E36C0A\n")
    assert [(line, column, path) for line, column, _, path, _ in found] == [
        (8, 12, "charter.primary"),
        (9, 13, "charter.secondary"),
    ]
    assert found[0][4].startswith("Couleur attendue au format hexadécimal #RRVVBB")
    # Unquoted, "#E36C0A" is a YAML comment: the value would silently be empty.
    assert found[1][4].startswith("Couleur vide : en YAML, « # » commence un commentaire.")


@pytest.mark.parametrize(
    "font", ['Arial"; } body { color: red', "Marianne</style>", "x" * 61, "", "-x"]
)
def test_a_font_name_that_could_break_css_or_xml_is_refused(font):
    found = problems(BASE + f"charter: {{font: '{font}'}}\n")
    assert [(path, message.split(" :")[0]) for _, _, _, path, message in found] == [
        ("charter.font", "Nom de police attendu")
    ]


def test_contrast_ratios_are_those_of_wcag():
    assert contrast("#000000", WHITE) == pytest.approx(21.0)
    assert contrast(WHITE, WHITE) == pytest.approx(1.0)
    # WebAIM's checker gives 4.54:1 for #767676 on white, the lightest grey for text.
    assert contrast("#767676", WHITE) == pytest.approx(4.54, abs=0.01)
    assert ratio_text(4.499) == "4,4:1"


@pytest.mark.parametrize("colour", ["#FFCC00", "#E36C0A", "#00A0E1", "#FFFFFF", "#7FFF00"])
def test_readable_darkens_just_enough_and_keeps_a_dark_colour(colour):
    text = readable(colour, TEXT_RATIO, PALE)
    assert contrast(text, PALE) >= TEXT_RATIO
    assert contrast(text, WHITE) >= TEXT_RATIO
    assert contrast(readable(colour, GRAPHIC_RATIO), WHITE) >= GRAPHIC_RATIO
    assert readable("#1F4E79", TEXT_RATIO, PALE) == "#1F4E79"
    # Just enough: one step lighter would fail.
    assert contrast(mix(text, WHITE, 0.02), PALE) < TEXT_RATIO + 0.3
