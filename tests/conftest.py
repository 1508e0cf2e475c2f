"""Shared test helpers: run the real CLI, write event files."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


@pytest.fixture(scope="session", autouse=True)
def _template_cache(tmp_path_factory: pytest.TempPathFactory):
    """Compiled templates are kept in a folder of this test session, never the user's cache:
    the whole suite runs through the cache (cold, then warm), and nothing leaks out of it."""
    folder = tmp_path_factory.mktemp("cache")
    previous = os.environ.get("RZN_CACHE_DIR")
    os.environ["RZN_CACHE_DIR"] = str(folder)
    yield folder
    if previous is None:
        os.environ.pop("RZN_CACHE_DIR", None)
    else:
        os.environ["RZN_CACHE_DIR"] = previous


@dataclass
class Result:
    code: int
    out: str
    err: str


@pytest.fixture
def rzn(capsys: pytest.CaptureFixture[str]):
    """Run ``rzn ARGS`` in this process (fast), as the console script does."""
    from rzn.cli import main

    def run(*args: str) -> Result:
        capsys.readouterr()
        code = main(list(args))
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return run


def run_subprocess(*args: str, cwd: Path | None = None, **env: str) -> Result:
    """Run ``python -m rzn ARGS`` in a child process, as a user's shell would."""
    environ = {**os.environ, "PYTHONPATH": str(ROOT), **env}
    proc = subprocess.run(
        [sys.executable, "-m", "rzn", *args],
        cwd=cwd,
        env=environ,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    return Result(proc.returncode, proc.stdout, proc.stderr)


@pytest.fixture
def write_event(tmp_path: Path):
    """Write a YAML event file from an indented string; returns its path."""

    def write(text: str, name: str = "event.yaml") -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return path

    return write


MINIMAL = """\
title: RéZolutions numériques test
date: 2027-11-18
format: online
organizers:
  - name: Le Mouvement associatif
    lead: true
online:
  platform: BigBlueButton
  url: https://visio.example.org/rzn
"""

# MINIMAL plus what the vade-mecum rules ask for, so that no rule fires on it: tests of one
# behaviour (settings, output formats, comparisons) see only the findings they provoke. Its
# logos are files of tests/data/logos (write_logos puts them beside the event);
# the lead organiser's flow mapping keeps MINIMAL's line numbers.
QUIET = (
    MINIMAL.replace(
        "  - name: Le Mouvement associatif\n    lead: true\n",
        "  - {name: Le Mouvement associatif, lead: true,\n     logo: logos/association.png}\n",
    )
    + """\
objectives:
  - Faire connaître les outils numériques aux associations du territoire
political_support: [Conseil régional]
partners: [{name: Fondation EDF, role: partner, logo: logos/partenaire.jpg}]
registration_url: https://example.org/inscription
budget:
  lines:
    - {label: Licence de visioconférence, category: videoconference, amount: 100}
program:
  - {start: "09:30", duration: 60, title: Conférence, kind: talk, speakers: [dupont]}
  - {start: "10:30", duration: 15, title: Questions, kind: qa}
  - {start: "10:45", duration: 60, title: Atelier, kind: workshop, speakers: [dupont]}
speakers:
  - {id: dupont, name: Claire Dupont, email: c.dupont@example.org, local: true, referent: Paul}
"""
)


def write_logos(folder: Path) -> None:
    """The logos QUIET names, in ``folder/logos`` (kept when already there)."""
    import shutil

    target = folder / "logos"
    target.mkdir(parents=True, exist_ok=True)
    for name in ("association.png", "partenaire.jpg"):
        if not (target / name).exists():
            shutil.copy(ROOT / "tests" / "data" / "logos" / name, target / name)


def plain(text: str) -> str:
    """A document's text with French no-break spaces read as spaces: for tests about what a
    text says; how it is spaced is tested in tests/render/test_grammar.py and the goldens."""
    return text.replace("\u00a0", " ").replace("\u202f", " ")
