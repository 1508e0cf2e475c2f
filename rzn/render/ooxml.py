"""Office Open XML packages written byte for byte: XML escaping and a deterministic zip.

Documents that assemble their parts as strings (``opening-slides.pptx``)
escape every untrusted text with :func:`text` and :func:`attr`, and hand the
parts to :func:`package`. The zip is the one :mod:`zipfile` would write for
the same entries with sorted names, ``[Content_Types].xml`` first, the
earliest date a zip entry can hold and no trace of the building machine's
system; :func:`normalise_zip` rewrites any package that way, so the same
input always gives the same bytes.

:mod:`zipfile` compresses every entry anew, through a ``compressobj``
that alone costs up to 50 µs: for the 34 parts every deck shares (theme,
masters, layouts) that was some 2 ms a deck, half of what the rest of it
costs. A part compressed once with :func:`deflate` is copied as it is.
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
import zlib
from collections.abc import Iterable
from dataclasses import dataclass

ZIP_DATE = (1980, 1, 1, 0, 0, 0)
"""The earliest date a zip entry can hold: no trace of when the file was built."""
CONTENT_TYPES = "[Content_Types].xml"
XML_DECLARATION = "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
"""As python-pptx and lxml write it."""

_LEVEL = 6
_VERSION = 20  # what zipfile records for deflate: "2.0"
_DOS_DATE = (ZIP_DATE[0] - 1980) << 9 | ZIP_DATE[1] << 5 | ZIP_DATE[2]
_DOS_TIME = ZIP_DATE[3] << 11 | ZIP_DATE[4] << 5 | ZIP_DATE[5] // 2
_UTF8 = 0x800  # the name is UTF-8 (zipfile sets it for a name that is not ASCII)
_PERMISSIONS = 0o600 << 16  # zipfile's "?rw-------" for an entry without attributes
_LOCAL = struct.Struct("<4s2B4HL2L2H")
_CENTRAL = struct.Struct("<4s4B4HL2L5H2L")
_END = struct.Struct("<4s4H2LH")
_LIMIT = 0x7FFF_FFFF  # far below the zip64 limits: no zip64 record is ever needed


# --- XML ---------------------------------------------------------------------------------------
_NOT_XML = re.compile(
    "[^\t\n\r\u0020-\u007e\u00a0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]|[\u0080-\u009f]"
)


def clean(text: object) -> str:
    """One line of displayable text: no character XML forbids, no control character.

    ``<`` and ``&`` are escaped where the text is written; characters XML 1.0
    cannot hold at all (``\\x00``, ``\\x1b``, lone surrogates…) would make the
    file unreadable, and the C1 controls, which XML allows, are no text either.
    """
    return inline("" if text is None else str(text)).strip()


# Bidirectional embeddings, overrides and isolates: an override left open reverses the rest of
# the run in a slide or a cell (the slides' footer read backwards in LibreOffice). Without
# them, Arabic and Hebrew are still ordered by the Unicode bidirectional algorithm.
_BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")


_SPACES = re.compile(r"[^\S\u00a0\u202f]+")
"""Runs of white space; the no-break spaces of French typography are kept."""


def inline(text: str) -> str:
    """Like :func:`clean`, keeping one space at the ends: runs are put side by side."""
    return _SPACES.sub(" ", _NOT_XML.sub(" ", _BIDI_CONTROLS.sub("", text)))


def text(value: str) -> str:
    """``value`` as XML character data: ``&``, ``<`` and ``>`` escaped (``]]>`` too, thus)."""
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def attr(value: str) -> str:
    """``value`` escaped for an attribute between double quotes (the quotes not included)."""
    return text(value).replace('"', "&quot;")


# --- Zip ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Entry:
    """A part of the package, compressed."""

    name: str
    crc: int
    size: int
    data: bytes


def deflate(name: str, content: bytes) -> Entry:
    """The part ``name`` compressed as :mod:`zipfile` does at level 6 (raw deflate)."""
    data = zlib.compress(content, _LEVEL, -zlib.MAX_WBITS)
    if len(content) > _LIMIT or len(data) > _LIMIT:
        raise ValueError(f"part too large for a zip without zip64: {name}")
    return Entry(name, zlib.crc32(content), len(content), data)


def package(entries: Iterable[Entry]) -> bytes:
    """The zip of ``entries``, sorted, ``[Content_Types].xml`` first, with fixed metadata."""
    ordered = sorted(entries, key=lambda e: (e.name != CONTENT_TYPES, e.name))
    chunks: list[bytes] = []
    directory: list[bytes] = []
    offset = 0
    for entry in ordered:
        name = entry.name.encode("utf-8")
        flags = 0 if entry.name.isascii() else _UTF8
        header = _LOCAL.pack(
            b"PK\x03\x04", _VERSION, 0, flags, zipfile.ZIP_DEFLATED, _DOS_TIME, _DOS_DATE,
            entry.crc, len(entry.data), entry.size, len(name), 0,
        )  # fmt: skip
        central = _CENTRAL.pack(
            b"PK\x01\x02", _VERSION, 0, _VERSION, 0, flags, zipfile.ZIP_DEFLATED, _DOS_TIME,
            _DOS_DATE, entry.crc, len(entry.data), entry.size, len(name), 0, 0, 0, 0,
            _PERMISSIONS, offset,
        )  # fmt: skip
        directory += (central, name)
        chunks += (header, name, entry.data)
        offset += len(header) + len(name) + len(entry.data)
    if offset > _LIMIT or len(ordered) > 0xFFFF:
        raise ValueError("package too large for a zip without zip64")
    listing = b"".join(directory)
    end = _END.pack(b"PK\x05\x06", 0, 0, len(ordered), len(ordered), len(listing), offset, 0)
    return b"".join((*chunks, listing, end))


def normalise_zip(data: bytes) -> bytes:
    """The same package with sorted entries and fixed metadata: same input, same bytes."""
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        return package(deflate(name, source.read(name)) for name in source.namelist())


_LOCAL_NAME_SIZES = struct.Struct("<2H")
_LOCAL_NAME_SIZES_AT = 26  # the name's and the extra field's lengths in a local header


def repackage(data: bytes) -> bytes:
    """:func:`normalise_zip` of a package :mod:`zipfile` deflated at its default level.

    zlib's default level is :func:`deflate`'s, and its output depends on the bytes and
    the level alone, not on how they were fed: a part written by ``zipfile`` (as
    xlsxwriter does) is already what :func:`deflate` would give, and its compressed
    bytes are copied rather than inflated and deflated again (a third of the workbook's
    cost). Only for such packages: a part deflated at another level would keep its bytes.
    """
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        infos = source.infolist()
        entries = [
            _copied(data, info)
            if info.compress_type == zipfile.ZIP_DEFLATED and not info.flag_bits & 1
            else deflate(info.filename, source.read(info))
            for info in infos
        ]
    return package(entries)


def _copied(data: bytes, info: zipfile.ZipInfo) -> Entry:
    names, extra = _LOCAL_NAME_SIZES.unpack_from(data, info.header_offset + _LOCAL_NAME_SIZES_AT)
    start = info.header_offset + _LOCAL.size + names + extra
    compressed = data[start : start + info.compress_size]
    if len(compressed) != info.compress_size:
        raise zipfile.BadZipFile(f"truncated part: {info.filename}")
    return Entry(info.filename, info.CRC, info.file_size, compressed)
