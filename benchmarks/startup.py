"""What slows an interpreter's start-up before rzn runs, and how busy the machine was.

A ``.pth`` file in ``site-packages`` whose lines start with ``import`` is
executed by the ``site`` module at every start of Python: an editable install
or some packages write one. It makes ``python -c pass`` slower, so every
start-up ratio (``rzn check one.yaml / python -c pass``) looks better than on
a user's plain installation. The benchmark lists those lines and times the
same interpreter in an empty virtual environment made for the purpose: when
the environment's own start-up costs clearly more, its start-up ratios are
refused (printed, but not judged).
"""

from __future__ import annotations

import json
import os
import subprocess
import tempfile
from pathlib import Path

SLOWED_ABSOLUTE = 0.003
"""Seconds of CPU time a start-up may lose to ``site`` beyond an empty environment's…"""
SLOWED_RELATIVE = 0.25
"""…or this share of the empty environment's start-up, whichever is larger."""

_PTH_PROBE = """
import json, os, site
found = []
dirs = site.getsitepackages() + ([site.getusersitepackages()] if site.ENABLE_USER_SITE else [])
for folder in dict.fromkeys(dirs):
    if not os.path.isdir(folder):
        continue
    for name in sorted(os.listdir(folder)):
        if not name.endswith(".pth"):
            continue
        try:
            with open(os.path.join(folder, name), encoding="utf-8", errors="replace") as f:
                lines = f.read().splitlines()
        except OSError:
            continue
        for line in lines:
            if line.startswith(("import ", "import\\t")):
                found.append([os.path.join(folder, name), line[:100]])
print(json.dumps(found))
"""


def executable_pth_lines(python: str, env: dict[str, str]) -> list[tuple[str, str]]:
    """``(file, line)`` of every ``.pth`` line ``site`` executes at start-up in ``python``."""
    proc = subprocess.run(
        [python, "-c", _PTH_PROBE],
        capture_output=True,
        text=True,
        env=env,
        cwd=tempfile.gettempdir(),
        check=True,
    )
    return [(file, line) for file, line in json.loads(proc.stdout)]


def empty_environment(python: str, folder: Path) -> str | None:
    """The interpreter of a new virtual environment without any package, or None."""
    base = subprocess.run(
        [python, "-c", "import sys; print(sys._base_executable)"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    proc = subprocess.run(
        [base, "-m", "venv", "--without-pip", str(folder)], capture_output=True, check=False
    )
    if proc.returncode != 0:
        return None
    bin_dir = folder / ("Scripts" if os.name == "nt" else "bin")
    candidate = bin_dir / ("python.exe" if os.name == "nt" else "python")
    return str(candidate) if candidate.exists() else None


def slowed(environment_cpu: float, empty_cpu: float) -> bool:
    """Whether the environment's start-up (CPU seconds) is clearly slower than an empty one's."""
    return environment_cpu - empty_cpu > max(SLOWED_ABSOLUTE, SLOWED_RELATIVE * empty_cpu)


def load_average() -> float | None:
    """The machine's load over the last minute (runnable processes), where the system says."""
    try:
        return os.getloadavg()[0]
    except (AttributeError, OSError):
        return None


def dependency_imports(argv: list[str], python: str, env: dict[str, str], cwd: Path) -> str | None:
    """A program for ``python -c`` importing every module of rzn's dependencies that ``argv``
    (a ``rzn check`` of one file) imports, in the same order: the start-up rzn cannot go
    below while it validates with pydantic and reads YAML with PyYAML. ``None`` if it cannot
    tell, or if the program does not run in ``python``.

    The list is read from the run itself (``-X importtime`` through its environment
    variable), so it follows rzn's imports without being kept by hand.
    """
    import sys

    proc = subprocess.run(
        argv,
        env={**env, "PYTHONPROFILEIMPORTTIME": "1"},
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
    )
    modules = []
    for line in proc.stderr.splitlines():
        fields = line.split("|")
        if not (line.startswith("import time:") and len(fields) == 3):
            continue
        if not fields[0].removeprefix("import time:").strip().isdigit():
            continue  # the header line
        name = fields[2].strip()
        top = name.split(".", 1)[0]
        if top not in sys.stdlib_module_names and top not in _NOT_DEPENDENCIES:
            modules.append(name)
    if not modules:
        return None
    # Modules probed and not found (a try/except ImportError in a library) are listed too.
    program = (
        "import importlib\n"
        f"for name in {list(dict.fromkeys(modules))!r}:\n"
        "    try:\n"
        "        importlib.import_module(name)\n"
        "    except ImportError:\n"
        "        pass\n"
    )
    # The timings ignore exit codes (rzn check exits 1 on findings): a floor that failed
    # would measure nothing and flatter rzn.
    tried = subprocess.run([python, "-c", program], env=env, cwd=cwd, capture_output=True)
    return program if tried.returncode == 0 else None


_NOT_DEPENDENCIES = ("rzn", "__main__", "sitecustomize", "usercustomize", "_distutils_hack")
"""rzn itself, and what ``site`` imports before any program (``python -c pass`` too)."""
