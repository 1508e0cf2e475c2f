"""Bytes → text, with a located French message for every encoding problem.

Event files come from Windows editors, Word copies and mail attachments:
UTF-8 with or without BOM, CRLF line ends and UTF-16 with a BOM (Notepad's
"Unicode") are accepted; anything else is refused with the line and column
of the first byte that does not decode and what to do about it. Files that
are not text at all (images, PDF, office documents) are named as such.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

from rzn.load.text import LineIndex

_BOMS = (
    # UTF-32 first: its little-endian BOM starts with UTF-16's.
    (codecs.BOM_UTF32_LE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8-sig", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16", "UTF-16"),
)

# What people pass by mistake, recognised by the first bytes.
_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "une image PNG"),
    (b"\xff\xd8\xff", "une image JPEG"),
    (b"GIF87a", "une image GIF"),
    (b"GIF89a", "une image GIF"),
    (b"%PDF-", "un document PDF"),
    (b"PK\x03\x04", "une archive ZIP (ou un document Word, LibreOffice ou Excel)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "un document Office ancien format (.doc, .xls)"),
    (b"{\\rtf", "un document RTF (texte mis en forme)"),
    (b"\x1f\x8b", "une archive compressée (gzip)"),
)

_BINARY_SAMPLE = 8192
_BINARY_RATIO = 0.3
"""Above this share of non-text characters, a file is binary rather than damaged text."""


@dataclass(frozen=True)
class DecodeProblem:
    line: int
    column: int
    message: str
    unusable: bool = False
    """True when the file is not text at all (binary): exit code 2."""


def decode(data: bytes) -> tuple[str | None, DecodeProblem | None]:
    """Return the text, or ``None`` and the problem that prevents reading it."""
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec), None
            except UnicodeDecodeError as exc:
                return None, _undecodable(exc, codec, name)
    kind = _binary_kind(data)
    if kind is not None:
        return None, DecodeProblem(
            1,
            1,
            f"Ce fichier est {kind}, pas un fichier d'événement YAML (du texte) : indiquez "
            "le fichier .yaml de l'événement.",
            unusable=True,
        )
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        return None, DecodeProblem(
            1,
            1,
            f"Le fichier est encodé en UTF-16 ({utf16}) sans marque d'ordre des octets "
            "(BOM) : rzn attend de l'UTF-8. Réenregistrez-le en UTF-8 (Bloc-notes : "
            "« Enregistrer sous » puis Encodage « UTF-8 »).",
        )
    try:
        # A few NUL bytes in otherwise valid text are damage, not a binary
        # file: the text is kept and the NULs are reported where they are.
        return data.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        return None, _undecodable(exc, "utf-8", "UTF-8")


def _binary_kind(data: bytes) -> str | None:
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return kind
    if b"\x00" not in data[:_BINARY_SAMPLE] or _utf16_without_bom(data) is not None:
        return None
    # A stray NUL in a text is damage that can be located and fixed; a file
    # that is mostly control bytes and broken UTF-8 is not text at all.
    sample = data[:_BINARY_SAMPLE].decode("utf-8", errors="replace")
    odd = sum(1 for c in sample if c == "\ufffd" or (c < " " and c not in "\t\n\r"))
    if odd > len(sample) * _BINARY_RATIO:
        return "un fichier binaire (image, PDF, document de bureautique…)"
    return None


def _utf16_without_bom(data: bytes) -> str | None:
    """``"petit-boutiste"``/``"gros-boutiste"`` when the bytes look like BOM-less UTF-16.

    ASCII text in UTF-16 puts a NUL byte beside every character: on the odd
    bytes for little-endian, on the even ones for big-endian.
    """
    sample = data[: _BINARY_SAMPLE - _BINARY_SAMPLE % 2]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) >= len(odd) * 0.9 and even.count(0) == 0:
        return "petit-boutiste"
    if even.count(0) >= len(even) * 0.9 and odd.count(0) == 0:
        return "gros-boutiste"
    return None


def error_position(exc: UnicodeDecodeError, codec: str) -> tuple[int, int]:
    """Line and column, as a text editor shows them, of the first byte ``codec`` refused.

    ``exc.start`` counts in the bytes the codec saw: "utf-8-sig" drops its BOM before
    decoding, "utf-16" and "utf-32" keep theirs; either way the BOM is no character.
    """
    prefix = bytes(exc.object[: exc.start]).decode(codec, errors="replace")
    prefix = prefix.removeprefix("\ufeff")
    return LineIndex(prefix).position(len(prefix))


def _undecodable(exc: UnicodeDecodeError, codec: str, name: str) -> DecodeProblem:
    decoded = bytes(exc.object)
    offset = exc.start
    prefix = decoded[:offset].decode(codec, errors="replace").removeprefix("\ufeff")
    index = LineIndex(prefix)
    line, column = index.position(len(prefix))
    before = index.line(line)[-20:].lstrip()
    where = f", juste après « {before} »" if before else ""
    resave = (
        "Réenregistrez-le en UTF-8 (Bloc-notes : « Enregistrer sous » puis Encodage "
        "« UTF-8 » ; LibreOffice : cochez « Modifier les paramètres du filtre »)."
    )
    byte = decoded[offset]
    # A lone lead byte at the very end is more likely a Latin-1 letter than a cut.
    if exc.reason == "unexpected end of data" and exc.end - exc.start >= 2:
        return DecodeProblem(
            line,
            column,
            f"Le fichier se termine au milieu d'un caractère {name}{where} : il a sans doute "
            "été tronqué (copie interrompue). Vérifiez la fin du fichier et réenregistrez-le.",
        )
    guess = bytes([byte]).decode("cp1252", errors="replace") if name == "UTF-8" else ""
    if guess.isprintable() and guess not in ("", "\ufffd"):
        legacy = "Windows-1252" if 0x80 <= byte <= 0x9F else "Latin-1 / Windows-1252"
        detail = (
            f"l'octet 0x{byte:02X}{where}, est le caractère « {guess} » en {legacy} ; le "
            "fichier a sans doute été enregistré en « ANSI » par un éditeur Windows"
        )
    else:
        detail = f"l'octet 0x{byte:02X}{where}, n'est pas du texte {name} valide"
    return DecodeProblem(
        line, column, f"Le fichier n'est pas encodé en {name} comme attendu : {detail}. {resave}"
    )
