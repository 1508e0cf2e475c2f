"""Comparing what people typed: folding, French collation, did-you-mean.

Exports are typed by hand or by form tools that each spell things their
own way (« Prénom », « PRENOM », « prénom* »), so every comparison here is
made on folded text: no accents, no case, typographic apostrophes and
dashes unified, inclusive endings (« satisfait·e ») written out.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "`": "'", "´": "'"})
_DASHES = str.maketrans({"–": "-", "—": "-", "‐": "-", "‑": "-", "−": "-"})
_LIGATURES = {"œ": "oe", "æ": "ae", "ß": "ss", "ﬁ": "fi", "ﬂ": "fl"}
_SPACES = re.compile(r"\s+")
_WORD = re.compile(r"[a-z0-9]+")
_INCLUSIVE = re.compile(r"(?<=[a-z])[·.•](?=[a-z])")


@lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    if char in _LIGATURES:
        return _LIGATURES[char]
    lower = char.lower()
    if lower in _LIGATURES:
        return _LIGATURES[lower]
    decomposed = unicodedata.normalize("NFKD", char)
    base = "".join(c for c in decomposed if not unicodedata.combining(c))
    return base.casefold().translate(_APOSTROPHES).translate(_DASHES)


def fold(text: str) -> str:
    """``« Prénom  du participant »`` → ``« prenom du participant »`` (spaces collapsed)."""
    folded = text.lower() if text.isascii() else "".join(map(_fold_char, text))
    return _SPACES.sub(" ", folded.replace("\xa0", " ").replace("\u202f", " ")).strip()


def words(text: str) -> str:
    """Letters and digits only, one space apart: ``Nom (participant)*`` → ``nom participant``.

    Inclusive writing is joined first, so ``Débutant·e`` and ``débutante`` meet.
    """
    return " ".join(_WORD.findall(_INCLUSIVE.sub("", fold(text))))


def compact(text: str) -> str:
    """``overall_satisfaction`` and LimeSurvey's ``overallsatisfaction`` → the same key."""
    return "".join(_WORD.findall(fold(text)))


def gender_variants(label: str) -> set[str]:
    """``Très satisfait·e`` → ``{"tres satisfait", "tres satisfaite"}`` (as :func:`words`)."""
    base = fold(label)
    masculine = re.sub(r"(?<=[a-z])[·.•](?:[a-z]+)", "", base)
    feminine = _INCLUSIVE.sub("", base)
    return {" ".join(_WORD.findall(masculine)), " ".join(_WORD.findall(feminine))}


@dataclass(frozen=True)
class Folded:
    """Folded text that remembers where each folded character came from.

    Matching happens on the folded text; the spans found are mapped back to
    the original, so a message or a redaction shows what the person wrote.
    """

    original: str
    text: str
    origins: tuple[int, ...]
    """``origins[i]`` is the index in ``original`` of folded character ``i``."""

    @classmethod
    def of(cls, original: str) -> Folded:
        chars: list[str] = []
        origins: list[int] = []
        for index, char in enumerate(original):
            folded = _fold_char(char)
            if char.isspace() and char not in "\n\r":
                folded = " "
            chars.append(folded)
            origins.extend([index] * len(folded))
        return cls(original, "".join(chars), tuple(origins))

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original span of the folded span ``[start, end)``."""
        if start >= end:
            position = self.origins[start] if start < len(self.origins) else len(self.original)
            return position, position
        return self.origins[start], self.origins[end - 1] + 1


def did_you_mean(value: str, candidates: Iterable[str], cutoff: float = 0.6) -> str | None:
    """The candidate closest to ``value`` (compared folded), or ``None``."""
    by_key: dict[str, str] = {}
    for candidate in candidates:
        by_key.setdefault(fold(candidate), candidate)
    close = difflib.get_close_matches(fold(value), list(by_key), n=1, cutoff=cutoff)
    return by_key[close[0]] if close else None


def quoted_list(values: Iterable[str], limit: int = 8) -> str:
    """``« a », « b », « c »`` — at most ``limit`` values, then ``…``."""
    items = [f"« {v} »" for v in values]
    if len(items) > limit:
        items = [*items[:limit], "…"]
    return ", ".join(items)


def line_list(lines: Iterable[int], limit: int = 12) -> str:
    """``4, 9, 12-15`` — consecutive lines as ranges, at most ``limit`` groups then ``…``."""
    ordered = sorted(set(lines))
    groups: list[str] = []
    index = 0
    while index < len(ordered):
        start = end = ordered[index]
        while index + 1 < len(ordered) and ordered[index + 1] == end + 1:
            index += 1
            end = ordered[index]
        groups.append(str(start) if start == end else f"{start}-{end}")
        index += 1
    if len(groups) > limit:
        hidden = len(groups) - limit
        return ", ".join(groups[:limit]) + f" et {hidden} autre{'s' if hidden > 1 else ''}"
    return ", ".join(groups)


def lines_phrase(lines: Iterable[int]) -> str:
    """``ligne 4`` or ``lignes 4, 9, 12-15``."""
    ordered = sorted(set(lines))
    return f"ligne {ordered[0]}" if len(ordered) == 1 else f"lignes {line_list(ordered)}"


# --- French collation ------------------------------------------------------------------
#
# Python's default sort puts « Émilie » after « Zoé » and « de Kerviel » after « Zola ».
# Names are sorted the way a French reader looks them up: letters first, ignoring accents,
# case, spaces, hyphens and apostrophes (« Le Goff » beside « Legoff »); accents then break
# ties from left to right (cote < coté < côte < côté, as CLDR does for French), then case.
# PyICU would do it too, at the price of a compiled dependency for one sort.


def collation_key(text: str) -> tuple[str, tuple[str, ...], tuple[bool, ...], str]:
    primary: list[str] = []
    accents: list[str] = []
    cases: list[bool] = []
    for char in unicodedata.normalize("NFC", text):
        decomposed = unicodedata.normalize("NFD", char)
        base = "".join(c for c in decomposed if not unicodedata.combining(c))
        marks = "".join(c for c in decomposed if unicodedata.combining(c))
        lowered = base.lower()
        letters = _LIGATURES.get(lowered, lowered)
        if not letters.isalnum():
            continue
        primary.append(letters)
        accents.append(marks)
        cases.append(base != lowered)
    return "".join(primary), tuple(accents), tuple(cases), text
