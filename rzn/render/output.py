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
"""

from __future__ import annotations

import contextlib
import errno
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

__all__ = ["MANIFEST", "OutputFile", "Staged", "commit", "discard", "stage", "write_outputs"]


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
    worker left.
    """
    from rzn.render.edits import decide

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
    if not dry_run:
        try:
            out_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise _write_error(out_dir, exc) from None
    root = out_dir.resolve()
    for file in files:
        target = (root / file.path).resolve()
        if root != target and root not in target.parents:
            raise RenderError(f"Chemin de sortie refusé : « {file.path} » sort de {out_dir}.")
    plan = decide(root, files, force=force, restore=restore, contents=dry_run)
    staged = Staged(out_dir, root, [root / file.path for file in files], plan.decisions)
    # A document that did not change is left as it is: no write, and its modification time
    # still says when it last changed (what sync clients and make look at).
    if dry_run or not plan.placements:
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
    """Remove the staging folder (the output folder is left as it was)."""
    if staged.staging is not None:
        shutil.rmtree(staged.staging, ignore_errors=True)


def _staged_name(number: int) -> str:
    return f"{number:05d}"


def _swap_in(root: Path, staging: Path, paths: list[str], out_dir: Path) -> None:
    """Move every staged file into place; if one move fails, put the previous files back.

    A rename can fail half-way (a document open in Excel on Windows, a folder made
    read-only): the files already moved are undone, so the folder stays all old.
    """
    backups = staging / ".previous"
    done: list[tuple[Path, Path | None]] = []
    made: set[str] = set()
    moves = [(path, _staged_name(number)) for number, path in enumerate(paths)]
    try:
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
                os.replace(target, backup)
            done.append((target, backup))
            os.replace(staging / name, target)
    except OSError as exc:
        for target, backup in reversed(done):
            with contextlib.suppress(OSError):
                if backup is not None:
                    os.replace(backup, target)
                else:
                    target.unlink(missing_ok=True)
        raise _write_error(out_dir, exc) from None


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


@contextlib.contextmanager
def _interrupts_deferred() -> Iterator[None]:
    """Finish the renames before honouring Ctrl-C, so the folder is never half old, half new."""
    received: list[int] = []
    try:
        previous = signal.signal(signal.SIGINT, lambda signum, frame: received.append(signum))
    except ValueError:  # not the main thread: nothing to defer
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
        if received:
            raise KeyboardInterrupt
