"""``rzn schema``."""

from __future__ import annotations

import json

from tests.conftest import ROOT, run_subprocess

COMMITTED = (ROOT / "schema" / "event.schema.json").read_text(encoding="utf-8")


def test_schema_prints_the_committed_schema(rzn):
    result = rzn("schema")
    assert (result.code, result.err) == (0, "")
    assert result.out == COMMITTED
    assert json.loads(result.out)["title"] == "Fichier d'événement rzn (RéZolutions numériques)"


def test_schema_output_writes_utf8_file(rzn, tmp_path):
    target = tmp_path / "event.schema.json"
    result = rzn("schema", "--output", str(target))
    assert (result.code, result.out, result.err) == (0, "", "")
    assert target.read_bytes() == COMMITTED.encode("utf-8")


def test_schema_output_in_a_missing_folder_is_exit_2(tmp_path):
    target = tmp_path / "absent" / "event.schema.json"
    result = run_subprocess("schema", "-o", str(target))
    assert (result.code, result.out) == (2, "")
    assert result.err == (
        f"rzn : {target} : le dossier n'existe pas. Créez-le d'abord, ou choisissez un autre "
        "chemin.\n"
    )
