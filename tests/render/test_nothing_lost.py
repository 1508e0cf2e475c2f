"""Nothing is lost: a failed or interrupted command leaves every file as it was.

Through the real CLI where possible: ``rzn init`` never overwrites; a
render that fails half-way (template error, full disk, Ctrl-C) leaves the
previous outputs byte for byte and no staging folder; files rzn did not
write survive every render; no command ever modifies the event file nor
the exports beside it.
"""

from __future__ import annotations

import errno
import os
import shutil
import signal
import subprocess
import sys
import textwrap
from collections.abc import Callable, Iterable
from pathlib import Path

import pytest

from rzn.render.output import MANIFEST, OutputFile
from rzn.render.registry import DOCUMENTS
from tests.conftest import ROOT, Result

EXPORTS = ROOT / "tests" / "data" / "exports"
TODAY = "2027-09-01"

Snapshot = dict[str, tuple[bytes, int]]


def snapshot(folder: Path, skip: Path | None = None) -> Snapshot:
    """Every file below ``folder`` (hidden ones included): its bytes and modification time."""
    found: Snapshot = {}
    for path in sorted(folder.rglob("*")):
        if skip is not None and (path == skip or skip in path.parents):
            continue
        if path.is_file():
            found[str(path.relative_to(folder))] = (path.read_bytes(), path.stat().st_mtime_ns)
    return found


def contents(folder: Path) -> dict[str, bytes]:
    return {name: data for name, (data, _) in snapshot(folder).items()}


def no_staging_left(folder: Path) -> bool:
    return not [p for p in folder.rglob(".rzn-staging-*")]


@pytest.fixture
def event(tmp_path: Path) -> Path:
    """The Pontivy example, logos included, in a folder of its own."""
    folder = tmp_path / "pontivy"
    shutil.copytree(ROOT / "examples" / "pontivy-2027", folder)
    return folder / "event.yaml"


@pytest.fixture
def rendered(event: Path, rzn: Callable[..., Result]) -> Path:
    """A successful render, with a file of the user's own in the output folder."""
    out = event.parent / "build"
    out.mkdir()
    (out / "mes-notes.txt").write_text("Notes de Claire, à garder.\n", encoding="utf-8")
    (out / "workshops").mkdir()
    (out / "workshops" / "photo.jpg").write_bytes(b"\xff\xd8\xff not rzn's")
    result = rzn("render", str(event), "--today", TODAY)
    assert result.code == 0, result.err
    assert (out / MANIFEST).is_file() and (out / "checklist.md").is_file()
    return out


def retitled(event: Path) -> None:
    """Change the event, so that a render that went through would change the outputs."""
    text = event.read_text(encoding="utf-8")
    event.write_text(text.replace("title: ", "title: Nouveau titre — ", 1), encoding="utf-8")


# -- rzn init ----------------------------------------------------------------------------


def test_init_never_overwrites_the_event_file(tmp_path: Path, rzn: Callable[..., Result]):
    folder = tmp_path / "rencontre"
    args = ("init", str(folder), "--title", "Rencontre", "--date", "2027-11-18")
    assert rzn(*args, "--format", "online").code == 0
    event = folder / "event.yaml"
    event.write_text(event.read_text(encoding="utf-8") + "# mes notes\n", encoding="utf-8")
    before = snapshot(folder)

    result = rzn(*args, "--format", "in_person")

    assert result.code == 1
    assert "existe déjà : rzn init ne l'écrase pas" in result.err
    assert "--force" in result.err
    assert "Traceback" not in result.err
    assert snapshot(folder) == before


# -- a render that fails half-way ----------------------------------------------------------


@pytest.mark.parametrize(
    ("template", "message"),
    [
        ("{{ event.nope }}", "variable inconnue"),
        ("{% if %}", "expression attendue, trouvé : %}"),
    ],
    ids=["unknown-variable", "syntax-error"],
)
def test_template_error_leaves_the_previous_outputs(
    rendered: Path, event: Path, tmp_path: Path, rzn: Callable[..., Result], template, message
):
    before = snapshot(rendered)
    retitled(event)
    # evaluation.md comes late in the list: many documents were already built.
    templates = tmp_path / "gabarits"
    templates.mkdir()
    (templates / "evaluation.md.j2").write_text(template, encoding="utf-8")

    result = rzn("render", str(event), "--today", TODAY, "--templates", str(templates))

    assert result.code == 1
    assert message in result.err and "evaluation.md.j2" in result.err
    assert "Traceback" not in result.err
    assert snapshot(rendered) == before
    assert no_staging_left(rendered)


@pytest.mark.parametrize("after", [0, 1, 20])
def test_full_disk_leaves_the_previous_outputs(
    rendered: Path,
    event: Path,
    rzn: Callable[..., Result],
    monkeypatch: pytest.MonkeyPatch,
    after: int,
):
    before = snapshot(rendered)
    retitled(event)
    write_bytes = Path.write_bytes
    calls = []

    def disk_full(self: Path, data: bytes) -> int:
        calls.append(self)
        if len(calls) > after:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(self))
        return write_bytes(self, data)

    monkeypatch.setattr(Path, "write_bytes", disk_full)
    result = rzn("render", str(event), "--today", TODAY)
    monkeypatch.undo()

    assert len(calls) == after + 1  # the failure did happen, and stopped the writing
    assert result.code == 1
    assert "Traceback" not in result.err and "Erreur interne" not in result.err
    assert "libérez de la place" in result.err
    assert "documents précédents n'ont pas été modifiés" in result.err
    assert snapshot(rendered) == before
    assert no_staging_left(rendered)


@pytest.mark.parametrize("after", [1, 2, 9, 30])
def test_a_move_failing_half_way_puts_the_previous_outputs_back(
    rendered: Path,
    event: Path,
    rzn: Callable[..., Result],
    monkeypatch: pytest.MonkeyPatch,
    after: int,
):
    """As when budget.xlsx is open in Excel on Windows: its replacement is refused."""
    before = contents(rendered)
    retitled(event)
    replace = os.replace
    calls = []

    def refused(source: str | Path, target: str | Path) -> None:
        calls.append(target)
        if len(calls) == after + 1:  # this one move only: putting files back must work
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(target))
        replace(source, target)

    monkeypatch.setattr(os, "replace", refused)
    result = rzn("render", str(event), "--today", TODAY)
    monkeypatch.undo()

    assert len(calls) > after
    assert result.code == 1
    assert "Traceback" not in result.err and "Erreur interne" not in result.err
    assert "vérifiez les droits d'accès" in result.err
    assert contents(rendered) == before
    assert no_staging_left(rendered)


def _interrupting_builder(ctx: object) -> Iterable[OutputFile]:
    raise KeyboardInterrupt


def test_ctrl_c_while_building_leaves_the_previous_outputs(
    rendered: Path, event: Path, rzn: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
):
    before = snapshot(rendered)
    retitled(event)
    assert "evaluation" in DOCUMENTS
    monkeypatch.setitem(DOCUMENTS, "evaluation", _interrupting_builder)

    result = rzn("render", str(event), "--today", TODAY)

    assert result.code == 130
    assert result.err == "rzn : Interrompu : aucun fichier n'a été modifié à moitié.\n"
    assert snapshot(rendered) == before
    assert no_staging_left(rendered)


def test_ctrl_c_while_staging_leaves_the_previous_outputs(
    rendered: Path, event: Path, rzn: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
):
    before = snapshot(rendered)
    retitled(event)
    write_bytes = Path.write_bytes
    calls = []

    def interrupted(self: Path, data: bytes) -> int:
        calls.append(self)
        if len(calls) == 5:
            raise KeyboardInterrupt
        return write_bytes(self, data)

    monkeypatch.setattr(Path, "write_bytes", interrupted)
    result = rzn("render", str(event), "--today", TODAY)
    monkeypatch.undo()

    assert result.code == 130
    assert "Interrompu" in result.err
    assert snapshot(rendered) == before
    assert no_staging_left(rendered)


# -- SIGINT sent to a real ``python -m rzn render`` ---------------------------------------

# The child waits at a chosen step until the test has sent SIGINT, so the signal arrives at a
# known moment, whatever the machine's speed.
CHILD = textwrap.dedent(
    """
    import sys

    def wait_for_the_signal():
        sys.stdout.write("prêt\\n")
        sys.stdout.flush()
        sys.stdin.readline()

    if sys.argv[1].startswith("building"):
        from rzn.render.registry import DOCUMENTS, all_documents

        all_documents()
        builder = DOCUMENTS["evaluation"]
        calls = []

        def slow(ctx):
            calls.append(ctx)
            # "building-in-worker": the first event (built by the parent) goes through; the
            # next ones, in forked workers, wait.
            if sys.argv[1] == "building" or len(calls) > 1:
                wait_for_the_signal()
                import time

                # The SIGINT already arrived: in the parent, KeyboardInterrupt ends this at
                # once; a worker is stopped by the parent.
                time.sleep(60)
            return builder(ctx)

        slow.__module__ = builder.__module__
        DOCUMENTS["evaluation"] = slow
    else:
        import os

        replace = os.replace
        calls = []

        def slow_replace(source, target):
            calls.append(target)
            if len(calls) == 3:
                wait_for_the_signal()
            return replace(source, target)

        os.replace = slow_replace

    from rzn.cli import main

    sys.exit(main(sys.argv[2:]))
    """
)


def interrupt_child(step: str, *events: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    args = [sys.executable, "-c", CHILD, step, "render", *map(str, events), "--today", TODAY]
    with subprocess.Popen(
        args,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        env=env,
    ) as child:
        assert child.stdout is not None and child.stdin is not None
        seen = []
        while not seen or seen[-1] not in ("prêt\n", ""):
            seen.append(child.stdout.readline())
        assert seen[-1] == "prêt\n", seen
        child.send_signal(signal.SIGINT)
        out, err = child.communicate("continuer\n", timeout=120)
        return subprocess.CompletedProcess(args, child.returncode, "".join(seen) + out, err)


@pytest.mark.skipif(sys.platform == "win32", reason="SIGINT cannot be sent to a child there")
def test_sigint_while_building_leaves_the_previous_outputs(rendered: Path, event: Path):
    before = snapshot(rendered)
    retitled(event)

    child = interrupt_child("building", event)

    assert child.returncode == 130, child.stderr
    assert child.stderr == "rzn : Interrompu : aucun fichier n'a été modifié à moitié.\n"
    assert snapshot(rendered) == before
    assert no_staging_left(rendered)


@pytest.mark.skipif(sys.platform == "win32", reason="SIGINT cannot be sent to a child there")
def test_sigint_while_workers_build_stops_them_and_keeps_every_folder(
    rendered: Path, event: Path, tmp_path: Path
):
    """Several events: the parent built and wrote the first; workers are building the rest."""
    others = []
    for name in ("deux", "trois"):
        shutil.copytree(event.parent, tmp_path / name)
        others.append(tmp_path / name / "event.yaml")
    before = [snapshot(rendered), *(snapshot(e.parent / "build") for e in others)]
    for path in (event, *others):
        retitled(path)

    child = interrupt_child("building-in-worker", event, *others)

    assert child.returncode == 130, child.stderr
    # One message from the parent; the workers ignore SIGINT and print nothing.
    assert child.stderr == "rzn : Interrompu : aucun fichier n'a été modifié à moitié.\n"
    assert "Documents écrits dans" in child.stdout  # the first event went through…
    assert snapshot(rendered) != before[0]
    # …the others, interrupted while being built in memory, kept their previous outputs.
    assert [snapshot(e.parent / "build") for e in others] == before[1:]
    for folder in (rendered, *(e.parent / "build" for e in others)):
        assert no_staging_left(folder)


@pytest.mark.skipif(sys.platform == "win32", reason="SIGINT cannot be sent to a child there")
def test_sigint_while_swapping_in_finishes_the_swap_first(
    rendered: Path, event: Path, tmp_path: Path, rzn: Callable[..., Result]
):
    retitled(event)
    expected = tmp_path / "attendu"
    assert rzn("render", str(event), "--today", TODAY, "-o", str(expected)).code == 0

    child = interrupt_child("swapping", event)

    # Ctrl-C is honoured once every new document is in place: never half old, half new.
    assert child.returncode == 130, child.stderr
    assert "Interrompu" in child.stderr
    now = contents(rendered)
    assert now.pop("mes-notes.txt") == "Notes de Claire, à garder.\n".encode()
    assert now.pop("workshops/photo.jpg") == b"\xff\xd8\xff not rzn's"
    assert now == contents(expected)
    assert no_staging_left(rendered)


# -- files rzn did not write -------------------------------------------------------------


def test_files_rzn_did_not_write_survive_every_render(
    rendered: Path, event: Path, rzn: Callable[..., Result]
):
    mine = {
        "mes-notes.txt": (rendered / "mes-notes.txt").read_bytes(),
        "workshops/photo.jpg": (rendered / "workshops" / "photo.jpg").read_bytes(),
    }
    # A document the user wrote where rzn would write one: refused, kept.
    (rendered / MANIFEST).unlink()
    (rendered / "checklist.md").write_text("Ma liste à moi.\n", encoding="utf-8")
    refused = rzn("render", str(event), "--today", TODAY)
    assert refused.code == 1
    assert "n'a pas été écrit par rzn" in refused.err and "--force" in refused.err
    assert (rendered / "checklist.md").read_text(encoding="utf-8") == "Ma liste à moi.\n"

    assert rzn("render", str(event), "--today", TODAY, "--force").code == 0
    retitled(event)
    assert rzn("render", str(event), "--today", TODAY).code == 0
    for name, data in mine.items():
        assert (rendered / name).read_bytes() == data


# -- the event file is never modified ------------------------------------------------------


def test_no_command_modifies_the_event_file_or_the_exports(
    tmp_path: Path, rzn: Callable[..., Result]
):
    folder = tmp_path / "val-de-loire"
    folder.mkdir()
    for export in EXPORTS.glob("*.csv"):
        shutil.copy2(export, folder / export.name)
    shutil.copy2(EXPORTS / "val-de-loire.yaml", folder / "event.yaml")
    event = str(folder / "event.yaml")
    out = tmp_path / "sorties"
    before = snapshot(folder)
    commands = [
        ("check", event),
        ("check", str(folder), "--format", "json"),
        ("render", event, "-o", str(out / "render"), "--today", TODAY),
        ("render", event, "--today", TODAY),  # build/ beside the event, skipped below
        ("schema",),
        ("schema", "-o", str(out / "schema.json")),
        ("report", event, "-o", str(out / "report"), "--today", "2027-11-25"),
        ("stats", str(folder)),
        ("rules",),
        ("rules", "RZN101"),
    ]
    try:
        import weasyprint  # noqa: F401
    except (ImportError, OSError):
        pass
    else:
        commands.append(("render", event, "--pdf", "-o", str(out / "pdf"), "--today", TODAY))
    for command in commands:
        result = rzn(*command)
        assert result.code in (0, 1), (command, result.err)
        assert "Traceback" not in result.err and "Erreur interne" not in result.err, command
        assert snapshot(folder, skip=folder / "build") == before, command
