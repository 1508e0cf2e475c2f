"""The national partner of RéZolutions numériques, recognised however it is written.

Shared by the rules (``national-partner-missing``) and the documents (the
opening slides' "Partenaire national" group), so that both agree on who it is.
"""

from __future__ import annotations

import re
import unicodedata

NATIONAL_PARTNER = "Fondation EDF"
"""The vade-mecum: « le logo de la Fondation EDF, partenaire national de RéZolutions
numériques »."""


def is_national_partner(name: str) -> bool:
    """``Fondation EDF`` however it is written (``fondation edf``, ``Fondation  EDF``)."""
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().casefold()
    return " ".join(re.split(r"[^a-z0-9]+", folded)).strip() == "fondation edf"
