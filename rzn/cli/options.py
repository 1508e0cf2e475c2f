"""Options shared by several commands, validated in French."""

from __future__ import annotations

import datetime as dt
from typing import Any

from rzn.errors import UsageError


def jobs_option(parallel_from: str) -> Any:
    """``-j/--jobs``: how many worker processes; 0 lets rzn decide from the amount of work."""
    import typer  # here: rzn check reads its options without Typer (rzn.cli.check_run)

    return typer.Option(
        "--jobs",
        "-j",
        help=(
            "Processus en parallèle ; 0 (par défaut) : autant que de cœurs (4 au plus) à "
            f"partir de {parallel_from}, un seul en dessous."
        ),
        min=0,
        max=64,  # rzn.cli.check_run.MAX_JOBS
    )


def parse_today(value: str | None) -> dt.date:
    if value is None:
        return dt.date.today()
    from rzn.model.types import MAX_YEAR, MIN_YEAR

    try:
        day = dt.date.fromisoformat(value.strip())
    except ValueError:
        raise UsageError(
            f"--today « {value} » : date attendue au format AAAA-MM-JJ (par exemple 2027-09-01)."
        ) from None
    if not MIN_YEAR <= day.year <= MAX_YEAR:
        raise UsageError(
            f"--today « {value} » : rzn accepte les dates des années {MIN_YEAR} à {MAX_YEAR}."
        )
    return day
