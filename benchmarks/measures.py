"""What the benchmark measures and how it says it: sizes, commands, results, targets."""

from __future__ import annotations

import shlex
import statistics
import sys
from dataclasses import dataclass, field


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


# --- how figures are shown -------------------------------------------------------------


def ratio_text(value: float | None, unit: str) -> str:
    return "—" if value is None else f"{value:.2f}{unit}"


def duration(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms" if seconds < 10 else f"{seconds:.1f} s"


def count(n: int) -> str:
    return f"{n:,}".replace(",", "\u202f")


def say_now(message: str) -> None:
    sys.stderr.write(message + "\n")
    sys.stderr.flush()
