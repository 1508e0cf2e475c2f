"""Documented limits on what rzn accepts as an event file.

They protect against hostile or accidental input (a log file passed by
mistake, "billion laughs" alias bombs, absurd nesting). docs/troubleshooting.md
lists them with their messages; tests/corpus/test_troubleshooting.py fails
when the two disagree.
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
    """Keys and values once aliases are expanded; an alias bomb stops at the
    first ``*alias`` whose expansion would cross it, before expanding it."""
    max_aliases: int = 200
    """Uses of ``*alias`` in one file."""
    max_program_items: int = 500
    """Items in ``program``: a day rarely holds more than thirty."""


LIMITS = Limits()


def french_number(value: int) -> str:
    """``200000`` → ``200 000``, as French writes thousands."""
    return f"{value:,}".replace(",", " ")


def megabytes(size: int) -> str:
    """``1_000_000`` → ``1 Mo``, ``1_500_000`` → ``1,5 Mo``, ``2_000`` → ``2 Ko``."""
    value, unit = (size / 1_000_000, "Mo") if size >= 1_000_000 else (size / 1_000, "Ko")
    return f"{value:.1f}".removesuffix(".0").replace(".", ",") + f" {unit}"
