"""The programs a benchmark run uses, and what rzn it measures (installed or this checkout)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent


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
