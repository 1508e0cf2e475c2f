"""The size of a plain PNG logo, read from its chunks without Pillow.

``rzn check`` of one event was spending a tenth of its time importing Pillow to
measure a logo or two. Most logos are plain PNG files: a header, pixel data, an
end. For those, walking the chunks and checking each one's CRC is what Pillow's
``Image.open`` + ``verify()`` amount to, and costs a few microseconds.

:func:`plain_png_size` answers only when it is sure Pillow would accept the file
with the same size: any chunk Pillow interprets in a way that could fail (text
compressed or not, colour profiles, transparency, EXIF, animation), any unusual
length, any doubt, and it returns ``None`` — the caller then asks Pillow, whose
answer stays the reference. A test compares the two on valid and damaged files.
"""

from __future__ import annotations

import struct
import zlib

SIGNATURE = b"\x89PNG\r\n\x1a\n"

# (bit depth, colour type) pairs of the PNG specification, all of which Pillow opens.
_MODES = frozenset(
    {(1, 0), (2, 0), (4, 0), (8, 0), (16, 0), (8, 2), (16, 2), (1, 3), (2, 3), (4, 3), (8, 3)}
    | {(8, 4), (16, 4), (8, 6), (16, 6)}
)

# Chunks before the pixel data that Pillow reads without anything that can fail, with the
# length the specification gives them (None: any length). Any other chunk: ask Pillow.
_BEFORE_DATA = {
    b"PLTE": None,
    b"sRGB": 1,
    b"gAMA": 4,
    b"pHYs": 9,
    b"cHRM": 32,
    b"sBIT": None,
    b"bKGD": None,
    b"tIME": 7,
}


def plain_png_size(data: bytes, max_pixels: int) -> tuple[int, int] | None:
    """Width and height of a well-formed plain PNG of at most ``max_pixels`` pixels, or
    ``None`` when Pillow must decide (damaged, unusual or too large)."""
    if not data.startswith(SIGNATURE):
        return None
    chunks = _chunks(data)
    if chunks is None or not chunks or chunks[0][0] != b"IHDR" or len(chunks[0][1]) != 13:
        return None
    width, height, depth, colour, compression, filtering, interlace = struct.unpack(
        ">IIBBBBB", chunks[0][1]
    )
    if (depth, colour) not in _MODES or compression or filtering or interlace not in (0, 1):
        return None
    if width < 1 or height < 1 or width * height > max_pixels:
        return None
    kinds = [kind for kind, _ in chunks]
    if b"IDAT" not in kinds or kinds[-1] != b"IEND" or kinds.count(b"IHDR") != 1:
        return None
    for kind, body in chunks[1 : kinds.index(b"IDAT")]:
        if kind not in _BEFORE_DATA:
            return None
        length = _BEFORE_DATA[kind]
        if length is not None and len(body) != length:
            return None
    return width, height


def _chunks(data: bytes) -> list[tuple[bytes, bytes]] | None:
    """Every chunk up to ``IEND`` as (type, data), or ``None`` if one is truncated, has a
    type that is not four ASCII letters, or a wrong CRC."""
    out = []
    position = len(SIGNATURE)
    while True:
        if position + 8 > len(data):
            return None
        length, kind = struct.unpack_from(">I4s", data, position)
        end = position + 8 + length
        if end + 4 > len(data) or not (kind.isascii() and kind.isalpha()):
            return None
        body = data[position + 8 : end]
        (crc,) = struct.unpack_from(">I", data, end)
        if zlib.crc32(body, zlib.crc32(kind)) != crc:
            return None
        out.append((kind, body))
        if kind == b"IEND":
            return out
        position = end + 4
