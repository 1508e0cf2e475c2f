"""Lines, columns and invisible characters of decoded text.

Positions are counted the way libyaml and editors count them: a line ends
at ``\\r\\n``, ``\\r`` or ``\\n``, and a column is a number of characters
(code points) from the start of the line, starting at 1. Every character
that libyaml refuses, or that editors disagree on, is reported here first,
with its exact place and its name, because it is usually invisible.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from rzn.load.problem import Position, Problem

_BREAK = re.compile(r"\r\n|\r|\n")

# Tab, LF and CR are the only control characters YAML allows. U+0085, U+2028
# and U+2029 are line breaks for YAML but not for most editors, so every line
# number after one would be wrong: they are refused too. Lone surrogates can
# only come from text built in Python, and libyaml cannot encode them.
_FORBIDDEN = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]"
)
_BOM = "\ufeff"
MAX_REPORTED = 20
"""Invisible characters reported one by one; the rest are counted in one message."""


class LineIndex:
    """Maps character offsets of a text to (line, column).

    Every file read builds one, but only a file with a problem asks it for a
    line: the offsets of the lines are found on first use.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self._starts: list[int] | None = None
        self._count: int | None = None

    @property
    def starts(self) -> list[int]:
        if self._starts is None:
            self._starts = [0] + [m.end() for m in _BREAK.finditer(self.text)]
        return self._starts

    def position(self, offset: int) -> Position:
        line = bisect_right(self.starts, offset) - 1
        return line + 1, offset - self.starts[line] + 1

    def clamp(self, position: Position) -> Position:
        """Bring a position past the end of the text back to its last character.

        libyaml reports the end of a file that does not end with a line
        break one line below the last one, where no editor can go.
        """
        line, column = position
        if line > self.count:
            return self.count, len(self.line(self.count)) + 1
        return line, min(column, len(self.line(line)) + 1)

    def line(self, number: int) -> str:
        """Text of line ``number`` (1-based) without its line break."""
        if not 1 <= number <= len(self.starts):
            return ""
        start = self.starts[number - 1]
        end = self.starts[number] if number < len(self.starts) else len(self.text)
        return self.text[start:end].rstrip("\r\n")

    @property
    def count(self) -> int:
        if self._count is None:
            text = self.text
            # What _BREAK finds: "\r\n" is one break, a lone "\r" or "\n" one each.
            self._count = text.count("\n") + text.count("\r") - text.count("\r\n") + 1
        return self._count


def split_lines(text: str) -> list[str]:
    """The lines of ``text`` as rzn numbers them (``\\r\\n``, ``\\r`` or ``\\n``)."""
    return _BREAK.split(text)


def character_problems(text: str, index: LineIndex | None = None) -> list[Problem]:
    """One located problem per forbidden character (at most :data:`MAX_REPORTED`)."""
    if _FORBIDDEN.search(text) is None and text.find(_BOM, 1) == -1:
        return []  # nearly every file: one scan, no list
    found = [m.start() for m in _FORBIDDEN.finditer(text)]
    # A BOM is fine at the very start (some tools add one); elsewhere it is
    # the trace of two files pasted together.
    found += [m.start() for m in re.finditer(_BOM, text) if m.start() > 0]
    if not found:
        return []
    found.sort()
    index = index or LineIndex(text)
    problems = []
    for offset in found[:MAX_REPORTED]:
        line, column = index.position(offset)
        before = index.line(line)[: column - 1][-20:].lstrip()
        problems.append(Problem(line, column, "yaml-syntax", _message(text[offset], before)))
    rest = len(found) - MAX_REPORTED
    if rest > 0:
        line, column = index.position(found[MAX_REPORTED])
        problems.append(
            Problem(
                line,
                column,
                "yaml-syntax",
                f"Encore {rest} caractère{'s' if rest > 1 else ''} invisible"
                f"{'s' if rest > 1 else ''} interdit{'s' if rest > 1 else ''} à partir "
                "d'ici : le texte a sans doute été collé depuis un PDF ou un traitement de "
                "texte. Retapez ces lignes dans un éditeur de texte.",
            )
        )
    return problems


def _message(char: str, before: str) -> str:
    code = f"U+{ord(char):04X}"
    where = f"juste après « {before} »" if before else "en début de ligne"
    if char in "\u2028\u2029\x85":
        return (
            f"Saut de ligne spécial invisible ({code}, {where}), souvent collé depuis un "
            "traitement de texte : tous les éditeurs ne l'affichent pas comme un retour à la "
            "ligne. Remplacez-le par un vrai retour à la ligne ou par une espace."
        )
    if char == _BOM:
        return (
            f"Marque d'ordre des octets (BOM, {code}) au milieu du fichier ({where}), reste "
            "de deux fichiers mis bout à bout : supprimez ce caractère invisible."
        )
    if char == "\x00":
        return (
            f"Octet nul ({code}, {where}) : le fichier est sans doute abîmé. Supprimez ce "
            "caractère invisible ou retapez la ligne."
        )
    if "\ud800" <= char <= "\udfff" or char in "\ufffe\uffff":
        return f"Caractère non valide ({code}, {where}) : supprimez-le ou retapez la ligne."
    return (
        f"Caractère de contrôle invisible ({code}, {where}), souvent collé depuis un "
        "traitement de texte ou un PDF : supprimez-le ou retapez la ligne."
    )
