"""Recovery that can itself be interrupted, and what a preview says of an interrupted run.

A run killed during its moves is undone by the next one (:func:`recover`); that next one
can be killed too, during its own undoing, and so on: whatever the run that finally
completes finds, the folder comes back as it was before the first interrupted run, with
no document missing. The kills here are raised in-process at each step of the moves
(the same test hook :mod:`tests.render.test_interrupted` turns into a real SIGKILL), so
that every pair (step of the moves, step of the undoing) is tried in a second.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from rzn.render import output
from rzn.render.output import STAGING_PREFIX, OutputFile, write_outputs
from tests.conftest import MINIMAL, run_subprocess


class Killed(BaseException):
    """What a ``kill -9`` at the hook's step would be: nothing after it runs."""


def contents(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.relative_to(folder).parts[0].startswith(STAGING_PREFIX)
    }


def kill_at(monkeypatch: pytest.MonkeyPatch, step: int) -> None:
    count = [0]

    def test_step() -> None:
        count[0] += 1
        if count[0] == step:
            raise Killed

    monkeypatch.setattr(output, "_test_step", test_step)


OLD = [
    OutputFile("checklist.md", b"liste ancienne\n", "x"),
    OutputFile("budget.csv", b"budget ancien\n", "x"),
]
NEW = [
    OutputFile("checklist.md", b"liste nouvelle\n", "x"),
    OutputFile("budget.csv", b"budget nouveau\n", "x"),
    OutputFile("speakers/dupont/brief.md", b"fiche nouvelle\n", "x"),
]


def killed_run(out: Path, step: int) -> bool:
    """Render NEW over OLD in ``out``, killed at ``step``; False if it went through."""
    with pytest.MonkeyPatch.context() as patch:
        kill_at(patch, step)
        patch.setattr(output, "discard", lambda staged: None)  # a dead process cleans nothing
        staged = output.stage(out, NEW)
        try:
            output.commit(staged)
        except Killed:
            return True
        finally:
            output.unlock_folder(out)
    return False


def test_a_recovery_killed_at_any_step_is_finished_by_the_next_one(tmp_path):
    base = tmp_path / "base"
    write_outputs(base, OLD)
    old = contents(base)
    reference = tmp_path / "reference"
    shutil.copytree(base, reference)
    write_outputs(reference, NEW)
    new = contents(reference)
    tried = 0
    step = 0
    while True:
        step += 1
        out = tmp_path / f"run-{step}"
        shutil.copytree(base, out)
        if not killed_run(out, step):
            break
        journal = output.interrupted(out.resolve())
        recovery_step = 0
        finished = False
        while not finished:
            recovery_step += 1
            again = tmp_path / f"again-{step}-{recovery_step}"
            shutil.copytree(out, again, symlinks=True)
            with pytest.MonkeyPatch.context() as patch:
                kill_at(patch, recovery_step)
                try:
                    output.recover(again.resolve())
                    finished = True
                except Killed:
                    pass
            output.recover(again.resolve())  # the run after the killed one
            tried += 1
            assert contents(again) == (old if journal else new), (step, recovery_step)
            assert not list(again.glob(f"{STAGING_PREFIX}*"))
            shutil.rmtree(again)
    # Journal, a second name for each previous version, a move each, the journal's removal.
    assert step >= 8 and tried >= 12


def test_moves_that_cannot_be_undone_are_left_for_the_next_run(tmp_path, monkeypatch):
    import errno
    import os

    out = tmp_path / "build"
    write_outputs(out, OLD)
    old = contents(out)
    real_replace = os.replace
    calls = [0]

    def fails_from_the_third(src, dst):  # type: ignore[no-untyped-def]
        calls[0] += 1
        if calls[0] >= 3:  # a folder made read-only in the middle of the moves
            raise OSError(errno.EACCES, "Permission denied")
        return real_replace(src, dst)

    monkeypatch.setattr(os, "replace", fails_from_the_third)
    with pytest.raises(output.RenderError) as refused:
        write_outputs(out, NEW)
    monkeypatch.undo()
    assert str(refused.value) == (
        f"Écriture impossible dans {out} (accès refusé), et rzn n'a pas pu y remettre tous "
        "les documents précédents : corrigez la cause, puis relancez rzn render, qui les "
        "remettra en place d'abord."
    )
    assert output.interrupted(out.resolve())  # the journal is kept for the next run
    write_outputs(out, OLD)
    assert contents(out) == old
    assert not list(out.glob(f"{STAGING_PREFIX}*"))


def test_a_preview_of_an_interrupted_folder_says_so_and_writes_nothing(tmp_path):
    out = tmp_path / "build"
    write_outputs(out, OLD)
    assert killed_run(out, 6)  # two documents moved in of three
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    staged = output.stage(out, NEW, dry_run=True)
    assert staged.interrupted and staged.staging is None
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
    write_outputs(out, NEW)  # undoes the interrupted run, then writes
    assert all((out / f.path).read_bytes() == f.content for f in NEW)
    assert not list(out.glob(f"{STAGING_PREFIX}*"))
    assert not output.stage(out, NEW, dry_run=True).interrupted


def test_rzn_render_dry_run_on_an_interrupted_folder_says_the_next_run_will_undo_it(tmp_path, rzn):
    event = tmp_path / "event.yaml"
    event.write_text(MINIMAL, encoding="utf-8")
    assert rzn("render", str(event), "--today", "2027-09-01").code == 0
    event.write_text(MINIMAL.replace("test", "d'automne"), encoding="utf-8")
    killed = run_subprocess(
        "render", str(event), "--today", "2027-09-01", _RZN_TEST_KILL_AT_STEP="12"
    )
    assert killed.code < 0  # killed in the middle of its moves
    out = tmp_path / "build"
    everything = {p: p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}
    preview = rzn("render", str(event), "--today", "2027-09-01", "--dry-run")
    assert preview.code == 0, preview.err
    assert (
        f"Attention : un rendu interrompu (arrêt brutal, coupure de courant) a laissé {out} à "
        "moitié dans l'ancienne version, à moitié dans la nouvelle. Le prochain rzn render sans "
        "--dry-run remettra d'abord chaque document tel qu'il était avant ce rendu, puis écrira "
        "la nouvelle version ; l'aperçu ci-dessous part du dossier tel qu'il est.\n"
        f"Aperçu, rien n'a été écrit dans {out} :\n"
    ) in preview.out
    assert {p: p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()} == everything
    assert rzn("render", str(event), "--today", "2027-09-01").code == 0
    assert not list(out.glob(f"{STAGING_PREFIX}*"))
    assert "Attention" not in rzn("render", str(event), "--today", "2027-09-01", "--dry-run").out
