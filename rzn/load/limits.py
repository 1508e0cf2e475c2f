"""Documented limits on what rzn accepts as an event file, and on the other files it reads.

They protect against hostile or accidental input (a log file passed by
mistake, "billion laughs" alias bombs, absurd nesting). docs/troubleshooting.md
lists them with their messages; tests/corpus/test_troubleshooting.py fails
when the two disagree.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass


@dataclass(frozen=True)
class Limits:
    max_bytes: int = 1_000_000
    """An event file is a few kilobytes; 1 Mo leaves room for very long programmes."""
    max_depth: int = 64
    """An event file nests about five levels deep."""
    max_nodes: int = 200_000
    """Keys and values once aliases are expanded; an alias bomb stops at the
    first ``*alias`` whose expansion would cross it, before expanding it."""
    max_aliases: int = 200
    """Uses of ``*alias`` in one file."""
    max_program_items: int = 500
    """Items in ``program``: a day rarely holds more than thirty."""
    max_export_bytes: int = 20_000_000
    """A registrations or answers export (CSV): 10 000 registrants with twenty columns make
    about 5 Mo."""
    max_calendar_bytes: int = 50_000_000
    """An agenda given to ``--calendar`` (``.ics``): a year of a busy public agenda is a few Mo."""
    max_settings_bytes: int = 1_000_000
    """``rzn.toml`` or the ``pyproject.toml`` holding ``[tool.rzn]``."""
    max_template_bytes: int = 1_000_000
    """A template of ``--templates``: rzn's largest is a few Ko."""
    max_state_bytes: int = 200_000_000
    """A file of the output folder rzn compares with what it wrote (a document, a merge base,
    the manifest): the largest rzn writes, a PDF with logos, is a few Mo."""


LIMITS = Limits()


def french_number(value: int) -> str:
    """``200000`` → ``200 000``, as French writes thousands."""
    return f"{value:,}".replace(",", " ")


def megabytes(size: int) -> str:
    """``1_000_000`` → ``1 Mo``, ``1_500_000`` → ``1,5 Mo``, ``2_000`` → ``2 Ko``."""
    value, unit = (size / 1_000_000, "Mo") if size >= 1_000_000 else (size / 1_000, "Ko")
    return f"{value:.1f}".removesuffix(".0").replace(".", ",") + f" {unit}"


class TooLarge(Exception):
    """A file over its size limit; nothing of it was read beyond the limit."""

    def __init__(self, size: int, limit: int, at_least: bool = False) -> None:
        super().__init__(size, limit, at_least)
        self.size = size
        self.limit = limit
        self.at_least = at_least
        """``size`` is a lower bound: the file grew while read, or is a pipe."""

    def describe(self, what: str) -> str:
        """``Fichier trop gros (60 000 000 octets) : rzn refuse {what} de plus de 50 Mo``."""
        shown = (
            f"plus de {french_number(self.limit)}" if self.at_least else french_number(self.size)
        )
        return (
            f"fichier trop gros ({shown} octets) : rzn refuse {what} de plus de "
            f"{megabytes(self.limit)} ({french_number(self.limit)} octets)"
        )


def read_bounded(path: str | os.PathLike[str], limit: int, *, regular: bool = True) -> bytes:
    """A file's bytes, its size checked before reading a byte, the read bounded too.

    Raises :class:`TooLarge`, or :class:`OSError` as ``open`` does; with ``regular``, a
    FIFO or a device (which could block forever or never end) raises ``OSError``
    (``EINVAL``) before being opened.
    """
    info = os.stat(path)
    if regular and not stat.S_ISREG(info.st_mode):
        import errno

        raise OSError(errno.EINVAL, "ce n'est pas un fichier ordinaire", os.fspath(path))
    return read_sized(path, info.st_size, limit)


_CHUNK = 1 << 20


def read_sized(path: str | os.PathLike[str], size: int, limit: int) -> bytes:
    """The bytes of a file whose size ``stat`` just gave, at most ``limit``.

    Asking ``read`` for ``size + 1`` bytes, not ``limit + 1``: ``read(n)`` reserves ``n``
    bytes first, and a render reads some 130 files an event, each of a few kilobytes, under
    limits of hundreds of megabytes — the reservation cost more than the reading. A file
    that grew since ``stat`` (or a pipe, of size 0) is read on, by bounded chunks.
    """
    if size > limit:
        raise TooLarge(size, limit)
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0))
    try:
        chunks = [os.read(fd, size + 1)]
        total = len(chunks[0])
        while chunks[-1]:
            if total > limit:
                raise TooLarge(total, limit, at_least=True)
            chunks.append(os.read(fd, min(_CHUNK, limit + 1 - total)))
            total += len(chunks[-1])
    finally:
        os.close(fd)
    return chunks[0] if len(chunks) == 2 else b"".join(chunks)
