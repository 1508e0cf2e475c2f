"""The validated event: pydantic models and the errors they produce."""

from rzn.model.event import (
    Budget,
    BudgetCategory,
    BudgetLine,
    Event,
    Format,
    Income,
    ItemKind,
    Organizer,
    Partner,
    PartnerRole,
    ProgramItem,
    Room,
    RoomKind,
    Speaker,
    Venue,
)

__all__ = [
    "Budget",
    "BudgetCategory",
    "BudgetLine",
    "Event",
    "Format",
    "Income",
    "ItemKind",
    "Organizer",
    "Partner",
    "PartnerRole",
    "ProgramItem",
    "Room",
    "RoomKind",
    "Speaker",
    "Venue",
]
