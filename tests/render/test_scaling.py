"""Render time grows about linearly with the programme (issue: 500 workshops took 396 s)."""

import datetime as dt
import time
from pathlib import Path

import pytest

from rzn.render import build_documents
from rzn.render.documents import run_sheet

TODAY = dt.date(2027, 9, 1)
SLOTS = 31
"""Quarter-hour slots between 09:00 and 16:45."""


def event_text(workshops: int) -> str:
    rooms = workshops // SLOTS + 1
    lines = [
        "title: Rencontre test",
        "date: 2027-11-18",
        'start: "09:00"',
        'end: "17:00"',
        "format: in_person",
        "organizers:",
        "  - {name: Le Mouvement associatif, lead: true, email: contact@example.org}",
        "team:",
        "  - {id: theo, name: Théo Marchand, email: t.marchand@example.org}",
        "venue:",
        "  name: Espace Malraux",
        "  address: 1 rue de la Paix, 37300 Joué-lès-Tours",
        "  nearest_station: Tours",
        "  station_walk_minutes: 15",
        "  pmr_accessible: true",
        "  rooms:",
        *(f"    - {{name: Salle {k}, capacity: 30, kind: workshop}}" for k in range(rooms)),
        "program:",
    ]
    for i in range(workshops):
        minute = 9 * 60 + (i % SLOTS) * 15
        lines.append(
            f'  - {{start: "{minute // 60:02d}:{minute % 60:02d}", duration: 15, '
            f"title: Atelier {i}, kind: workshop, speakers: [s{i}], room: Salle {i // SLOTS}}}"
        )
    lines.append("speakers:")
    lines.extend(
        f"  - {{id: s{i}, name: Personne {i}, email: p{i}@example.org, referent: theo}}"
        for i in range(workshops)
    )
    return "\n".join(lines) + "\n"


def build(tmp_path: Path, workshops: int) -> tuple[float, list[str]]:
    path = tmp_path / f"event-{workshops}.yaml"
    path.write_text(event_text(workshops), encoding="utf-8")
    start = time.process_time()
    report, files = build_documents(str(path), TODAY)
    elapsed = time.process_time() - start
    assert not report.failed, [d.message for d in report.diagnostics]
    return elapsed, [f.path for f in files]


def test_workshop_sheets_built_once_per_event(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    calls: list[int] = []
    real = run_sheet._build_sheets

    def counting(event):  # type: ignore[no-untyped-def]
        calls.append(len(event.program))
        return real(event)

    monkeypatch.setattr(run_sheet, "_build_sheets", counting)
    _, files = build(tmp_path, 40)
    # 40 workshop sheets (md + html) and 40 speakers × 4 drafts: built once, read by all.
    assert sum(f.startswith("workshops/") for f in files) == 80
    assert sum(f.startswith("speakers/") for f in files) == 40 * 4 * 2
    assert calls == [40]


def test_render_time_about_linear_in_the_programme(tmp_path: Path):
    build(tmp_path, 10)  # warm the imports and the compiled templates
    small, small_files = build(tmp_path, 60)
    large, large_files = build(tmp_path, 240)
    assert len(large_files) > 3.5 * len(small_files)
    # Four times the programme: linear is 4×, quadratic 16×; leave room for noise.
    assert large < 8 * small, f"60 séquences : {small:.2f} s, 240 : {large:.2f} s"
