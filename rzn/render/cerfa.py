"""Where each budget line goes in the budget table of Cerfa n° 12156.

The "demande de subvention" form (Cerfa 12156) asks for the action's budget
under the headings of the associations' chart of accounts: charges 60 to
68, produits 70 to 75, and the contributions volontaires en nature, 86
(their use) and 87 (their source), which must be equal. Funders read it
line by line, so each rzn category is placed on the line a treasurer would
choose; the workbook keeps the placement visible and editable.

Choices that are not obvious:

- catering, the technician and the security agent are bought as services
  from a provider (60, "Prestations de services");
- a videoconference licence is a software licence fee (65, account 651),
  not a purchase;
- own funds are not a subsidy: they go to 75 with the other resources of
  the association, so that 74 holds only what funders are asked for;
- participants' fees are sales of a service (70).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

from rzn.model.event import BudgetCategory, IncomeKind
from rzn.plan.budget import BudgetEstimate, CostLine, IncomeLine, ToCost


@dataclass(frozen=True)
class Heading:
    account: str
    """``"60"``, ``"864"``."""
    label: str


@dataclass(frozen=True)
class Placement:
    account: str
    """The heading's account: ``"61"``."""
    line: str
    """The form's line under that heading: ``"Locations"``."""


CHARGES: tuple[Heading, ...] = (
    Heading("60", "Achats"),
    Heading("61", "Services extérieurs"),
    Heading("62", "Autres services extérieurs"),
    Heading("63", "Impôts et taxes"),
    Heading("64", "Charges de personnel"),
    Heading("65", "Autres charges de gestion courante"),
    Heading("66", "Charges financières"),
    Heading("67", "Charges exceptionnelles"),
    Heading("68", "Dotation aux amortissements"),
)

PRODUCTS: tuple[Heading, ...] = (
    Heading("70", "Vente de produits finis, de marchandises, prestations de services"),
    Heading("73", "Dotations et produits de tarification"),
    Heading("74", "Subventions d'exploitation"),
    Heading("75", "Autres produits de gestion courante"),
)

USES = Heading("86", "Emplois des contributions volontaires en nature")
USE_LINES: tuple[Heading, ...] = (
    Heading("860", "Secours en nature"),
    Heading("861", "Mise à disposition gratuite de biens et services"),
    Heading("862", "Prestations"),
    Heading("864", "Personnel bénévole"),
)

RESOURCES = Heading("87", "Contributions volontaires en nature")
RESOURCE_LINES: tuple[Heading, ...] = (
    Heading("870", "Bénévolat"),
    Heading("871", "Prestations en nature"),
    Heading("875", "Dons en nature"),
)

RESOURCE_OF_USE: dict[str, str] = {"860": "875", "861": "871", "862": "871", "864": "870"}
"""Each use (86) and the source (87) that balances it: volunteer work is both."""

VOLUNTEERING = "864"
"""Where the valued volunteer hours go; their source is 870."""

EXPENSES: dict[BudgetCategory, Placement] = {
    BudgetCategory.VENUE: Placement("61", "Locations"),
    BudgetCategory.TECHNICIAN: Placement("60", "Prestations de services"),
    BudgetCategory.SECURITY: Placement("60", "Prestations de services"),
    BudgetCategory.CATERING: Placement("60", "Prestations de services"),
    BudgetCategory.SANITARY: Placement("60", "Achats matières et fournitures"),
    BudgetCategory.SIGNAGE: Placement("62", "Publicité, publication"),
    BudgetCategory.PRINTING: Placement("62", "Publicité, publication"),
    BudgetCategory.VIDEOCONFERENCE: Placement("65", "Redevances pour logiciels"),
    BudgetCategory.STAFF: Placement("64", "Rémunération des personnels"),
    BudgetCategory.TRAVEL: Placement("62", "Déplacements, missions"),
    BudgetCategory.ACCOMMODATION: Placement("62", "Déplacements, missions"),
    BudgetCategory.COMMUNICATION: Placement("62", "Publicité, publication"),
    BudgetCategory.EQUIPMENT: Placement("60", "Autres fournitures"),
    BudgetCategory.OTHER: Placement("62", "Services bancaires, autres"),
}

INCOME: dict[IncomeKind, Placement] = {
    IncomeKind.SUBSIDY: Placement("74", "Subventions d'exploitation"),
    IncomeKind.SPONSORSHIP: Placement("75", "Dons manuels, mécénat"),
    IncomeKind.OWN_FUNDS: Placement("75", "Fonds propres de l'association"),
    IncomeKind.FEES: Placement("70", "Participation aux frais"),
    IncomeKind.OTHER: Placement("75", "Autres produits"),
}

Source = TypeVar("Source", covariant=True)


@dataclass(frozen=True)
class Entry(Generic[Source]):
    """One budget line on the form: the form's line, and the budget line it comes from."""

    line: str
    source: Source


@dataclass(frozen=True)
class Section(Generic[Source]):
    heading: Heading
    entries: tuple[Entry[Source], ...]


def charges(budget: BudgetEstimate) -> tuple[Section[CostLine | ToCost], ...]:
    """Every heading 60 to 68, with the costed lines then the lines still to cost.

    Headings without lines are kept: the form prints them all, and a treasurer
    may have something to put there.
    """
    sources: list[CostLine | ToCost] = [*budget.lines, *budget.to_cost]
    return tuple(
        Section(
            heading,
            tuple(
                Entry(EXPENSES[s.category].line, s)
                for s in sources
                if EXPENSES[s.category].account == heading.account
            ),
        )
        for heading in CHARGES
    )


def products(budget: BudgetEstimate) -> tuple[Section[IncomeLine], ...]:
    """Every heading 70 to 75 with its income lines, in the order of the event file."""
    return tuple(
        Section(
            heading,
            tuple(
                Entry(INCOME[i.kind].line, i)
                for i in budget.income
                if INCOME[i.kind].account == heading.account
            ),
        )
        for heading in PRODUCTS
    )
