"""What rzn remembers of an output folder, and the conflict markers a merge leaves.

The manifest (``.rzn-manifest.json``) names every file rzn wrote in the folder
with the digest of the bytes rzn wrote there last: a file whose bytes differ
was edited by a person. For the documents it merges, rzn also keeps those
bytes (the *base* of the next three-way merge) under ``.rzn/base/``. Both are
read by ``rzn render`` (:mod:`rzn.render.edits`) and by ``rzn check``, which
flags a draft still holding conflict markers; so they live below both.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

MANIFEST = ".rzn-manifest.json"
STATE_DIR = ".rzn"
"""rzn's own folder inside an output folder."""
BASE_DIR = f"{STATE_DIR}/base"
"""The last version rzn wrote of each merged document, at the same relative path."""

START, MIDDLE, END = "<<<<<<<", "=======", ">>>>>>>"
_MARKER = re.compile(rf"^(?:{START} |{MIDDLE}\r?$|{END} )", re.MULTILINE)

MAX_SCANNED = 4 * 1024 * 1024
"""A draft larger than this is not scanned for markers (no document rzn writes comes near)."""


def digest(content: bytes) -> str:
    import hashlib  # not for rzn check, which only scans drafts for conflict markers

    return hashlib.sha256(content).hexdigest()


def read_manifest(root: Path) -> dict[str, str | None]:
    """Files rzn wrote in ``root`` → digest of what it wrote (``None``: not recorded).

    Manifests written before digests were recorded list names only; a missing, unreadable
    or oversized manifest is an empty one (rzn then treats every file as a person's).
    """
    return parse_manifest(manifest_raw(root))


def manifest_raw(root: Path) -> bytes | None:
    """The manifest's bytes (``None``: missing, unreadable or oversized)."""
    from rzn.load.limits import LIMITS, TooLarge, read_bounded

    try:
        return read_bounded(root / MANIFEST, LIMITS.max_state_bytes)
    except (OSError, TooLarge):
        return None


def parse_manifest(raw: bytes | None) -> dict[str, str | None]:
    """:func:`read_manifest` of bytes already read."""
    try:
        data = json.loads(raw.decode("utf-8")) if raw is not None else None
    except (ValueError, RecursionError):
        return {}
    files = data.get("files") if isinstance(data, dict) else None
    if isinstance(files, dict):
        return {
            str(path): value if isinstance(value, str) else None for path, value in files.items()
        }
    if isinstance(files, list):
        return {str(path): None for path in files}
    return {}


def manifest_bytes(files: dict[str, str | None]) -> bytes:
    body = {"generator": "rzn", "version": 2, "files": dict(sorted(files.items()))}
    return (json.dumps(body, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def count_conflicts(text: str) -> int:
    """Conflict blocks in a text."""
    return len(conflict_lines(text))


def conflict_lines(text: str) -> list[int]:
    """1-based numbers of the lines that open a conflict block."""
    return [
        text.count("\n", 0, m.start()) + 1
        for m in _MARKER.finditer(text)
        if m.group().startswith(START)
    ]


@dataclass(frozen=True)
class Conflict:
    file: str
    """The draft's path, from where the command was run."""
    line: int
    blocks: int
    """Conflict blocks in the whole file."""


def conflicts_in(folder: str) -> Iterator[Conflict]:
    """Drafts rzn wrote in ``folder`` that still hold conflict markers, first line of each."""
    root = Path(folder)
    for name in sorted(read_manifest(root)):
        path = root / name
        try:
            if not path.is_file() or path.stat().st_size > MAX_SCANNED:
                continue
            data = path.read_bytes()
        except OSError:
            continue
        if START.encode() not in data:
            continue
        text = _as_text(data)
        lines = conflict_lines(text)
        if not lines and name.lower().endswith(".eml"):
            # Quoted-printable keeps markers readable, except when a line is cut: decode.
            lines = _mail_conflicts(data)
        if lines:
            yield Conflict(os.path.join(folder, name), lines[0], len(lines))


def _as_text(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def _mail_conflicts(data: bytes) -> list[int]:
    import quopri

    return conflict_lines(quopri.decodestring(data).decode("utf-8", errors="replace"))
