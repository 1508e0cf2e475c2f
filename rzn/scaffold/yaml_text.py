"""YAML text the code writes itself: every value printed by the init template reads back
exactly as it was given, on one line, whatever it holds."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from enum import Enum


class Plain(str):
    """A word the code chose (an id, an enum value) that YAML reads as plain text."""

    _SAFE = re.compile(r"[a-z][a-z0-9_-]*\Z")
    # YAML 1.1 would read these as booleans or null; rzn would not, but other tools might.
    _RESERVED = frozenset(("y", "n", "yes", "no", "on", "off", "true", "false", "null"))

    def __new__(cls, value: str) -> Plain:
        if not cls._SAFE.match(value) or value in cls._RESERVED:
            raise ValueError(f"not a plain YAML word: {value!r}")
        return super().__new__(cls, value)


class Comment(str):
    """French text the code wrote for a ``#`` comment: one line, nothing to escape."""

    def __new__(cls, value: str) -> Comment:
        # No quote nor backslash either: the template may print it inside "…".
        if any(not ch.isprintable() or ch in '"\\' for ch in value):
            raise ValueError(f"a comment must be one printable line: {value!r}")
        return super().__new__(cls, value)


def comment_lines(text: str, width: int = 84) -> list[Comment]:
    import textwrap

    return [Comment(line) for line in textwrap.wrap(text, width, break_on_hyphens=False)]


def yaml_scalar(value: object) -> str:
    """Any value the template prints, as YAML text that reads back to exactly that value."""
    if isinstance(value, Plain | Comment):
        return str(value)
    if isinstance(value, Enum):
        return yaml_scalar(Plain(str(value.value)))
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dt.time):
        return quote(value.strftime("%H:%M"))
    if isinstance(value, str):
        return quote(value)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(yaml_scalar(v) for v in value) + "]"
    raise TypeError(f"the init template cannot print a {type(value).__name__}")


def quote(text: str) -> str:
    """A YAML double-quoted scalar; anything unusual is escaped, so it stays on one line.

    Invisible characters (zero-width spaces, bidi overrides, BOM) are escaped too,
    so the file shows what it holds.
    """
    out = ['"']
    for ch in text:
        if ch in '"\\':
            out.append("\\" + ch)
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif ch == " " or (ch.isprintable() and unicodedata.category(ch) not in ("Cf", "Co")):
            out.append(ch)
        else:
            code = ord(ch)
            if code <= 0xFF:
                out.append(f"\\x{code:02X}")
            elif code <= 0xFFFF:
                out.append(f"\\u{code:04X}")
            else:
                out.append(f"\\U{code:08X}")
    out.append('"')
    return "".join(out)
