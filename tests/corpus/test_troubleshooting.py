"""docs/troubleshooting.md stays true: its limits, its limit messages, its quoted messages."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

from rzn.load.limits import LIMITS
from rzn.rules.registry import all_rules
from tests.corpus.test_corpus import BASE, CASES, EXPECTED, TODAY, _parse

DOC = (Path(__file__).parents[2] / "docs" / "troubleshooting.md").read_text(encoding="utf-8")


def _section(title: str) -> str:
    start = DOC.index(f"## {title}")
    end = DOC.find("\n## ", start + 1)
    return DOC[start : end if end != -1 else None]


def _text_blocks(section: str) -> list[str]:
    return [
        line
        for block in re.findall(r"```text\n(.*?)```", section, re.S)
        for line in block.splitlines()
    ]


def test_documented_limits_are_the_limits_in_the_code():
    rows = re.findall(r"^\| [^|]+ \| ([\d ]+)[^|]*\| `(\w+)` \|$", _section("Limites"), re.M)
    documented = {name: int(value.replace(" ", "")) for value, name in rows}
    assert documented == dataclasses.asdict(LIMITS)


ITEM = '  - {start: "09:00", duration: 1, title: Minute, kind: talk}\n'
TRIGGERS = {
    "max_bytes": b"x" * 2_500_000,
    "max_depth": ("title: " + "[" * 100 + "]" * 100 + "\n").encode(),
    "max_aliases": (
        BASE
        + "objectives: &o Outiller les associations\npolitical_support: ["
        + ", ".join(["*o"] * 201)
        + "]\n"
    ).encode(),
    "max_nodes": (CASES / "alias-bomb-billion-laughs.yaml").read_bytes(),
    "max_program_items": (BASE + "program:\n" + ITEM * 501).encode(),
}


@pytest.mark.parametrize("limit", sorted(TRIGGERS))
def test_documented_limit_message_is_what_rzn_prints(limit, rzn, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("evenement.yaml").write_bytes(TRIGGERS[limit])
    result = rzn("check", "evenement.yaml", "--today", TODAY)
    first = result.out.splitlines()[0]
    assert first in _text_blocks(_section("Limites"))


OTHER_FILES = {
    # Files other than the event file: their refusals are tested in tests/test_hostile_inputs.py.
    "max_export_bytes",
    "max_calendar_bytes",
    "max_settings_bytes",
    "max_template_bytes",
    "max_state_bytes",
}


def test_every_limit_has_a_documented_message():
    assert set(TRIGGERS) | OTHER_FILES == {field.name for field in dataclasses.fields(LIMITS)}


def test_documented_agenda_message_is_what_rzn_prints(rzn, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("evenement.yaml").write_text(BASE, encoding="utf-8")
    with open("agenda.ics", "wb") as handle:
        handle.truncate(60_000_000)  # sparse: the size alone is refused
    result = rzn("check", "evenement.yaml", "--calendar", "agenda.ics", "--today", TODAY)
    assert result.code == 2
    assert result.err.rstrip("\n") in _text_blocks(_section("Limites"))


def test_quoted_messages_are_real_messages_of_the_corpus():
    corpus = {
        _parse(finding)[2:] for case in EXPECTED.values() for finding in case.get("findings", [])
    }
    codes = {name: rule.code for name, rule in all_rules().items()}
    quoted = [
        line
        for line in _text_blocks(_section("Erreurs fréquentes et comment les corriger"))
        if not line.startswith("rzn : ")
    ]
    assert len(quoted) >= 30
    for line in quoted:
        match = re.fullmatch(r"erreur (RZN\d+) \[([a-z-]+)\] (.+)", line)
        assert match is not None, line
        assert codes[match[2]] == match[1], line
        assert (match[2], match[3]) in corpus, line
