"""Every field of the format, given a wrong type, is reported at that field.

The base is ``cases/complete-event-accepted.yaml``, which fills every field
the model knows (a test below fails when a new field is not in it). Each
value in turn becomes a table, which no scalar field accepts; the one
finding must be an ``invalid-value`` at that value's path, line and
column, with a message written for people rather than pydantic's English.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import yaml
from pydantic import BaseModel

from rzn.check import CheckOptions, check_loaded
from rzn.diagnostics import format_path
from rzn.load import load_text
from rzn.model.event import Event
from rzn.model.validate import _inner_model
from tests.corpus.test_corpus import CASES

COMPLETE = load_text((CASES / "complete-event-accepted.yaml").read_text(encoding="utf-8")).data
OPTIONS = CheckOptions(today=dt.date(2027, 9, 1))


def _leaves(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    if isinstance(value, dict):
        return [leaf for key, item in value.items() for leaf in _leaves(item, (*path, key))]
    if isinstance(value, list):
        return [leaf for i, item in enumerate(value) for leaf in _leaves(item, (*path, i))]
    return [path]


def _fields(model: Any, prefix: tuple[str, ...] = ()) -> set[tuple[str, ...]]:
    out = set()
    for name, field in model.model_fields.items():
        out.add((*prefix, name))
        inner = _inner_model(field.annotation)
        if isinstance(inner, type) and issubclass(inner, BaseModel):
            out |= _fields(inner, (*prefix, name))
    return out


def _replaced(value: Any, path: tuple[Any, ...], new: Any) -> Any:
    if not path:
        return new
    copy = dict(value) if isinstance(value, dict) else list(value)
    copy[path[0]] = _replaced(value[path[0]], path[1:], new)
    return copy


def test_complete_event_fills_every_field_of_the_model():
    written = {tuple(p for p in leaf if isinstance(p, str)) for leaf in _leaves(COMPLETE)}
    prefixes = {leaf[:n] for leaf in written for n in range(1, len(leaf) + 1)}
    assert _fields(Event) - prefixes == set()


@pytest.mark.parametrize("leaf", _leaves(COMPLETE), ids=format_path)
def test_wrong_type_is_reported_at_the_field(leaf):
    text = yaml.safe_dump(_replaced(COMPLETE, leaf, {"faux": "type"}), allow_unicode=True)
    loaded = load_text(text, "event.yaml")
    findings = check_loaded(loaded, OPTIONS).diagnostics
    assert [(d.rule, d.path, (d.line, d.column)) for d in findings] == [
        ("invalid-value", format_path(leaf), loaded.source.positions[leaf])
    ]
    # Not the catch-all that quotes pydantic's English message.
    assert not findings[0].message.startswith("Valeur invalide à "), findings[0].message
