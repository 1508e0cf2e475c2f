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
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from rzn.drafts import MANIFEST
from rzn.errors import RenderError

if TYPE_CHECKING:
    from rzn.render.edits import Decision

__all__ = [
    "MANIFEST",
    "OutputFile",
    "Staged",
    "commit",
    "discard",
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


def check_relative(path: str) -> PurePosixPath:
    pure = PurePosixPath(path)
    if pure.is_absolute() or not pure.parts or any(p in ("", ".", "..") for p in pure.parts):
        raise RenderError(f"Chemin de sortie refusé : « {path} » sortirait du dossier de sortie.")
    if "\\" in path or "\x00" in path:
        raise RenderError(f"Chemin de sortie refusé : « {path} ».")
    return pure


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
) -> Staged:
    """Check every path, decide what each document becomes, write what changes into staging.

    Nothing in the output folder is modified yet (with ``dry_run``, nothing is written
    at all: the decisions say what a render would do). ``tag`` goes into the staging
    folder's name, so that a parent process can find (and remove) what an interrupted
    worker left. The folder's lock is taken here (unless this process holds it already)
    and released by :func:`commit` or :func:`discard`.
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
    locked = False if dry_run else lock_folder(out_dir, create=True)
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

    root = out_dir.resolve()
    if not dry_run:
        recover(root)  # what an interrupted run left: put back before reading anything
    for file in files:
        target = (root / file.path).resolve()
        if root != target and root not in target.parents:
            raise RenderError(f"Chemin de sortie refusé : « {file.path} » sort de {out_dir}.")
    plan = decide(root, files, force=force, restore=restore, contents=dry_run)
    staged = Staged(out_dir, root, [root / file.path for file in files], plan.decisions)
    staged.locked = locked
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
    """Remove the staging folder (the output folder is left as it was) and release the lock."""
    if staged.staging is not None:
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
    """
    backups = staging / BACKUPS
    done: list[tuple[Path, Path | None]] = []
    made: set[str] = set()
    moves = [(path, _staged_name(number)) for number, path in enumerate(paths)]
    try:
        _write_journal(staging, paths)
        for path, name in moves:
            target = root / path
            backup: Path | None = None
            folder = os.path.dirname(path)
            if folder not in made:
                target.parent.mkdir(parents=True, exist_ok=True)
                made.add(folder)
            if os.path.isfile(target):  # never a folder: it would be deleted with the staging
                backup = backups / name
                backups.mkdir(exist_ok=True)  # a first render has nothing to back up
                _test_step()
                os.replace(target, backup)
            done.append((target, backup))
            _test_step()
            os.replace(staging / name, target)
        _test_step()
        # Every file is in place: from here on, the new version is the one to keep. File
        # systems that journal their metadata (ext4, XFS, APFS, NTFS) record this removal
        # after the renames before it, so a power cut cannot keep the one without the others.
        os.unlink(staging / JOURNAL)
        _test_step()
    except OSError as exc:
        for target, backup in reversed(done):
            with contextlib.suppress(OSError):
                if backup is not None:
                    os.replace(backup, target)
                else:
                    target.unlink(missing_ok=True)
        with contextlib.suppress(OSError):
            os.unlink(staging / JOURNAL)
        raise _write_error(out_dir, exc) from None


def _write_journal(staging: Path, paths: list[str]) -> None:
    """Record the moves, and make sure the record reaches the disk before the first one."""
    data = json.dumps({"generator": "rzn", "version": 1, "moves": paths}, ensure_ascii=False)
    fd = os.open(staging / JOURNAL, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    try:
        os.write(fd, data.encode("utf-8"))
        os.fsync(fd)
    finally:
        os.close(fd)
    _fsync_folder(staging)
    _test_step()


def _fsync_folder(folder: Path) -> None:
    """Flush a folder's entries (new and renamed files) to disk, where the system allows it."""
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:  # some file systems (and Windows) cannot flush a folder
        pass
    finally:
        os.close(fd)


def _fsync_folders(folders: set[Path]) -> None:
    for folder in sorted(folders):
        _fsync_folder(folder)


def recover(root: Path) -> list[Path]:
    """Put back what an interrupted run left in ``root``; the staging folders it left go.

    A staging folder holding a journal belongs to a run stopped during its moves: each
    file it moved out (kept under ``.previous``) goes back, each file it created is
    removed, so the folder is again as before that run. A staging folder without a
    journal was stopped before any move: it is only removed. Call with the folder's
    lock held (:func:`lock_folder`). Returns the staging folders removed.
    """
    removed = []
    try:
        leftovers = sorted(root.glob(f"{STAGING_PREFIX}*"))
    except OSError:
        return []
    for staging in leftovers:
        if not staging.is_dir() or staging.is_symlink():
            continue
        journal = staging / JOURNAL
        if journal.is_file():
            _roll_back(root, staging, journal)
        shutil.rmtree(staging, ignore_errors=True)
        removed.append(staging)
    return removed


def _roll_back(root: Path, staging: Path, journal: Path) -> None:
    try:
        data = json.loads(journal.read_text(encoding="utf-8"))
        paths = [str(p) for p in data["moves"]]
    except (OSError, ValueError, KeyError, TypeError):
        # Written and flushed before the first move: unreadable, it was cut while being
        # written, so no move was made.
        return
    for number, path in reversed(list(enumerate(paths))):
        try:
            check_relative(path)
        except RenderError:
            continue
        name = _staged_name(number)
        target = root / path
        backup = staging / BACKUPS / name
        try:
            if backup.is_file():
                os.replace(backup, target)  # the previous file, back in place
            elif not (staging / name).exists() and target.is_file():
                target.unlink()  # moved in by the interrupted run, where nothing was before
                _remove_empty_parents(target, root)
        except OSError as exc:
            raise RenderError(
                f"{root} : un rendu précédent a été interrompu et rzn ne peut pas remettre "
                f"{path} en place ({exc.strerror or exc}). Vérifiez les droits d'accès au "
                "dossier, puis relancez rzn render."
            ) from None
    _fsync_folders({root / os.path.dirname(path) for path in paths})
    os.unlink(journal)


def _remove_empty_parents(path: Path, root: Path) -> None:
    """The folders the interrupted run made for a new file, if nothing else is in them."""
    folder = path.parent
    while folder != root and root in folder.parents:
        try:
            folder.rmdir()
        except OSError:
            return
        folder = folder.parent


_LOCKS: dict[str, int] = {}
"""Output folders this process holds the lock of → the open folder holding it."""


def lock_folder(out_dir: Path, *, create: bool = False) -> bool:
    """Take ``out_dir``'s lock for this process (``create``: make the folder first);
    ``False`` if it already holds it.

    The lock is the system's lock on the folder itself (``flock``): no file to leave
    behind, and the system releases it when the process ends, however it ends. Worker
    processes forked while the parent holds it share it. Where the system has no such
    lock (Windows), runs are not kept apart.
    """
    if create:
        try:
            out_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise _write_error(out_dir, exc) from None
    key = os.path.realpath(out_dir)
    if key in _LOCKS:
        return False
    try:
        import fcntl
    except ImportError:  # Windows
        return False
    try:
        fd = os.open(key, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError as exc:
        raise _write_error(out_dir, exc) from None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as exc:
        os.close(fd)
        if exc.errno in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
            raise RenderError(
                f"{out_dir} : un autre rzn render écrit en ce moment dans ce dossier. "
                "Attendez qu'il ait fini, puis relancez ; rien n'a été écrit."
            ) from None
        return False  # a file system without locks (some network shares): go on unlocked
    _LOCKS[key] = fd
    return True


def unlock_folder(out_dir: Path) -> None:
    fd = _LOCKS.pop(os.path.realpath(out_dir), None)
    if fd is not None:
        os.close(fd)  # closing the last descriptor releases the lock


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


def _write_error(out_dir: Path, exc: OSError) -> RenderError:
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        advice = "le disque est plein : libérez de la place ou choisissez un autre dossier (-o)"
    else:
        advice = (
            f"{exc.strerror or exc} : vérifiez les droits d'accès au dossier ou choisissez-en "
            "un autre (-o)"
        )
    return RenderError(
        f"Écriture impossible dans {out_dir} : {advice}. Les documents précédents n'ont pas "
        "été modifiés."
    )


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
