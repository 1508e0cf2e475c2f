import datetime as dt
from decimal import Decimal

from rzn.render import french


def test_day_long_uses_french_names_and_premier():
    assert french.day_long(dt.date(2027, 11, 18)) == "jeudi 18 novembre 2027"
    assert french.day_long(dt.date(2027, 11, 1)) == "lundi 1er novembre 2027"


def test_hour_reads_like_prose():
    assert french.hour(dt.time(9, 30)) == "9 h 30"
    assert french.hour(dt.time(14, 0)) == "14 h"
    assert french.hhmm(dt.time(9, 5)) == "09:05"


def test_money_groups_thousands_and_uses_comma():
    assert french.money(Decimal("1234.5")) == "1 234,50 €"
    assert french.money(0) == "0,00 €"
    assert french.money(Decimal("-1234567.891")) == "-1 234 567,89 €"
    assert french.number(Decimal("12.02"), 2) == "12,02"


def test_minutes():
    assert [french.minutes(m) for m in (45, 60, 90)] == ["45 min", "1 h", "1 h 30"]
