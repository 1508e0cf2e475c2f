"""What to tell a person when writing an output folder fails, in French, and what to do
(the system's reason in French comes from :func:`rzn.errors.os_reason`)."""

from __future__ import annotations

import errno
from pathlib import Path

from rzn.errors import RenderError, os_reason


def write_error(out_dir: Path, exc: OSError) -> RenderError:
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        advice = "le disque est plein : libérez de la place ou choisissez un autre dossier (-o)"
    else:
        advice = (
            f"{os_reason(exc)} : vérifiez les droits d'accès au dossier ou choisissez-en un "
            "autre (-o)"
        )
    return RenderError(
        f"Écriture impossible dans {out_dir} : {advice}. Les documents précédents n'ont pas "
        "été modifiés."
    )
