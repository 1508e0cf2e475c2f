"""The budget estimate: costed lines, what is left to cost, income, balance.

Amounts are :class:`~decimal.Decimal` from the event file to the last
total, rounded to the cent only where a product is taken (quantity × unit
cost, hours × hourly value), so the totals are exactly the sum of what
the documents print.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from rzn.model.event import (
    Budget,
    BudgetCategory,
    BudgetLine,
    Event,
    Format,
    Income,
    IncomeKind,
)

CENT = Decimal("0.01")
ZERO = Decimal("0.00")

CATEGORY_LABELS: dict[BudgetCategory, str] = {
    BudgetCategory.VENUE: "Location de salle",
    BudgetCategory.TECHNICIAN: "Régie",
    BudgetCategory.SECURITY: "Sécurité",
    BudgetCategory.CATERING: "Restauration",
    BudgetCategory.SANITARY: "Mesures sanitaires",
    BudgetCategory.SIGNAGE: "Signalétique",
    BudgetCategory.PRINTING: "Mise en page et impression",
    BudgetCategory.VIDEOCONFERENCE: "Visioconférence",
    BudgetCategory.STAFF: "Temps de travail",
    BudgetCategory.TRAVEL: "Déplacements",
    BudgetCategory.ACCOMMODATION: "Hébergement",
    BudgetCategory.COMMUNICATION: "Communication",
    BudgetCategory.EQUIPMENT: "Matériel",
    BudgetCategory.OTHER: "Autres dépenses",
}

INCOME_LABELS: dict[IncomeKind, str] = {
    IncomeKind.SUBSIDY: "Subvention",
    IncomeKind.SPONSORSHIP: "Mécénat",
    IncomeKind.OWN_FUNDS: "Fonds propres",
    IncomeKind.FEES: "Participation aux frais",
    IncomeKind.OTHER: "Autre recette",
}


@dataclass(frozen=True)
class Expected:
    """An expense the vade-mecum lists for a format."""

    category: BudgetCategory
    label: str
    source: str
    formats: frozenset[Format]


_ON_SITE = frozenset({Format.IN_PERSON, Format.HYBRID})
_REMOTE = frozenset({Format.ONLINE, Format.HYBRID})
_ALL = frozenset(Format)

EXPECTED: tuple[Expected, ...] = (
    Expected(BudgetCategory.VENUE, "Location de la salle", "Location de la salle", _ON_SITE),
    Expected(BudgetCategory.TECHNICIAN, "Régisseur", "Régisseur", _ON_SITE),
    Expected(BudgetCategory.SECURITY, "Agent de sécurité", "Agent de sécurité", _ON_SITE),
    Expected(
        BudgetCategory.CATERING,
        "Café, repas, collations, eau pour les intervenants et les organisateurs",
        "Café, repas, collations, eau pour les intervenants et les organisateurs...",
        _ON_SITE,
    ),
    Expected(
        BudgetCategory.SANITARY,
        "Mesures sanitaires (gel, masques…)",
        "Mesures sanitaires à respecter (gel, masques, ...)",
        _ON_SITE,
    ),
    Expected(
        BudgetCategory.SIGNAGE, "Signalétique, kakémonos", "Signalétique, kakémonos", _ON_SITE
    ),
    Expected(
        BudgetCategory.VIDEOCONFERENCE,
        "Licence du logiciel de visioconférence",
        "Si c'est en distanciel, prévoir une licence pour un logiciel de visioconférence "
        "performant",
        _REMOTE,
    ),
    Expected(
        BudgetCategory.PRINTING,
        "Mise en page et impression des flyers, programmes, comptes-rendus",
        "Frais de mise en page et d'impression des flyers, programmes, comptes-rendus",
        _ALL,
    ),
    Expected(
        BudgetCategory.STAFF,
        "Temps de travail salarié ou bénévole (préparation, animation, évaluation)",
        "Temps de travail salarié ou bénévole nécessaire à la préparation, l'animation et "
        "l'évaluation, voire la capitalisation",
        _ALL,
    ),
    Expected(
        BudgetCategory.TRAVEL,
        "Déplacements des intervenants et des organisateurs",
        "Les frais de déplacement et d'hébergement des intervenants et organisateurs",
        _ALL,
    ),
    Expected(
        BudgetCategory.ACCOMMODATION,
        "Hébergement des intervenants et des organisateurs",
        "Les frais de déplacement et d'hébergement des intervenants et organisateurs",
        _ALL,
    ),
)


def cents(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def places(value: Decimal | None) -> int:
    """Decimals worth printing for a quantity: ``8``, ``1,5``, ``2,25`` (at most two)."""
    if value is None or value == value.to_integral_value():
        return 0
    exponent = value.normalize().as_tuple().exponent
    return min(2, -exponent) if isinstance(exponent, int) else 2


@dataclass(frozen=True)
class CostLine:
    label: str
    category: BudgetCategory
    quantity: Decimal | None
    unit_cost: Decimal | None
    amount: Decimal
    note: str | None

    @property
    def quantity_places(self) -> int:
        return places(self.quantity)


@dataclass(frozen=True)
class CategoryGroup:
    category: BudgetCategory
    label: str
    lines: tuple[CostLine, ...]
    subtotal: Decimal


@dataclass(frozen=True)
class ToCost:
    """An expense the vade-mecum lists for this format that no line costs yet."""

    category: BudgetCategory
    category_label: str
    label: str
    source: str


@dataclass(frozen=True)
class IncomeLine:
    source: str
    kind: IncomeKind
    kind_label: str
    amount: Decimal
    confirmed: bool


@dataclass(frozen=True)
class BudgetEstimate:
    groups: tuple[CategoryGroup, ...]
    to_cost: tuple[ToCost, ...]
    total_expenses: Decimal
    income: tuple[IncomeLine, ...]
    total_income: Decimal
    confirmed_income: Decimal
    balance: Decimal
    """Income minus expenses: negative means money is still to be found."""
    volunteer_hours: Decimal
    volunteer_hourly_value: Decimal
    volunteer_value: Decimal
    """Volunteer time valued as a contribution in kind (hours × hourly value)."""

    @property
    def lines(self) -> tuple[CostLine, ...]:
        return tuple(line for group in self.groups for line in group.lines)

    @property
    def volunteer_hours_places(self) -> int:
        return places(self.volunteer_hours)

    @property
    def total_with_contributions(self) -> Decimal:
        """Expenses plus contributions in kind: the full cost of the day."""
        return self.total_expenses + self.volunteer_value


def _cost_line(line: BudgetLine) -> CostLine:
    if line.quantity is not None and line.unit_cost is not None:
        # Rounded half up, as an invoice is (the model's own total rounds half to even).
        total = cents(line.quantity * line.unit_cost)
    else:
        total = cents(line.total)
    return CostLine(line.label, line.category, line.quantity, line.unit_cost, total, line.note)


def build_budget(event: Event) -> BudgetEstimate:
    budget = event.budget or Budget()
    groups = []
    for category in BudgetCategory:  # the enum's order is the document's order
        lines = tuple(_cost_line(line) for line in budget.lines if line.category is category)
        if lines:
            subtotal = sum((line.amount for line in lines), ZERO)
            groups.append(CategoryGroup(category, CATEGORY_LABELS[category], lines, subtotal))
    costed = {line.category for line in budget.lines}
    if budget.volunteer_hours > 0:
        costed.add(BudgetCategory.STAFF)  # volunteer time is costed, as a contribution in kind
    to_cost = tuple(
        ToCost(item.category, CATEGORY_LABELS[item.category], item.label, item.source)
        for item in EXPECTED
        if event.format in item.formats and item.category not in costed
    )
    income = tuple(_income_line(i) for i in budget.income)
    total_expenses = sum((g.subtotal for g in groups), ZERO)
    total_income = sum((i.amount for i in income), ZERO)
    confirmed = sum((i.amount for i in income if i.confirmed), ZERO)
    hourly = budget.volunteer_hourly_value
    return BudgetEstimate(
        groups=tuple(groups),
        to_cost=to_cost,
        total_expenses=total_expenses,
        income=income,
        total_income=total_income,
        confirmed_income=confirmed,
        balance=total_income - total_expenses,
        volunteer_hours=budget.volunteer_hours,
        volunteer_hourly_value=hourly,
        volunteer_value=cents(budget.volunteer_hours * hourly),
    )


def _income_line(income: Income) -> IncomeLine:
    return IncomeLine(
        income.source,
        income.kind,
        INCOME_LABELS[income.kind],
        cents(income.amount),
        income.confirmed,
    )
