"""One ``rzn render`` at a time in an output folder.

A run holds its output folder's lock from its first read to its last move, so
two runs never interleave their moves. The lock is the system's lock on the
folder itself (``flock``): no file to leave behind, and the system releases it
when the process ends, however it ends; worker processes forked while the
parent holds it share it. Where the system has no ``flock`` (Windows) or the
file system refuses it (some network shares), a lock file in the folder,
``.rzn-lock``, does the same: locked by the system where it can (``msvcrt`` on
Windows, released when the process ends), else created exclusively and holding
the process's number and machine, so that a lock left by a killed run is
recognised as such and taken over.

A second run finding the folder locked waits for it, at most the time asked
(:class:`Waiting`), then stops with a message; nothing is written meanwhile.
"""

from __future__ import annotations

import contextlib
import errno
import os
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from rzn.errors import RenderError
from rzn.render.write_errors import write_error

LOCK_FILE = ".rzn-lock"
"""The lock file, where the system has no lock on folders."""
STALE_AFTER = 10.0
"""Seconds after which an empty or unreadable lock file is left over by a killed run
(a run writes its number into it right after creating it)."""
POLL = 0.1
"""Seconds between two tries while waiting for a folder."""


@dataclass(frozen=True)
class Waiting:
    seconds: float = 0.0
    """How long to wait for a folder another run holds; 0: refuse at once."""
    notify: Callable[[Path], None] | None = None
    """Told once, with the folder, when a wait begins (to say why nothing happens)."""


NO_WAIT = Waiting()


@dataclass
class _Held:
    fd: int
    lock_file: str | None = None
    """The lock file to remove on release (``None``: the lock is the folder's own)."""


_LOCKS: dict[str, _Held] = {}
"""Output folders this process holds the lock of → what holds it."""


def _after_fork_in_child() -> None:
    """A forked worker works under its parent's locks without holding them: were the parent
    killed, a worker still running would otherwise keep the folder locked."""
    for held in _LOCKS.values():
        if held.fd >= 0:
            with contextlib.suppress(OSError):
                os.close(held.fd)
        held.fd = -1
        held.lock_file = None  # the parent's to remove


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_after_fork_in_child)


class _Busy(Exception):
    def __init__(self, other_host: bool = False) -> None:
        self.other_host = other_host


def lock_folder(out_dir: Path, *, create: bool = False, waiting: Waiting = NO_WAIT) -> bool:
    """Take ``out_dir``'s lock for this process (``create``: make the folder first);
    ``False`` if it already holds it. Raises :class:`RenderError` if another run holds
    it for longer than ``waiting`` allows."""
    if create:
        try:
            out_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise _error(out_dir, exc) from None
    key = os.path.realpath(out_dir)
    if key in _LOCKS:
        return False
    deadline = time.monotonic() + waiting.seconds
    told = False
    while True:
        try:
            _LOCKS[key] = _try_lock(key)
            return True
        except _Busy as busy:
            left = deadline - time.monotonic()
            if left <= 0:
                raise _busy_error(out_dir, waiting.seconds, busy.other_host) from None
        except OSError as exc:
            raise _error(out_dir, exc) from None
        if not told and waiting.notify is not None:
            waiting.notify(out_dir)
            told = True
        time.sleep(min(POLL, left))


def unlock_folder(out_dir: Path) -> None:
    held = _LOCKS.pop(os.path.realpath(out_dir), None)
    if held is None:
        return
    if held.fd >= 0:
        os.close(held.fd)  # closing the last descriptor releases a system lock
    if held.lock_file is not None:
        # Windows refuses while another run has the file open, waiting for its lock: it
        # stays for that run to take.
        with contextlib.suppress(OSError):
            os.unlink(held.lock_file)


def _try_lock(key: str) -> _Held:
    if not _flock_usable():
        return _try_lock_file(key)
    import fcntl

    fd = os.open(key, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as exc:
        os.close(fd)
        if exc.errno in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
            raise _Busy() from None
        return _try_lock_file(key)  # a file system without locks (some network shares)
    return _Held(fd)


def _flock_usable() -> bool:
    if os.environ.get("_RZN_TEST_LOCK_FILE"):
        # Test hook: the lock file Windows uses, tried on a system that has flock.
        return False
    try:
        import fcntl  # noqa: F401
    except ImportError:  # Windows
        return False
    return True


def _try_lock_file(key: str) -> _Held:
    path = os.path.join(key, LOCK_FILE)
    try:
        import msvcrt
    except ImportError:
        return _create_lock_file(path)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)  # type: ignore[attr-defined]
    except OSError:
        os.close(fd)
        raise _Busy() from None
    return _Held(fd, path)


def _create_lock_file(path: str) -> _Held:
    """The lock file made exclusively, holding who holds it; a killed holder's is taken over."""
    for _ in range(2):
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        except FileExistsError:
            owner = _owner(path)
            if not _stale(path, owner):
                raise _Busy(owner is not None and owner[1] != socket.gethostname()) from None
            with contextlib.suppress(FileNotFoundError):
                if _owner(path) == owner:  # not taken over by another run meanwhile
                    os.unlink(path)
            continue
        os.write(fd, f"{os.getpid()} {socket.gethostname()}\n".encode())
        return _Held(fd, path)
    raise _Busy()


def _owner(path: str) -> tuple[int, str] | None:
    try:
        with open(path, encoding="utf-8") as handle:
            pid, host = handle.read(300).split()
        return int(pid), host
    except (OSError, ValueError):
        return None


def _stale(path: str, owner: tuple[int, str] | None) -> bool:
    """The lock file was left by a run that no longer runs."""
    if owner is None:
        try:
            return time.time() - os.stat(path).st_mtime > STALE_AFTER
        except FileNotFoundError:
            return True
    pid, host = owner
    if host != socket.gethostname():
        return False  # a run on another machine (a shared folder): cannot be checked
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except OSError:
        return False  # exists, belongs to someone else
    return False


def _busy_error(out_dir: Path, waited: float, other_host: bool) -> RenderError:
    if waited > 0:
        what = f"un autre rzn render écrit encore dans ce dossier après {waited:g} s d'attente"
    else:
        what = "un autre rzn render écrit en ce moment dans ce dossier"
    hint = (
        f" Si aucun rzn ne tourne sur l'autre ordinateur, supprimez {out_dir / LOCK_FILE}."
        if other_host
        else ""
    )
    return RenderError(
        f"{out_dir} : {what}. Attendez qu'il ait fini, puis relancez (ou attendez plus "
        f"longtemps : rzn render --wait SECONDES) ; rien n'a été écrit.{hint}"
    )


def _error(out_dir: Path, exc: OSError) -> RenderError:
    return write_error(out_dir, exc)
