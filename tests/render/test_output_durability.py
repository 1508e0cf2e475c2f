"""Power loss: every change to a folder's entries reaches the disk in the order recovery needs.

A rename is durable only once the folder holding it is flushed (``fsync`` of the folder).
These tests record every call that changes a folder (create, rename, link, unlink, mkdir)
and every flush, then check the order: the journal and the staged contents are on disk
before the first move, the second names of the previous versions before any of them is
replaced, every move before the journal is removed, and the journal's removal before rzn
says it is done. What a power cut leaves is then one of the states :func:`recover` was
tested on with ``kill -9`` (tests/render/test_interrupted.py).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from rzn import files
from rzn.files import replace_file
from rzn.render import output
from rzn.render.output import JOURNAL, STAGING_PREFIX, OutputFile, write_outputs


class Recorder:
    """The calls of the ``os`` module that change or flush a folder, in order."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.events: list[tuple[str, str, str]] = []
        self.fds: dict[int, str] = {}
        names = ("open", "fsync", "replace", "rename", "link", "unlink", "mkdir", "rmdir")
        real = {name: getattr(os, name) for name in names}

        def opened(path, flags, *args, **kwargs):  # type: ignore[no-untyped-def]
            fd = real["open"](path, flags, *args, **kwargs)
            self.fds[fd] = os.path.abspath(path)
            if flags & os.O_CREAT:
                self.events.append(("create", os.path.abspath(path), ""))
            return fd

        def fsync(fd):  # type: ignore[no-untyped-def]
            self.events.append(("fsync", self.fds.get(fd, f"fd{fd}"), ""))
            return real["fsync"](fd)

        def two(name: str):  # type: ignore[no-untyped-def]
            def call(src, dst, *args, **kwargs):  # type: ignore[no-untyped-def]
                self.events.append((name, os.path.abspath(src), os.path.abspath(dst)))
                return real[name](src, dst, *args, **kwargs)

            return call

        def one(name: str):  # type: ignore[no-untyped-def]
            def call(path, *args, **kwargs):  # type: ignore[no-untyped-def]
                self.events.append((name, os.path.abspath(path), ""))
                return real[name](path, *args, **kwargs)

            return call

        real_syncfs = files._syncfs

        def syncfs(folder):  # type: ignore[no-untyped-def]
            done = real_syncfs(folder) if self.syncfs else False
            if done:
                self.events.append(("syncfs", os.path.abspath(folder), ""))
            return done

        self.syncfs = True
        monkeypatch.setattr(files, "_syncfs", syncfs)
        monkeypatch.setattr(os, "open", opened)
        monkeypatch.setattr(os, "fsync", fsync)
        for name in ("replace", "rename", "link"):
            monkeypatch.setattr(os, name, two(name))
        for name in ("unlink", "mkdir", "rmdir"):
            monkeypatch.setattr(os, name, one(name))

    def changed_folders(self, event: tuple[str, str, str]) -> set[str]:
        kind, first, second = event
        if kind in ("replace", "rename"):
            return {os.path.dirname(first), os.path.dirname(second)}
        if kind == "link":
            return {os.path.dirname(second)}
        if kind in ("create", "unlink", "mkdir", "rmdir"):
            return {os.path.dirname(first)}
        return set()

    def unflushed_before(self, index: int, inside: Path) -> list[tuple[str, str, str]]:
        """Changes to folders below ``inside`` made before event ``index`` and not flushed
        between them and it."""
        pending: dict[str, tuple[str, str, str]] = {}
        for event in self.events[:index]:
            if event[0] == "fsync":
                pending = {k: v for k, v in pending.items() if os.path.dirname(k) != event[1]}
                pending.pop(event[1] + "/", None)
                continue
            for folder in self.changed_folders(event):
                if folder == str(inside) or folder.startswith(f"{inside}/"):
                    pending[f"{folder}/{len(pending)}"] = event
        return list(pending.values())

    def index(self, kind: str, predicate) -> int:  # type: ignore[no-untyped-def]
        found = [i for i, e in enumerate(self.events) if e[0] == kind and predicate(e)]
        assert found, (kind, self.events)
        return found[0]


def _files(version: str) -> list[OutputFile]:
    return [
        OutputFile("checklist.md", f"liste {version}\n".encode(), "x"),
        OutputFile("budget.csv", f"budget {version}\n".encode(), "x"),
        OutputFile(f"speakers/{version}/brief.md", b"fiche\n", "x"),  # a new folder each time
    ]


@pytest.mark.parametrize("syncfs", [True, False], ids=["syncfs", "fsync-par-fichier"])
def test_every_move_is_on_disk_before_the_journal_is_removed(tmp_path, monkeypatch, syncfs):
    """``syncfs`` (Linux) flushes every staged file at once; elsewhere each is flushed."""
    out = tmp_path / "build"
    write_outputs(out, _files("ancienne"))
    recorder = Recorder(monkeypatch)
    recorder.syncfs = syncfs
    write_outputs(out, _files("nouvelle"))
    monkeypatch.undo()
    events = recorder.events
    root = str(out.resolve())

    def is_journal(e):  # type: ignore[no-untyped-def]
        return e[1].endswith(f"/{JOURNAL}")

    journal_written = recorder.index("create", is_journal)
    journal_removed = recorder.index("unlink", is_journal)
    first_move = recorder.index(
        "replace", lambda e: STAGING_PREFIX in e[1] and STAGING_PREFIX not in e[2]
    )
    staging = os.path.dirname(events[journal_written][1])
    moves = [e for e in events if e[0] == "replace" and e[1].startswith(staging + "/0")]
    # The three documents, a merge base for each text (rzn.drafts), the manifest last.
    assert len(moves) == 6 and moves[-1][2] == str(out.resolve() / output.MANIFEST)
    # The staged contents are flushed before the journal, the journal before any move…
    flushed_at_once = [e for e in events[:journal_written] if e[0] == "syncfs"]
    if syncfs and sys.platform.startswith("linux"):
        assert flushed_at_once
    else:
        assert not flushed_at_once
        for _, source, _ in moves:
            assert ("fsync", source, "") in events[:journal_written]
    assert ("fsync", events[journal_written][1], "") in events[journal_written:first_move]
    assert recorder.unflushed_before(first_move, Path(root)) == []
    # …the previous versions have their second name under .previous, flushed, before then…
    links = [e for e in events[:first_move] if e[0] == "link"]
    assert {"budget.csv", "checklist.md", output.MANIFEST} <= {
        os.path.basename(e[1]) for e in links
    }
    # …every rename and new folder is flushed before the journal goes…
    assert recorder.unflushed_before(journal_removed, Path(root)) == []
    # …and the journal's removal itself before rzn returns.
    assert ("fsync", staging, "") in events[journal_removed:]
    assert (out / "checklist.md").read_bytes() == b"liste nouvelle\n"
    assert not list(out.glob(f"{STAGING_PREFIX}*"))


def test_recovery_flushes_the_files_it_puts_back_before_removing_the_journal(tmp_path, monkeypatch):
    out = tmp_path / "build"
    write_outputs(out, _files("ancienne"))
    staged = output.stage(out, _files("nouvelle"))
    real_replace = os.replace
    moved = [0]

    def stop_after_two(src, dst):  # type: ignore[no-untyped-def]
        if STAGING_PREFIX in str(src) and STAGING_PREFIX not in str(dst):
            moved[0] += 1
            if moved[0] == 3:
                raise KeyboardInterrupt  # as if the power went: nothing after this runs
        return real_replace(src, dst)

    monkeypatch.setattr(os, "replace", stop_after_two)
    monkeypatch.setattr(output, "discard", lambda staged: None)  # a dead process cleans nothing
    with pytest.raises(KeyboardInterrupt):
        output.commit(staged)
    monkeypatch.undo()
    output.unlock_folder(out)
    assert (out / "checklist.md").read_bytes() == b"liste nouvelle\n"  # half new, for now
    recorder = Recorder(monkeypatch)
    assert output.recover(out.resolve())
    monkeypatch.undo()
    journal_removed = recorder.index("unlink", lambda e: e[1].endswith(f"/{JOURNAL}"))
    assert recorder.unflushed_before(journal_removed, out.resolve()) == []
    assert (out / "checklist.md").read_bytes() == b"liste ancienne\n"
    assert (out / "budget.csv").read_bytes() == b"budget ancienne\n"
    assert not (out / "speakers" / "nouvelle").exists()


def test_replace_file_flushes_its_folder_after_the_rename(tmp_path, monkeypatch):
    target = tmp_path / "event.yaml"
    target.write_bytes(b"avant\n")
    recorder = Recorder(monkeypatch)
    replace_file(target, b"apres\n")
    monkeypatch.undo()
    rename = recorder.index("replace", lambda e: e[2] == str(target))
    assert ("fsync", recorder.events[rename][1], "") in recorder.events[:rename]  # the data
    assert ("fsync", str(tmp_path), "") in recorder.events[rename:]
    assert target.read_bytes() == b"apres\n"


def test_a_render_that_changes_nothing_writes_and_flushes_nothing(tmp_path, monkeypatch):
    out = tmp_path / "build"
    write_outputs(out, _files("même"))
    recorder = Recorder(monkeypatch)
    write_outputs(out, _files("même"))
    monkeypatch.undo()
    # The lock makes sure the folder exists (it does: that mkdir fails); nothing else.
    assert recorder.events == [("mkdir", str(out), "")]
