"""Small French wording helpers, light enough for the fast path of ``rzn check``."""

from __future__ import annotations


def plural(count: int, one: str, many: str) -> str:
    """``1 erreur``, ``3 erreurs`` — and, in French, ``0 erreur``."""
    return f"{count} {one if count <= 1 else many}"
