"""Options shared by several commands, validated in French."""

from __future__ import annotations

import datetime as dt

from rzn.errors import UsageError


def parse_today(value: str | None) -> dt.date:
    if value is None:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise UsageError(
            f"--today « {value} » : date attendue au format AAAA-MM-JJ (par exemple 2027-09-01)."
        ) from None
