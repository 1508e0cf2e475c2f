"""One render at a time per output folder, with the system's lock or without it.

Real processes: one holds the folder's lock (as a render does from its first read to its
last move), another ``rzn render`` waits for it (``--wait``) or refuses. Where the system
has no ``flock`` (Windows), a lock file does the same; the test hook
``_RZN_TEST_LOCK_FILE`` makes rzn use it here, so its path is tested on every machine.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from rzn.render.folder_lock import LOCK_FILE
from rzn.render.output import STAGING_PREFIX
from tests.conftest import MINIMAL, ROOT

TODAY = "2027-09-01"
MODES = {"flock": {}, "fichier-verrou": {"_RZN_TEST_LOCK_FILE": "1"}}

_HOLD = """
import sys, time
from pathlib import Path
from rzn.render.output import lock_folder
assert lock_folder(Path(sys.argv[1]), create=True)
print("verrouillé", flush=True)
sys.stdin.read()  # held until the test closes this process's input
"""


def env(mode: str) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT), **MODES[mode]}


def hold(folder: Path, mode: str) -> subprocess.Popen[str]:
    """A process holding ``folder``'s lock (once it said so) until its input is closed."""
    proc = subprocess.Popen(
        [sys.executable, "-c", _HOLD, str(folder)],
        env=env(mode),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None and proc.stdout.readline() == "verrouillé\n"
    return proc


def render(event: Path, out: Path, mode: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "rzn", "render", str(event), "-o", str(out), "--today", TODAY,
         *args],
        env=env(mode),
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
        timeout=300,
    )  # fmt: skip


@pytest.fixture
def event(tmp_path: Path) -> Path:
    path = tmp_path / "event.yaml"
    path.write_text(MINIMAL, encoding="utf-8")
    return path


def leftovers(out: Path) -> list[str]:
    return sorted(p.name for p in out.iterdir() if p.name.startswith((STAGING_PREFIX, LOCK_FILE)))


@pytest.mark.parametrize("mode", MODES)
def test_a_second_run_waits_for_the_first(event, tmp_path, mode):
    out = tmp_path / "build"
    holder = hold(out, mode)
    second = subprocess.Popen(
        [sys.executable, "-m", "rzn", "render", str(event), "-o", str(out), "--today", TODAY,
         "--wait", "120"],
        env=env(mode),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
    )  # fmt: skip
    assert second.stderr is not None and holder.stdin is not None
    notice = second.stderr.readline()
    assert notice == (
        f"rzn : {out} : un autre rzn render écrit dans ce dossier ; rzn attend qu'il ait fini "
        "(au plus 120 s, --wait pour changer)…\n"
    )
    assert not (out / "checklist.md").exists()  # nothing written while waiting
    holder.stdin.close()  # the first run is over
    holder.wait(timeout=60)
    _, err = second.communicate(timeout=300)
    assert second.returncode == 0, err
    assert (out / "checklist.md").is_file()
    assert leftovers(out) == []


@pytest.mark.parametrize("mode", MODES)
def test_a_second_run_stops_when_the_wait_is_over(event, tmp_path, mode):
    out = tmp_path / "build"
    holder = hold(out, mode)
    try:
        result = render(event, out, mode, "--wait", "1")
        refused_at_once = render(event, out, mode, "--wait", "0")
    finally:
        holder.kill()
        holder.wait()
    assert result.returncode == 1
    assert result.stderr.endswith(
        f"rzn : {out} : un autre rzn render écrit encore dans ce dossier après 1 s d'attente. "
        "Attendez qu'il ait fini, puis relancez (ou attendez plus longtemps : rzn render --wait "
        "SECONDES) ; rien n'a été écrit.\n"
    ), result.stderr
    assert refused_at_once.returncode == 1
    assert "un autre rzn render écrit en ce moment dans ce dossier." in refused_at_once.stderr
    assert "rzn attend" not in refused_at_once.stderr
    assert not (out / "checklist.md").exists()


def test_a_lock_file_left_by_a_killed_run_is_taken_over(event, tmp_path):
    out = tmp_path / "build"
    out.mkdir()
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)  # fmt: skip
    (out / LOCK_FILE).write_text(f"{dead.stdout.strip()} {socket.gethostname()}\n")
    result = render(event, out, "fichier-verrou", "--wait", "0")
    assert result.returncode == 0, result.stderr
    assert leftovers(out) == []


def test_a_lock_file_of_another_machine_says_how_to_remove_it(event, tmp_path):
    out = tmp_path / "build"
    out.mkdir()
    (out / LOCK_FILE).write_text("4242 autre-poste.example.org\n")
    result = render(event, out, "fichier-verrou", "--wait", "0")
    assert result.returncode == 1
    assert f"Si aucun rzn ne tourne sur l'autre ordinateur, supprimez {out / LOCK_FILE}." in (
        result.stderr
    )
    assert sorted(p.name for p in out.iterdir()) == [LOCK_FILE]


@pytest.mark.parametrize("mode", MODES)
def test_runs_started_together_take_turns(tmp_path, mode):
    out = tmp_path / "build"
    events = []
    for number in range(3):
        path = tmp_path / f"event-{number}.yaml"
        path.write_text(
            MINIMAL.replace("RéZolutions numériques test", f"Rencontre {number}"),
            encoding="utf-8",
        )
        events.append(path)
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "rzn", "render", str(path), "-o", str(out), "--today", TODAY],
            env=env(mode),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for path in events
    ]
    results = [(proc.wait(timeout=300), proc.communicate()[1]) for proc in procs]
    assert [code for code, _ in results] == [0, 0, 0], results
    # The folder holds one render whole: the last one's title in every document.
    titles = {
        number
        for number in range(3)
        for doc in ("checklist.md", "public/index.html")
        if f"Rencontre {number}" in (out / doc).read_text(encoding="utf-8")
    }
    assert len(titles) == 1
    assert leftovers(out) == []


def test_the_windows_lock_file_excludes_a_second_holder(tmp_path, monkeypatch):
    """Windows locks the file with ``msvcrt.locking``, released when the process ends; here
    a stand-in with the same contract (a lock per open file, refused while another holds
    it), so that the path Windows takes runs on every machine."""
    import fcntl
    import types

    from rzn.render import folder_lock

    def locking(fd: int, mode: int, count: int) -> None:
        assert count == 1
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB if mode == 2 else fcntl.LOCK_UN)

    monkeypatch.setitem(sys.modules, "msvcrt", types.SimpleNamespace(LK_NBLCK=2, locking=locking))
    monkeypatch.setenv("_RZN_TEST_LOCK_FILE", "1")
    out = tmp_path / "build"
    assert folder_lock.lock_folder(out, create=True)
    try:
        assert (out / LOCK_FILE).is_file()
        with pytest.raises(folder_lock._Busy):
            folder_lock._try_lock(os.path.realpath(out))  # what another process would find
    finally:
        folder_lock.unlock_folder(out)
    assert not (out / LOCK_FILE).exists()
    other = folder_lock._try_lock(os.path.realpath(out))  # free again
    os.close(other.fd)
