"""French formatting of dates, times and amounts for documents.

"jeudi 18 novembre 2027", "lundi 1er novembre 2027", "9 h 30",
"1 234,50 €". Month and day names and number layout come from babel (CLDR
data) rather than a hand-written table; the "1er" follows French usage.

Spaces follow the Imprimerie nationale's rules in every format: a narrow
no-break space (U+202F) groups thousands and stands before ``; ! ? »`` and
after ``«``; a no-break space (U+00A0) stands before ``:``, ``€``, ``%`` and
around the ``h`` of times. A line never breaks between a number and its unit,
nor before a closing mark. :func:`typography` applies the punctuation rules to
a whole rendered text.

Plain text and Markdown (``.md``, ``.txt``, the text part of mails) get the
no-break space U+00A0 where the narrow one belongs: they are read in
monospaced fonts, where a narrow space has the width of any other, and edited
in any editor, some saving as Windows-1252, which holds U+00A0 but not
U+202F. HTML, slides and calendars keep the narrow space.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from decimal import ROUND_HALF_UP, Decimal

from babel.dates import format_date
from babel.numbers import format_decimal

LOCALE = "fr_FR"
NBSP = "\u00a0"
"""No-break space: before ``:``, ``€``, ``%``, around the ``h`` of a time."""
NNBSP = "\u202f"
"""Narrow no-break space: thousands, before ``; ! ? »``, after ``«``."""


# Cached: babel parses its locale on every call, and a render names the same days often.
@functools.lru_cache(maxsize=2048)
def day_long(day: dt.date) -> str:
    """``jeudi 18 novembre 2027``; the first of the month is ``1er``."""
    weekday = format_date(day, "EEEE", locale=LOCALE)
    month = format_date(day, "MMMM", locale=LOCALE)
    number = "1er" if day.day == 1 else str(day.day)
    return f"{weekday} {number} {month} {day.year}"


def day_short(day: dt.date) -> str:
    """``18/11/2027``."""
    return f"{day.day:02d}/{day.month:02d}/{day.year}"


@functools.lru_cache(maxsize=2048)
def day_month(day: dt.date) -> str:
    """``18 novembre`` / ``1er novembre``."""
    number = "1er" if day.day == 1 else str(day.day)
    return f"{number} {format_date(day, 'MMMM', locale=LOCALE)}"


def hour(value: dt.time) -> str:
    """``9 h 30``, ``14 h`` — how French prose writes times (no-break spaces)."""
    if value.minute == 0:
        return f"{value.hour}{NBSP}h"
    return f"{value.hour}{NBSP}h{NBSP}{value.minute:02d}"


def hhmm(value: dt.time) -> str:
    """``09:30`` — for tables and run sheets."""
    return f"{value.hour:02d}:{value.minute:02d}"


def minutes(value: int) -> str:
    """``45 min``, ``1 h``, ``1 h 30`` (no-break spaces)."""
    hours, rest = divmod(value, 60)
    if not hours:
        return f"{rest}{NBSP}min"
    return f"{hours}{NBSP}h" if not rest else f"{hours}{NBSP}h{NBSP}{rest:02d}"


def number(value: Decimal | int | float, decimals: int = 0) -> str:
    """``1 234`` or ``1 234,50`` with ``decimals=2`` (thousands: narrow no-break space)."""
    quantum = Decimal(1).scaleb(-decimals)
    amount = Decimal(str(value)).quantize(quantum, rounding=ROUND_HALF_UP)
    pattern = "#,##0." + "0" * decimals if decimals else "#,##0"
    return format_decimal(amount, format=pattern, locale=LOCALE)


def money(value: Decimal | int | float) -> str:
    """``1 234,50 €``."""
    return f"{number(value, 2)}{NBSP}€"


_WORDS = (
    "zéro un deux trois quatre cinq six sept huit neuf dix onze douze treize quatorze quinze seize"
)


def count_words(value: int) -> str:
    """``deux``, ``seize``, ``17``: French prose writes small counts in letters."""
    names = _WORDS.split(" ")
    return names[value] if 0 <= value < len(names) else number(value)


def percent(value: Decimal | int | float) -> str:
    """``70 %`` (the value is already a percentage)."""
    return f"{number(value)}{NBSP}%"


_SPACES = " \t\u00a0\u202f"
"""The spaces :func:`typography` replaces before a mark or after ``«``."""

# Each pattern starts with a literal (the mark, or the space it replaces) and looks behind
# only after it: the regex engine then jumps from one candidate character to the next
# instead of trying the whole pattern at every position of a long text, which made this
# function the costliest step of a render. The spaces before a mark, a run of any length,
# are stripped by ``_before`` rather than matched (a look-behind cannot have a variable
# width). tests/render/test_french.py keeps the straightforward patterns as the reference.
_COLON = re.compile(r":(?<=[ \t\u00a0\u202f]:)(?=\s|$|<|\*|_|\))", re.MULTILINE)
_MARK = re.compile(r"[;!?](?<=[ \t\u00a0\u202f][;!?])(?=\s|$|<|\*|_|\)|»|[!?])", re.MULTILINE)
_UNIT = re.compile(r" (?<=\d )(?=€|%|h\b|min\b)")
_TIME_MINUTES = re.compile(r"\u00a0h (?<=\d\u00a0h )(?=\d\d\b)")


def _before(pattern: re.Pattern[str], space: str, text: str) -> str:
    """Each mark ``pattern`` finds (a space just before it) gets ``space`` instead of the
    run of spaces before it."""
    parts: list[str] = []
    done = 0
    for match in pattern.finditer(text):
        # The run cannot reach back into the previous match: that one ends with its mark.
        parts += (text[done : match.start()].rstrip(_SPACES), space, match.group())
        done = match.end()
    if not done:
        return text
    parts.append(text[done:])
    return "".join(parts)


def typography(text: str) -> str:
    """French spacing of a rendered text: the space before ``: ; ! ? »``, after ``«``, between
    a number and ``€ % h min`` becomes a no-break one, narrow where it belongs.

    Only spaces already written change (and the inside of guillemets): a colon glued to what
    precedes it stays as it is, so links (``https://``), times (``09:30``) and Markdown table
    rules (``|:---|``) are untouched.
    """
    text = _before(_COLON, NBSP, text)
    text = _before(_MARK, NNBSP, text)
    if "»" in text:
        # Every closing guillemet, glued or not, gets one narrow space before it.
        *closed, last = text.split("»")
        text = (NNBSP + "»").join([*(part.rstrip(_SPACES) for part in closed), last])
    if "«" in text:
        opening, *rest = text.split("«")
        text = ("«" + NNBSP).join([opening, *(part.lstrip(_SPACES) for part in rest)])
    text = _UNIT.sub(NBSP, text)
    if NBSP + "h " in text:
        text = _TIME_MINUTES.sub(NBSP + "h" + NBSP, text)
    return text
