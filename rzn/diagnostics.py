"""One type for every problem rzn reports, whatever layer found it.

YAML syntax, encoding, schema and vade-mecum rules all end up as a
:class:`Diagnostic`, so every output format (terminal, JSON, GitHub
annotations) has a single thing to print.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import Enum

CONTROLS = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ud800-\udfff]"
)
"""What must never reach a terminal, a CI log or an XML report as is: control characters
(escape sequences retitle a window or clear a screen, a carriage return overwrites a line),
the bidirectional overrides that reorder what a reader sees, line separators, lone
surrogates (from undecodable file names). Tab and line feed stay."""


def visible(text: str) -> str:
    """``text`` with every character of :data:`CONTROLS` written as its code (``\\x1b``)."""
    if not CONTROLS.search(text):
        return text
    return CONTROLS.sub(_escape, text)


_SURROGATES = re.compile("[\ud800-\udfff]")


def json_text(data: object) -> str:
    """``data`` as indented JSON, UTF-8 writable whatever it holds: control characters are
    JSON escapes already; a lone surrogate (a file name that is not UTF-8) is written as
    the text ``\\udcff``, not as a byte that would make the file invalid UTF-8."""
    import json

    text = json.dumps(data, ensure_ascii=False, indent=2)
    return _SURROGATES.sub(lambda m: f"\\\\u{ord(m.group()):04x}", text)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


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
