"""Events for the plan and render tests, built from small dictionaries."""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from rzn.model.event import Event

BASE: dict[str, Any] = {
    "title": "RéZolutions numériques test",
    "date": "2027-11-18",
    "organizers": [{"name": "Le Mouvement associatif", "lead": True}],
}

FORMATS: dict[str, dict[str, Any]] = {
    "in_person": {
        "format": "in_person",
        "venue": {"name": "Espace Malraux", "pmr_accessible": True, "nearest_station": "Tours"},
    },
    "online": {
        "format": "online",
        "online": {"platform": "BigBlueButton", "url": "https://visio.example.org/rzn"},
    },
    "hybrid": {
        "format": "hybrid",
        "venue": {"name": "Espace Malraux", "pmr_accessible": True, "nearest_station": "Tours"},
        "online": {"platform": "BigBlueButton", "url": "https://visio.example.org/rzn"},
    },
}


def data(fmt: str = "in_person", **fields: Any) -> dict[str, Any]:
    return {**BASE, **FORMATS[fmt], **fields}


def event(fmt: str = "in_person", **fields: Any) -> Event:
    return Event.model_validate(data(fmt, **fields))


def write(tmp_path: Path, fmt: str = "in_person", name: str = "event.yaml", **fields: Any) -> Path:
    """The same event as a YAML file, for tests that go through loading and checking."""
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data(fmt, **fields), allow_unicode=True), encoding="utf-8")
    return path


def render(path: Path, today: dt.date, templates: tuple[str, ...] = ()) -> dict[str, bytes]:
    """Every document of the event, in memory, by path."""
    from rzn.render import build_documents

    report, files = build_documents(str(path), today, templates)
    assert not report.failed, report.diagnostics
    return {f.path: f.content for f in files}


def vademecum_text() -> str:
    """The vade-mecum as one line of plain words, to check that quotes are verbatim.

    It is not rzn's text, so it is not in the repository: it lives in a `shared/`
    folder beside it, or where RZN_VADEMECUM says (README, "Démarrer"); without
    it the quoting tests are skipped.
    """
    root = Path(__file__).resolve().parents[2]
    name = "vademecum-rezolutions-numeriques-2021.md"
    given = os.environ.get("RZN_VADEMECUM")
    if given and not Path(given).is_file():
        pytest.fail(f"RZN_VADEMECUM={given} : fichier introuvable")
    candidates = [Path(given)] if given else []
    for folder in (root.parent / "shared", root.parent.parent / "shared"):
        candidates.append(folder / name)
    for path in candidates:
        if path.is_file():
            text = path.read_text(encoding="utf-8")
            text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)  # [ici](#) → ici
            return " ".join(text.replace("*", "").split())  # no emphasis markers
    pytest.skip("vade-mecum introuvable (../shared/ ou RZN_VADEMECUM, voir le README)")
