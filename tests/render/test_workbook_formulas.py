"""budget.xlsx: formulas stored exactly as XlsxWriter itself would prepare them."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from xlsxwriter.worksheet import Worksheet

from rzn.check import CheckOptions, check_file
from rzn.plan import build_plan
from rzn.render.documents import budget_xlsx
from rzn.render.documents.workbook import PlainFormulas
from tests.conftest import EXAMPLES


def _prepared(sheet: Worksheet, formula: str) -> str:
    return sheet._prepare_formula(formula)


@pytest.mark.parametrize("name", sorted(p.parent.name for p in EXAMPLES.glob("*/event.yaml")))
def test_every_formula_of_the_examples_is_prepared_as_xlsxwriter_does(name, monkeypatch):
    today = dt.date(2027, 9, 1)
    event = check_file(str(EXAMPLES / name / "event.yaml"), CheckOptions(today=today)).event
    assert event is not None
    seen: list[str] = []
    fast = PlainFormulas._prepare_formula

    def spy(self, formula, expand_future_functions=False):
        seen.append(formula)
        return fast(self, formula, expand_future_functions)

    monkeypatch.setattr(PlainFormulas, "_prepare_formula", spy)
    budget_xlsx.budget_xlsx(event, build_plan(event, today).budget)
    assert len(seen) > 20
    plain = [f for f in seen if f.startswith("=") and "_xlfn" not in f]
    assert len(plain) == len(seen)
    for formula in seen:
        assert fast(PlainFormulas(), formula) == _prepared(Worksheet(), formula)


_PIECES = st.sampled_from(
    [
        "SUM(", "SUMIF(", "ROUND(", "IF(", "FILTER(", "X.SORT(", "ASINGLE(", "LAMBDA(", "_xlfn.",
        "MAP(", "XSUM(", "sum(", ")", ",", "E3:E9", "'Cerfa 12156'!E5", '"acquis"', '"(x)"',
        "+", "-", "<0", " ", "{", "}", "2",
    ]
)  # fmt: skip


@settings(max_examples=500, deadline=None)
@given(st.lists(_PIECES, max_size=8).map("".join), st.sampled_from(["=", "", "{="]))
def test_any_formula_is_prepared_as_xlsxwriter_does(body, start):
    formula = start + body
    assert _prepared(PlainFormulas(), formula) == _prepared(Worksheet(), formula)
