"""Guards of the fast path: what ``rzn check`` imports, and the benchmark that measures it.

``rzn check`` runs in editors on save, in pre-commit hooks and CI many times a
day. jinja2, icalendar, babel, rich, Typer and the spreadsheet writers cost 20
to 130 ms each to import and are only needed to render documents, to colour a
terminal or to read unusual command lines, so a check whose output goes to a
pipe must never import them; ``rzn --help`` must not even build the event
model, load YAML or import Typer. These tests are not timed: they fail on the
import itself, which is what makes the time regress.
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

CHECK_BUDGET_FORBIDDEN = (
    *HEAVY,
    "typer",
    "click",
    "openpyxl",
    "xlsxwriter",
    "pptx",
    "weasyprint",
    "segno",
    "markupsafe",
    "merge3",
    "PIL",
    "tomllib",
)
"""Packages ``rzn check one.yaml`` must not import: rendering, terminals, Typer; Pillow, for an
event whose logos are plain PNG files (rzn.load.png measures them), as the examples' are; the
TOML reader, when no settings file applies."""

RENDER_MODULES_FOR_CHECK = {"rzn.render", "rzn.render.logos"}
"""The logo rule reads images with the loader rendering uses; nothing else of rendering."""


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


def test_check_of_one_file_stays_within_its_import_budget(tmp_path):
    """The example event (logos, programme, speakers, budget) names no export."""
    shutil.copytree(ROOT / "examples" / "pontivy-2027", tmp_path / "pontivy")

    packages, proc = imported_packages(
        "check", str(tmp_path / "pontivy" / "event.yaml"), "--today", "2027-01-01", cwd=tmp_path
    )

    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "1 fichier vérifié" in proc.stdout
    modules = imported_modules(proc)
    assert {"rzn.check", "rzn.model.event", "rzn.rules.registry", "yaml"} <= modules
    assert sorted(packages & set(CHECK_BUDGET_FORBIDDEN)) == []
    rendering = {m for m in modules if m == "rzn.render" or m.startswith("rzn.render.")}
    assert sorted(rendering - RENDER_MODULES_FOR_CHECK) == []
    unneeded = {
        "rzn.cli.app",  # the Typer application
        "rzn.cli.help_pages",
        "rzn.registrations.exports",  # no export named
        "rzn.registrations.answers",
        "rzn.registrations.workshops",
        "rzn.report",
        "rzn.publish",
        "rzn.workers",  # one file: no worker pool
        "rzn.drafts",  # never rendered: no drafts to look into
    }
    assert sorted(modules & unneeded) == []


def test_check_imports_the_export_readers_when_an_export_is_named(tmp_path):
    """The other side of the budget: the probe sees the rules that read exports."""
    shutil.copy(ROOT / "tests" / "data" / "exports" / "exemples" / "inscriptions.csv", tmp_path)
    event = tmp_path / "event.yaml"
    event.write_text(MINIMAL + "registrations: inscriptions.csv\n", encoding="utf-8")

    _, proc = imported_packages("check", str(event), "--today", "2027-01-01", cwd=tmp_path)

    assert proc.returncode in (0, 1), proc.stderr[-2000:]
    assert "rzn.registrations.exports" in imported_modules(proc)


def test_help_imports_neither_typer_nor_model_nor_yaml(tmp_path):
    packages, proc = imported_packages("--help", cwd=tmp_path)

    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "check" in proc.stdout
    assert "rzn" in packages
    forbidden = {"typer", "click", "rich", "pydantic", "yaml", "jinja2", "icalendar", "babel"}
    assert sorted(packages & forbidden) == []


def test_stored_help_pages_are_those_of_the_typer_application():
    """``rzn --help`` prints pages stored in rzn.cli.help_pages; they must not drift."""
    from rzn.cli.app import app
    from rzn.cli.help import GROUPS, describe
    from rzn.cli.help_pages import PAGES

    assert describe(app) == PAGES, "regenerate with: make docs (python -m rzn.cli.help)"
    assert {g.name for g in app.registered_groups} == GROUPS


@pytest.mark.parametrize(
    "argv",
    [
        ["a.yaml"],
        ["a.yaml", "b/", "--today", "2027-01-01", "--strict"],
        ["--format", "json", "a.yaml", "-j", "1"],
        ["-f", "sarif", "--jobs=4", "a.yaml", "--select", "ag-season", "--select=RZN101"],
        ["a.yaml", "--ignore", "x", "--calendar", "c.ics", "--config", "rzn.toml", "-j", "64"],
        ["a.yaml", "--today=", "--format=", "--format", "text"],
        ["-"],
    ],
)
def test_check_without_typer_reads_options_as_typer_does(argv):
    import typer.main

    from rzn.cli.app import app
    from rzn.cli.check_run import parse_check_args

    command = typer.main.get_command(app).commands["check"]  # type: ignore[attr-defined]
    params = command.make_context("check", list(argv)).params
    parsed = parse_check_args(argv)

    assert parsed is not None
    assert parsed.paths == list(params["paths"])
    assert parsed.output_format == params["output_format"]
    assert parsed.today == params["today"]
    assert parsed.strict == params["strict"]
    assert parsed.select == list(params["select"] or [])
    assert parsed.ignore == list(params["ignore"] or [])
    assert parsed.calendar == list(params["calendar"] or [])
    assert parsed.config == params["config"]
    assert parsed.jobs == params["jobs"]


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["--today", "2027-01-01"],
        ["a.yaml", "--jobs", "-1"],
        ["a.yaml", "-j", "65"],
        ["a.yaml", "-j", "deux"],
        ["a.yaml", "-fjson"],
        ["a.yaml", "--form", "json"],
        ["a.yaml", "--today"],
        ["a.yaml", "--", "-b.yaml"],
        ["a.yaml", "--strict=yes"],
        ["a.yaml", "--help"],
    ],
)
def test_check_lets_typer_read_unusual_command_lines(argv):
    """Errors and help stay Typer's: the light parser gives up on anything unusual."""
    from rzn.cli.check_run import parse_check_args

    assert parse_check_args(argv) is None


def test_usage_error_of_check_is_typers(tmp_path):
    event = tmp_path / "event.yaml"
    event.write_text(MINIMAL, encoding="utf-8")

    packages, proc = imported_packages("check", str(event), "--jobs", "-5", cwd=tmp_path)

    assert proc.returncode == 2
    assert "typer" in packages  # the error came from Typer's parser
    assert proc.stdout == ""
    assert "Valeur invalide pour --jobs : la valeur doit être au moins 0." in proc.stderr


def test_init_imports_no_rule(tmp_path):
    """The « À COMPLÉTER » mark lives in rzn.model: writing a scaffold loads no rule module."""
    _, proc = imported_packages(
        "init", "ev", "--title", "T", "--date", "2027-10-14", "--format", "online", cwd=tmp_path
    )

    assert proc.returncode == 0, proc.stderr[-2000:]
    modules = imported_modules(proc)
    assert {"rzn.scaffold.write", "rzn.model.placeholder"} <= modules  # the probe sees init
    assert sorted(m for m in modules if m.startswith("rzn.rules")) == []


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
        assert target["judged_on"] == ("wall" if target["unit"] == " Mo" else "cpu")
    assert data["measurements"]["check_one"]["runs"] >= 1
    assert data["memory_kib"]["check_huge"] > 0
    # Many files in one process, as the parse floor runs.
    assert "-j 1" in data["measurements"]["check_big"]["command"]
    assert "python_empty" in data["measurements"]  # the start-up floor without .pth files
    # The dependencies' own floor, read from the run: pydantic and PyYAML, never rzn itself.
    deps = data["measurements"]["python_deps"]["command"]
    listed = deps[deps.index("[") + 1 : deps.index("]")]
    imported = {name.strip(" '\"").split(".")[0] for name in listed.split(",")}
    assert {"pydantic", "yaml"} <= imported and "rzn" not in imported
    assert any("ce plancher" in note for note in data["notes"])
    # Rendering with the compiled templates kept, and without: both measured, never in the
    # user's own cache folder.
    assert data["measurements"]["render_1_nocache"]["command"].startswith("RZN_NO_CACHE=1 ")
    assert any("gabarits compilés gardés" in note for note in data["notes"])
    assert "Charge de la machine" in proc.stdout
    header = next(line for line in proc.stdout.splitlines() if line.startswith("Objectif"))
    assert header.index("CPU") < header.index("écoulé")  # CPU ratios first


def _benchmark_module():
    import importlib

    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        return importlib.import_module("run"), importlib.import_module("startup")
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))


def test_benchmark_refuses_start_up_ratios_slowed_by_pth_files():
    run, startup = _benchmark_module()

    def result(key, wall, cpu):
        return run.Result(run.Command(key, key, ["true"], 1), [wall], [cpu])

    results = {
        "python": result("python", 0.030, 0.030),  # site runs a costly .pth here
        "python_empty": result("python_empty", 0.012, 0.012),
        "check_one": result("check_one", 0.200, 0.200),
        "help": result("help", 0.090, 0.090),
    }
    notes: list[str] = []
    refused = run.startup_verdict(results, [("/venv/x.pth", "import x")], notes)
    targets = {t.key: t for t in run.targets_for(results, {}, run.Sizes(), refused)}

    assert refused == ".pth"
    assert targets["check_one_vs_python"].cpu_value == pytest.approx(200 / 30)
    assert targets["check_one_vs_python"].passed is None  # printed, not judged
    assert any("x.pth" in note for note in notes)
    assert any("environnement vide" in note for note in notes)
    # An ordinary environment: the same figures are judged.
    results["python"] = result("python", 0.0125, 0.0125)
    assert run.startup_verdict(results, [], []) == ""
    assert not startup.slowed(0.0125, 0.012)


def test_benchmark_judges_on_cpu_time():
    run, _ = _benchmark_module()
    target = run.Target("t", "t", value=1.8, limit=1.5, cpu_value=1.4)  # busy machine

    assert target.passed is True
