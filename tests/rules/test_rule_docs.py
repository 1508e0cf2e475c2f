"""Each rule's docstring is its documentation: its shape, and its examples really work."""

from __future__ import annotations

import re
from typing import Any

import pytest

from rzn.load import load_text
from rzn.model.validate import validate
from rzn.rules.registry import RETIRED, Rule, all_rules, event_rules
from tests.rules.harness import (
    DOC_BASE,
    SECTIONS,
    doc_example,
    merge,
    read_file,
    read_yaml,
    run_rule,
    sections,
)

RULES = list(all_rules().values())
EVENT_RULES = list(event_rules())
FILE_RULES = [rule for rule in RULES if rule.check is None]
EXAMPLES = [("Exemple qui échoue", True), ("Exemple qui passe", False)]


def test_there_are_rules_of_both_kinds():
    assert len(EVENT_RULES) >= 30
    assert {rule.scope for rule in FILE_RULES} <= {"file", "project"}


def test_codes_are_unique_well_formed_and_never_retired():
    codes = [rule.code for rule in RULES]
    assert sorted(set(codes)) == sorted(codes)
    assert [c for c in codes if not re.fullmatch(r"RZN\d{3}", c)] == []
    assert [c for c in codes if c in RETIRED] == []


def test_names_are_kebab_case():
    assert [r.name for r in RULES if not re.fullmatch(r"[a-z]+(-[a-z]+)*", r.name)] == []


def test_every_rule_registered_once_under_its_own_name():
    assert [(name, rule.name) for name, rule in all_rules().items() if name != rule.name] == []


@pytest.mark.parametrize("rule", RULES, ids=lambda r: f"{r.code}-{r.name}")
def test_doc_has_a_summary_and_the_four_sections_in_order(rule: Rule):
    assert rule.summary.endswith("."), rule.summary
    assert rule.doc.split("\n")[1] == "", "a blank line after the summary"
    found = sections(rule.doc)
    assert tuple(found) == SECTIONS
    assert [title for title, text in found.items() if not text.strip()] == []


@pytest.mark.parametrize("rule", EVENT_RULES, ids=lambda r: f"{r.code}-{r.name}")
def test_event_rule_quotes_the_vademecum(rule: Rule):
    why = sections(rule.doc)["Pourquoi"]
    assert "vade-mecum" in why
    assert re.search(r"« [^»]+ »", why), "quote the vade-mecum sentence in « »"


DOC_BASE_DATA = read_file(DOC_BASE)


@pytest.mark.parametrize(
    ("rule", "section", "fails"),
    [(rule, section, fails) for rule in EVENT_RULES for section, fails in EXAMPLES],
    ids=lambda value: value.name if isinstance(value, Rule) else str(value),
)
def test_event_rule_examples_do_what_they_say(rule: Rule, section: str, fails: bool):
    example = doc_example(rule, section)
    assert example.yaml_text is not None, f"{section}: add a ```yaml block"
    patch: Any = read_yaml(example.yaml_text, f"{rule.name}: {section}")
    # An example made only of comments says "this key is absent".
    assert patch is None or isinstance(patch, dict)
    data = merge(DOC_BASE_DATA, patch or {})
    assert bool(run_rule(rule, data, example.today).findings) is fails


def _file_rules_found(text: str) -> set[str]:
    loaded = load_text(text)
    if loaded.problems:
        return {problem.rule for problem in loaded.problems}
    _, problems = validate(loaded)
    return {problem.rule for problem in problems}


# Found by the engine from settings or by comparing several files: their documented examples
# are run by tests/test_config.py and tests/test_project.py.
ENGINE_RULES = {"unknown-rule", "unused-ignore"}

FILE_EXAMPLES = [
    (rule, section, fails)
    for rule in FILE_RULES
    if rule.scope == "file" and rule.name not in ENGINE_RULES
    for section, fails in EXAMPLES
    if doc_example(rule, section).yaml_text is not None
]


@pytest.mark.parametrize(
    ("rule", "section", "fails"),
    FILE_EXAMPLES,
    ids=lambda value: value.name if isinstance(value, Rule) else str(value),
)
def test_file_rule_yaml_examples_do_what_they_say(rule: Rule, section: str, fails: bool):
    text = doc_example(rule, section).yaml_text
    assert text is not None
    assert (rule.name in _file_rules_found(text)) is fails
