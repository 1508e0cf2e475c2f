"""The installed wheel works on its own: templates shipped, no file read from the checkout."""

from __future__ import annotations

import datetime as dt
import importlib.util
import os
import shutil
import site
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, ROOT

TODAY = "2027-09-01"


def _run(*args: str | Path, cwd: Path, env: dict[str, str] | None = None) -> str:
    proc = subprocess.run(
        [str(a) for a in args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    assert proc.returncode == 0, f"{args}\n{proc.stdout}\n{proc.stderr}"
    return proc.stdout


def _site_dirs() -> list[Path]:
    """Where the running environment keeps its packages (the checkout's .venv, say).

    A virtual environment made with --system-site-packages would see the base
    interpreter's packages, which on a new machine hold none of rzn's dependencies.
    """
    dirs = [Path(p) for p in (*site.getsitepackages(), site.getusersitepackages())]
    return [d for d in dict.fromkeys(dirs) if d.is_dir()]


def _borrow_dependencies(python: Path, cwd: Path) -> None:
    """Let the new environment import the running one's dependencies, after its own packages.

    A path line in a .pth file is appended to sys.path without running the .pth files
    found there, so the checkout's editable install (a .pth of its own) stays invisible.
    """
    # Not sysconfig's purelib: Debian's interpreter answers a system-wide folder there, even in
    # a venv.
    ask = "import site, sys; print(site.getsitepackages([sys.prefix])[0])"
    own = _run(python, "-c", ask, cwd=cwd)
    lines = "".join(f"{d}\n" for d in _site_dirs())
    (Path(own.strip()) / "zz-borrowed-dependencies.pth").write_text(lines, encoding="utf-8")


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if importlib.util.find_spec("hatchling") is None:
        # Building without isolation needs the build backend installed (pip install -e ".[test]").
        if os.environ.get("CI"):
            pytest.fail("hatchling manque : installez les dépendances de test (.[test]).")
        pytest.skip("hatchling absent : pip install -e '.[test]'")
    dist = tmp_path_factory.mktemp("dist")
    # --no-isolation: build with what is installed, without fetching anything.
    _run(
        sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", dist, ROOT,
        cwd=dist,
    )  # fmt: skip
    (found,) = dist.glob("rzn-*.whl")
    return found


def test_wheel_ships_the_templates(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for template in sorted(p for p in (ROOT / "templates").rglob("*") if p.is_file()):
        assert f"rzn/templates/{template.relative_to(ROOT / 'templates').as_posix()}" in names


def test_installed_wheel_renders_an_example_outside_the_checkout(
    wheel: Path, tmp_path: Path
) -> None:
    venv = tmp_path / "venv"
    _run(sys.executable, "-m", "venv", "--without-pip", venv, cwd=tmp_path)
    bindir = venv / ("Scripts" if os.name == "nt" else "bin")
    python = bindir / "python"
    # The running environment's pip installs into the new one (pip --python), before the
    # new one borrows anything: pip sees an empty environment and installs rzn there.
    _run(
        sys.executable, "-m", "pip", "--python", python,
        "install", "--no-deps", "--no-index", "--quiet", wheel,
        cwd=tmp_path,
    )  # fmt: skip
    _borrow_dependencies(python, cwd=tmp_path)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    where = _run(python, "-c", "import rzn; print(rzn.__file__)", cwd=tmp_path, env=env)
    assert Path(where.strip()).is_relative_to(venv)

    event_dir = tmp_path / "mon-evenement"
    shutil.copytree(EXAMPLES / "joue-les-tours-2027", event_dir)
    out = _run(bindir / "rzn", "render", "mon-evenement", "--today", TODAY, cwd=tmp_path, env=env)
    assert out.splitlines()[0] == f"Documents écrits dans {Path('mon-evenement') / 'build'} :"

    # Same bytes as rendered from the checkout: nothing differs once installed.
    from rzn.render import build_documents

    _, files = build_documents(str(event_dir / "event.yaml"), dt.date.fromisoformat(TODAY))
    assert files
    for file in files:
        assert (event_dir / "build" / file.path).read_bytes() == file.content, file.path
