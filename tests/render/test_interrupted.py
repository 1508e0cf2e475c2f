"""All or nothing, whatever stops ``rzn render``: a real ``kill -9`` at every step of the
final moves, SIGTERM, a second run on the same folder, two events aimed at one folder.

A killed run leaves its journal; the next run puts the folder back as it was before the
killed run (documents, merge bases and manifest alike), removes the staging folder, then
renders. The kill comes from a test hook (``_RZN_TEST_KILL_AT_STEP``) that sends SIGKILL to
the real ``rzn render`` process just before its n-th rename, so every step is hit, not
only the ones a timer happens to reach.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from rzn.render.output import STAGING_PREFIX, lock_folder, recover, unlock_folder
from tests.conftest import ROOT, run_subprocess

TODAY = "2027-09-01"
DELETED = "speakers/jegou/1-bilateral.md"
"""A draft a person deleted, brought back by ``--restore`` in the interrupted run: a move
that creates a file where there was none."""

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="POSIX signals")


def contents(folder: Path) -> dict[str, bytes]:
    """Every file below ``folder`` except staging folders: what a person would find."""
    found = {}
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder)
        if relative.parts[0].startswith(STAGING_PREFIX):
            continue
        if path.is_file():
            found[str(relative)] = path.read_bytes()
    return found


def staging_left(folder: Path) -> list[Path]:
    return sorted(folder.glob(f"{STAGING_PREFIX}*"))


def change_budget(event: Path) -> None:
    text = event.read_text(encoding="utf-8")
    changed = text.replace("category: technician, amount: 350", "category: technician, amount: 420")
    assert changed != text
    event.write_text(changed, encoding="utf-8")


@pytest.fixture
def before(tmp_path: Path) -> tuple[Path, dict[str, bytes], dict[str, bytes]]:
    """The Pontivy example rendered (a draft deleted since), the folder's files then, and
    the files a whole render of the changed event (budget, restored draft) gives."""
    folder = tmp_path / "pontivy"
    shutil.copytree(ROOT / "examples" / "pontivy-2027", folder)
    event = folder / "event.yaml"
    assert run_subprocess("render", str(event), "--today", TODAY).code == 0
    (folder / "build" / DELETED).unlink()
    old = contents(folder / "build")
    reference = tmp_path / "reference"
    shutil.copytree(folder, reference)
    change_budget(reference / "event.yaml")
    result = run_subprocess(
        "render", str(reference / "event.yaml"), "--today", TODAY, "--restore", DELETED
    )
    assert result.code == 0, result.err
    new = contents(reference / "build")
    assert old != new and DELETED in new and DELETED not in old
    change_budget(event)
    return event, old, new


def test_kill_9_at_every_step_of_the_moves_leaves_all_old_or_all_new(before, rzn):
    event, old, new = before
    out = event.parent / "build"
    pristine = event.parent.parent / "pristine"
    shutil.copytree(out, pristine)
    left = event.parent.parent / "left"
    outcomes = []
    step = 0
    while True:
        step += 1
        shutil.rmtree(out)
        shutil.copytree(pristine, out)
        result = run_subprocess(
            "render", str(event), "--today", TODAY, "--restore", DELETED,
            _RZN_TEST_KILL_AT_STEP=str(step),
        )  # fmt: skip
        if result.code == 0:
            break  # past the last step: the run went through
        assert result.code == -signal.SIGKILL, (step, result.err)
        # What the next run does first, on a copy of the folder as the killed run left it:
        shutil.rmtree(left, ignore_errors=True)
        shutil.copytree(out, left, symlinks=True)
        recover(left.resolve())
        after = contents(left)
        assert after in (old, new), f"étape {step} : dossier à moitié ancien, à moitié nouveau"
        assert staging_left(left) == []
        outcomes.append("old" if after == old else "new")
        # And the next real run finishes the job as if nothing had happened.
        again = rzn("render", str(event), "--today", TODAY, "--restore", DELETED)
        assert again.code == 0, again.err
        assert contents(out) == new
        assert staging_left(out) == []
    assert contents(out) == new
    # Journal, then a backup and a move per updated file, one move for the restored draft,
    # the last move, the journal's removal: every one of them was a kill point.
    assert len(outcomes) >= 10
    assert outcomes[0] == "old" and outcomes[-1] == "new"
    assert outcomes == sorted(outcomes, key=lambda o: o == "new")  # old… then new…


def test_next_run_removes_staging_folders_left_before_any_move(before):
    event, _, new = before
    out = event.parent / "build"
    stray = out / f"{STAGING_PREFIX}12345-deadbeef-abc"
    stray.mkdir()
    (stray / "00000").write_bytes(b"moitie")
    result = run_subprocess("render", str(event), "--today", TODAY, "--restore", DELETED)
    assert result.code == 0, result.err
    assert staging_left(out) == []
    assert contents(out) == new


def test_sigterm_during_the_moves_finishes_them_first(before):
    event, _, new = before
    out = event.parent / "build"
    # Stopped (SIGSTOP) just before its first rename, the run gets SIGTERM, then goes on.
    proc = subprocess.Popen(
        [sys.executable, "-c", _STOP_AT_FIRST_MOVE, str(event), TODAY, DELETED],
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    _wait_stopped(proc)
    proc.send_signal(signal.SIGTERM)
    proc.send_signal(signal.SIGCONT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == -signal.SIGTERM, err
    assert contents(out) == new  # every move made before stopping
    rerun = run_subprocess("render", str(event), "--today", TODAY)
    assert rerun.code == 0 and staging_left(out) == []


_STOP_AT_FIRST_MOVE = """
import os, signal, sys
import rzn.render.output as output
real = output.os.replace
def stop_once(*args):
    output.os.replace = real
    os.kill(os.getpid(), signal.SIGSTOP)
    return real(*args)
output.os.replace = stop_once
from rzn.cli import main
sys.exit(main(["render", sys.argv[1], "--today", sys.argv[2], "--restore", sys.argv[3]]))
"""


def _wait_stopped(proc: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        with open(f"/proc/{proc.pid}/stat", encoding="ascii") as handle:
            if handle.read().rsplit(")", 1)[1].split()[0] == "T":
                return
        time.sleep(0.05)
    proc.kill()
    raise AssertionError("le rendu ne s'est pas arrêté avant ses déplacements")


def test_a_second_run_on_a_folder_in_use_is_refused(before):
    event, old, _ = before
    out = event.parent / "build"
    # The first run holds the folder's lock, as from its first read to its last move.
    assert lock_folder(out)
    try:
        result = run_subprocess("render", str(event), "--today", TODAY, "--wait", "0")
    finally:
        unlock_folder(out)
    assert result.code == 1
    assert "un autre rzn render écrit en ce moment dans ce dossier" in result.err
    assert "Traceback" not in result.err
    assert contents(out) == old
    assert run_subprocess("render", str(event), "--today", TODAY).code == 0


def test_two_runs_at_once_never_mix_their_versions(before, tmp_path: Path):
    event, _, _ = before
    out = event.parent / "build"
    other = tmp_path / "other.yaml"
    other.write_text(
        event.read_text(encoding="utf-8").replace("amount: 420", "amount: 510"), encoding="utf-8"
    )
    shutil.copytree(event.parent / "logos", tmp_path / "logos")
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "rzn", "render", path, "--today", TODAY, "-o", str(out)],
            env={**os.environ, "PYTHONPATH": str(ROOT)},
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for path in (str(event), str(other))
    ]
    results = [(p.wait(timeout=120), p.communicate()[1]) for p in procs]
    for code, err in results:
        assert code in (0, 1), err
        assert code == 0 or "un autre rzn render écrit en ce moment" in err
    # Whichever ran (or both, one after the other), the folder is one render's whole output.
    budget = (out / "budget.csv").read_bytes()
    manifest_after = contents(out)
    assert staging_left(out) == []
    assert (b"420" in budget) != (b"510" in budget)
    rerun = run_subprocess("render", str(event), "--today", TODAY, "-o", str(out))
    assert rerun.code == 0, rerun.err
    assert "fusionné" not in rerun.out and "nouvelle version à côté" not in rerun.out
    assert manifest_after.keys() <= contents(out).keys()


def test_two_events_writing_one_folder_are_refused(tmp_path: Path, rzn):
    folder = tmp_path / "deux"
    shutil.copytree(ROOT / "examples" / "pontivy-2027", folder)
    shutil.copy(folder / "event.yaml", folder / "autre.yaml")
    a, b = str(folder / "event.yaml"), str(folder / "autre.yaml")
    result = rzn("render", a, b, "--today", TODAY)
    assert result.code == 2
    assert a in result.err and b in result.err
    assert "écriraient tous deux leurs documents dans" in result.err
    assert not (folder / "build").exists()
    # With -o, each event gets a sub-folder of its own.
    assert rzn("render", a, b, "--today", TODAY, "-o", str(tmp_path / "out")).code == 0


@pytest.mark.parametrize("failing_move", [0, 1, 4, 9])
def test_disk_full_during_the_moves_leaves_the_folder_as_it_was(
    before, rzn, monkeypatch: pytest.MonkeyPatch, failing_move: int
):
    """0: the journal cannot be written; n: the n-th link or rename fails (a full disk, a
    quota): the first ones give the previous versions their second name, the others move
    the new ones in."""
    import errno

    from rzn.render import output

    event, old, _ = before
    out = event.parent / "build"
    real = {"link": output.os.link, "replace": output.os.replace}
    calls = [0]

    def full(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    def failing(name: str):  # type: ignore[no-untyped-def]
        def call(source, target, **kwargs):  # type: ignore[no-untyped-def]
            calls[0] += 1
            if calls[0] == failing_move:
                full()
            return real[name](source, target, **kwargs)

        return call

    if failing_move == 0:
        monkeypatch.setattr(output, "_write_journal", full)
    else:
        monkeypatch.setattr(output.os, "link", failing("link"))
        monkeypatch.setattr(output.os, "replace", failing("replace"))
    result = rzn("render", str(event), "--today", TODAY, "--restore", DELETED)
    monkeypatch.undo()
    assert result.code == 1
    assert "le disque est plein" in result.err
    assert "Les documents précédents n'ont pas été modifiés." in result.err
    assert contents(out) == old
    assert staging_left(out) == []
    assert calls[0] >= failing_move  # the n-th was tried, and failed
