"""The event file's JSON Schema: committed copy, descriptions, and the real check-jsonschema."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from rzn.schema import SCHEMA_URL, event_schema, modeline, schema_text
from tests.conftest import EXAMPLES, ROOT

SCHEMA_FILE = ROOT / "schema" / "event.schema.json"
REGENERATE = "python -m rzn schema --output schema/event.schema.json"

# Everything here is accepted by rzn although YAML 1.2 gives it other types than the
# model's: numbers as text and text as numbers, yes/no words, one item for a list.
TRICKY = """\
# yaml-language-server: $schema=../schema/event.schema.json
title: 2027
slug: rzn-2027
date: 2027-11-18
start: 9:30
end: 17h
format: hybrid
region: Bretagne
city: Pontivy
expected_participants: "120"
organizers:
  - name: Le Mouvement associatif Bretagne
    lead: yes
    phone: 0601020304
  - {name: PANA 56, lead: 0}
venue:
  name: Palais des congrès
  address: 1 place des Ducs de Rohan, 56300 Pontivy
  station_walk_minutes: "10"
  pmr_accessible: oui
  projector: 1
  rooms:
    - {name: Auditorium, capacity: "200", kind: plenary}
    - {name: 12, capacity: 30}
online:
  url: https://visio.example.org/rzn
program:
  - {start: "09:30", duration: 30, title: Accueil, kind: welcome}
  - start: 10h
    end: "11:00"
    title: État des lieux
    kind: talk
    speakers: 1
    flow: Une seule étape
    equipment: Micro
speakers:
  - {id: 1, name: Claire Dupont, local: true}
budget:
  lines:
    - {label: Salle, category: venue, amount: 600 €}
    - {label: Repas, category: catering, quantity: "8", unit_cost: "12.50"}
  income:
    - {source: Fondation EDF, amount: 1000, confirmed: no}
  volunteer_hours: "40"
communication:
  mailings: ["30", 15, 7]
check:
  ignore:
    ag-season: "AG déjà passée pour nos membres"
"""


def check_jsonschema(*files: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "check_jsonschema",
            "--schemafile",
            str(SCHEMA_FILE),
            *map(str, files),
        ],
        capture_output=True,
        text=True,
        check=False,
    )


def test_committed_schema_is_up_to_date():
    assert SCHEMA_FILE.read_text(encoding="utf-8") == schema_text(), (
        f"schema/event.schema.json est périmé : régénérez-le avec « {REGENERATE} »."
    )


def _properties(node, where=""):
    if isinstance(node, dict):
        for name, sub in node.get("properties", {}).items():
            yield f"{where}.{name}", sub
            yield from _properties(sub, f"{where}.{name}")
        for key, sub in node.items():
            if key != "properties":
                yield from _properties(sub, where if key != "$defs" else "")
    elif isinstance(node, list):
        for item in node:
            yield from _properties(item, where)


def test_every_field_has_a_french_description():
    fields = list(_properties(event_schema()))
    assert len(fields) > 100
    missing = [name for name, sub in fields if not sub.get("description")]
    assert missing == []
    english_titles = [name for name, sub in fields if "title" in sub and name != ".title"]
    assert english_titles == []


def test_schema_header():
    schema = event_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"] == SCHEMA_URL
    assert schema["additionalProperties"] is False
    assert schema["required"] == ["title", "date", "format", "organizers"]


def test_check_jsonschema_accepts_every_example():
    from rzn.check import discover

    examples = [Path(p) for p in discover([str(EXAMPLES)])]
    assert examples
    result = check_jsonschema(*examples)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == "ok -- validation done\n"


def test_schema_is_a_valid_draft_2020_12_schema():
    result = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--check-metaschema", str(SCHEMA_FILE)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert (result.returncode, result.stdout) == (0, "ok -- validation done\n")


def test_schema_accepts_what_rzn_accepts(rzn, write_event):
    path = write_event(TRICKY)
    result = rzn("check", str(path), "--today", "2027-01-01", "--format", "json")
    import json

    codes = {f["code"] for f in json.loads(result.out)["findings"]}
    assert not {c for c in codes if c < "RZN013"}, result.out  # read and validated by rzn
    checked = check_jsonschema(path)
    assert checked.returncode == 0, checked.stdout + checked.stderr


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("city: Pontivy", "ciyt: Pontivy"), "Additional properties are not allowed ('ciyt'"),
        (("format: hybrid", "format: hybride"), "'hybride' is not one of"),
        (("start: 9:30", "start: midi"), "'midi' does not match"),
        (('capacity: "200"', 'capacity: "deux cents"'), "$.venue.rooms[0].capacity"),
        (("date: 2027-11-18", "date: 18/11/2027"), "'18/11/2027' does not match"),
    ],
    ids=["unknown-key", "enum", "time", "integer-text", "french-date"],
)
def test_schema_refuses_what_rzn_refuses(write_event, change, message):
    old, new = change
    assert old in TRICKY
    path = write_event(TRICKY.replace(old, new))
    result = check_jsonschema(path)
    assert result.returncode == 1
    assert message in result.stdout


def test_modeline():
    assert modeline() == f"# yaml-language-server: $schema={SCHEMA_URL}"
    assert modeline("../schema/event.schema.json") == (
        "# yaml-language-server: $schema=../schema/event.schema.json"
    )
