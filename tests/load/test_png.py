"""rzn.load.png answers only what Pillow would answer: compared on valid and damaged files."""

import io
import struct
import subprocess
import sys
import zlib

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image, PngImagePlugin

from rzn.load import logos
from rzn.load.png import plain_png_size

MAX = logos.MAX_LOGO_PIXELS


def _pillow(data: bytes) -> tuple[int, int] | None:
    """Pillow's answer alone, as rzn gave it before rzn.load.png."""
    import warnings

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                size = image.size
                image.verify()
    except Exception:
        return None
    return size


def _saved(mode: str, size: tuple[int, int], **options) -> bytes:
    out = io.BytesIO()
    colour = {"1": 1, "L": 128, "P": 3, "RGB": (10, 20, 30), "RGBA": (1, 2, 3, 4)}[mode]
    Image.new(mode, size, colour).save(out, format="PNG", **options)
    return out.getvalue()


def _chunk(kind: bytes, body: bytes) -> bytes:
    crc = zlib.crc32(body, zlib.crc32(kind))
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", crc)


def _with_chunk(data: bytes, kind: bytes, body: bytes) -> bytes:
    """``data`` with one more chunk right after IHDR (8 + 25 bytes)."""
    return data[:33] + _chunk(kind, body) + data[33:]


VALID = [
    _saved("1", (7, 3)),
    _saved("L", (120, 60)),
    _saved("P", (5, 5)),
    _saved("RGB", (64, 32)),
    _saved("RGBA", (3, 9)),
    _saved("RGB", (40, 20), dpi=(300, 300)),  # pHYs
    _saved("RGB", (9, 9), optimize=True),
    _saved("L", (33, 17), compress_level=0),
]


@pytest.mark.parametrize("data", VALID)
def test_plain_pngs_are_measured_without_pillow_and_as_pillow_does(data):
    assert plain_png_size(data, MAX) is not None
    assert plain_png_size(data, MAX) == _pillow(data)


@pytest.mark.parametrize(
    ("kind", "body"),
    [
        (b"gAMA", struct.pack(">I", 45455)),
        (b"sRGB", b"\x00"),
        (b"cHRM", bytes(32)),
        (b"tIME", bytes(7)),
    ],
)
def test_chunks_pillow_reads_safely_keep_the_fast_answer(kind, body):
    data = _with_chunk(VALID[3], kind, body)
    assert plain_png_size(data, MAX) == _pillow(data) == (64, 32)


@pytest.mark.parametrize(
    ("kind", "body"),
    [
        (b"gAMA", b"\x00"),  # too short: Pillow refuses it
        (b"pHYs", b"\x00\x00"),
        (b"tEXt", b"Title\x00Logo"),  # text, profiles, transparency: Pillow decides
        (b"iCCP", b"p\x00\x00garbage"),
        (b"tRNS", b"\x00"),
        (b"eXIf", b"MM\x00*"),
        (b"acTL", bytes(8)),
        (b"ab1_", b""),  # not four letters
    ],
)
def test_anything_unusual_is_left_to_pillow(kind, body):
    assert plain_png_size(_with_chunk(VALID[3], kind, body), MAX) is None


def test_damage_and_size_limits_are_left_to_pillow():
    data = VALID[1]
    assert plain_png_size(data[:-5], MAX) is None  # truncated IEND
    assert plain_png_size(data[:40], MAX) is None
    broken = bytearray(data)
    broken[40] ^= 0xFF  # inside the pixel data: the CRC no longer matches
    assert plain_png_size(bytes(broken), MAX) is None
    assert _pillow(bytes(broken)) is None
    assert plain_png_size(data, 120 * 60 - 1) is None  # over the limit: Pillow's turn
    assert plain_png_size(b"GIF89a" + data[6:], MAX) is None
    no_data = data[:33] + _chunk(b"IEND", b"")
    assert plain_png_size(no_data, MAX) is None


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    base=st.sampled_from(VALID),
    cuts=st.lists(st.tuples(st.integers(0, 400), st.integers(0, 255)), max_size=3),
    truncate=st.one_of(st.none(), st.integers(0, 400)),
)
def test_fast_answer_never_differs_from_pillow(base, cuts, truncate):
    data = bytearray(base)
    for position, value in cuts:
        if position < len(data):
            data[position] = value
    if truncate is not None:
        del data[truncate:]
    fast = plain_png_size(bytes(data), MAX)
    assert fast is None or fast == _pillow(bytes(data))


def test_logo_size_is_the_same_with_or_without_the_fast_path(monkeypatch, tmp_path):
    folder = tmp_path / "ev"
    folder.mkdir()
    (folder / "logo.png").write_bytes(VALID[5])
    (folder / "avec-texte.png").write_bytes(_with_chunk(VALID[5], b"tEXt", b"k\x00v"))
    fast = [logos.load_logo(folder, name) for name in ("logo.png", "avec-texte.png")]
    logos._MEASURED.clear()
    monkeypatch.setattr(logos, "plain_png_size", lambda data, limit: None)
    slow = [logos.load_logo(folder, name) for name in ("logo.png", "avec-texte.png")]
    assert (
        [(f.width, f.height) for f in fast]
        == [(s.width, s.height) for s in slow]
        == [
            (40, 20),
            (40, 20),
        ]
    )
    logos._MEASURED.clear()


def test_checking_an_event_with_plain_png_logos_does_not_import_pillow(tmp_path):
    folder = tmp_path / "ev"
    folder.mkdir()
    (folder / "logo.png").write_bytes(VALID[3])
    code = (
        "import sys; from pathlib import Path; from rzn.load.logos import load_logo; "
        f"load_logo(Path({str(folder)!r}), 'logo.png'); print('PIL' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_pillow_knows_every_mode_the_fast_path_accepts():
    from rzn.load.png import _MODES

    assert set(PngImagePlugin._MODES) >= _MODES
