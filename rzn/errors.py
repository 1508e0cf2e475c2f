"""The few exceptions rzn raises on purpose.

Only :mod:`rzn.cli` turns them into messages and exit codes; the core never
prints nor exits.
"""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0
    INVALID = 1
    """The event has errors (or warnings with ``--strict``), or a command failed."""
    UNUSABLE = 2
    """Usage error, or an input that cannot be read at all."""


class RznError(Exception):
    """An error with a French message meant for the user."""

    exit_code: ExitCode = ExitCode.INVALID

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class UsageError(RznError):
    exit_code = ExitCode.UNUSABLE


class InputError(RznError):
    """A path that cannot be used as input (missing, folder without events...)."""

    exit_code = ExitCode.UNUSABLE


class RenderError(RznError):
    """Rendering failed; earlier outputs are left untouched."""
