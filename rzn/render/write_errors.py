"""What to tell a person when writing an output folder fails, in French: the system's own
words (``strerror``) are in the system's language, often English."""

from __future__ import annotations

import errno
from pathlib import Path

from rzn.errors import RenderError, os_reason


def reason(exc: OSError) -> str:
    return os_reason(exc)


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
