import contextlib
import datetime as dt
import re
from collections.abc import Iterator
from decimal import Decimal
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rzn.render import french
from tests.conftest import EXAMPLES


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


# The patterns typography was first written with: plain, and slow on long texts (they are
# tried at every position). The fast form must give the same text, always.
_S = "[ \t\u00a0\u202f]"
_REFERENCE = (
    (re.compile(_S + r"+:(?=\s|$|<|\*|_|\))", re.MULTILINE), NBSP + ":"),
    (re.compile(_S + r"+([;!?])(?=\s|$|<|\*|_|\)|»|[!?])", re.MULTILINE), NNBSP + r"\1"),
    (re.compile(_S + "*»"), NNBSP + "»"),
    (re.compile("«" + _S + "*"), "«" + NNBSP),
    (re.compile(r"(?<=\d) (?=(?:€|%|h\b|min\b))"), NBSP),
    (re.compile(r"(?<=\d\u00a0h) (?=\d\d\b)"), NBSP),
)


def reference_typography(text: str) -> str:
    for pattern, replacement in _REFERENCE:
        text = pattern.sub(replacement, text)
    return text


_TRICKY = st.text(
    st.sampled_from(list(" \t\n\u00a0\u202f:;!?«»<*_)€%hmin0123456789a.é")), max_size=60
)
"""Texts made of what the patterns look at, so runs, neighbours and overlaps all occur."""


@settings(max_examples=3000, deadline=None)
@given(_TRICKY)
def test_typography_equals_the_reference_patterns(text: str) -> None:
    assert french.typography(text) == reference_typography(text)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["9 h 30", " : ", " ! ", "« a »", "12 €", " ;", "\n"])))
def test_typography_equals_the_reference_on_french_phrases(phrases: list[str]) -> None:
    text = "x".join(phrases)
    assert french.typography(text) == reference_typography(text)


@pytest.fixture(scope="module")
def rendered_texts() -> Iterator[list[str]]:
    """Every text the examples pass to ``typography`` while their documents are built."""
    from rzn.render import build_documents

    texts: list[str] = []
    real = french.typography

    def spy(text: str) -> str:
        texts.append(text)
        return real(text)

    users = ("context", "ical", "documents.form_imports", "french")
    with contextlib.ExitStack() as patches:
        for user in users:
            patches.enter_context(mock.patch(f"rzn.render.{user}.typography", spy))
        for event in sorted(EXAMPLES.glob("*/event.yaml")):
            report, _ = build_documents(str(event), dt.date(2027, 9, 1))
            assert not report.failed
    yield texts


def test_typography_equals_the_reference_on_every_text_the_examples_render(
    rendered_texts: list[str],
) -> None:
    assert len(rendered_texts) > 400
    for text in rendered_texts:
        assert french.typography(text) == reference_typography(text)
