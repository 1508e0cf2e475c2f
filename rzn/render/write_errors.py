"""What to tell a person when writing an output folder fails, in French: the system's own
words (``strerror``) are in the system's language, often English."""

from __future__ import annotations

import errno
from pathlib import Path

from rzn.errors import RenderError

REASONS = {
    errno.EACCES: "accès refusé",
    errno.EPERM: "opération non permise",
    errno.EROFS: "le disque est en lecture seule",
    errno.ELOOP: "un lien symbolique du chemin boucle sur lui-même",
    errno.ENOTDIR: "un élément du chemin est un fichier, pas un dossier",
    errno.EISDIR: "un dossier porte le nom d'un document",
    errno.EEXIST: "un fichier (ou un lien symbolique cassé) porte déjà ce nom",
    errno.ENAMETOOLONG: "chemin trop long",
    errno.EBUSY: "fichier ou dossier occupé par un autre programme",
}
"""What the system says, in French: its own words depend on its language."""


def reason(exc: OSError) -> str:
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return "le disque est plein"
    return REASONS.get(exc.errno or 0) or exc.strerror or str(exc)


def write_error(out_dir: Path, exc: OSError) -> RenderError:
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        advice = "le disque est plein : libérez de la place ou choisissez un autre dossier (-o)"
    else:
        advice = (
            f"{reason(exc)} : vérifiez les droits d'accès au dossier ou choisissez-en un autre (-o)"
        )
    return RenderError(
        f"Écriture impossible dans {out_dir} : {advice}. Les documents précédents n'ont pas "
        "été modifiés."
    )
