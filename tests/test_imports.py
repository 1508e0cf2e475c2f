"""Guards of the fast path: what ``rzn check`` imports, and the benchmark that measures it.

``rzn check`` runs in pre-commit hooks and CI many times a day. jinja2,
icalendar, babel and rich cost 20 to 130 ms each to import and are only
needed to render documents or to colour a terminal, so a check whose
output goes to a pipe must never import them; ``rzn --help`` must not even
build the event model or load YAML. These tests are not timed:
they fail on the import itself, which is what makes the time regress.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import MINIMAL, ROOT

HEAVY = ("jinja2", "icalendar", "babel", "rich")


def imported_packages(*args: str, cwd: Path) -> tuple[set[str], subprocess.CompletedProcess[str]]:
    """Top-level packages imported by ``python -m rzn ARGS``, stdout to a pipe (not a terminal)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("PYTHONIMPORTTIME", None)
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "rzn", *args],
        cwd=cwd,
        env=env,
        capture_output=True,  # stdout is a pipe, as in CI and pre-commit: no terminal
        text=True,
        encoding="utf-8",
        check=False,
    )
    return {name.split(".", 1)[0] for name in imported_modules(proc)}, proc


def imported_modules(proc: subprocess.CompletedProcess[str]) -> set[str]:
    """Every module name ``-X importtime`` reported on stderr."""
    modules = set()
    for line in proc.stderr.splitlines():
        # "import time:  self [us] | cumulative | imported package", nested names indented.
        if line.startswith("import time:") and line.count("|") == 2:
            modules.add(line.rsplit("|", 1)[1].strip())
    return modules


@pytest.mark.parametrize("options", [[], ["--format", "json"]], ids=["text-to-pipe", "json"])
def test_check_imports_no_rendering_or_terminal_library(tmp_path, options):
    # A date in the AG season: one warning, so the printer has something to print.
    event = tmp_path / "event.yaml"
    event.write_text(MINIMAL.replace("2027-11-18", "2027-04-15"), encoding="utf-8")

    packages, proc = imported_packages(
        "check", str(event), "--today", "2027-01-01", *options, cwd=tmp_path
    )

    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "RZN101" in proc.stdout
    # The probe must see the real path, else an empty list would pass vacuously.
    assert {"rzn", "yaml", "pydantic"} <= packages
    assert sorted(packages & set(HEAVY)) == []


def test_check_of_an_event_with_logos_does_not_import_the_file_writer(tmp_path):
    """Logos are read below the rules (rzn.load.logos): rendering is not imported at all, nor
    the worker pool (one file)."""
    shutil.copytree(ROOT / "examples" / "pontivy-2027", tmp_path / "pontivy")

    _, proc = imported_packages(
        "check", str(tmp_path / "pontivy" / "event.yaml"), "--today", "2027-01-01", cwd=tmp_path
    )

    assert proc.returncode == 0, proc.stderr[-2000:]
    modules = imported_modules(proc)
    assert "rzn.load.logos" in modules  # the probe sees the logo rule's path
    assert sorted(modules & {"rzn.render", "rzn.render.output", "rzn.workers"}) == []


def test_help_imports_neither_model_nor_yaml(tmp_path):
    packages, proc = imported_packages("--help", cwd=tmp_path)

    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "check" in proc.stdout
    assert {"rzn", "typer"} <= packages
    # rich is left out here: Typer draws --help with it when it is installed.
    assert sorted(packages & {"pydantic", "yaml", "jinja2", "icalendar", "babel"}) == []


def test_benchmark_quick_run_prints_every_target(tmp_path):
    result_file = tmp_path / "bench.json"
    proc = subprocess.run(
        [
            sys.executable,
            str(ROOT / "benchmarks" / "run.py"),
            "--quick",
            "--json",
            str(result_file),
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )

    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "Objectif" in proc.stdout
    data = json.loads(result_file.read_text(encoding="utf-8"))
    assert list(data["targets"]) == [
        "check_vs_floor",
        "peer_vs_check",
        "check_one_vs_python",
        "help_vs_python",
        "linear",
        "memory",
        "render_vs_check",
    ]
    for target in data["targets"].values():
        assert target["label"] in proc.stdout
    assert data["measurements"]["check_one"]["runs"] >= 1
    assert data["memory_kib"]["check_huge"] > 0
