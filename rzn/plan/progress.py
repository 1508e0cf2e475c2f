"""Tasks the event file already proves done, so that nobody has to tick them twice.

A task is proven done when the file holds its result: a lead organiser is
named, a venue with its address, the programme, the budget… A value still
holding rzn init's « À COMPLÉTER » proves nothing. The organisers keep the
last word: ``tasks.not_done`` lists tasks rzn should not count as done.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from rzn.model.event import Event
from rzn.model.placeholder import PLACEHOLDER


def filled(*values: str | None) -> bool:
    """Every value given, and none still a placeholder."""
    return all(v is not None and v.strip() and PLACEHOLDER not in v.upper() for v in values)


def _all_filled(values: Iterable[str]) -> bool:
    values = list(values)
    return bool(values) and filled(*values)


def _lead(event: Event) -> str | None:
    lead = event.lead
    if lead is None or not filled(lead.name):
        return None
    return f"tête de file indiquée : {lead.name}"


def _vision(event: Event) -> str | None:
    return "objectifs écrits" if _all_filled(event.objectives) else None


def _date(event: Event) -> str | None:
    return "date fixée"


def _support(event: Event) -> str | None:
    return "portage politique indiqué" if _all_filled(event.political_support) else None


def _venue(event: Event) -> str | None:
    venue = event.venue
    if venue is None or not filled(venue.name, venue.address):
        return None
    return f"lieu renseigné : {venue.name}"


def _accessibility(event: Event) -> str | None:
    venue = event.venue
    if venue is None or venue.pmr_accessible is None:
        return None
    return "accessibilité PMR renseignée"


def _videoconference(event: Event) -> str | None:
    online = event.online
    if online is None or not filled(online.platform):
        return None
    return f"outil de visioconférence choisi : {online.platform}"


def _budget(event: Event) -> str | None:
    budget = event.budget
    return "budget prévisionnel écrit" if budget is not None and budget.lines else None


def _program(event: Event) -> str | None:
    return "programme écrit" if _all_filled(i.title for i in event.program) else None


def _speakers(event: Event) -> str | None:
    return "intervenants nommés" if _all_filled(s.name for s in event.speakers) else None


def _referents(event: Event) -> str | None:
    speakers = event.speakers
    if not speakers or not all(filled(s.referent) for s in speakers):
        return None
    return "un référent pour chaque intervenant"


PROOFS: dict[str, Callable[[Event], str | None]] = {
    "lead": _lead,
    "common-vision": _vision,
    "date": _date,
    "political-support": _support,
    "venue-booking": _venue,
    "venue-accessibility": _accessibility,
    "videoconference-tool": _videoconference,
    "budget": _budget,
    "program": _program,
    "speakers": _speakers,
    "speaker-referent": _referents,
}
"""Task id → what in the event file shows it done (``None``: not shown)."""


def proven_done(event: Event, task_id: str) -> str | None:
    """What shows the task done (``lieu renseigné : Espace Malraux``), else ``None``."""
    proof = PROOFS.get(task_id)
    return proof(event) if proof is not None else None
