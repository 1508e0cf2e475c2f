"""public/partage.png: the palette image looks like the same card drawn directly in RGB."""

from __future__ import annotations

import io

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image, ImageChops, ImageDraw

from rzn.model.charter import contrast
from rzn.render import public
from tests.conftest import EXAMPLES

INK = "#1d2433"
ACCENT = "#6a1b9a"


def _reference(text: str) -> Image.Image:
    """The card drawn the plain way: each text in its colour, straight onto RGB."""
    width, height = public.SHARE_SIZE
    image = Image.new("RGB", public.SHARE_SIZE, "#ffffff")
    draw = ImageDraw.Draw(image)
    text = public._plain(text)
    draw.text((70, 70), public._plain("RÉZOLUTIONS NUMÉRIQUES"), font=public._font(34), fill=ACCENT)
    title, *rest = text.split("\n")
    size = 72
    lines = public._wrap(draw, title, public._font(size), width - 140)
    while len(lines) > 3 and size > 40:
        size -= 8
        lines = public._wrap(draw, title, public._font(size), width - 140)
    y = 140
    for line in lines[:3]:
        draw.text((70, y), line, font=public._font(size), fill=INK)
        y += int(size * 1.2)
    small = public._font(36)
    below = [part for line in rest for part in public._wrap(draw, line, small, width - 140)[:2]]
    y = max(y + 30, height - 70 - 48 * len(below))
    for part in below:
        draw.text((70, y), part, font=small, fill=INK)
        y += 48
    # The bars last: a text too long for the card goes under them, not over them.
    draw.rectangle((0, 0, width, 24), fill=ACCENT)
    draw.rectangle((0, height - 24, width, height), fill=ACCENT)
    return image


def _assert_same_card(text: str) -> None:
    data = public.share_image(text)
    image = Image.open(io.BytesIO(data))
    assert (image.format, image.mode, image.size) == ("PNG", "P", public.SHARE_SIZE)
    difference = ImageChops.difference(image.convert("RGB"), _reference(text))
    # 128 shades per colour instead of 256: an edge pixel may differ by a step or two.
    assert max(high for _, high in difference.getextrema()) <= 2, text
    assert public.share_image(text) == data


def _example_texts() -> list[str]:
    import datetime as dt

    from rzn.check import CheckOptions, check_file

    texts = []
    for path in sorted(EXAMPLES.glob("*/event.yaml")):
        event = check_file(str(path), CheckOptions(today=dt.date(2027, 9, 1))).event
        assert event is not None
        texts.append(public.share_text(public.public_event(event)))
    return texts


@pytest.mark.parametrize("text", _example_texts())
def test_share_image_of_each_example_is_the_card_drawn_in_rgb(text):
    _assert_same_card(text)


_words = st.text(alphabet="abcdeéèàçôÉÀ-'’ 0123456789", min_size=1, max_size=14)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    title=st.lists(_words, min_size=1, max_size=30).map(" ".join),
    rest=st.lists(st.lists(_words, max_size=12).map(" ".join), max_size=3),
)
def test_share_image_of_any_text_is_the_card_drawn_in_rgb(title, rest):
    _assert_same_card("\n".join([title, *rest]))


def test_share_image_colours_are_exact_and_readable():
    image = Image.open(io.BytesIO(public.share_image("Titre\njeudi\nPontivy"))).convert("RGB")
    width, height = public.SHARE_SIZE
    hex_colour = "#{:02x}{:02x}{:02x}".format
    assert hex_colour(*image.getpixel((0, 0))) == ACCENT
    assert hex_colour(*image.getpixel((width - 1, height - 1))) == ACCENT
    assert hex_colour(*image.getpixel((width // 2, height // 2))) == "#ffffff"
    # Full ink is the exact colour: the contrast of the card is that of its colours.
    colours = {hex_colour(*rgb) for _, rgb in image.getcolors(maxcolors=256)}
    assert {INK, ACCENT, "#ffffff"} <= colours
    assert contrast(INK, "#ffffff") >= 4.5 and contrast(ACCENT, "#ffffff") >= 4.5


def _drawn_whole(text: str) -> bytes:
    """The card as first written: the kicker drawn on each, every pixel looked up."""
    width, height = public.SHARE_SIZE
    coverage = Image.new("L", public.SHARE_SIZE, 0)
    draw = ImageDraw.Draw(coverage)
    text = public._plain(text)
    kicker_font = public._font(34)
    kicker = public._plain("RÉZOLUTIONS NUMÉRIQUES")
    draw.text((70, 70), kicker, font=kicker_font, fill=255)
    left, top, right, bottom = draw.textbbox((70, 70), kicker, font=kicker_font)
    box = (int(left // 1), int(top // 1), -int(-right // 1), -int(-bottom // 1))
    title, *rest = text.split("\n")
    size = 72
    lines = public._wrap(draw, title, public._font(size), width - 140)
    while len(lines) > 3 and size > 40:
        size -= 8
        lines = public._wrap(draw, title, public._font(size), width - 140)
    y = 140
    for line in lines[:3]:
        draw.text((70, y), line, font=public._font(size), fill=255)
        y += int(size * 1.2)
    small = public._font(36)
    below = [part for line in rest for part in public._wrap(draw, line, small, width - 140)[:2]]
    y = max(y + 30, height - 70 - 48 * len(below))
    for part in below:
        draw.text((70, y), part, font=small, fill=255)
        y += 48
    image = coverage.point(public._TO_INK)
    image.paste(coverage.crop(box).point(public._TO_ACCENT), box[:2])
    bars = ImageDraw.Draw(image)
    bars.rectangle((0, 0, width, 24), fill=public._TO_ACCENT[255])
    bars.rectangle((0, height - 24, width, height), fill=public._TO_ACCENT[255])
    image.putpalette(public._PALETTE)
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=False, compress_level=3)
    return out.getvalue()


@pytest.mark.parametrize("text", [*_example_texts(), "", "Titre", "x\n\n\n"])
def test_share_image_is_byte_for_byte_the_card_drawn_whole(text):
    assert public.share_image(text) == _drawn_whole(text)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    title=st.lists(_words, max_size=30).map(" ".join),
    rest=st.lists(st.lists(_words, max_size=12).map(" ".join), max_size=3),
)
def test_share_image_of_any_text_is_byte_for_byte_the_card_drawn_whole(title, rest):
    text = "\n".join([title, *rest])
    assert public.share_image(text) == _drawn_whole(text)
