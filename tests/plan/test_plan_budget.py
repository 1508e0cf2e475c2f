import datetime as dt
from decimal import Decimal

import pytest

from rzn.model.event import BudgetCategory
from rzn.plan import build_plan
from rzn.plan.budget import EXPECTED, build_budget
from tests.plan.helpers import event, vademecum_text

D = Decimal


def budget(fmt: str = "in_person", **fields):
    return build_budget(event(fmt, budget=fields))


def test_lines_grouped_by_category_with_subtotals_and_total():
    estimate = budget(
        lines=[
            {"label": "Déjeuner des intervenants", "category": "catering", "quantity": 8,
             "unit_cost": "15"},
            {"label": "Location de la salle", "category": "venue", "amount": "600"},
            {"label": "Café d'accueil", "category": "catering", "amount": "84.50"},
        ]
    )  # fmt: skip
    assert [(g.label, [line.label for line in g.lines], g.subtotal) for g in estimate.groups] == [
        ("Location de salle", ["Location de la salle"], D("600.00")),
        ("Restauration", ["Déjeuner des intervenants", "Café d'accueil"], D("204.50")),
    ]
    assert estimate.total_expenses == D("804.50")
    assert all(isinstance(line.amount, Decimal) for line in estimate.lines)


def test_quantity_times_unit_cost_is_rounded_half_up_to_the_cent():
    estimate = budget(
        lines=[{"label": "Badges", "category": "printing", "quantity": "1.5", "unit_cost": "12.35"}]
    )
    (line,) = estimate.lines
    assert line.amount == D("18.53")  # 18.525 → 18.53, as an invoice rounds
    assert line.quantity_places == 1


def test_items_the_vademecum_lists_for_the_format_are_to_cost():
    in_person = [item.category for item in budget("in_person").to_cost]
    assert in_person == [
        BudgetCategory.VENUE,
        BudgetCategory.TECHNICIAN,
        BudgetCategory.SECURITY,
        BudgetCategory.CATERING,
        BudgetCategory.SANITARY,
        BudgetCategory.SIGNAGE,
        BudgetCategory.PRINTING,
        BudgetCategory.STAFF,
        BudgetCategory.TRAVEL,
        BudgetCategory.ACCOMMODATION,
    ]
    online = [item.category for item in budget("online").to_cost]
    assert online == [
        BudgetCategory.VIDEOCONFERENCE,
        BudgetCategory.PRINTING,
        BudgetCategory.STAFF,
        BudgetCategory.TRAVEL,
        BudgetCategory.ACCOMMODATION,
    ]
    assert BudgetCategory.VIDEOCONFERENCE in [i.category for i in budget("hybrid").to_cost]
    assert BudgetCategory.VENUE in [i.category for i in budget("hybrid").to_cost]


def test_a_costed_category_is_no_longer_to_cost():
    estimate = budget(
        "online",
        lines=[{"label": "Licence BigBlueButton", "category": "videoconference", "amount": "0"}],
        volunteer_hours=10,
    )
    left = {item.category for item in estimate.to_cost}
    assert BudgetCategory.VIDEOCONFERENCE not in left  # 0 € is a figure: costed
    assert BudgetCategory.STAFF not in left  # volunteer hours cost the working time


def test_income_balance_and_confirmed_part():
    estimate = budget(
        lines=[{"label": "Salle", "category": "venue", "amount": "1200"}],
        income=[
            {"source": "Fondation EDF", "amount": "600", "confirmed": True},
            {"source": "Région", "amount": "400", "kind": "subsidy"},
            {"source": "Association", "amount": "50", "kind": "own_funds"},
        ],
    )
    assert estimate.total_income == D("1050.00")
    assert estimate.confirmed_income == D("600.00")
    assert estimate.balance == D("-150.00")
    assert [i.kind_label for i in estimate.income] == ["Subvention", "Subvention", "Fonds propres"]


def test_volunteer_time_valued_at_the_2026_smic_by_default():
    estimate = budget(volunteer_hours="7.5")
    assert estimate.volunteer_hourly_value == D("12.02")
    assert estimate.volunteer_value == D("90.15")
    assert estimate.volunteer_hours_places == 1
    assert estimate.total_with_contributions == D("90.15")


def test_volunteer_hourly_value_can_be_overridden():
    estimate = budget(volunteer_hours=40, volunteer_hourly_value="15.50")
    assert estimate.volunteer_value == D("620.00")


def test_event_without_budget_has_everything_to_cost_and_zero_totals():
    estimate = build_plan(event(), dt.date(2027, 9, 1)).budget
    assert estimate.groups == ()
    assert estimate.total_expenses == estimate.total_income == estimate.balance == D("0")
    assert estimate.volunteer_hourly_value == D("12.02")
    assert len(estimate.to_cost) == 10


@pytest.mark.parametrize("item", EXPECTED, ids=lambda i: i.category.value)
def test_every_expected_item_is_quoted_from_the_vademecum(item):
    assert " ".join(item.source.split()) in vademecum_text()
