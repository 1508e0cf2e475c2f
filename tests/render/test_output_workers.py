"""``rzn render`` over worker processes (``-j``), killed: nothing hangs, nothing stays behind.

Workers write each event's documents into a staging folder of its output folder; the
parent moves them in. Killed together (``kill -9`` of the process group), they leave
staging folders the next run removes; a worker killed alone (the system short of memory)
stops the run with a message instead of leaving it waiting forever.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from rzn.render.output import STAGING_PREFIX
from tests.conftest import MINIMAL, ROOT

TODAY = "2027-09-01"
pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="workers are forked")

_DRIVER = """
import os, signal, sys
import rzn.render as render
import rzn.render.output as output
how = sys.argv[1]
parent = os.getpid()
real_commit, real_build = output.commit, render.build_documents
commits = [0]
def commit(staged):
    commits[0] += 1
    if how == "group" and commits[0] == 2:  # the workers have staged: kill them all
        os.killpg(0, signal.SIGKILL)
    if how == "parent" and commits[0] == 2:  # the parent alone: its workers are orphaned
        os.kill(os.getpid(), signal.SIGKILL)
    return real_commit(staged)
def build(event_path, *args, **kwargs):
    if how == "worker" and os.getpid() != parent and "event-2" in event_path:
        os.kill(os.getpid(), signal.SIGKILL)
    return real_build(event_path, *args, **kwargs)
output.commit, render.build_documents = commit, build
from rzn.cli import main
sys.exit(main(["render", *sys.argv[2:]]))
"""


def events(tmp_path: Path, count: int = 4) -> list[str]:
    paths = []
    for number in range(count):
        folder = tmp_path / f"event-{number}"
        folder.mkdir()
        (folder / "event.yaml").write_text(
            MINIMAL.replace("RéZolutions numériques test", f"Rencontre {number}"),
            encoding="utf-8",
        )
        paths.append(str(folder / "event.yaml"))
    return paths


def drive(how: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", _DRIVER, how, *args],
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=300,  # a hang fails the test instead of blocking it
        start_new_session=True,  # its own process group, for killpg
        check=False,
    )


def staging_left(out: Path) -> list[Path]:
    return sorted(out.glob(f"*/{STAGING_PREFIX}*"))


def test_staging_folders_of_killed_workers_are_removed_by_the_next_run(tmp_path, rzn):
    paths = events(tmp_path)
    out = tmp_path / "out"
    args = [*paths, "-o", str(out), "--today", TODAY, "-j", "2"]
    killed = drive("group", *args)
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    assert staging_left(out)  # what the workers had staged, never moved in
    result = rzn("render", *paths, "-o", str(out), "--today", TODAY, "-j", "2")
    assert result.code == 0, result.err
    assert staging_left(out) == []
    for number in range(4):
        checklist = out / f"event-{number}" / "checklist.md"
        assert f"Rencontre {number}" in checklist.read_text(encoding="utf-8")


def test_a_worker_killed_alone_stops_the_run_with_a_message(tmp_path, rzn):
    paths = events(tmp_path)
    out = tmp_path / "out"
    killed = drive("worker", *paths, "-o", str(out), "--today", TODAY, "-j", "2")
    assert killed.returncode == 1
    assert killed.stderr == (
        "rzn : Un processus de travail de rzn s'est arrêté brutalement (arrêté par kill, ou le "
        "système a manqué de mémoire) : rzn s'est arrêté là, les documents des événements "
        "restants n'ont pas été modifiés. Relancez, au besoin avec -j 1 (un seul processus, "
        "moins de mémoire).\n"
    )
    assert staging_left(out) == []
    assert not (out / "event-2").exists()
    assert rzn("render", *paths, "-o", str(out), "--today", TODAY, "-j", "2").code == 0


def test_workers_of_a_killed_parent_end_and_free_the_folders(tmp_path, rzn):
    """Orphaned workers would hold the output folders' locks (and the run's output, so a
    caller reading it would wait for ever): they end by themselves."""
    paths = events(tmp_path)
    out = tmp_path / "out"
    args = [*paths, "-o", str(out), "--today", TODAY, "-j", "2"]
    killed = drive("parent", *args)  # returns once every holder of its output has ended
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    result = rzn("render", *args, "--wait", "0")
    assert result.code == 0, result.err
    assert staging_left(out) == []
