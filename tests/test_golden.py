"""Golden files: each example's rendered documents, committed as expected output.

Whatever documents are registered are compared, so a new document (or a
changed one) fails here until the golden files are regenerated and the
difference reviewed in the commit:

    RZN_UPDATE_GOLDEN=1 python -m pytest tests/test_golden.py

See tests/golden/README.md.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, ROOT

GOLDEN = ROOT / "tests" / "golden"
TODAY = dt.date(2027, 9, 1)
"""Fixed, so statuses ("en retard") and DTSTAMP do not move with the calendar."""
UPDATE = bool(os.environ.get("RZN_UPDATE_GOLDEN"))

_HINT = "RZN_UPDATE_GOLDEN=1 python -m pytest tests/test_golden.py"
EXAMPLE_NAMES = sorted(p.parent.name for p in EXAMPLES.glob("*/event.yaml"))


def _rendered(name: str) -> dict[str, bytes]:
    from rzn.render import build_documents

    report, files = build_documents(str(EXAMPLES / name / "event.yaml"), TODAY)
    assert not report.failed, report.diagnostics
    return {f.path: f.content for f in files}


def _stored(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_every_example_has_golden_files():
    assert EXAMPLE_NAMES, "aucun exemple dans examples/"
    folders = sorted(p.name for p in GOLDEN.iterdir() if p.is_dir())
    if UPDATE:
        for stale in set(folders) - set(EXAMPLE_NAMES):
            shutil.rmtree(GOLDEN / stale)
        folders = [f for f in folders if f in EXAMPLE_NAMES]
    missing = set(EXAMPLE_NAMES) - set(folders)
    assert not missing or UPDATE, f"{sorted(missing)} : régénérez avec {_HINT}"
    assert not set(folders) - set(EXAMPLE_NAMES), f"dossiers en trop : régénérez avec {_HINT}"


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_rendered_documents_match_golden_files(name: str) -> None:
    rendered = _rendered(name)
    folder = GOLDEN / name
    if UPDATE:
        shutil.rmtree(folder, ignore_errors=True)
        for path, content in rendered.items():
            target = folder / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)
    stored = _stored(folder)
    hint = f"régénérez avec {_HINT}"
    assert sorted(stored) == sorted(rendered), hint
    for path, content in rendered.items():
        assert content == stored[path], f"{name}/{path} a changé : {hint}"
