"""Bytes → text, with a located French message for every encoding problem.

Event files come from Windows editors, Word copies and mail attachments:
UTF-8 with or without BOM, CRLF line ends and UTF-16 with a BOM (Notepad's
"Unicode") are accepted; anything else is refused with the line and column
of the first byte that does not decode and what to do about it.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass


@dataclass(frozen=True)
class DecodeProblem:
    line: int
    column: int
    message: str
    unusable: bool = False
    """True when the file is not text at all (binary)."""


def decode(data: bytes) -> tuple[str | None, DecodeProblem | None]:
    for bom, codec in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return data.decode(codec), None
            except UnicodeDecodeError as exc:
                return None, _not_utf8(data, exc.start, expected=codec.upper())
    nul = data.find(b"\x00")
    if nul != -1:
        return None, _binary(data, nul)
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        return None, _not_utf8(data, exc.start, expected="UTF-8")


def _position(data: bytes, offset: int) -> tuple[int, int]:
    line = data.count(b"\n", 0, offset) + 1
    line_start = data.rfind(b"\n", 0, offset) + 1
    column = len(data[line_start:offset].decode("utf-8", errors="replace")) + 1
    return line, column


def _not_utf8(data: bytes, offset: int, expected: str) -> DecodeProblem:
    line, column = _position(data, offset)
    byte = data[offset]
    guess = bytes([byte]).decode("cp1252", errors="replace")
    if guess.isprintable() and guess != "\ufffd":
        hint = (
            f"l'octet 0x{byte:02X} correspond à « {guess} » en Windows-1252 / Latin-1 : "
            "le fichier a sans doute été enregistré par un éditeur Windows"
        )
    else:
        hint = f"l'octet 0x{byte:02X} n'est pas du texte {expected} valide"
    return DecodeProblem(
        line,
        column,
        f"Le fichier n'est pas encodé en {expected} comme attendu ({hint}). "
        "Réenregistrez-le en UTF-8 (Bloc-notes : « Enregistrer sous » puis Encodage « UTF-8 » ; "
        "LibreOffice : cochez « Modifier les paramètres du filtre »).",
    )


def _binary(data: bytes, offset: int) -> DecodeProblem:
    line, column = _position(data, offset)
    # UTF-16 without a BOM puts a NUL byte beside every ASCII character.
    sample = data[:200]
    if sample and sample.count(b"\x00") * 3 >= len(sample):
        return DecodeProblem(
            line,
            column,
            "Le fichier semble encodé en UTF-16 sans marque d'ordre des octets (BOM) : "
            "rzn attend de l'UTF-8. Réenregistrez-le en UTF-8.",
            unusable=True,
        )
    return DecodeProblem(
        line,
        column,
        "Le fichier contient un octet nul : c'est un fichier binaire (image, PDF, document "
        "Word…), pas un fichier d'événement YAML. Indiquez le fichier .yaml de l'événement.",
        unusable=True,
    )
