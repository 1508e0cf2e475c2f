"""French formatting of dates, times and amounts for documents.

"jeudi 18 novembre 2027", "lundi 1er novembre 2027", "9 h 30",
"1 234,50 €". Month and day names come from babel (CLDR data) rather than
a hand-written table; the "1er" and the amount layout follow French
typographic usage. Plain spaces are used in amounts so that text, CSV and
mail stay readable by every tool; HTML keeps them on one line with CSS.
"""

from __future__ import annotations

import datetime as dt
import functools
from decimal import ROUND_HALF_UP, Decimal

from babel.dates import format_date

LOCALE = "fr_FR"


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
    """``9 h 30``, ``14 h`` — how French prose writes times."""
    return f"{value.hour} h" if value.minute == 0 else f"{value.hour} h {value.minute:02d}"


def hhmm(value: dt.time) -> str:
    """``09:30`` — for tables and run sheets."""
    return f"{value.hour:02d}:{value.minute:02d}"


def minutes(value: int) -> str:
    """``45 min``, ``1 h``, ``1 h 30``."""
    hours, rest = divmod(value, 60)
    if not hours:
        return f"{rest} min"
    return f"{hours} h" if not rest else f"{hours} h {rest:02d}"


def number(value: Decimal | int | float, decimals: int = 0) -> str:
    """``1 234`` or ``1 234,50`` with ``decimals=2``."""
    quantum = Decimal(1).scaleb(-decimals)
    amount = Decimal(str(value)).quantize(quantum, rounding=ROUND_HALF_UP)
    sign = "-" if amount < 0 else ""
    whole, _, frac = f"{abs(amount):f}".partition(".")
    groups: list[str] = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    text = " ".join(groups)
    return f"{sign}{text},{frac}" if decimals else f"{sign}{text}"


def money(value: Decimal | int | float) -> str:
    """``1 234,50 €``."""
    return f"{number(value, 2)} €"
