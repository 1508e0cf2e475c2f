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
import unicodedata
from collections.abc import Iterable
from typing import TYPE_CHECKING

from rzn.registrations.text import Folded, collation_key, fold

if TYPE_CHECKING:
    from rzn.registrations.people import Registrations

MIN_GROUP = 5
"""The smallest group of people whose answers are broken down."""

EMAIL_REMOVED = "[adresse retirée]"
PHONE_REMOVED = "[téléphone retiré]"
NAME_REMOVED = "[nom retiré]"

_OPEN, _CLOSE = r"[\(\[\{<]", r"[\)\]\}>]"
_AT = rf"(?:\s?@\s?|\s?{_OPEN}\s?(?:at|arobase|@)\s?{_CLOSE}\s?|\s+(?:at|arobase)\s+)"
"""``@``, ``(at)``, ``[at]``, `` at ``, `` arobase ``, with or without spaces."""
_DOT = rf"(?:\.|\s\.\s|\s?{_OPEN}\s?(?:dot|point)\s?{_CLOSE}\s?|\s+(?:dot|point)\s+)"
"""``.``, `` . ``, ``(dot)``, `` dot ``, `` point ``."""
_EMAIL = re.compile(rf"[\w+%-]+(?:{_DOT}[\w+%-]+)*{_AT}[\w-]+(?:{_DOT}[\w-]+)+", re.IGNORECASE)
_PHONE_SEPARATORS = r"[\s./\-‐‑–—−·()]"
_PHONE = re.compile(
    rf"(?<![\w+])(?:\(?\s?(?:\+|00)\s?\d{{1,4}}\s?\)?|\(?\d)(?:{_PHONE_SEPARATORS}{{0,3}}\d){{6,}}"
    r"(?![\w])"
)
"""A run of digits and separators that may be a phone number; :func:`_is_phone` decides."""
_RESIDUE = re.compile(r"@|(?:\d\W{0,3}){9,}")
"""What still looks like an address or a number after scrubbing: the quote is withheld."""
_NAME_GAP = r"[\s'-]*"
"""Between the parts of a name: « Le Goff », « Le-Goff », « Legoff »."""
_MIN_NAME = 3
"""A family name alone is removed from three letters on (« Le » or « Ba » are words too)."""
MAX_TEXT = 1000
"""Characters of one free-text answer quoted in a report; a longer one is cut at a word."""


def _is_phone(match: re.Match[str]) -> bool:
    """Nine digits or more (a French number has ten), eight with an international prefix.

    Dates (18/11/2027), years, prices and postcodes have fewer.
    """
    found = match.group(0)
    digits = sum(c.isdigit() for c in found)
    international = found.lstrip("( ").startswith(("+", "00"))
    return digits >= (8 if international else 9)


class Scrubber:
    """Removes contact details and known names from free text."""

    def __init__(
        self,
        full_names: Iterable[str] = (),
        family_names: Iterable[str] = (),
        people: Iterable[tuple[str, str]] = (),
    ) -> None:
        """``people``: (first name, family name) pairs, for « Jean D. »."""
        names = {fold(n) for n in full_names if fold(n)}
        families = {fold(n) for n in family_names if len(_letters(fold(n))) >= _MIN_NAME}
        self._full = _alternatives(names)
        self._family = _alternatives(families - names)
        shortened = {
            f"{fold(first)} {_letters(fold(last))[:1]}"
            for first, last in people
            if len(_letters(fold(first))) >= _MIN_NAME and _letters(fold(last))
        }
        self._short = _alternatives(shortened)

    def __call__(self, text: str) -> str:
        return self.clean(text)[0]

    def clean(self, text: str) -> tuple[str, bool]:
        """The text to quote, and whether something was taken out of it."""
        # Full-width ＠ and digits, ligatures: the patterns below see ASCII.
        text = unicodedata.normalize("NFKC", text)
        if len(text) > MAX_TEXT:
            # Cut before scrubbing (the patterns stay fast on any input), dropping the last
            # partial word so that half an address never slips through.
            text = text[:MAX_TEXT].rsplit(None, 1)[0] + " […]"
        before = text
        text = _EMAIL.sub(EMAIL_REMOVED, text)
        text = _PHONE.sub(lambda m: PHONE_REMOVED if _is_phone(m) else m.group(0), text)
        if self._full is not None:
            text = _replace(text, self._full, capitalised=False)
        if self._short is not None:
            text = _replace(text, self._short, capitalised=True, initial=True)
        if self._family is not None:
            # A family name alone only when written with a capital: « Petit » the person,
            # not « petit » the word.
            text = _replace(text, self._family, capitalised=True)
        return " ".join(text.split()), text != before

    @staticmethod
    def doubtful(text: str) -> bool:
        """Something that still looks like an address or a phone number: do not quote."""
        return _RESIDUE.search(text) is not None


def scrubber_for(registrations: Registrations | None) -> Scrubber:
    """A scrubber of contact details and of the names of the people who registered."""
    names: list[str] = []
    families: list[str] = []
    pairs: list[tuple[str, str]] = []
    if registrations is not None and registrations.fatal is None:
        for person in registrations.people:
            if person.first_name and person.last_name:
                pairs.append((person.first_name, person.last_name))
            names.append(person.name)
            if person.first_name and person.last_name:
                names.append(f"{person.last_name} {person.first_name}")
            if person.last_name:
                families.append(person.last_name)
    return Scrubber(names, families, pairs)


def _letters(text: str) -> str:
    return re.sub(r"[\s'-]+", "", text)


def _alternatives(names: set[str]) -> re.Pattern[str] | None:
    if not names:
        return None
    ordered = sorted(names, key=lambda n: (-len(n), n))
    body = "|".join(
        _NAME_GAP.join(re.escape(part) for part in re.split(r"[\s'-]+", n) if part) for n in ordered
    )
    return re.compile(rf"(?<![\w])(?:{body})\.?(?![\w])")


def _replace(
    text: str, pattern: re.Pattern[str], *, capitalised: bool, initial: bool = False
) -> str:
    folded = Folded.of(text)
    spans = []
    for match in pattern.finditer(folded.text):
        start, end = folded.span(match.start(), match.end())
        if capitalised and not text[start : start + 1].isupper():
            continue
        if initial:
            # « Jean D. », « Jean D » — not « Jean d'Arc » nor « jean d ».
            letter = text[start:end].rstrip(".")[-1:]
            if not letter.isupper() or text[end : end + 1] == "'":
                continue
        elif text[end - 1 : end] == "." and folded.text[match.end() - 1 : match.end()] == ".":
            end -= 1  # a sentence's full stop after a name stays
        spans.append((start, end))
    for start, end in reversed(spans):
        text = text[:start] + NAME_REMOVED + text[end:]
    return text


def anonymous_order(texts: Iterable[str]) -> list[str]:
    """Answers in French alphabetical order: never in the order of the export's rows."""
    return sorted((t for t in texts if t.strip()), key=lambda t: (collation_key(t), t))
