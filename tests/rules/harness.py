"""Run one rule on an event built from a base file and a patch.

Case files and documentation examples are read with rzn's own loader, so a
patch means what it would mean in an event file (``9:30`` is a time, ``no``
is text); the merged event is written back to YAML and loaded again, so
findings are located exactly as ``rzn check`` would locate them.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from rzn.diagnostics import format_path
from rzn.load import load_text
from rzn.load.yaml_tree import parse
from rzn.model.validate import validate
from rzn.rules.registry import Finding, Rule, RuleContext

HERE = Path(__file__).parent
CASES = HERE / "cases"
BASE = HERE / "base-event.yaml"
DOC_BASE = HERE / "doc-base-event.yaml"
TODAY = dt.date(2027, 9, 1)
"""Before every base date and mailing: no date rule fires unless a case says so."""


def read_yaml(text: str, name: str) -> Any:
    tree = parse(text)
    assert tree.problems == [], f"{name}: {[p.message for p in tree.problems]}"
    return tree.data


def read_file(path: Path) -> Any:
    return read_yaml(path.read_text(encoding="utf-8"), path.name)


def merge(base: Any, patch: Any) -> Any:
    """Mappings merge key by key; anything else (lists included) replaces."""
    if isinstance(base, dict) and isinstance(patch, dict):
        out = dict(base)
        for key, value in patch.items():
            out[key] = merge(base[key], value) if key in base else value
        return out
    return patch


def remove(data: dict[str, Any], dotted: str) -> None:
    """Delete ``venue.rooms`` or ``speakers.0.email`` from ``data``."""
    *parents, last = dotted.split(".")
    node: Any = data
    for part in parents:
        node = node[int(part)] if isinstance(node, list) else node[part]
    if isinstance(node, list):
        del node[int(last)]
    else:
        del node[last]


@dataclass
class Outcome:
    findings: list[Finding]
    located: list[tuple[str, str]]
    """``(path, message)`` of each finding, as ``rzn check`` prints them."""


def run_rule(rule: Rule, data: dict[str, Any], today: dt.date = TODAY) -> Outcome:
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)
    loaded = load_text(text, "event.yaml")
    assert loaded.problems == []
    event, problems = validate(loaded)
    assert event is not None, "event not valid:\n" + "\n".join(
        f"{p.line}:{p.column} {format_path(p.path)}: {p.message}" for p in problems
    )
    assert rule.check is not None
    findings = list(rule.check(RuleContext(event, loaded.source, today)))
    for finding in findings:
        if not finding.key:
            # A finding about a value must point at a value the file holds.
            assert finding.path in loaded.source.positions, finding
    return Outcome(findings, [(format_path(f.path), f.message) for f in findings])


_TODAY = re.compile(r"--today (\d{4}-\d{2}-\d{2})")
_SECTION = re.compile(r"^## (.+)$", re.MULTILINE)
_BLOCK = re.compile(r"```yaml\n(.*?)```", re.DOTALL)

SECTIONS = ("Ce que la règle vérifie", "Pourquoi", "Exemple qui échoue", "Exemple qui passe")


def sections(doc: str) -> dict[str, str]:
    """``## Title`` → the text under it, in order."""
    parts = _SECTION.split(doc)
    return {parts[i].strip(): parts[i + 1] for i in range(1, len(parts) - 1, 2)}


@dataclass
class DocExample:
    yaml_text: str | None
    today: dt.date


def doc_example(rule: Rule, section: str) -> DocExample:
    body = sections(rule.doc)[section]
    block = _BLOCK.search(body)
    before = body[: block.start()] if block else body
    found = _TODAY.search(before)
    today = dt.date.fromisoformat(found.group(1)) if found else TODAY
    return DocExample(block.group(1) if block else None, today)
