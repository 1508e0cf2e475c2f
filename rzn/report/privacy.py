"""What keeps the report and the cycle's figures free of personal data (RGPD).

- Only aggregates leave rzn: counts and shares, never a name, an e-mail
  address or a row of an export.
- A group of fewer than :data:`MIN_GROUP` people is not broken down: with
  three answers, « 1 personne de 65 ans et plus, débutante » is someone.
- Free-text answers are personal data too: e-mail addresses, phone numbers
  and the names of registered people are taken out, and the answers are
  sorted so that their order says nothing about who wrote which.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from rzn.registrations.text import Folded, collation_key, fold

MIN_GROUP = 5
"""The smallest group of people whose answers are broken down."""

EMAIL_REMOVED = "[adresse retirée]"
PHONE_REMOVED = "[téléphone retiré]"
NAME_REMOVED = "[nom retiré]"

_EMAIL = re.compile(r"[\w.+%-]+\s*(?:@|\(at\)|\[at\])\s*[\w-]+(?:\.[\w-]+)+", re.IGNORECASE)
_PHONE = re.compile(
    r"(?<![\w+])(?:(?:\+|00)\d{2,3}[\s.-]?(?:\(0\)[\s.-]?)?\d(?:[\s.-]?\d{2}){4}"
    r"|0\d(?:[\s.-]?\d{2}){4})(?!\w)"
)
"""French numbers (06 12 34 56 78, 06.12.34.56.78, +33 6 12 34 56 78) and the like."""
_MIN_NAME = 3
MAX_TEXT = 1000
"""Characters of one free-text answer quoted in a report; a longer one is cut at a word."""
"""A family name alone is removed from three letters on (« Le » or « Ba » are words too)."""


class Scrubber:
    """Removes contact details and known names from free text."""

    def __init__(self, full_names: Iterable[str] = (), family_names: Iterable[str] = ()) -> None:
        names = {fold(n) for n in full_names if fold(n)}
        families = {fold(n) for n in family_names if len(fold(n).replace(" ", "")) >= _MIN_NAME}
        self._full = _alternatives(names)
        self._family = _alternatives(families - names)

    def __call__(self, text: str) -> str:
        if len(text) > MAX_TEXT:
            # Cut before scrubbing (the patterns stay fast on any input), dropping the last
            # partial word so that half an address never slips through.
            text = text[:MAX_TEXT].rsplit(None, 1)[0] + " […]"
        text = _EMAIL.sub(EMAIL_REMOVED, text)
        text = _PHONE.sub(PHONE_REMOVED, text)
        if self._full is not None:
            text = _replace(text, self._full, capitalised=False)
        if self._family is not None:
            # A family name alone only when written with a capital: « Petit » the person,
            # not « petit » the word.
            text = _replace(text, self._family, capitalised=True)
        return " ".join(text.split())


def _alternatives(names: set[str]) -> re.Pattern[str] | None:
    if not names:
        return None
    ordered = sorted(names, key=lambda n: (-len(n), n))
    body = "|".join(r"\s+".join(map(re.escape, n.split())) for n in ordered)
    return re.compile(rf"(?<![\w])(?:{body})(?![\w])")


def _replace(text: str, pattern: re.Pattern[str], *, capitalised: bool) -> str:
    folded = Folded.of(text)
    spans = []
    for match in pattern.finditer(folded.text):
        start, end = folded.span(match.start(), match.end())
        if capitalised and not text[start : start + 1].isupper():
            continue
        spans.append((start, end))
    for start, end in reversed(spans):
        text = text[:start] + NAME_REMOVED + text[end:]
    return text


def anonymous_order(texts: Iterable[str]) -> list[str]:
    """Answers in French alphabetical order: never in the order of the export's rows."""
    return sorted((t for t in texts if t.strip()), key=lambda t: (collation_key(t), t))
