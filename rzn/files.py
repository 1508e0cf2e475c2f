"""Replacing a file all at once: a temporary file beside it, then one rename.

An interruption never leaves half a file behind, whether the file is an event
file a person wrote (``rzn tasks done``) or one ``rzn init`` creates. A rename
is only durable once the folder holding it is flushed too (:func:`sync_folder`):
without that, a power cut soon after rzn said "done" can bring the old file back,
or leave an empty one.
"""

from __future__ import annotations

import errno
import os
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path


def replace_file(path: str | os.PathLike[str], data: bytes, mode: int | None = None) -> None:
    """Write ``data`` to ``path`` atomically; ``mode`` keeps an existing file's permissions
    (``None``: the usual ones for a new file, after the umask)."""
    folder = os.path.dirname(os.fspath(path)) or "."
    tmp = _written_beside(folder, data, mode)
    try:
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    sync_folder(folder)


def create_file(path: str, data: bytes) -> bool:
    """Write a new file all at once; ``False``, and nothing written, when the name is taken
    (even by a file that appeared after it was looked at, or by a dangling link).

    The whole file is written beside it, then linked under its name: a link never replaces
    anything. Where a disk has no links, the file is opened in exclusive mode instead.
    """
    if os.path.lexists(path):
        return False
    folder = os.path.dirname(path) or "."
    tmp = _written_beside(folder, data)
    try:
        try:
            os.link(tmp, path)
        except FileExistsError:
            return False
        except OSError:
            return _create_exclusively(path, data)
    finally:
        os.unlink(tmp)
    sync_folder(folder)
    return True


def _written_beside(folder: str, data: bytes, mode: int | None = None) -> str:
    """A temporary file in ``folder`` holding ``data``, on disk, with ``mode`` (or the usual
    permissions of a new file: mkstemp's 0600 would hide it from the group)."""
    handle, tmp = tempfile.mkstemp(prefix=".rzn-", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(tmp, mode if mode is not None else 0o666 & ~_umask())
    except BaseException:
        os.unlink(tmp)
        raise
    return tmp


def _create_exclusively(path: str, data: bytes) -> bool:
    try:
        with open(path, "xb") as out:
            out.write(data)
    except FileExistsError:
        return False
    return True


def write_durable(path: str | os.PathLike[str], data: bytes) -> None:
    """Create ``path`` with ``data``, on disk (not only in the system's cache) on return."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
        os.fsync(fd)
    finally:
        os.close(fd)


def sync_data(paths: Iterable[str | os.PathLike[str]], folder: str | os.PathLike[str]) -> None:
    """Flush to disk the data of ``paths``, files of ``folder``'s file system.

    On Linux one ``syncfs`` of the file system does it, several times faster than a
    ``fsync`` per file when there are many (a first render writes dozens per event).
    """
    if _syncfs(folder):
        return
    for path in paths:
        fd = os.open(path, os.O_RDWR | getattr(os, "O_BINARY", 0))  # Windows flushes no less
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _syncfs(folder: str | os.PathLike[str]) -> bool:
    """``syncfs`` on ``folder``'s file system; ``False`` where it does not exist."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        import ctypes

        call = ctypes.CDLL(None, use_errno=True).syncfs
    except (OSError, AttributeError):
        return False
    fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        return bool(call(fd) == 0)
    finally:
        os.close(fd)


def sync_folder(folder: str | os.PathLike[str]) -> None:
    """Flush a folder's entries (files created, renamed or removed in it) to disk, where the
    system allows it (Windows and some network file systems cannot: nothing to do there)."""
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def sync_folders(folders: Iterable[str | os.PathLike[str]]) -> None:
    for folder in sorted({os.fspath(f) for f in folders}):
        sync_folder(folder)


def resolved(path: str | os.PathLike[str]) -> Path:
    """``Path(path).resolve()``, with a symbolic link that loops (``a -> a``) raised as the
    :class:`OSError` it is (``ELOOP``), which callers already turn into a message, and not
    as the ``RuntimeError`` some Python versions raise."""
    try:
        return Path(path).resolve()
    except RuntimeError:
        raise OSError(errno.ELOOP, os.strerror(errno.ELOOP), os.fspath(path)) from None


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
