"""Compiled templates kept between runs, as Python keeps ``__pycache__``.

Compiling rzn's fifty templates costs half a second of processor time at every
``rzn render`` — a third of rendering one event, the command an organiser runs
after each change. Jinja's own bytecode cache keeps the compiled code of each
template in a user cache folder; loading it back costs about a hundredth of that.

Nothing a person reads can change with it:

- Jinja stores, with each template's code, a checksum of its source and its own
  format version, and compiles again when either differs (a template edited, a
  person's ``--templates`` file changed, another Jinja or Python).
- The code Jinja compiles also depends on the environment (its options, and the
  filters its optimiser may call at compile time): the folder is named after a
  digest of rzn's version and of the modules that define them, so another rzn
  never reads this one's code.
- A damaged or unreadable entry is compiled again; a folder rzn cannot create or
  write, or that another user could write into (whoever can write there could
  run code as you), is not used, silently: the cache only ever saves time.

``RZN_CACHE_DIR`` chooses the folder; ``RZN_NO_CACHE=1`` turns the cache off.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import stat
import sys
from pathlib import Path

import jinja2
from jinja2.bccache import Bucket

# The modules whose code shapes compiled templates: the environment and the filters and
# tests it registers (the optimiser calls them on constants when it compiles).
_SHAPING_MODULES = ("environment.py", "french.py", "grammar.py", "template_cache.py")


class _QuietCache(jinja2.FileSystemBytecodeCache):
    """Jinja's cache, for which any failure to read or write is a cache miss."""

    def load_bytecode(self, bucket: Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except Exception:  # a truncated or foreign file: unpickling can raise anything
            bucket.reset()

    def dump_bytecode(self, bucket: Bucket) -> None:
        # A full disk, a folder made read-only meanwhile: compiled again next time.
        with contextlib.suppress(OSError):
            super().dump_bytecode(bucket)


def template_cache() -> jinja2.BytecodeCache | None:
    """The cache of compiled templates for this rzn, or ``None`` when it is off or unusable."""
    if os.environ.get("RZN_NO_CACHE", "") not in ("", "0"):
        return None
    root = _cache_root()
    if root is None:
        return None
    folder = root / f"gabarits-{_digest()}"
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError:
        return None
    if not _private(folder):
        return None
    return _QuietCache(str(folder))


def _cache_root() -> Path | None:
    chosen = os.environ.get("RZN_CACHE_DIR")
    if chosen:
        return Path(chosen)
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA")
        return Path(base) / "rzn" / "cache" if base else None
    xdg = os.environ.get("XDG_CACHE_HOME")
    if xdg and os.path.isabs(xdg):
        return Path(xdg) / "rzn"
    home = os.environ.get("HOME") or os.path.expanduser("~")
    return Path(home) / ".cache" / "rzn" if home and home != "~" else None


def _private(folder: Path) -> bool:
    """Whether only this user can write into ``folder`` (and it is a real folder)."""
    try:
        info = os.lstat(folder)
    except OSError:
        return False
    if not stat.S_ISDIR(info.st_mode) or not os.access(folder, os.W_OK):
        return False
    if hasattr(os, "getuid"):
        return info.st_uid == os.getuid() and not info.st_mode & 0o022
    return True


def _digest() -> str:
    from rzn import __version__

    digest = hashlib.sha256(f"{__version__}\0{jinja2.__version__}\0{sys.version}".encode())
    here = Path(__file__).resolve().parent
    for name in _SHAPING_MODULES:
        try:
            digest.update((here / name).read_bytes())
        except OSError:
            digest.update(name.encode())
    return digest.hexdigest()[:16]
