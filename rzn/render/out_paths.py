"""Paths of rendered documents: relative, and inside the output folder once links are followed.

Checked for every document at every render (:mod:`rzn.render.output`), so written to
cost little for the usual path, with pathlib kept for the unusual ones.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path, PurePosixPath

from rzn.errors import RenderError
from rzn.files import resolved


def check_relative(path: str) -> None:
    """Refuse a path that is absolute, climbs out (``..``) or is not a plain POSIX path."""
    if "\\" not in path and "\x00" not in path and _plain(path):
        return  # the usual document path: no need to parse it
    pure = PurePosixPath(path)
    if pure.is_absolute() or not pure.parts or any(p in ("", ".", "..") for p in pure.parts):
        raise RenderError(f"Chemin de sortie refusé : « {path} » sortirait du dossier de sortie.")
    if "\\" in path or "\x00" in path:
        raise RenderError(f"Chemin de sortie refusé : « {path} ».")


def _plain(path: str) -> bool:
    # Parts all named (no empty one: neither absolute nor doubled slashes), none "." or
    # "..": then they are PurePosixPath's own parts, and the checks below would pass.
    return all(part and part != "." and part != ".." for part in path.split("/"))


def first_outside(root: Path, paths: Iterable[str]) -> str | None:
    """The first of ``paths`` (relative to ``root``) whose real path, links followed, is
    not inside ``root``; ``None``: all are.

    Resolving a path costs one ``lstat`` per component from the system's root; an
    event's eighty-odd documents sit in a dozen folders, so each folder is resolved (and
    checked) once, and only a file that is itself a link is followed on its own.
    """
    folders: dict[str, tuple[Path, bool]] = {"": (root, True)}
    for path in paths:
        folder, _, name = path.rpartition("/")
        known = folders.get(folder)
        if known is None:
            real = resolved(root / folder)
            known = folders[folder] = (real, _inside(root, real))
        real, inside = known
        if inside and os.path.islink(os.path.join(real, name)):
            inside = _inside(root, resolved(real / name))
        if not inside:
            return path
    return None


def _inside(root: Path, target: Path) -> bool:
    return root == target or root in target.parents
