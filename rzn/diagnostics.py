"""One type for every problem rzn reports, whatever layer found it.

YAML syntax, encoding, schema and vade-mecum rules all end up as a
:class:`Diagnostic`, so every output format (terminal, JSON, GitHub
annotations) has a single thing to print.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def label(self) -> str:
        """The French word shown to people."""
        return _LABELS[self]


_LABELS = {Severity.ERROR: "erreur", Severity.WARNING: "avertissement", Severity.INFO: "info"}


@dataclass(frozen=True)
class Diagnostic:
    """A located problem in one file.

    ``line`` and ``column`` are 1-based, as editors count them. ``path`` is
    the YAML path of the value concerned (``program[2].start``), empty when
    the problem concerns the whole file.
    """

    file: str
    line: int
    column: int
    code: str
    rule: str
    severity: Severity
    message: str
    path: str = ""
    ignored: str | None = field(default=None, compare=False)
    """Reason given by the event file for silencing this finding, if any."""

    @property
    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.file, self.line, self.column, self.code)

    def as_dict(self) -> dict[str, object]:
        data: dict[str, object] = {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "rule": self.rule,
            "code": self.code,
            "severity": self.severity.value,
            "message": self.message,
            "path": self.path,
        }
        if self.ignored is not None:
            data["ignored"] = self.ignored
        return data


def format_path(path: tuple[str | int, ...]) -> str:
    """``("program", 2, "start")`` → ``program[2].start``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out
