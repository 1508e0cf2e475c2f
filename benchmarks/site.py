"""Benchmark of ``rzn site``: the site of N events against ``rzn render --public`` of the same.

Target (issue 20): building the site of 500 events takes less than twice rendering those
events' public pages alone. Both commands are run as a user runs them (the installed
``rzn`` entry point, output to a pipe), in alternating rounds (A B, A B…); the medians
are compared. Two situations, as for the render benchmark of ``run.py``: the same
command run again over its own output (everything rebuilt, unchanged files not
rewritten), and a first build into empty folders.

    python benchmarks/site.py              # 500 events, 3 rounds
    python benchmarks/site.py --quick      # 12 events, 1 round: a check that it runs
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from corpus import event_text, write_logos  # noqa: E402

TODAY = "2027-09-01"
TARGET = 2.0


def rzn_command() -> list[str]:
    found = shutil.which("rzn", path=str(Path(sys.executable).parent)) or shutil.which("rzn")
    return [found] if found else [sys.executable, "-m", "rzn"]


def write_events(root: Path, count: int) -> list[str]:
    files = []
    for index in range(count):
        folder = root / f"e{index:03d}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "event.yaml").write_text(event_text(index), encoding="utf-8")
        write_logos(folder)
        files.append(f"e{index:03d}/event.yaml")
    return files


def timed(argv: list[str], cwd: Path) -> tuple[float, float]:
    """Wall and CPU seconds (user + system of the command and its workers)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run(argv, cwd=cwd, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        raise SystemExit(f"échec de {' '.join(argv[:3])}… :\n{proc.stdout}\n{proc.stderr}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def clean(root: Path, files: list[str]) -> None:
    for file in files:
        shutil.rmtree(root / Path(file).parent / "build", ignore_errors=True)
    shutil.rmtree(root / "site", ignore_errors=True)
    os.sync()


def measure(root: Path, files: list[str], rounds: int) -> dict[str, dict[str, float]]:
    rzn = rzn_command()
    render = [*rzn, "render", "--public", "--today", TODAY, *files]
    site = [*rzn, "site", "-o", "site", "--today", TODAY, "--url", "https://example.org/", *files]
    samples: dict[str, list[tuple[float, float]]] = {
        "render_first": [],
        "site_first": [],
        "render": [],
        "site": [],
    }
    for _ in range(rounds):
        clean(root, files)
        samples["render_first"].append(timed(render, root))
        samples["site_first"].append(timed(site, root))
        samples["render"].append(timed(render, root))
        samples["site"].append(timed(site, root))
    return {
        name: {
            "wall": statistics.median(w for w, _ in values),
            "cpu": statistics.median(c for _, c in values),
        }
        for name, values in samples.items()
    }


def report(results: dict[str, dict[str, float]], count: int) -> str:
    lines = [f"rzn site face à rzn render --public, {count} événements (médianes) :"]
    for name, label in (
        ("render", "rzn render --public (relancé)"),
        ("site", "rzn site (relancé)"),
        ("render_first", "rzn render --public (dossiers vides)"),
        ("site_first", "rzn site (dossier vide)"),
    ):
        r = results[name]
        lines.append(f"  {label:<40} {r['wall']:7.2f} s  (CPU {r['cpu']:6.2f} s)")
    for kind, label in (("", "relancé"), ("_first", "premier rendu")):
        site, render = results[f"site{kind}"], results[f"render{kind}"]
        ratio, cpu = site["wall"] / render["wall"], site["cpu"] / render["cpu"]
        verdict = "atteint" if ratio < TARGET else "MANQUÉ"
        lines.append(
            f"  site / render, {label} : {ratio:.2f}× (CPU {cpu:.2f}×) ; "
            f"cible < {TARGET:g}× : {verdict}"
        )
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=500)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--quick", action="store_true", help="12 événements, 1 tour")
    parser.add_argument("--json", help="écrire les résultats dans ce fichier")
    parser.add_argument("--data", help="garder les fichiers générés dans ce dossier")
    args = parser.parse_args(argv)
    count, rounds = (12, 1) if args.quick else (args.count, args.rounds)
    with tempfile.TemporaryDirectory(prefix="rzn-site-bench-") as temporary:
        root = Path(args.data) if args.data else Path(temporary)
        root.mkdir(parents=True, exist_ok=True)
        files = write_events(root, count)
        results = measure(root, files, rounds)
    sys.stdout.write(report(results, count))
    if args.json:
        Path(args.json).write_text(json.dumps({"count": count, **results}, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
