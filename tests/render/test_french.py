import datetime as dt
from decimal import Decimal

from rzn.render import french


def test_day_long_uses_french_names_and_premier():
    assert french.day_long(dt.date(2027, 11, 18)) == "jeudi 18 novembre 2027"
    assert french.day_long(dt.date(2027, 11, 1)) == "lundi 1er novembre 2027"


NBSP, NNBSP = "\u00a0", "\u202f"


def test_hour_reads_like_prose_and_never_breaks():
    assert french.hour(dt.time(9, 30)) == f"9{NBSP}h{NBSP}30"
    assert french.hour(dt.time(14, 0)) == f"14{NBSP}h"
    assert french.hhmm(dt.time(9, 5)) == "09:05"


def test_money_groups_thousands_with_a_narrow_no_break_space():
    assert french.money(Decimal("1234.5")) == f"1{NNBSP}234,50{NBSP}€"
    assert french.money(0) == f"0,00{NBSP}€"
    assert french.money(Decimal("-1234567.891")) == f"-1{NNBSP}234{NNBSP}567,89{NBSP}€"
    assert french.number(Decimal("12.02"), 2) == "12,02"
    assert french.number(Decimal("0.5")) == "1"
    assert french.percent(70) == f"70{NBSP}%"


def test_minutes():
    assert [french.minutes(m) for m in (45, 60, 90)] == [
        f"45{NBSP}min",
        f"1{NBSP}h",
        f"1{NBSP}h{NBSP}30",
    ]


def test_typography_puts_no_break_spaces_where_french_wants_them():
    text = "Objet : venez ! Pourquoi ? Oui ; « RéZolutions » à 9 h 30, 70 % et 12 €"
    assert french.typography(text) == (
        f"Objet{NBSP}: venez{NNBSP}! Pourquoi{NNBSP}? Oui{NNBSP}; «{NNBSP}RéZolutions{NNBSP}» "
        f"à 9{NBSP}h{NBSP}30, 70{NBSP}% et 12{NBSP}€"
    )
    assert french.typography("«RéZolutions»") == f"«{NNBSP}RéZolutions{NNBSP}»"


def test_typography_leaves_links_times_and_markdown_alone():
    text = "https://example.org/a?b=1 09:30 | :--- | a:hover !important"
    assert french.typography(text) == text
