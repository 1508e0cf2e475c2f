"""Documented limits on what rzn accepts as an event file.

They protect against hostile or accidental input (a log file passed by
mistake, "billion laughs" alias bombs, absurd nesting). The README's
troubleshooting section lists them with their messages; keep both in step.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Limits:
    max_bytes: int = 1_000_000
    """An event file is a few kilobytes; 1 Mo leaves room for very long programmes."""
    max_depth: int = 64
    """An event file nests about five levels deep."""
    max_nodes: int = 200_000
    """Values once aliases are expanded; stops alias bombs before they grow."""
    max_aliases: int = 200
    """Uses of ``*alias`` in one file."""
    max_program_items: int = 500
    """Items in ``program``: a day rarely holds more than thirty."""


LIMITS = Limits()
