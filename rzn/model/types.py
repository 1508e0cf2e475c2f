"""Field types that read the event file the way a French organiser writes it."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BeforeValidator,
    Field,
    PlainSerializer,
    PlainValidator,
    WithJsonSchema,
)
from pydantic_core import PydanticCustomError

# "9:30", "09:30", "9h30" and "9h" are times; "9:" is a half-typed one, not 9:00.
_TIME = re.compile(r"^\s*(\d{1,2})\s*(?::\s*(\d{2})|[hH]\s*(\d{2})?)\s*$")
_DATE = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$")
_FR_DATE = re.compile(r"^\s*(\d{1,2})[/.](\d{1,2})[/.](\d{4})\s*$")
_MONTHS = (
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
)  # fmt: skip


def parse_time(value: Any) -> Any:
    if isinstance(value, dt.time):
        return value
    if not isinstance(value, str):
        raise PydanticCustomError(
            "rzn_time", 'Heure attendue au format HH:MM (par exemple "09:30").'
        )
    match = _TIME.match(value)
    if not match:
        raise PydanticCustomError(
            "rzn_time",
            '« {value} » n\'est pas une heure : écrivez-la au format HH:MM, par exemple "09:30" '
            'ou "14:00".',
            {"value": value},
        )
    hour, minute = int(match.group(1)), int(match.group(2) or match.group(3) or 0)
    if hour > 23 or minute > 59:
        raise PydanticCustomError(
            "rzn_time",
            "« {value} » n'existe pas : les heures vont de 00:00 à 23:59.",
            {"value": value},
        )
    return dt.time(hour, minute)


MIN_YEAR = 1970
MAX_YEAR = 2199
"""The years rzn supports: far enough from year 1 and 9999 that every date it computes
(tasks at J-90 … J+30, collision windows, calendar entries) exists."""


def parse_date(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        if not MIN_YEAR <= value.year <= MAX_YEAR:
            raise PydanticCustomError(
                "rzn_date",
                "« {value} » : rzn accepte les dates des années {low} à {high}. Vérifiez l'année.",
                {"value": value.isoformat(), "low": MIN_YEAR, "high": MAX_YEAR},
            )
        return value
    if not isinstance(value, str):
        raise PydanticCustomError(
            "rzn_date", "Date attendue au format AAAA-MM-JJ (par exemple 2027-11-18)."
        )
    match = _DATE.match(value)
    if not match:
        fr = _FR_DATE.match(value)
        hint = (
            f" : écrivez {int(fr.group(3)):04d}-{int(fr.group(2)):02d}-{int(fr.group(1)):02d}"
            if fr
            else ", par exemple 2027-11-18"
        )
        raise PydanticCustomError(
            "rzn_date",
            "« {value} » n'est pas une date au format AAAA-MM-JJ{hint}.",
            {"value": value, "hint": hint},
        )
    year, month, day = (int(g) for g in match.groups())
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise PydanticCustomError(
            "rzn_date",
            "« {value} » : rzn accepte les dates des années {low} à {high}. Vérifiez l'année.",
            {"value": value, "low": MIN_YEAR, "high": MAX_YEAR},
        )
    if not 1 <= month <= 12:
        raise PydanticCustomError(
            "rzn_date",
            "« {value} » : le mois {month} n'existe pas (de 01 à 12). Le format est AAAA-MM-JJ.",
            {"value": value, "month": month},
        )
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise PydanticCustomError(
            "rzn_date",
            "« {value} » : le {day} {month_name} {year} n'existe pas (ce mois n'a que {days} "
            "jours). Corrigez le jour.",
            {
                "value": value,
                "day": day,
                "month_name": _MONTHS[month - 1],
                "year": year,
                "days": _days_in_month(year, month),
            },
        ) from None


def _days_in_month(year: int, month: int) -> int:
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    return (following - dt.timedelta(days=1)).day


_TRUE = frozenset(("true", "yes", "oui", "vrai", "on", "1", "y", "o"))
_FALSE = frozenset(("false", "no", "non", "faux", "off", "0", "n"))


def parse_bool(value: Any) -> Any:
    if isinstance(value, bool):
        return value
    if isinstance(value, str):
        low = value.strip().lower()
        if low in _TRUE:
            return True
        if low in _FALSE:
            return False
    raise PydanticCustomError(
        "rzn_bool",
        "Réponse oui/non attendue : écrivez true (oui) ou false (non).",
    )


_THOUSANDS = re.compile(r"(?<=\d)[ \u202f\xa0](?=\d{3}\b)")


def parse_decimal(value: Any) -> Any:
    if isinstance(value, str):
        # "1 200 €" is how a French budget is written: drop the thousands spaces and the
        # euro sign, which leave no doubt about the amount.
        text = _THOUSANDS.sub("", value.strip()).rstrip("€").strip()
        if re.fullmatch(r"-?\d+,\d+", text):
            raise PydanticCustomError(
                "rzn_number",
                "« {value} » : écrivez les décimales avec un point : {fixed}.",
                {"value": value, "fixed": text.replace(",", ".")},
            )
        return text
    return value


Time = Annotated[
    dt.time,
    BeforeValidator(parse_time),
    PlainSerializer(lambda t: t.strftime("%H:%M"), return_type=str),
    WithJsonSchema({"type": "string", "pattern": _TIME.pattern, "examples": ["09:30"]}),
]
Date = Annotated[
    dt.date,
    BeforeValidator(parse_date),
    WithJsonSchema({"type": "string", "format": "date", "examples": ["2027-11-18"]}),
]
Bool = Annotated[
    bool,
    BeforeValidator(parse_bool),
    WithJsonSchema({"type": ["boolean", "string"]}),
]
NUMBER_DECIMALS = 6
"""Decimals a quantity may have: 1.5 h, 0.25 day; beyond, the digits mean nothing and would
overflow the spreadsheet's precision (15 significant digits)."""


def _check_precision(value: Decimal) -> Decimal:
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and -exponent > NUMBER_DECIMALS:
        raise PydanticCustomError(
            "rzn_number",
            "« {value} » : trop de décimales (au plus {limit}). Arrondissez la valeur.",
            {"value": str(value), "limit": NUMBER_DECIMALS},
        )
    return value


Number = Annotated[
    Decimal,
    BeforeValidator(parse_decimal),
    AfterValidator(_check_precision),
    PlainSerializer(lambda d: str(d), return_type=str),
    WithJsonSchema({"type": ["number", "string"]}),
]
"""A quantity that may have decimals (hours, number of meals)."""
Money = Annotated[
    Decimal,
    BeforeValidator(parse_decimal),
    Field(ge=0, le=1_000_000, max_digits=12, decimal_places=2),
    PlainSerializer(lambda d: str(d), return_type=str),
    WithJsonSchema({"type": ["number", "string"], "minimum": 0, "maximum": 1_000_000}),
]

_J_DAYS = re.compile(r"^\s*[jJ]\s*-\s*(\d+)\s*$")


def _mailing_text(value: Any) -> Any:
    # The vade-mecum writes "J-30": say what to write instead of "integer expected".
    if isinstance(value, str):
        match = _J_DAYS.match(value)
        if match:
            raise PydanticCustomError(
                "rzn_mailing",
                "« {value} » : écrivez seulement le nombre de jours avant l'événement, ici {days}.",
                {"value": value.strip(), "days": int(match.group(1))},
            )
    return value


def _mailing_range(value: int) -> int:
    if not 1 <= value <= 365:
        raise PydanticCustomError(
            "rzn_mailing",
            "{day} : un mailing s'envoie entre 1 et 365 jours avant l'événement "
            "(par exemple 30, 15, 7).",
            {"day": value},
        )
    return value


MailingDay = Annotated[
    int,
    BeforeValidator(_mailing_text),
    AfterValidator(_mailing_range),
    WithJsonSchema({"type": "integer", "minimum": 1, "maximum": 365}),
]
"""A mailing, in days before the event (30 for J-30)."""

_MONTH_DAY = re.compile(r"^(\d{2})-(\d{2})$")


def _month_day(value: Any) -> Any:
    if isinstance(value, str):
        match = _MONTH_DAY.match(value.strip())
        if match:
            month, day = int(match.group(1)), int(match.group(2))
            try:
                dt.date(2000, month, day)  # a leap year: 02-29 is a day some years have
            except ValueError:
                pass
            else:
                return value.strip()
    raise PydanticCustomError(
        "rzn_month_day",
        "« {value} » : écrivez le mois et le jour sous la forme MM-JJ, par exemple 08-01 "
        "pour le 1er août.",
        {"value": str(value)},
    )


MonthDay = Annotated[
    str,
    PlainValidator(_month_day),
    WithJsonSchema({"type": "string", "pattern": "^[0-9]{2}-[0-9]{2}$"}),
]
"""A day of the year, ``MM-DD`` (``08-01``: the 1st of August)."""

_EMAIL = re.compile(r"^[^@\s<>\"(),;:]+@[^@\s<>\"(),;:]+\.[^@\s<>\"(),;:]+$")
_URL = re.compile(r"^https?://[^\s<>\"]+$", re.IGNORECASE)


def check_email(value: Any) -> Any:
    if not isinstance(value, str):
        return value
    value = value.strip()
    if not _EMAIL.match(value):
        raise PydanticCustomError(
            "rzn_email",
            "« {value} » n'est pas une adresse e-mail valide (forme attendue : nom@exemple.org).",
            {"value": value},
        )
    return value


def check_url(value: Any) -> Any:
    if not isinstance(value, str):
        return value
    value = value.strip()
    if not _URL.match(value):
        raise PydanticCustomError(
            "rzn_url",
            "« {value} » n'est pas un lien web : il doit commencer par https:// (ou http://) "
            "et ne contenir aucun espace.",
            {"value": value},
        )
    return value


Email = Annotated[
    str, BeforeValidator(check_email), WithJsonSchema({"type": "string", "format": "email"})
]
Url = Annotated[
    str,
    BeforeValidator(check_url),
    WithJsonSchema({"type": "string", "format": "uri", "pattern": "^https?://"}),
]
