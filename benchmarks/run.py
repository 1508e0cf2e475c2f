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
import shlex
import shutil
import sys
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from corpus import TODAY
from measures import (
    FULL,
    QUICK,
    Command,
    Plan,
    Result,
    Sizes,
    Target,
    count,
    say_now,
)
from prepare import (
    EMPTY_BUILDS,
    Corpus,
    build_corpus,
    render_argv,
    verify_check,
    verify_peer,
    verify_render,
)
from report import report_text
from startup import (
    dependency_imports,
    empty_environment,
    executable_pth_lines,
    load_average,
    slowed,
)
from timing import measure_group, peak_rss_kb
from tools import Tools, check_installation, find_tools

__all__ = ["Command", "Result", "Target", "main", "run", "startup_verdict"]

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent


# --- the run ----------------------------------------------------------------------------


def _glob(folder: str) -> str:
    return f"{folder}/*.yaml"


def plan_for(args: argparse.Namespace) -> tuple[Sizes, Plan]:
    sizes, plan = QUICK if args.quick else FULL
    return sizes, Plan(
        startup_runs=args.runs or plan.startup_runs,
        startup_rounds=min(plan.startup_rounds, args.runs or plan.startup_runs),
        big_runs=args.big_runs or plan.big_runs,
        huge_runs=args.huge_runs or plan.huge_runs,
        peer_big_runs=plan.peer_big_runs,
        peer_huge_runs=0 if args.no_peer_huge else plan.peer_huge_runs,
        warmup=plan.warmup,
    )


@dataclass
class Session:
    """One run's tools, files and settings, shared by the groups of measures."""

    tools: Tools
    corpus: Corpus
    plan: Plan
    say: Callable[[str], None]

    @property
    def warm(self) -> int:
        return 1 if self.plan.warmup else 0

    @property
    def check(self) -> list[str]:
        return [*self.tools.rzn, "check", "--today", TODAY]

    @property
    def one_process(self) -> list[str]:
        return [*self.check, "-j", "1"]

    def measure(self, commands: list[Command], rounds: int) -> dict[str, Result]:
        return measure_group(self.tools, commands, rounds, self.corpus.root, self.say)


def startup_commands(session: Session) -> list[Command]:
    tools, runs = session.tools, session.plan.startup_runs
    py = [tools.python]
    empty_python = empty_environment(tools.python, session.corpus.root / "empty-venv")
    commands = [
        Command("python", "python -c pass", [*py, "-c", "pass"], runs),
        Command(
            "python_nosite",
            "python -S -c pass (repère, sans site)",
            [*py, "-S", "-c", "pass"],
            runs,
        ),
    ]
    if empty_python:
        label = "python -c pass, environnement vide (repère)"
        commands.append(Command("python_empty", label, [empty_python, "-c", "pass"], runs))
    one = [*session.check, session.corpus.one]
    dependencies = dependency_imports(one, tools.python, tools.env, session.corpus.root)
    if dependencies:
        label = "python + imports des dépendances de rzn check (repère)"
        commands.append(Command("python_deps", label, [*py, "-c", dependencies], runs))
    commands += [
        Command("help", "rzn --help", [*tools.rzn, "--help"], runs),
        Command("check_one", "rzn check (1 fichier)", one, runs),
    ]
    for command in commands:
        command.warmup = 3 * session.warm
    return commands


def check_commands(
    session: Session, folder: str, size: int, runs: int, peer_runs: int
) -> list[Command]:
    sh, n, files = shlex.join, count(size), _glob(folder)
    floor = [session.tools.python, str(HERE / "parse_floor.py")]
    warm = session.warm
    group = [
        Command(
            f"floor_{folder}",
            f"plancher YAML, {n} fichiers",
            [f"{sh(floor)} {files}"],
            runs,
            shell=True,
            warmup=warm,
        ),
        Command(
            f"check_{folder}",
            f"rzn check -j 1, {n} fichiers",
            [f"{sh(session.one_process)} {files}"],
            runs,
            shell=True,
            warmup=warm,
        ),
    ]
    if folder == "big":
        # For information: the default spreads the files over the cores (wall time).
        label = f"rzn check (-j par défaut), {n} fichiers"
        group.append(
            Command("check_big_auto", label, [f"{sh(session.check)} {files}"], runs, shell=True)
        )
    if session.tools.jsonschema and peer_runs:
        schema = sh([session.tools.jsonschema, "--schemafile", session.corpus.schema])
        label = f"check-jsonschema, {n} fichiers"
        group.append(Command(f"peer_{folder}", label, [f"{schema} {files}"], peer_runs, shell=True))
    return group


def render_commands(session: Session, one_argv: list[str], many_argv: list[str]) -> list[Command]:
    runs, warm, render = session.plan.big_runs, session.warm, session.corpus.render
    return [
        Command("render_1", "rzn render, 1 événement", one_argv, runs, warmup=warm),
        Command(
            "render_1_nocache",
            "rzn render, 1 événement, gabarits compilés à chaque lancement (RZN_NO_CACHE=1)",
            [f"RZN_NO_CACHE=1 {shlex.join(one_argv)}"],
            runs,
            shell=True,
            warmup=warm,
        ),
        Command(
            "check_render_1",
            "rzn check, le même fichier",
            [*session.check, render[0]],
            runs,
            warmup=warm,
        ),
        Command(
            "render_many",
            f"rzn render, {len(render)} événements, dossiers vides",
            many_argv,
            runs,
            warmup=warm,
            # Every document written, every folder made: the first render's cost.
            prepare=[session.tools.python, "-c", EMPTY_BUILDS],
        ),
        Command(
            "rerender_many",
            f"rzn render, {len(render)} événements, rendus à nouveau",
            many_argv,
            runs,
            warmup=warm,
        ),
        Command(
            "check_render_many",
            f"rzn check, les mêmes {len(render)} fichiers",
            [*session.check, *render],
            runs,
            warmup=warm,
        ),
    ]


def measure_render(session: Session, notes: list[str]) -> dict[str, Result]:
    one_argv, note = render_argv(session.tools, session.corpus.render[:1])
    many_argv, _ = render_argv(session.tools, session.corpus.render)
    if many_argv is not None:
        note = verify_render(session.tools, session.corpus, many_argv)
    if note or one_argv is None or many_argv is None:
        if note:
            notes.append(note)
        return {}
    session.say(f"Rendu de 1 et de {len(session.corpus.render)} événements…")
    return session.measure(render_commands(session, one_argv, many_argv), session.plan.big_runs)


def measure_memory(session: Session) -> dict[str, int]:
    session.say("Mémoire maximale (RSS)…")
    tools, corpus, one = session.tools, session.corpus, session.one_process
    return {
        "check_one": peak_rss_kb(tools, [*session.check, corpus.one], corpus.root),
        "check_big": peak_rss_kb(tools, [*one, *corpus.big], corpus.root),
        "check_huge": peak_rss_kb(tools, [*one, *corpus.huge], corpus.root),
    }


def run(args: argparse.Namespace) -> dict[str, object]:
    sizes, plan = plan_for(args)
    loads: list[float] = []

    def say(message: str) -> None:
        load = load_average()
        if load is not None:
            loads.append(load)
        say_now(message)

    tools = find_tools()
    facts = check_installation(tools, args.installed)
    notes = tools.notes
    pth_lines = executable_pth_lines(tools.python, tools.env)
    keep = Path(args.data) if args.data else None
    with tempfile.TemporaryDirectory(prefix="rzn-bench-") as scratch:
        root = keep or Path(scratch)
        # Compiled templates kept by rzn between runs: in this run's own folder, warmed by the
        # warm-up runs as a user's is by earlier renders, and never the user's cache.
        tools.env["RZN_CACHE_DIR"] = str(root / "cache")
        say(f"Génération de {sizes.big} + {sizes.huge} + {sizes.render} fichiers d'événement…")
        corpus = build_corpus(root, sizes, tools)
        notes.extend(verify_check(tools, corpus, sizes))
        if tools.jsonschema:
            notes.extend(verify_peer(tools, corpus))
        else:
            notes.append("check-jsonschema absent : comparaison non mesurée (pip install).")
        session = Session(tools, corpus, plan, say)

        say("Démarrage (plancher : python -c pass)…")
        results = session.measure(startup_commands(session), plan.startup_rounds)
        startup_refused = startup_verdict(results, pth_lines, notes)
        for size, folder, runs, peer_runs in (
            (sizes.big, "big", plan.big_runs, plan.peer_big_runs),
            (sizes.huge, "huge", plan.huge_runs, plan.peer_huge_runs),
        ):
            say(f"{count(size)} fichiers…")
            group = check_commands(session, folder, size, runs, peer_runs)
            results |= session.measure(group, max(c.runs for c in group))
        results |= measure_render(session, notes)
        memory = measure_memory(session)
        if keep is None:
            shutil.rmtree(root / "render", ignore_errors=True)  # build/ folders can be large

    say("Fin des mesures.")
    targets = targets_for(results, memory, sizes, startup_refused)
    notes.extend(dependency_note(results))
    notes.extend(template_cache_note(results))
    notes.extend(first_render_note(results))
    return {
        "version": 1,
        "quick": bool(args.quick),
        "date": dt.datetime.now().isoformat(timespec="seconds"),
        "environment": environment(tools, facts, corpus, loads, pth_lines),
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


def environment(
    tools: Tools,
    facts: dict[str, object],
    corpus: Corpus,
    loads: list[float],
    pth_lines: list[tuple[str, str]],
) -> dict[str, object]:
    return {
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

    big, huge, render = count(sizes.big), count(sizes.huge), count(sizes.render)
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


def dependency_note(results: dict[str, Result]) -> list[str]:
    """How much of one file's check is the imports of pydantic and PyYAML alone."""
    if not {"python_deps", "python", "check_one"} <= results.keys():
        return []
    deps, python, one = results["python_deps"], results["python"], results["check_one"]
    return [
        "Importer seulement les dépendances qu'utilise « rzn check » d'un fichier (pydantic, "
        f"PyYAML…) coûte {deps.cpu_median / python.cpu_median:.1f}× « python -c pass » en "
        f"temps processeur ({deps.cpu_median * 1000:.0f} ms contre "
        f"{python.cpu_median * 1000:.0f} ms) ; « rzn check » d'un fichier coûte "
        f"{one.cpu_median / deps.cpu_median:.2f}× ce plancher."
    ]


def template_cache_note(results: dict[str, Result]) -> list[str]:
    if "render_1" not in results or "render_1_nocache" not in results:
        return []
    kept, compiled = results["render_1"], results["render_1_nocache"]
    return [
        f"Rendu d'un événement : {kept.cpu_median * 1000:.0f} ms de processeur avec les gabarits "
        f"compilés gardés par un lancement précédent, {compiled.cpu_median * 1000:.0f} ms en "
        "les compilant (premier lancement, ou RZN_NO_CACHE=1)."
    ]


def first_render_note(results: dict[str, Result]) -> list[str]:
    if "render_many" not in results or "check_render_many" not in results:
        return []
    fresh, check = results["render_many"], results["check_render_many"]
    return [
        f"Premier rendu, dans des dossiers vides : {fresh.median / check.median:.2f}× "
        f"« rzn check » ({fresh.cpu_median / check.cpu_median:.2f}× en temps processeur) ; "
        "tous les fichiers y sont créés, ce qui dépend surtout du système de fichiers."
    ]


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
