"""Every event rule, tested from the data cases in ``cases/<rule-name>.yaml``.

A case file is a list of cases::

    - name: what the case shows
      today: 2027-10-01        # optional, default 2027-09-01
      remove: [venue.rooms]    # optional, dotted keys deleted from the base first
      patch:                   # merged onto base-event.yaml: mappings merge, lists replace
        venue: {projector: false}
      fails: true              # does the rule fire?
      findings:                # optional: the exact findings, in order
        - {path: venue.projector, message: "..."}

Adding a case needs no code.
"""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

import pytest

from rzn.rules.registry import event_rules, find
from tests.rules.harness import BASE, CASES, TODAY, merge, read_file, remove, run_rule

_CASE_KEYS = {"name", "today", "remove", "patch", "fails", "findings"}
_BOOLEANS = {"true": True, "false": False}


def _load_cases() -> list[Any]:
    params = []
    for path in sorted(CASES.glob("*.yaml")):
        cases = read_file(path)
        assert isinstance(cases, list), f"{path.name}: a list of cases is expected"
        for case in cases:
            params.append(pytest.param(path.stem, case, id=f"{path.stem}::{case.get('name')}"))
    return params


ALL_CASES = _load_cases()
BASE_DATA = read_file(BASE)


@pytest.mark.parametrize(("rule_name", "case"), ALL_CASES)
def test_rule_case(rule_name: str, case: dict[str, Any]) -> None:
    assert set(case) <= _CASE_KEYS, f"unknown keys: {set(case) - _CASE_KEYS}"
    assert case["fails"] in _BOOLEANS, "fails: true or false"
    rule = find(rule_name)
    assert rule is not None, f"no rule named {rule_name}"
    data = copy.deepcopy(BASE_DATA)
    for dotted in case.get("remove") or []:
        remove(data, dotted)
    data = merge(data, case.get("patch") or {})
    today = dt.date.fromisoformat(case["today"]) if "today" in case else TODAY
    outcome = run_rule(rule, data, today)
    assert bool(outcome.findings) is _BOOLEANS[case["fails"]], outcome.located
    if "findings" in case:
        assert outcome.located == [(f["path"], f["message"]) for f in case["findings"]]


def test_base_event_passes_every_rule() -> None:
    for rule in event_rules():
        assert run_rule(rule, copy.deepcopy(BASE_DATA)).located == [], rule.name


@pytest.mark.parametrize("rule", list(event_rules()), ids=lambda r: r.name)
def test_every_event_rule_has_failing_and_passing_cases(rule: Any) -> None:
    path = CASES / f"{rule.name}.yaml"
    assert path.exists(), f"add {path.name} with failing and passing cases"
    outcomes = {case["fails"] for case in read_file(path)}
    assert outcomes == {"true", "false"}, f"{path.name} needs both fails: true and fails: false"


def test_every_case_file_names_an_event_rule() -> None:
    names = {rule.name for rule in event_rules()}
    assert sorted(p.stem for p in CASES.glob("*.yaml") if p.stem not in names) == []


def test_every_failing_case_file_shows_its_messages() -> None:
    # Messages are the user interface: each rule shows at least one in full.
    missing = [
        path.stem
        for path in sorted(CASES.glob("*.yaml"))
        if not any(case["fails"] == "true" and "findings" in case for case in read_file(path))
    ]
    assert missing == []
