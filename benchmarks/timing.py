"""Timing commands (hyperfine, or a plain subprocess timer) in alternating rounds; peak memory."""

from __future__ import annotations

import json
import os
import resource
import shlex
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from measures import Command, Result, duration
from tools import Tools

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
        say(f"  {result.command.label:<44} médiane {duration(result.median):>9}")
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
