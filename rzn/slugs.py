"""File-name-safe slugs, shared by the documents, the rules and the exports.

Apart from :mod:`rzn.render.output` so that ``rzn check`` (which names events by
their slug) does not import the machinery that writes files.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable


def slugify(text: str, fallback: str = "sans-titre", max_length: int = 60) -> str:
    """A file-name-safe ASCII slug: ``../../etc/passwd`` → ``etc-passwd``."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:max_length].strip("-") or fallback


def unique_slugs(
    titles: Iterable[str], fallback: str = "sans-titre", reserved: Iterable[str] = ()
) -> list[str]:
    """One slug per title, de-duplicated in order: ``atelier``, ``atelier-2``, …

    Deterministic for a given list (file names and question ids stay the same from one
    run to the next), and a suffixed slug never collides with a title that slugifies to
    the same text, nor with a ``reserved`` one (ids given by hand).
    """
    taken: set[str] = set(reserved)
    slugs = []
    for title in titles:
        base = slugify(title, fallback=fallback)
        slug, number = base, 2
        while slug in taken:
            slug = f"{base}-{number}"
            number += 1
        taken.add(slug)
        slugs.append(slug)
    return slugs
