"""The JSON Schema of the event file, for editors and ``check-jsonschema``.

Generated from the pydantic model (:class:`rzn.model.event.Event`), whose
French field descriptions become the editors' hover help, then widened to
accept everything rzn accepts. rzn reads every YAML value as the text the
user wrote and the model decides what it means, whereas an editor or
``check-jsonschema`` parses YAML 1.2 first: ``capacity: "200"`` is a
string, ``phone: 0601020304`` a number, ``start: 9:30`` a string. So:

- integers also accept digit strings; decimals and amounts, numbers or
  strings (``"12.50"``, ``"600 €"``);
- plain text also accepts numbers and booleans (``title: 2027``), and
  yes/no answers also accept 0 and 1;
- dates and times are strings with rzn's own patterns (``2027-1-5``,
  ``9h30``), not the stricter ``format: date``;
- ``speakers``, ``flow`` and ``equipment`` accept one item without a list.

The schema may accept a little more than rzn (it does not check that a
date exists, or the vade-mecum rules): ``rzn check`` has the last word.

The committed copy is ``schema/event.schema.json``; regenerate it after any
change to the model with::

    python -m rzn schema --output schema/event.schema.json

A test fails while the committed copy is stale.
"""

from __future__ import annotations

import copy
import json
import re
from typing import Any

SCHEMA_URL = "https://raw.githubusercontent.com/rzn-org/rzn/main/schema/event.schema.json"
"""Where the schema is published: the committed ``schema/event.schema.json``
of the main branch. Editors fetch it from the modeline :func:`modeline` writes."""

DRAFT = "https://json-schema.org/draft/2020-12/schema"

_INTEGER_TEXT = r"^\s*[+-]?\d[\d_]*\s*$"
_DECIMAL_TEXT = r"^\s*[+-]?(\d[\d_]*)?(\.\d*)?([eE][+-]?\d+)?\s*$"
# How pydantic writes a Decimal given as text; rzn also accepts spaces, _ and exponents.
_PYDANTIC_DECIMAL = r"^(?!^[-+.]*$)[+-]?0*\d*\.?\d*$"
_DATE_TEXT = r"^\s*\d{4}-\d{1,2}-\d{1,2}\s*$"
# Lists whose model accepts one bare item (a ``mode="before"`` validator).
_ONE_OR_MANY = {"ProgramItem": ("speakers", "flow", "equipment")}


def modeline(url: str = SCHEMA_URL) -> str:
    """The first line ``rzn init`` writes in an event file, so editors validate as you type.

    ``url`` may also be a path relative to the event file (for a repository
    that keeps its own copy, e.g. ``../schema/event.schema.json``).
    """
    return f"# yaml-language-server: $schema={url}"


def event_schema() -> dict[str, Any]:
    """The event file's JSON Schema (draft 2020-12), with French descriptions."""
    from rzn.model.event import Event

    generated = Event.model_json_schema(mode="validation")
    schema: dict[str, Any] = {
        "$schema": DRAFT,
        "$id": SCHEMA_URL,
        "title": "Fichier d'événement rzn (RéZolutions numériques)",
        "description": (
            "Une rencontre RéZolutions numériques, telle que « rzn check » la vérifie. "
            "Documentation des règles : « rzn rules »."
        ),
    }
    body = _widen(copy.deepcopy(generated))
    for name, fields in _ONE_OR_MANY.items():
        properties = body["$defs"][name]["properties"]
        for field in fields:
            listed = properties[field]
            properties[field] = {
                "description": listed.pop("description"),
                "anyOf": [listed, listed["items"]],
            }
    schema.update(body)
    return schema


def schema_text() -> str:
    """The schema as written to ``schema/event.schema.json`` (stable, UTF-8, final newline)."""
    return json.dumps(event_schema(), ensure_ascii=False, indent=2) + "\n"


def _widen(node: Any) -> Any:
    if isinstance(node, list):
        return [_widen(item) for item in node]
    if not isinstance(node, dict):
        return node
    out: dict[str, Any] = {}
    for key, value in node.items():
        if key == "title":
            continue  # pydantic's English titles ("Expected Participants"); descriptions say it
        if key in ("properties", "$defs"):
            out[key] = {name: _widen(sub) for name, sub in value.items()}
        elif key == "default" and isinstance(value, str):
            out[key] = re.sub(r"^(\d\d:\d\d):00$", r"\1", value)  # times as people write them
        else:
            out[key] = _widen(value)
    kind = out.get("type")
    if kind == ["boolean", "string"]:
        # rzn reads 1 and 0 as yes and no too; YAML 1.2 parses them as integers.
        return {**out, "type": ["boolean", "string", "integer"], "minimum": 0, "maximum": 1}
    if kind == "integer":
        return _either(out, {"type": "integer"}, {"type": "string", "pattern": _INTEGER_TEXT})
    if kind == "string" and out.get("format") == "date":
        del out["format"]
        out["pattern"] = _DATE_TEXT
    elif kind == "string" and out.get("format") == "uri":
        del out["format"]  # rzn's own rule is the pattern (http:// or https://, no spaces)
    elif kind == "string" and out.get("pattern") == _PYDANTIC_DECIMAL:
        out["pattern"] = _DECIMAL_TEXT
    elif kind == "string" and not {"format", "pattern", "enum", "const"} & out.keys():
        out["type"] = ["string", "number", "boolean"]
    return out


def _either(node: dict[str, Any], *branches: dict[str, Any]) -> dict[str, Any]:
    """``node`` as an ``anyOf`` of ``branches``, keeping its bounds on the numeric branch."""
    bounds = {k: node.pop(k) for k in ("minimum", "maximum") if k in node}
    node.pop("type")
    node["anyOf"] = [{**branches[0], **bounds}, *branches[1:]]
    return node
