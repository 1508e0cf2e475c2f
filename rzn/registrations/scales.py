"""Numbers and age ranges as forms people made themselves write them.

A satisfaction question answered on a scale of numbers or stars (« 4 », « 4/5 », « 8 sur 10 »,
★★★★☆) is mapped to rzn's four levels by :func:`scale_level`; an age answered with a coarser
cut than rzn's bands (« 45 ans et plus », « 25-44 ans ») is kept as the set of bands it covers
(:func:`age_bands`). ``docs/colonnes.md`` gives both rules to organisers.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from rzn.registrations.text import fold

_NUMBER = re.compile(
    r"^(\d{1,2})\s*(?:/\s*(\d{1,2}))?\s*(?:etoiles?|stars?|points?|pts?|sur\s+(\d{1,2}))?\.?$"
)
_STARS = frozenset("★⭐✭✮🌟")
_EMPTY_STARS = frozenset("☆✩")


@dataclass(frozen=True)
class Scale:
    """The numbers a column's answers use: ``low`` is the worst, ``high`` the best."""

    low: int
    high: int


def read_number(raw: str) -> tuple[int, int | None] | None:
    """``4`` → (4, None); ``4/5``, ``4 sur 5`` → (4, 5); ``★★★★☆`` → (4, 5)."""
    text = raw.strip()
    if text and all(c in _STARS or c in _EMPTY_STARS or c.isspace() for c in text):
        full = sum(c in _STARS for c in text)
        empty = sum(c in _EMPTY_STARS for c in text)
        return full, (full + empty) if empty else None
    match = _NUMBER.match(fold(text))
    if match is None:
        return None
    value = int(match.group(1))
    top = match.group(2) or match.group(3)
    return value, int(top) if top else None


def column_scale(values: list[str]) -> Scale | None:
    """The scale of a column of numbers: out of its « /N » if said, else 5 or 10.

    Up to 5 the scale is 1 to 5, above it 1 to 10; it starts at 0 when someone answered 0.
    """
    numbers = [n for n in (read_number(v) for v in values if v) if n is not None]
    if not numbers:
        return None
    tops = [top for _, top in numbers if top]
    high = max(tops) if tops else (5 if max(v for v, _ in numbers) <= 5 else 10)
    low = 0 if any(v == 0 for v, _ in numbers) else 1
    return Scale(low, high) if high > low else None


def scale_level(value: int, scale: Scale) -> int | None:
    """Which of four levels, best first (0) to worst (3), a number stands for.

    Its position on the scale, from 0 (worst) to 1 (best): 0.8 and above is the best level,
    from 0.6 the second, above 0.3 the third, the rest the worst. So 5/5 is « très », 4/5
    « plutôt », 3/5 — the middle — « plutôt pas » (a neutral answer is not a satisfied one),
    1 and 2 « pas du tout »; on 0 to 10: 8 to 10, 6 and 7, 4 and 5, 0 to 3.
    """
    if not scale.low <= value <= scale.high:
        return None
    position = (value - scale.low) / (scale.high - scale.low)
    if position >= 0.8:
        return 0
    if position >= 0.6:
        return 1
    if position > 0.3:
        return 2
    return 3


_AGE_BOUNDS = {
    "under-25": (0, 24),
    "25-34": (25, 34),
    "35-44": (35, 44),
    "45-54": (45, 54),
    "55-64": (55, 64),
    "65-plus": (65, 200),
}
_AGE_RANGE = re.compile(r"^(?:de\s+)?(\d{1,3})\s*(?:-|a|à|–)\s*(\d{1,3})(?:\s*ans?)?$")
_AGE_FROM = re.compile(
    r"^(?:(?:plus\s+de|a\s+partir\s+de|des)\s+)?(\d{1,3})\s*(?:ans?)?\s*"
    r"(?:et\s+plus|ou\s+plus|\+|et\s+\+)$"
    r"|^(?:plus\s+de|a\s+partir\s+de)\s+(\d{1,3})\s*(?:ans?)?$"
)
"""« 45 ans et plus », « 45+ », « à partir de 45 ans », « plus de 65 ans » (as forms mean it)."""
_AGE_UNDER = re.compile(r"^(?:moins\s+de|jusqu'a|avant)\s+(\d{1,3})\s*(?:ans?)?$")


def age_label(codes: Sequence[str]) -> str | None:
    """« 45 ans et plus » for the bands from 45 up; ``None`` if these are not age bands."""
    if not codes or any(c not in _AGE_BOUNDS for c in codes):
        return None
    low = min(_AGE_BOUNDS[c][0] for c in codes)
    high = max(_AGE_BOUNDS[c][1] for c in codes)
    if high >= 200:
        return f"{low} ans et plus"
    if low == 0:
        return f"Moins de {high + 1} ans"
    return f"{low} à {high} ans"


def age_bands(raw: str) -> frozenset[str] | None:
    """The bands an age range covers, if it covers whole bands: « 45 ans et plus » → 3 bands.

    ``None`` when the range cuts a band (« 18-29 ans »): it cannot be counted in rzn's bands.
    """
    text = " ".join(fold(raw).replace("ans et +", "ans et plus").split())
    low: int | None = None
    high: int | None = None
    if match := _AGE_RANGE.match(text):
        low, high = int(match.group(1)), int(match.group(2))
    elif match := _AGE_FROM.match(text):
        low, high = int(match.group(1) or match.group(2)), 200
    elif match := _AGE_UNDER.match(text):
        low, high = 0, int(match.group(1)) - 1
    if low is None or high is None or low > high:
        return None
    covered = {code for code, (a, b) in _AGE_BOUNDS.items() if a >= low and b <= high}
    touched = {code for code, (a, b) in _AGE_BOUNDS.items() if a <= high and b >= low}
    if not covered or covered != touched:
        return None
    return frozenset(covered)
