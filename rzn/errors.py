"""The few exceptions rzn raises on purpose.

Only :mod:`rzn.cli` turns them into messages and exit codes; the core never
prints nor exits.
"""

from __future__ import annotations

import errno
from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0
    INVALID = 1
    """The event has errors (or warnings with ``--strict``), or a command failed."""
    UNUSABLE = 2
    """Usage error, or an input that cannot be read at all."""


class RznError(Exception):
    """An error with a French message meant for the user."""

    exit_code: ExitCode = ExitCode.INVALID

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class UsageError(RznError):
    exit_code = ExitCode.UNUSABLE


class InputError(RznError):
    """A path that cannot be used as input (missing, folder without events...)."""

    exit_code = ExitCode.UNUSABLE


class RenderError(RznError):
    """Rendering failed; earlier outputs are left untouched."""


_REASONS = {
    errno.ENOENT: "fichier ou dossier introuvable",
    errno.EACCES: "accès refusé",
    errno.EPERM: "opération non permise",
    errno.EROFS: "le disque est en lecture seule",
    errno.ELOOP: "un lien symbolique du chemin boucle sur lui-même",
    errno.ENOTDIR: "un élément du chemin est un fichier, pas un dossier",
    errno.EISDIR: "c'est un dossier, pas un fichier",
    errno.EEXIST: "un fichier (ou un lien symbolique cassé) porte déjà ce nom",
    errno.ENAMETOOLONG: "chemin trop long",
    errno.EBUSY: "fichier ou dossier occupé par un autre programme",
    errno.ENOSPC: "le disque est plein",
    errno.EDQUOT: "le disque est plein",
    errno.EIO: "erreur de lecture ou d'écriture sur le disque",
    errno.EMFILE: "trop de fichiers ouverts à la fois",
    errno.ENXIO: "périphérique introuvable",
    errno.EINVAL: "chemin ou opération invalide",
}


def os_reason(exc: OSError) -> str:
    """What the system says about a failed file operation, in French: ``strerror`` is in the
    system's language (often English), so it is only the last resort."""
    return _REASONS.get(exc.errno or 0) or exc.strerror or type(exc).__name__
