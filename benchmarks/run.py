"""rzn's benchmark: ratios against the interpreter floor, the parse floor and check-jsonschema.

Usage, with the interpreter of the environment rzn is installed in (a plain
``pip install .`` in a fresh virtual environment measures what users have)::

    python benchmarks/run.py                # full run, several minutes
    python benchmarks/run.py --quick        # tiny corpus, a smoke run (ratios meaningless)
    python benchmarks/run.py --json out.json

Absolute times on a shared machine are noise; the result is the ratios,
measured side by side in one run. To keep slow drift of the machine from
favouring one command, each group of compared commands is measured in
rounds (A B C, A B C, …) and the medians come from all rounds together.

Every ratio is given on CPU time (user + system, children included) and on
wall-clock time, side by side; targets are judged on CPU time, which other
processes on a shared machine barely disturb (when the two disagree, the
machine was busy: the load average seen during the run is printed).
Checks of many files are measured in one process (``-j 1``), as the parse
floor runs: spreading work over idle cores would flatter the wall-clock
ratio only. Start-up ratios are refused when ``site`` runs ``.pth`` files
that make this environment start clearly slower than an empty one
(:mod:`startup`).

Timing uses hyperfine when installed (one call per command and round,
``--export-json`` for the raw times); without it, a plain subprocess timer.
Peak memory uses ``/usr/bin/time -v``, or ``getrusage`` of a fresh child
process without it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import resource
import shlex
import shutil
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from corpus import TODAY, event_text, write_corpus, write_logos
from startup import empty_environment, executable_pth_lines, load_average, slowed

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent


# --- what is measured -----------------------------------------------------------------


@dataclass(frozen=True)
class Sizes:
    big: int = 1_000
    huge: int = 10_000
    render: int = 100
    invalid_every: int = 100
    """One invalid file in this many (the rest are valid)."""


@dataclass(frozen=True)
class Plan:
    """How many timed runs each kind of command gets."""

    startup_runs: int = 20
    startup_rounds: int = 4
    big_runs: int = 5
    huge_runs: int = 3
    peer_big_runs: int = 3
    """check-jsonschema takes ~20 s per 1,000 files: fewer runs."""
    peer_huge_runs: int = 1
    warmup: bool = True


FULL = (Sizes(), Plan())
QUICK = (
    Sizes(big=20, huge=60, render=3, invalid_every=10),
    Plan(
        startup_runs=2,
        startup_rounds=1,
        big_runs=1,
        huge_runs=1,
        peer_big_runs=1,
        peer_huge_runs=1,
        warmup=False,
    ),
)


@dataclass
class Command:
    key: str
    label: str
    argv: list[str]
    """Arguments, or a shell line when ``shell`` (file globs)."""
    runs: int
    shell: bool = False
    warmup: int = 0
    prepare: list[str] | None = None
    """Run before each timed run (and each warm-up), not timed: e.g. emptying output folders."""

    @property
    def line(self) -> str:
        return self.argv[0] if self.shell else shlex.join(self.argv)


@dataclass
class Result:
    command: Command
    times: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    """User + system time of each run: other processes on a shared machine barely change it."""

    @property
    def median(self) -> float:
        return statistics.median(self.times)

    @property
    def cpu_median(self) -> float:
        return statistics.median(self.cpu)

    def as_dict(self) -> dict[str, object]:
        return {
            "label": self.command.label,
            "command": self.command.line,
            "runs": len(self.times),
            "median_s": self.median,
            "mean_s": statistics.fmean(self.times),
            "min_s": min(self.times),
            "max_s": max(self.times),
            "times_s": self.times,
            "cpu_median_s": self.cpu_median,
            "cpu_s": self.cpu,
        }


@dataclass(frozen=True)
class Target:
    key: str
    label: str
    value: float | None
    limit: float
    at_least: bool = False
    unit: str = "×"
    cpu_value: float | None = None
    """The same ratio on CPU time, which decides: other processes barely change it."""
    refused: str = ""
    """Why this ratio is printed but not judged (a start-up slowed by ``.pth`` files)."""

    @property
    def judged(self) -> float | None:
        return self.cpu_value if self.cpu_value is not None else self.value

    @property
    def passed(self) -> bool | None:
        value = self.judged
        if value is None or self.refused:
            return None
        return value >= self.limit if self.at_least else value <= self.limit

    def as_dict(self) -> dict[str, object]:
        return {
            "label": self.label,
            "value": self.value,
            "limit": self.limit,
            "comparison": ">=" if self.at_least else "<=",
            "passed": self.passed,
            "unit": self.unit,
            "cpu_value": self.cpu_value,
            "judged_on": "cpu" if self.cpu_value is not None else "wall",
            "refused": self.refused,
        }


# --- environment ------------------------------------------------------------------------


@dataclass
class Tools:
    python: str
    rzn: list[str]
    rzn_how: str
    env: dict[str, str]
    hyperfine: str | None
    hyperfine_version: str
    gnu_time: str | None
    jsonschema: str | None
    notes: list[str] = field(default_factory=list)


def find_tools() -> Tools:
    python = sys.executable
    env = dict(os.environ)
    # The entry point next to this interpreter is the one `pip install -e .` put there.
    scripts = Path(sysconfig.get_path("scripts"))
    entry = shutil.which("rzn", path=f"{scripts}{os.pathsep}{Path(python).parent}")
    hyperfine = shutil.which("hyperfine")
    version = ""
    notes = []
    if hyperfine:
        out = subprocess.run([hyperfine, "--version"], capture_output=True, text=True).stdout
        version = out.split()[-1] if out.split() else "?"
    else:
        notes.append(
            "hyperfine absent : chronométrage interne par subprocess, moins précis "
            "(apt-get install hyperfine)."
        )
    gnu_time = "/usr/bin/time" if Path("/usr/bin/time").exists() else None
    tools = Tools(
        python,
        [entry] if entry else [],
        f"point d'entrée installé « rzn » ({entry})",
        env,
        hyperfine,
        version,
        gnu_time,
        # The environment's own copy first, as for rzn: a plain venv need not be activated.
        shutil.which("check-jsonschema", path=f"{scripts}{os.pathsep}{Path(python).parent}")
        or shutil.which("check-jsonschema"),
        notes,
    )
    if entry is None:
        _use_module(tools, "le point d'entrée rzn n'est pas installé")
    return tools


def _use_module(tools: Tools, why: str) -> None:
    """Measure this checkout through ``python -m rzn`` (PYTHONPATH set to the repository)."""
    tools.rzn = [tools.python, "-m", "rzn"]
    tools.rzn_how = "python -m rzn"
    tools.env["PYTHONPATH"] = os.pathsep.join(
        filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])
    )
    tools.notes.append(
        f"Mesuré avec « python -m rzn » : {why}. Lancez « pip install . » dans un environnement "
        "virtuel neuf pour mesurer comme un utilisateur, par le point d'entrée."
    )
    if os.environ.get("PYTHONDONTWRITEBYTECODE"):
        tools.notes.append(
            "PYTHONDONTWRITEBYTECODE est défini : sans fichiers .pyc, chaque lancement de ce "
            "dépôt recompile ses modules et les ratios de démarrage ne veulent rien dire."
        )


def probe(tools: Tools, code: str) -> str:
    """Run ``code`` in the measured interpreter (the one rzn runs in) and return its output."""
    # Away from the repository: "python -c" would otherwise import ./rzn whatever is installed.
    proc = subprocess.run(
        [tools.python, "-c", code],
        capture_output=True,
        text=True,
        env=tools.env,
        cwd=tempfile.gettempdir(),
        check=True,
    )
    return proc.stdout.strip()


def check_installation(tools: Tools, installed_as_is: bool = False) -> dict[str, object]:
    code = (
        "import json, yaml, rzn\n"
        "from rzn.load.yaml_tree import HAS_LIBYAML\n"
        "print(json.dumps({'rzn': rzn.__file__, 'libyaml': HAS_LIBYAML,"
        " 'pyyaml': yaml.__version__}))"
    )
    facts = json.loads(probe(tools, code))
    installed = Path(str(facts["rzn"])).resolve().parent
    if installed.is_relative_to(ROOT):
        tools.rzn_how += " (installation modifiable : -e)"
    elif same_sources(installed, ROOT / "rzn"):
        tools.rzn_how += " (installé depuis ce dépôt, à l'identique)"
    elif installed_as_is:
        tools.rzn_how += f" (--installed : {installed}, différent de ce dépôt)"
    else:
        # Another version installed in this environment: measure this checkout all the same.
        _use_module(tools, f"le rzn installé ({installed}) diffère de celui de ce dépôt")
        facts = json.loads(probe(tools, code))
    if not facts["libyaml"]:
        tools.notes.append(
            "ATTENTION : PyYAML est installé sans libyaml ; rzn lit le YAML 5 à 6 fois plus "
            "lentement et ces mesures ne représentent pas une installation normale."
        )
    return facts


def same_sources(installed: Path, checkout: Path) -> bool:
    """Whether an installed (not editable) rzn has exactly this checkout's Python files."""
    ours = {p.relative_to(checkout) for p in checkout.rglob("*.py")}
    theirs = {p.relative_to(installed) for p in installed.rglob("*.py")}
    if ours != theirs:
        return False
    return all((checkout / p).read_bytes() == (installed / p).read_bytes() for p in ours)


# --- timing -----------------------------------------------------------------------------


Timing = tuple[list[float], list[float]]
"""Wall-clock time and CPU time (user + system) of each run, in seconds."""


def time_once(tools: Tools, command: Command, runs: int, warmup: int, cwd: Path) -> Timing:
    if tools.hyperfine:
        return _hyperfine(tools, command, runs, warmup, cwd)
    return _subprocess_timer(tools, command, runs, warmup, cwd)


def _hyperfine(tools: Tools, command: Command, runs: int, warmup: int, cwd: Path) -> Timing:
    assert tools.hyperfine is not None
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as handle:
        export = handle.name
    argv = [
        tools.hyperfine,
        "--style",
        "none",
        "--ignore-failure",  # a checker finding errors exits 1: that is the measured path
        "--runs",
        str(runs),
        "--warmup",
        str(warmup),
        "--export-json",
        export,
    ]
    if not command.shell:
        argv.append("-N")  # no shell: nothing to subtract from a 40 ms command
    if command.prepare:
        argv += ["--prepare", shlex.join(command.prepare)]
    argv.append(command.line)
    try:
        proc = subprocess.run(
            argv, cwd=cwd, env=tools.env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
        )
        if proc.returncode != 0:  # its warnings ("non-zero exit code") are expected noise
            raise SystemExit(f"hyperfine a échoué sur « {command.line} » :\n{proc.stderr}")
        with open(export, encoding="utf-8") as handle:
            result = json.load(handle)["results"][0]
        times = [float(t) for t in result["times"]]
        # hyperfine exports only the mean CPU time; one run a round keeps it per run.
        return times, [float(result["user"]) + float(result["system"])] * len(times)
    finally:
        os.unlink(export)


def _subprocess_timer(tools: Tools, command: Command, runs: int, warmup: int, cwd: Path) -> Timing:
    def once() -> tuple[float, float]:
        if command.prepare:
            subprocess.run(command.prepare, cwd=cwd, env=tools.env, check=True)
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(
            command.line if command.shell else command.argv,
            shell=command.shell,
            cwd=cwd,
            env=tools.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            check=False,
        )
        wall = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
        return wall, cpu

    for _ in range(warmup):
        once()
    runs_done = [once() for _ in range(runs)]
    return [wall for wall, _ in runs_done], [cpu for _, cpu in runs_done]


def measure_group(
    tools: Tools, commands: Sequence[Command], rounds: int, cwd: Path, say: Callable[[str], None]
) -> dict[str, Result]:
    """Measure commands in alternating rounds so drift hits every command alike."""
    results = {c.key: Result(c) for c in commands}
    for index in range(rounds):
        for command in commands:
            per_round = _share(command.runs, rounds, index)
            if per_round == 0:
                continue
            warmup = command.warmup if index == 0 else 0
            times, cpu = time_once(tools, command, per_round, warmup, cwd)
            results[command.key].times.extend(times)
            results[command.key].cpu.extend(cpu)
    for result in results.values():
        say(f"  {result.command.label:<44} médiane {_duration(result.median):>9}")
    return results


def _share(runs: int, rounds: int, index: int) -> int:
    """Spread ``runs`` over ``rounds``; commands with few runs take part in the first rounds."""
    if runs >= rounds:
        return runs // rounds + (1 if index < runs % rounds else 0)
    return 1 if index < runs else 0


def peak_rss_kb(tools: Tools, argv: list[str], cwd: Path) -> int:
    """Maximum resident set size of one run of ``argv``, in KiB."""
    if tools.gnu_time:
        with tempfile.NamedTemporaryFile(suffix=".txt", delete=False) as handle:
            report = handle.name
        try:
            subprocess.run(
                [tools.gnu_time, "-v", "-o", report, *argv],
                cwd=cwd,
                env=tools.env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                check=False,
            )
            for line in Path(report).read_text(encoding="utf-8").splitlines():
                if "Maximum resident set size" in line:
                    return int(line.rsplit(":", 1)[1])
        finally:
            os.unlink(report)
    # A fresh child: RUSAGE_CHILDREN would otherwise include every earlier command.
    code = (
        "import resource, subprocess, sys\n"
        "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)\n"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code, *argv], cwd=cwd, env=tools.env, capture_output=True, text=True
    )
    return int(proc.stdout.strip())


# --- corpus and preliminary checks ------------------------------------------------------


@dataclass
class Corpus:
    root: Path
    one: str
    big: list[str]
    huge: list[str]
    render: list[str]
    schema: str
    schema_how: str


def build_corpus(root: Path, sizes: Sizes, tools: Tools) -> Corpus:
    (root / "one").mkdir(parents=True, exist_ok=True)
    (root / "one" / "event.yaml").write_text(event_text(0), encoding="utf-8")
    write_logos(root / "one")  # the funders' logos the event names, beside it
    write_corpus(root / "big", sizes.big, sizes.invalid_every)
    write_corpus(root / "huge", sizes.huge, sizes.invalid_every)
    render = []
    for index in range(sizes.render):
        # Each event renders into its own build/ folder next to it, as users keep them.
        folder = root / "render" / f"e{index:03d}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "event.yaml").write_text(event_text(index), encoding="utf-8")
        write_logos(folder)
        render.append(f"render/e{index:03d}/event.yaml")
    schema, how = export_schema(tools, root)
    return Corpus(
        root,
        "one/event.yaml",
        # The event files only: their logos/ folder is beside them.
        sorted(f"big/{p.name}" for p in (root / "big").glob("*.yaml")),
        sorted(f"huge/{p.name}" for p in (root / "huge").glob("*.yaml")),
        render,
        schema,
        how,
    )


def export_schema(tools: Tools, root: Path) -> tuple[str, str]:
    """rzn's JSON Schema: ``rzn schema`` when it exists, else the model's own export."""
    target = root / "event.schema.json"
    proc = subprocess.run(
        [*tools.rzn, "schema"], capture_output=True, text=True, env=tools.env, check=False
    )
    if proc.returncode == 0:
        try:
            json.loads(proc.stdout)
        except ValueError:
            pass
        else:
            target.write_text(proc.stdout, encoding="utf-8")
            return str(target), "« rzn schema »"
    target.write_text(
        probe(
            tools,
            "import json\nfrom rzn.model.event import Event\n"
            "print(json.dumps(Event.model_json_schema(), ensure_ascii=False, indent=1))",
        ),
        encoding="utf-8",
    )
    return str(target), "Event.model_json_schema() (« rzn schema » indisponible)"


def verify_check(tools: Tools, corpus: Corpus, sizes: Sizes) -> list[str]:
    """Untimed: rzn must read the big corpus and flag exactly the invalid files."""
    notes = []
    proc = subprocess.run(
        [*tools.rzn, "check", "--today", TODAY, "--format", "json", *corpus.big],
        cwd=corpus.root,
        env=tools.env,
        capture_output=True,
        text=True,
        check=False,
    )
    if proc.returncode not in (0, 1):
        raise SystemExit(
            f"rzn check a échoué (code {proc.returncode}) avant toute mesure :\n"
            f"{proc.stderr.strip()[-2000:]}"
        )
    report = json.loads(proc.stdout)
    if report["summary"]["files"] != len(corpus.big):
        notes.append(f"rzn check a lu {report['summary']['files']} fichiers sur {len(corpus.big)}.")
    flagged = {f["file"] for f in report["findings"] if f["severity"] == "error"}
    invalid = {
        name
        for index, name in enumerate(corpus.big)
        if sizes.invalid_every and index % sizes.invalid_every == sizes.invalid_every - 1
    }
    # A thousand events cannot all be a week apart from their region's others within one
    # school year: date-collision fires by design on a corpus that large (it still runs).
    on_valid = [
        f for f in report["findings"] if f["file"] not in invalid and f["rule"] != "date-collision"
    ]
    if on_valid:
        rules = sorted({f["rule"] for f in on_valid})
        notes.append(
            f"{len(on_valid)} constats sur des fichiers censés valides ({', '.join(rules)}) : "
            "mettez à jour benchmarks/corpus.py pour suivre les règles."
        )
    missed = sorted(invalid - flagged)
    if missed:
        notes.append(f"Fichiers invalides non signalés par rzn : {', '.join(missed[:5])}.")
    return notes


def verify_peer(tools: Tools, corpus: Corpus) -> list[str]:
    assert tools.jsonschema is not None
    proc = subprocess.run(
        [tools.jsonschema, "--schemafile", corpus.schema, corpus.one],
        cwd=corpus.root,
        env=tools.env,
        capture_output=True,
        text=True,
        check=False,
    )
    if proc.returncode != 0:
        return [
            "check-jsonschema refuse un fichier valide pour rzn : la comparaison est faussée "
            f"({(proc.stdout + proc.stderr).strip().splitlines()[-1][:200]})."
        ]
    return []


EMPTY_BUILDS = (
    "import glob, os, shutil; [shutil.rmtree(p) for p in glob.glob('render/*/build')]; os.sync()"
)
"""The ``--prepare`` of the first-render measure (no shell needed, so ``hyperfine -N`` runs it).

``os.sync()``: the file system's work of deleting the previous outputs is done before the
timed run, not charged to it.
"""


def render_argv(tools: Tools, files: list[str]) -> tuple[list[str] | None, str]:
    """The ``rzn render`` call for ``files``, or None and why it cannot be measured."""
    proc = subprocess.run(
        [*tools.rzn, "render", "--help"], capture_output=True, text=True, env=tools.env
    )
    if proc.returncode != 0:
        return None, "« rzn render » n'existe pas encore dans cette version : rendu non mesuré."
    argv = [*tools.rzn, "render"]
    if "--today" in proc.stdout:
        argv += ["--today", TODAY]
    if "--force" in proc.stdout:
        argv.append("--force")  # every run rewrites the same build/ folders
    return [*argv, *files], ""


def verify_render(tools: Tools, corpus: Corpus, argv: list[str]) -> str:
    proc = subprocess.run(
        argv, cwd=corpus.root, env=tools.env, capture_output=True, text=True, check=False
    )
    if proc.returncode != 0:
        last = (proc.stderr or proc.stdout).strip().splitlines()
        return (
            f"« rzn render » sur {len(corpus.render)} fichiers a échoué (code {proc.returncode}"
            f"{' : ' + last[-1][:200] if last else ''}) : rendu non mesuré."
        )
    return ""


# --- the run ----------------------------------------------------------------------------


def _glob(folder: str) -> str:
    return f"{folder}/*.yaml"


def run(args: argparse.Namespace) -> dict[str, object]:
    sizes, plan = QUICK if args.quick else FULL
    plan = Plan(
        startup_runs=args.runs or plan.startup_runs,
        startup_rounds=min(plan.startup_rounds, args.runs or plan.startup_runs),
        big_runs=args.big_runs or plan.big_runs,
        huge_runs=args.huge_runs or plan.huge_runs,
        peer_big_runs=plan.peer_big_runs,
        peer_huge_runs=0 if args.no_peer_huge else plan.peer_huge_runs,
        warmup=plan.warmup,
    )
    loads: list[float] = []

    def say(message: str) -> None:
        load = load_average()
        if load is not None:
            loads.append(load)
        _say(message)

    tools = find_tools()
    facts = check_installation(tools, args.installed)
    notes = tools.notes
    warm = 1 if plan.warmup else 0
    pth_lines = executable_pth_lines(tools.python, tools.env)

    keep = Path(args.data) if args.data else None
    with tempfile.TemporaryDirectory(prefix="rzn-bench-") as scratch:
        root = keep or Path(scratch)
        say(f"Génération de {sizes.big} + {sizes.huge} + {sizes.render} fichiers d'événement…")
        corpus = build_corpus(root, sizes, tools)
        notes.extend(verify_check(tools, corpus, sizes))
        if tools.jsonschema:
            notes.extend(verify_peer(tools, corpus))
        else:
            notes.append("check-jsonschema absent : comparaison non mesurée (pip install).")

        py, rzn = [tools.python], tools.rzn
        check = [*rzn, "check", "--today", TODAY]
        one_process = [*check, "-j", "1"]
        empty_python = empty_environment(tools.python, root / "empty-venv")
        floor = [tools.python, str(HERE / "parse_floor.py")]
        sh = shlex.join
        results: dict[str, Result] = {}

        say("Démarrage (plancher : python -c pass)…")
        startup = [
            Command("python", "python -c pass", [*py, "-c", "pass"], plan.startup_runs),
            Command(
                "python_nosite",
                "python -S -c pass (repère, sans site)",
                [*py, "-S", "-c", "pass"],
                plan.startup_runs,
            ),
            *(
                [
                    Command(
                        "python_empty",
                        "python -c pass, environnement vide (repère)",
                        [empty_python, "-c", "pass"],
                        plan.startup_runs,
                    )
                ]
                if empty_python
                else []
            ),
            Command("help", "rzn --help", [*rzn, "--help"], plan.startup_runs),
            Command("check_one", "rzn check (1 fichier)", [*check, corpus.one], plan.startup_runs),
        ]
        for command in startup:
            command.warmup = 3 * warm
        results |= measure_group(tools, startup, plan.startup_rounds, corpus.root, say)
        startup_refused = startup_verdict(results, pth_lines, notes)

        for size, folder, runs, peer_runs in (
            (sizes.big, "big", plan.big_runs, plan.peer_big_runs),
            (sizes.huge, "huge", plan.huge_runs, plan.peer_huge_runs),
        ):
            n = _count(size)
            say(f"{n} fichiers…")
            group = [
                Command(
                    f"floor_{folder}",
                    f"plancher YAML, {n} fichiers",
                    [f"{sh(floor)} {_glob(folder)}"],
                    runs,
                    shell=True,
                    warmup=warm,
                ),
                Command(
                    f"check_{folder}",
                    f"rzn check -j 1, {n} fichiers",
                    [f"{sh(one_process)} {_glob(folder)}"],
                    runs,
                    shell=True,
                    warmup=warm,
                ),
            ]
            if folder == "big":
                # For information: the default spreads the files over the cores (wall time).
                group.append(
                    Command(
                        "check_big_auto",
                        f"rzn check (-j par défaut), {n} fichiers",
                        [f"{sh(check)} {_glob(folder)}"],
                        runs,
                        shell=True,
                    )
                )
            if tools.jsonschema and peer_runs:
                schema = sh([tools.jsonschema, "--schemafile", corpus.schema])
                group.append(
                    Command(
                        f"peer_{folder}",
                        f"check-jsonschema, {n} fichiers",
                        [f"{schema} {_glob(folder)}"],
                        peer_runs,
                        shell=True,
                    )
                )
            results |= measure_group(tools, group, max(c.runs for c in group), corpus.root, say)

        render_note = ""
        one_argv, render_note = render_argv(tools, corpus.render[:1])
        many_argv, _ = render_argv(tools, corpus.render)
        if many_argv is not None:
            render_note = verify_render(tools, corpus, many_argv)
        if one_argv is not None and many_argv is not None and not render_note:
            say(f"Rendu de 1 et de {len(corpus.render)} événements…")
            runs = plan.big_runs
            group = [
                Command("render_1", "rzn render, 1 événement", one_argv, runs, warmup=warm),
                Command(
                    "check_render_1",
                    "rzn check, le même fichier",
                    [*check, corpus.render[0]],
                    runs,
                    warmup=warm,
                ),
                Command(
                    "render_many",
                    f"rzn render, {len(corpus.render)} événements, dossiers vides",
                    many_argv,
                    runs,
                    warmup=warm,
                    # Every document written, every folder made: the first render's cost.
                    prepare=[tools.python, "-c", EMPTY_BUILDS],
                ),
                Command(
                    "rerender_many",
                    f"rzn render, {len(corpus.render)} événements, rendus à nouveau",
                    many_argv,
                    runs,
                    warmup=warm,
                ),
                Command(
                    "check_render_many",
                    f"rzn check, les mêmes {len(corpus.render)} fichiers",
                    [*check, *corpus.render],
                    runs,
                    warmup=warm,
                ),
            ]
            results |= measure_group(tools, group, runs, corpus.root, say)
        if render_note:
            notes.append(render_note)

        say("Mémoire maximale (RSS)…")
        memory = {
            "check_one": peak_rss_kb(tools, [*check, corpus.one], corpus.root),
            "check_big": peak_rss_kb(tools, [*one_process, *corpus.big], corpus.root),
            "check_huge": peak_rss_kb(tools, [*one_process, *corpus.huge], corpus.root),
        }
        if keep is None:
            shutil.rmtree(root / "render", ignore_errors=True)  # build/ folders can be large

    say("Fin des mesures.")
    targets = targets_for(results, memory, sizes, startup_refused)
    notes.extend(first_render_note(results))
    return {
        "version": 1,
        "quick": bool(args.quick),
        "date": dt.datetime.now().isoformat(timespec="seconds"),
        "environment": {
            "python": platform.python_version(),
            "platform": platform.platform(),
            "cpus": os.cpu_count(),
            "rzn": tools.rzn_how,
            "libyaml": facts["libyaml"],
            "pyyaml": facts["pyyaml"],
            "timer": f"hyperfine {tools.hyperfine_version}" if tools.hyperfine else "subprocess",
            "memory": "/usr/bin/time -v" if tools.gnu_time else "getrusage",
            "schema": corpus.schema_how,
            "load_average_1min": {"min": min(loads), "max": max(loads)} if loads else None,
            "pth_executed": [f"{file} : {line}" for file, line in pth_lines],
        },
        "sizes": {
            "big": sizes.big,
            "huge": sizes.huge,
            "render": sizes.render,
            "invalid_every": sizes.invalid_every,
        },
        "measurements": {key: result.as_dict() for key, result in results.items()},
        "memory_kib": memory,
        "targets": {t.key: t.as_dict() for t in targets},
        "notes": notes,
    }


def startup_verdict(
    results: dict[str, Result], pth_lines: list[tuple[str, str]], notes: list[str]
) -> str:
    """Why start-up ratios are not judged in this environment ("" when they are)."""
    if "python_empty" not in results:
        notes.append(
            "Environnement vide impossible à créer (python -m venv) : le coût des fichiers "
            ".pth au démarrage n'a pas été comparé."
        )
        return ""
    here, empty = results["python"].cpu_median, results["python_empty"].cpu_median
    if pth_lines:
        shown = "; ".join(f"{Path(file).name} : {line[:60]}" for file, line in pth_lines[:4])
        notes.append(f"Fichiers .pth exécutés au démarrage de Python ici : {shown}.")
    if not slowed(here, empty):
        return ""
    notes.append(
        f"Démarrage ralenti : « python -c pass » coûte ici {here * 1000:.1f} ms de CPU, "
        f"{empty * 1000:.1f} ms dans un environnement vide (fichiers .pth exécutés par site). "
        "Les ratios de démarrage, flattés, ne sont pas jugés : mesurez depuis un environnement "
        "virtuel ordinaire (pip install . , sans -e)."
    )
    return ".pth"


def targets_for(
    results: dict[str, Result], memory: dict[str, int], sizes: Sizes, startup_refused: str = ""
) -> list[Target]:
    def ratio(
        key: str, label: str, a: str, b: str, limit: float, at_least: bool = False, refused=""
    ) -> Target:
        if a not in results or b not in results:
            return Target(key, label, None, limit, at_least)
        first, second = results[a], results[b]
        cpu = first.cpu_median / second.cpu_median if second.cpu_median else None
        wall = first.median / second.median
        return Target(key, label, wall, limit, at_least, cpu_value=cpu, refused=refused)

    big, huge, render = _count(sizes.big), _count(sizes.huge), _count(sizes.render)
    huge_mb = memory["check_huge"] / 1024 if "check_huge" in memory else None
    # Linear growth: ten times the files may cost ten times the time, plus 5 %.
    linear = round(1.05 * sizes.huge / sizes.big, 2)
    return [
        ratio("check_vs_floor", f"rzn check -j 1 {big} / plancher YAML", "check_big",
              "floor_big", 1.5),
        ratio("peer_vs_check", f"check-jsonschema / rzn check -j 1 ({big})", "peer_big",
              "check_big", 10, at_least=True),
        ratio("check_one_vs_python", "rzn check 1 fichier / python -c pass", "check_one",
              "python", 10, refused=startup_refused),
        ratio("help_vs_python", "rzn --help / python -c pass", "help", "python", 5,
              refused=startup_refused),
        ratio("linear", f"rzn check -j 1 {huge} / {big}", "check_huge", "check_big", linear),
        Target("memory", f"mémoire max, rzn check -j 1 {huge}", huge_mb, 150, unit=" Mo"),
        # The same call run again, as hyperfine repeats it: every document built, those that
        # did not change not rewritten. The first render, into empty folders, is reported
        # beside it (first_render_note): creating thousands of files is the file system's cost.
        ratio("render_vs_check", f"rzn render {render} / rzn check {render}", "rerender_many",
              "check_render_many", 10),
    ]  # fmt: skip


def first_render_note(results: dict[str, Result]) -> list[str]:
    if "render_many" not in results or "check_render_many" not in results:
        return []
    fresh, check = results["render_many"], results["check_render_many"]
    return [
        f"Premier rendu, dans des dossiers vides : {fresh.median / check.median:.2f}× "
        f"« rzn check » ({fresh.cpu_median / check.cpu_median:.2f}× en temps processeur) ; "
        "tous les fichiers y sont créés, ce qui dépend surtout du système de fichiers."
    ]


# --- the report -------------------------------------------------------------------------


def report_text(data: dict[str, object]) -> str:
    env = data["environment"]
    assert isinstance(env, dict)
    measurements = data["measurements"]
    assert isinstance(measurements, dict)
    memory = data["memory_kib"]
    assert isinstance(memory, dict)
    targets = data["targets"]
    assert isinstance(targets, dict)
    quick = " — mode rapide : petits volumes, ratios non significatifs" if data["quick"] else ""
    lines = [
        "",
        f"Banc d'essai de rzn{quick}",
        f"Python {env['python']}, {env['cpus']} cœurs, {env['timer']}, mémoire par {env['memory']}",
        f"rzn : {env['rzn']} ; libyaml : {'oui' if env['libyaml'] else 'NON'} ; "
        f"schéma : {env['schema']}",
        _load_line(env),
        "",
        f"{'Mesure (médianes)':<50}{'CPU':>10}{'écoulé':>10}{'min':>10}{'max':>10}{'n':>4}",
    ]
    for item in measurements.values():
        lines.append(
            f"{item['label']:<50}{_duration(item['cpu_median_s']):>10}"
            f"{_duration(item['median_s']):>10}{_duration(item['min_s']):>10}"
            f"{_duration(item['max_s']):>10}{item['runs']:>4}"
        )
    sizes = data["sizes"]
    assert isinstance(sizes, dict)
    for key, count in (
        ("check_one", 1),
        ("check_big", sizes["big"]),
        ("check_huge", sizes["huge"]),
    ):
        if key in memory:
            plural = "s" if count > 1 else ""
            label = f"mémoire max, rzn check -j 1, {_count(count)} fichier{plural}"
            lines.append(f"{label:<50}{memory[key] / 1024:>7.1f} Mo")
    lines += [
        "",
        f"{'Objectif (jugé sur le temps CPU)':<50}{'CPU':>10}{'écoulé':>10}{'cible':>10}  résultat",
    ]
    for target in targets.values():
        unit = target["unit"]
        cpu = _ratio(target["cpu_value"], unit) if target["cpu_value"] is not None else ""
        shown = _ratio(target["value"], unit)
        if target["cpu_value"] is None:  # memory: one figure
            cpu, shown = shown, ""
        limit = ("≥ " if target["comparison"] == ">=" else "≤ ") + f"{target['limit']}{unit}"
        verdict = {True: "OK", False: "ÉCHEC", None: "non mesuré"}[target["passed"]]
        if target["refused"]:
            verdict = f"non jugé ({target['refused']})"
        lines.append(f"{target['label']:<50}{cpu:>10}{shown:>10}{limit:>10}  {verdict}")
    notes = data["notes"]
    assert isinstance(notes, list)
    if notes:
        lines += ["", "Remarques :"] + [f"- {note}" for note in notes]
    return "\n".join(lines) + "\n"


def _load_line(env: dict[str, object]) -> str:
    load = env.get("load_average_1min")
    if not isinstance(load, dict):
        return "Charge de la machine : inconnue"
    return (
        f"Charge de la machine pendant les mesures (moyenne sur 1 min) : de {load['min']:.1f} "
        f"à {load['max']:.1f} pour {env['cpus']} cœurs"
    )


def _ratio(value: float | None, unit: str) -> str:
    return "—" if value is None else f"{value:.2f}{unit}"


def _duration(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms" if seconds < 10 else f"{seconds:.1f} s"


def _count(n: int) -> str:
    return f"{n:,}".replace(",", "\u202f")


def _say(message: str) -> None:
    sys.stderr.write(message + "\n")
    sys.stderr.flush()


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python benchmarks/run.py",
        description="Mesure rzn (médianes et ratios) face à python, libyaml et check-jsonschema.",
    )
    parser.add_argument("--quick", action="store_true", help="petit essai de bout en bout")
    parser.add_argument("--json", metavar="FICHIER", help="enregistrer les résultats en JSON")
    parser.add_argument("--runs", type=int, help="exécutions des commandes courtes (20)")
    parser.add_argument("--big-runs", type=int, help="exécutions sur le lot moyen (5)")
    parser.add_argument("--huge-runs", type=int, help="exécutions sur le gros lot (3)")
    parser.add_argument(
        "--no-peer-huge",
        action="store_true",
        help="ne pas lancer check-jsonschema sur le gros lot (plusieurs minutes)",
    )
    parser.add_argument(
        "--installed",
        action="store_true",
        help="mesurer le rzn installé dans cet environnement même s'il diffère de ce dépôt "
        "(comparer deux versions)",
    )
    parser.add_argument(
        "--data", metavar="DOSSIER", help="écrire et garder les fichiers générés dans ce dossier"
    )
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    data = run(args)
    sys.stdout.write(report_text(data))
    if args.json:
        Path(args.json).write_text(
            json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
