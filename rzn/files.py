"""Replacing a file all at once: a temporary file beside it, then one rename.

An interruption never leaves half a file behind, whether the file is an event
file a person wrote (``rzn tasks done``) or one ``rzn init`` creates.
"""

from __future__ import annotations

import os
import tempfile


def replace_file(path: str | os.PathLike[str], data: bytes, mode: int | None = None) -> None:
    """Write ``data`` to ``path`` atomically; ``mode`` keeps an existing file's permissions
    (``None``: the usual ones for a new file, after the umask)."""
    folder = os.path.dirname(os.fspath(path)) or "."
    handle, tmp = tempfile.mkstemp(prefix=".rzn-", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        # mkstemp makes the file private (0600): give it the file's own or the usual ones.
        os.chmod(tmp, mode if mode is not None else 0o666 & ~_umask())
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
