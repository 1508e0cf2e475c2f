"""What the loader reports: a located problem named by its rule."""

from __future__ import annotations

from dataclasses import dataclass

Path = tuple[str | int, ...]
"""A YAML path: ``("program", 2, "start")``."""
Position = tuple[int, int]
"""1-based ``(line, column)``, columns counted in characters as editors do."""


@dataclass
class Problem:
    line: int
    column: int
    rule: str
    """A rule name from :mod:`rzn.rules.core` (``yaml-syntax``, ``encoding``…)."""
    message: str
    path: Path = ()
