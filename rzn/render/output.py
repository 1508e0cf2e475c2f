"""Writing rendered documents safely.

Everything is rendered in memory first; nothing touches the disk until
every document succeeded. Then, in two steps: :func:`stage` writes the
documents that changed into a hidden staging folder inside the output
folder, and :func:`commit` moves them into place one rename each, with
Ctrl-C held back during the moves, so a failure leaves the previous
outputs as they were. The steps are apart so that worker processes can
stage (creating files is most of the writing time) while the parent
commits, in order. A document whose content did not change is not
written again. Only paths inside the output folder are written; files
there that rzn did not write are never deleted, and are not overwritten
unless the user asks (``--force``). What becomes of a document a person
edited or deleted is decided by :mod:`rzn.render.edits`; the manifest,
which records what rzn wrote, is moved in last.

A process killed during the moves (``kill -9``, power loss) cannot finish
them, so before the first move the list of moves is written, and flushed
to disk, as a journal in the staging folder. The next run on the folder
reads it and puts every file back as it was before the interrupted run
(:func:`recover`): documents, merge bases and manifest are then all old,
never half and half, and no staging folder stays behind. A run holds a lock
on the output folder from its first read to its last move, so two runs on
one folder never interleave: the second is refused with a message.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import shutil
import signal
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from rzn.drafts import MANIFEST
from rzn.errors import RenderError, os_reason
from rzn.files import resolved, sync_data, sync_folder, sync_folders, write_durable
from rzn.render.folder_lock import NO_WAIT, Waiting, lock_folder, unlock_folder
from rzn.render.out_paths import check_relative, first_outside
from rzn.render.write_errors import write_error as _write_error

if TYPE_CHECKING:
    from rzn.render.edits import Decision

__all__ = [
    "MANIFEST",
    "NO_WAIT",
    "OutputFile",
    "Staged",
    "Waiting",
    "commit",
    "discard",
    "interrupted",
    "lock_folder",
    "recover",
    "stage",
    "unlock_folder",
    "write_outputs",
]


@dataclass(frozen=True)
class OutputFile:
    path: str
    """Relative POSIX path inside the output folder (``workshops/atelier-1.md``)."""
    content: bytes
    description: str
    """What the file is, in French, for the summary table."""


STAGING_PREFIX = ".rzn-staging-"
JOURNAL = "journal.json"
"""In a staging folder: the moves about to be made, written before the first one."""
BACKUPS = ".previous"
"""In a staging folder: the files a move replaced, until every move is done."""


@dataclass
class Staged:
    """Documents written beside their output folder, ready to be moved in (:func:`commit`)."""

    out_dir: Path
    root: Path
    paths: list[Path]
    """Every document's final path, written or left unchanged."""
    decisions: list[Decision] = field(default_factory=list)
    """What became of each document (merged, kept, not recreated…)."""
    changed: list[str] = field(default_factory=list)
    """The files to move in, the manifest last: ``changed[i]`` is staged as file number ``i``."""
    staging: Path | None = None
    """``None``: nothing to move, every document already holds its content."""
    locked: bool = False
    """This call took the folder's lock (:func:`lock_folder`): committing releases it."""
    interrupted: bool = False
    """With ``dry_run``: the folder holds a run stopped during its moves, which the next
    real run undoes first (the decisions are those of the folder as it is now)."""


def write_outputs(
    out_dir: Path, files: list[OutputFile], *, force: bool = False, restore: Sequence[str] = ()
) -> list[Path]:
    return commit(stage(out_dir, files, force=force, restore=restore))


def stage(
    out_dir: Path,
    files: list[OutputFile],
    *,
    force: bool = False,
    tag: str = "",
    restore: Sequence[str] = (),
    dry_run: bool = False,
    waiting: Waiting = NO_WAIT,
) -> Staged:
    """Check every path, decide what each document becomes, write what changes into staging.

    Nothing in the output folder is modified yet (with ``dry_run``, nothing is written
    at all: the decisions say what a render would do). ``tag`` goes into the staging
    folder's name, so that a parent process can find (and remove) what an interrupted
    worker left. The folder's lock is taken here (unless this process holds it already;
    ``waiting``: how long to wait for another run holding it) and released by
    :func:`commit` or :func:`discard`.
    """
    seen: set[str] = set()
    for file in files:
        check_relative(file.path)
        if file.path in seen:
            raise RenderError(f"Deux documents voudraient s'appeler « {file.path} ».")
        seen.add(file.path)
    if out_dir.exists() and not out_dir.is_dir():
        raise RenderError(
            f"{out_dir} existe et n'est pas un dossier : choisissez un autre dossier avec -o."
        )
    locked = False if dry_run else lock_folder(out_dir, create=True, waiting=waiting)
    try:
        return _stage(out_dir, files, force, tag, restore, dry_run, locked)
    except BaseException:
        if locked:
            unlock_folder(out_dir)
        raise


def _stage(
    out_dir: Path,
    files: list[OutputFile],
    force: bool,
    tag: str,
    restore: Sequence[str],
    dry_run: bool,
    locked: bool,
) -> Staged:
    from rzn.render.edits import decide

    try:
        root = resolved(out_dir)
        outside = first_outside(root, (file.path for file in files))
    except OSError as exc:
        raise _write_error(out_dir, exc) from None
    if not dry_run:
        recover(root)  # what an interrupted run left: put back before reading anything
    if outside is not None:
        raise RenderError(f"Chemin de sortie refusé : « {outside} » sort de {out_dir}.")
    plan = decide(root, files, force=force, restore=restore, contents=dry_run)
    staged = Staged(out_dir, root, [root / file.path for file in files], plan.decisions)
    staged.locked = locked
    staged.interrupted = dry_run and interrupted(root)
    # A document that did not change is left as it is: no write, and its modification time
    # still says when it last changed (what sync clients and make look at).
    if dry_run or not plan.placements:
        if locked:
            unlock_folder(out_dir)
            staged.locked = False
        return staged
    try:
        staging = Path(tempfile.mkdtemp(prefix=f"{STAGING_PREFIX}{tag}", dir=root))
    except OSError as exc:
        raise _write_error(out_dir, exc) from None
    try:
        # Staged flat, by number: no sub-folder to make and remove (a folder costs the file
        # system more than a file), each moved to its place by one rename.
        for number, content in enumerate(plan.placements.values()):
            (staging / _staged_name(number)).write_bytes(content)
    except BaseException as exc:
        shutil.rmtree(staging, ignore_errors=True)
        if isinstance(exc, OSError):
            # Nothing was moved yet: the previous outputs are whole, say so and what to do.
            raise _write_error(out_dir, exc) from None
        raise
    staged.changed = list(plan.placements)
    staged.staging = staging
    return staged


def commit(staged: Staged) -> list[Path]:
    """Move the staged documents into place, all or none; Ctrl-C waits for the last move."""
    if staged.staging is None:
        return staged.paths
    try:
        with _interrupts_deferred():
            _swap_in(staged.root, staged.staging, staged.changed, staged.out_dir)
        return staged.paths
    finally:
        discard(staged)


def discard(staged: Staged) -> None:
    """Remove the staging folder (the output folder is left as it was) and release the lock.

    A staging folder that still holds its journal is kept: the moves could not all be
    undone (a folder made read-only meanwhile), and the next run needs it to finish that.
    """
    if staged.staging is not None and not (staged.staging / JOURNAL).exists():
        shutil.rmtree(staged.staging, ignore_errors=True)
    if staged.locked:
        unlock_folder(staged.out_dir)
        staged.locked = False


def _staged_name(number: int) -> str:
    return f"{number:05d}"


def _swap_in(root: Path, staging: Path, paths: list[str], out_dir: Path) -> None:
    """Move every staged file into place; if one move fails, put the previous files back.

    A rename can fail half-way (a document open in Excel on Windows, a folder made
    read-only): the files already moved are undone, so the folder stays all old.

    In three phases, each flushed to disk before the next begins, so that a power cut
    at any moment leaves what :func:`recover` needs: the journal (which files had a
    previous version); a second name, under ``.previous``, for each previous version
    (a hard link: the document never leaves its place); the renames of the new files
    into place. Only when every rename is on disk is the journal removed: from then on,
    the new version is the one to keep.
    """
    previous = [os.path.isfile(root / path) for path in paths]
    try:
        _write_journal(staging, paths, previous)
        _keep_previous(root, staging, paths, previous)
        touched = {staging}
        for number, path in enumerate(paths):
            target = root / path
            touched.update(_make_parents(target, root))
            _test_step()
            os.replace(staging / _staged_name(number), target)
        sync_folders(touched)
        _test_step()
        os.unlink(staging / JOURNAL)
        sync_folder(staging)
        _test_step()
    except OSError as exc:
        try:
            _undo(root, staging, paths, previous)
            (staging / JOURNAL).unlink(missing_ok=True)
        except OSError:
            raise RenderError(
                f"Écriture impossible dans {out_dir} ({os_reason(exc)}), et rzn n'a pas pu y "
                "remettre tous les documents précédents : corrigez la cause, puis relancez "
                "rzn render, qui les remettra en place d'abord."
            ) from None
        raise _write_error(out_dir, exc) from None


def _keep_previous(root: Path, staging: Path, paths: list[str], previous: list[bool]) -> None:
    """Give each file about to be replaced a second name under ``.previous``, on disk."""
    if not any(previous):
        return  # a first render has nothing to keep
    backups = staging / BACKUPS
    backups.mkdir()
    touched = {staging, backups}
    for number, path in enumerate(paths):
        if previous[number]:
            target, backup = root / path, backups / _staged_name(number)
            _test_step()
            try:
                _hard_link(target, backup)
            except OSError as exc:
                if exc.errno not in _NO_HARD_LINKS:
                    raise
                # No hard links here (FAT, some network shares): moved aside instead, so
                # missing from its place until its new version comes.
                os.replace(target, backup)
                touched.add(target.parent)
    sync_folders(touched)


def _hard_link(target: Path, backup: Path) -> None:
    # A link to the entry itself, not to what a symbolic link points to, where the system
    # can say so (``os.supports_follow_symlinks``); elsewhere the system's link() decides.
    if os.link in os.supports_follow_symlinks:
        os.link(target, backup, follow_symlinks=False)
    else:
        os.link(target, backup)


_NO_HARD_LINKS = {
    getattr(errno, name)
    for name in ("EPERM", "EACCES", "EOPNOTSUPP", "ENOTSUP", "EMLINK", "ENOSYS", "EXDEV", "EINVAL")
    if hasattr(errno, name)
}
"""What a file system without hard links (or refusing one here) answers ``link`` with."""


def _make_parents(target: Path, root: Path) -> set[Path]:
    """Make ``target``'s folder if needed: the folders whose entries changed, to flush."""
    folder = target.parent
    if folder.is_dir():
        return {folder}
    folder.mkdir(parents=True, exist_ok=True)
    made = {folder}
    while folder != root and root in folder.parents:
        folder = folder.parent
        made.add(folder)
    return made


def _undo(root: Path, staging: Path, paths: list[str], previous: list[bool]) -> None:
    """Put every file back as before the moves; safe to run again if stopped half-way.

    ``previous[i]``: ``paths[i]`` had a version before the moves, kept under
    ``.previous`` until the moves are done; else the file was created by them, and is
    removed once it has left the staging folder.
    """
    touched = {staging}
    for number, path in reversed(list(enumerate(paths))):
        try:
            check_relative(path)
        except RenderError:
            continue
        name = _staged_name(number)
        target = root / path
        backup = staging / BACKUPS / name
        if previous[number]:
            if os.path.lexists(backup):
                _test_step()
                os.replace(backup, target)  # the previous file, back in place
                touched.update((target.parent, backup.parent))
        elif not os.path.lexists(staging / name) and os.path.lexists(target):
            _test_step()
            target.unlink()  # moved in by the interrupted run, where nothing was before
            touched.update(_remove_empty_parents(target, root))
    sync_folders(touched)


def _write_journal(staging: Path, paths: list[str], previous: list[bool]) -> None:
    """Record the moves, and make sure the record reaches the disk before the first one.

    The staged files are flushed first: a rename can reach the disk before the data of
    the file it moves, which would leave an empty new version after a power cut.
    """
    sync_data((staging / _staged_name(n) for n in range(len(paths))), staging)
    data = json.dumps(
        {"generator": "rzn", "version": 2, "moves": paths, "previous": previous},
        ensure_ascii=False,
    )
    write_durable(staging / JOURNAL, data.encode("utf-8"))
    sync_folders((staging, staging.parent))
    _test_step()


def recover(root: Path) -> list[Path]:
    """Put back what an interrupted run left in ``root``; the staging folders it left go.

    A staging folder holding a journal belongs to a run stopped during its moves: each
    file it moved out (kept under ``.previous``) goes back, each file it created is
    removed, so the folder is again as before that run. A staging folder without a
    journal was stopped before any move: it is only removed. Call with the folder's
    lock held (:func:`lock_folder`). Returns the staging folders removed.
    """
    removed = []
    for staging in leftovers(root):
        journal = staging / JOURNAL
        if journal.is_file():
            _roll_back(root, staging, journal)
        shutil.rmtree(staging, ignore_errors=True)
        removed.append(staging)
    if removed:
        sync_folder(root)
    return removed


def leftovers(root: Path) -> list[Path]:
    """The staging folders an interrupted run left in ``root`` (read only)."""
    try:
        found = sorted(root.glob(f"{STAGING_PREFIX}*"))
    except OSError:
        return []
    return [path for path in found if path.is_dir() and not path.is_symlink()]


def interrupted(root: Path) -> bool:
    """``root`` holds a run stopped during its moves (half old, half new until recovered)."""
    return any((staging / JOURNAL).is_file() for staging in leftovers(root))


def _roll_back(root: Path, staging: Path, journal: Path) -> None:
    try:
        data = json.loads(journal.read_text(encoding="utf-8"))
        paths = [str(p) for p in data["moves"]]
        previous = [bool(p) for p in data["previous"]] if "previous" in data else None
    except (OSError, ValueError, KeyError, TypeError):
        # Written and flushed before the first move: unreadable, it was cut while being
        # written, so no move was made.
        return
    if previous is None or len(previous) != len(paths):
        # A journal of an older rzn, which moved each previous file aside: kept, it had one.
        previous = [(staging / BACKUPS / _staged_name(n)).is_file() for n in range(len(paths))]
    try:
        _undo(root, staging, paths, previous)
    except OSError as exc:
        raise RenderError(
            f"{root} : un rendu précédent a été interrompu et rzn ne peut pas remettre "
            f"ses documents en place ({os_reason(exc)}). Vérifiez les droits d'accès au "
            "dossier, puis relancez rzn render."
        ) from None
    os.unlink(journal)
    sync_folder(staging)


def _remove_empty_parents(path: Path, root: Path) -> set[Path]:
    """The folders the interrupted run made for a new file, if nothing else is in them;
    returns the folders whose entries changed."""
    folder = path.parent
    touched = {folder}
    while folder != root and root in folder.parents:
        try:
            folder.rmdir()
        except OSError:
            return touched
        folder = folder.parent
        touched.add(folder)
    return touched


_STEPS = [0]


def _test_step() -> None:
    """Test hook: stop the process at the n-th step of the moves.

    The tests of the all-or-nothing promise set ``_RZN_TEST_KILL_AT_STEP`` to kill a real
    ``rzn render`` with SIGKILL just before the n-th rename (or journal write) and check
    what the next run makes of the folder. Not a feature: nothing else reads it.
    """
    at = os.environ.get("_RZN_TEST_KILL_AT_STEP")
    if not at:
        return
    _STEPS[0] += 1
    if str(_STEPS[0]) == at:
        os.kill(os.getpid(), signal.SIGKILL)


DEFERRED_SIGNALS = tuple(
    getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name)
)


@contextlib.contextmanager
def _interrupts_deferred() -> Iterator[None]:
    """Finish the renames before honouring Ctrl-C or SIGTERM (a closed terminal, a stopped
    service), so the folder is never half old, half new; then stop as asked."""
    received: list[int] = []
    previous: dict[int, object] = {}
    try:
        for signum in DEFERRED_SIGNALS:
            previous[signum] = signal.signal(signum, lambda number, frame: received.append(number))
    except ValueError:  # not the main thread: nothing to defer
        for signum, handler in previous.items():
            signal.signal(signum, handler)  # type: ignore[arg-type]
        yield
        return
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)  # type: ignore[arg-type]
        if received and received[0] != signal.SIGINT:
            # What the sender asked for: stop the way that signal stops the process.
            signal.raise_signal(received[0])
        if received:
            raise KeyboardInterrupt
