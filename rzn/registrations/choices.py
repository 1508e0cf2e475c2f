"""One cell, several choices: « Atelier A, Atelier B » → the options it names.

Google Forms joins checked boxes with « , », Framaforms and Excel users with
« ; » or line breaks, and titles themselves contain commas (« Le numérique,
état des lieux »). So the known options are looked for first, longest
first, as whole items of the list; only what is left is split on the
separators, and each leftover piece is an unknown choice to report.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Generic, TypeVar

from rzn.registrations.text import Folded, fold, words

T = TypeVar("T")

_SEPARATOR = r"[;,|\n\r]"
_BEFORE = rf"(?:^|(?<={_SEPARATOR}))\s*(?:\d{{1,2}}\s*[h:]\s*\d{{0,2}}\s*[-:]?\s*)?"
"""A list item starts the cell or follows a separator; a « 10:45 - » time may lead it."""
_AFTER = rf"\s*(?:\([^()]*\))?\s*(?={_SEPARATOR}|$)"
"""…and may end with a parenthesis (« (Salle A) ») before the next separator."""
_PIECES = re.compile(r"[;|\n\r]|[\s,]*\x00+[\s,]*")
"""What is left is cut at the strong separators and where a known option was taken out.

Not at other commas: with no option found, « Collaborer à distance, outils libres » is
one unknown title to report, not two."""
NO_CHOICE = frozenset(
    words(v)
    for v in (
        "aucun",
        "aucune",
        "aucun atelier",
        "non",
        "pas d'atelier",
        "je ne sais pas",
        "ne sais pas",
        "je ne sais pas encore",
        "indifférent",
        "sans",
        "n/a",
        "na",
        "-",
    )
)
"""Answers that say « no choice »: not workshops, and not errors either."""


@dataclass(frozen=True)
class Match(Generic[T]):
    found: tuple[T, ...]
    unknown: tuple[str, ...]
    """Leftover pieces as the person wrote them (trimmed)."""


class Matcher(Generic[T]):
    """Finds options by their names (several names may lead to one option)."""

    def __init__(self, names: Iterable[tuple[str, T]]) -> None:
        entries: dict[str, T] = {}
        for name, value in names:
            key = fold(name).rstrip(" .")
            if key:
                entries.setdefault(key, value)
        # Longest first, so « Atelier données » is found before « Atelier ».
        self._entries = sorted(entries.items(), key=lambda kv: (-len(kv[0]), kv[0]))
        self._patterns = [
            (
                re.compile(_BEFORE + r"\s+".join(map(re.escape, key.split())) + r"\.?" + _AFTER),
                value,
            )
            for key, value in self._entries
        ]
        self._exact = {words(key): value for key, value in self._entries}

    def one(self, text: str) -> T | None:
        """The option that ``text`` names as a whole, if any."""
        return self._exact.get(words(text))

    def split(self, cell: str) -> Match[T]:
        folded = Folded.of(cell)
        text = folded.text
        hits: list[tuple[int, T]] = []
        for pattern, value in self._patterns:
            while True:
                found = pattern.search(text)
                if found is None:
                    break
                hits.append((found.start(), value))
                # Take the item out (same length, so positions stay valid).
                text = (
                    text[: found.start()]
                    + "\x00" * (found.end() - found.start())
                    + text[found.end() :]
                )
        unknown: list[str] = []
        position = 0
        for separator in [*_PIECES.finditer(text), None]:
            start = position
            end = separator.start() if separator is not None else len(text)
            position = separator.end() if separator is not None else len(text)
            if not text[start:end].strip(" .,-\t"):
                continue
            first, last = folded.span(start, end)
            original = cell[first:last].strip(" .,-\t")
            if words(original) in NO_CHOICE or not original:
                continue
            unknown.append(original)
        ordered: list[T] = []
        for _, value in sorted(hits, key=lambda hit: hit[0]):
            if value not in ordered:
                ordered.append(value)
        return Match(tuple(ordered), tuple(unknown))
