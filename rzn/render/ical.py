"""Text for iCalendar properties built from untrusted event data.

icalendar escapes commas, semicolons and ``\\n`` in TEXT values, but a bare
carriage return or another control character would still break the
content line (or the parser of the calendar that imports it). Single-line
properties (SUMMARY, LOCATION, X-WR-CALNAME) get one line; DESCRIPTION keeps
its line breaks as ``\\n``.
"""

from __future__ import annotations

import re

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u2028\u2029]")


def line(text: str) -> str:
    return " ".join(_CONTROL.sub(" ", text).split())


def block(text: str) -> str:
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "\n".join(_CONTROL.sub(" ", part).rstrip() for part in lines)
