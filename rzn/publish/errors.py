"""Errors of ``rzn publish``: French, naming the address (never the credentials)."""

from __future__ import annotations

from rzn.errors import ExitCode, RznError


class PublishError(RznError):
    """The calendar server could not be reached or refused; nothing more was changed."""

    exit_code = ExitCode.INVALID

    def __init__(self, message: str, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status
        """The HTTP status of the answer that failed; ``None`` when none came."""
