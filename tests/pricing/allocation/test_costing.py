"""Costed provision: each line's cost for a year, the totals per stream with the
adjustments, where the price comes from, and when it can no longer change."""

from __future__ import annotations

from decimal import Decimal

import pytest
from wagtail.models import ModelLogEntry

from pricing.allocation.enums import TIMES_A_YEAR, AssessmentStatus, Frequency
from pricing.allocation.models import Assessment, CostedAdjustment, ProvisionLine
from pricing.allocation.services.assessments import start_assessment
from pricing.allocation.services.common import AllocationError
from pricing.allocation.services.costing import (
    add_line,
    add_outcome,
    adjust,
    costed_totals,
    remove_line,
    remove_outcome,
)
from pricing.provision.models import ProvisionMapEntry, StandardUnitCost
from tests.factories import CategoryFactory, OutcomeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def assessment(council, questionnaire, coordinator, child) -> Assessment:
    return start_assessment(
        council=council, coordinator=coordinator, child=child, by=coordinator
    ).assessment


@pytest.fixture
def therapy():
    """Speech and language therapy, by the hour: £60 median in the directory."""
    category = CategoryFactory(name="Speech and language therapy")
    ProvisionMapEntry.objects.create(
        category=category,
        unit="hour",
        providers=3,
        services=4,
        priced=5,
        free=0,
        lowest=Decimal("45.00"),
        median=Decimal("60.00"),
        highest=Decimal("80.00"),
        direct_payment=2,
    )
    return category


@pytest.fixture
def support_assistant(council):
    """A learning support assistant, by the hour: no market, the council's £18.50."""
    category = CategoryFactory(name="Learning support")
    StandardUnitCost.objects.create(
        council=council,
        category=category,
        unit="hour",
        description="An hour of a learning support assistant",
        amount=Decimal("18.50"),
    )
    return category


@pytest.fixture
def outcome(assessment, coordinator):
    return add_outcome(
        assessment,
        description="Talk with friends at break time",
        area=OutcomeFactory(name="Communication and interaction"),
        by=coordinator,
    )


def line(outcome, category, *, quantity="1", frequency=Frequency.PER_WEEK, stream="education", by):
    return add_line(
        outcome,
        category=category,
        unit="hour",
        description="Therapy",
        quantity=Decimal(quantity),
        frequency=frequency,
        stream=stream,
        by=by,
    )


@pytest.mark.parametrize("frequency", Frequency.values)
def test_a_lines_cost_is_quantity_times_how_often_times_the_price(
    outcome, therapy, coordinator, frequency
) -> None:
    added = line(outcome, therapy, quantity="1.5", frequency=frequency, by=coordinator)
    assert added.unit_price == Decimal("60.00")
    assert added.annual_cost == Decimal("1.5") * TIMES_A_YEAR[frequency] * Decimal("60.00")
    expected = {"week": "4680.00", "term_week": "3510.00", "month": "1080.00"}
    expected |= {"term": "270.00", "year": "90.00", "once": "90.00"}
    assert added.annual_cost == Decimal(expected[frequency])


def test_the_cost_is_rounded_to_the_penny(outcome, support_assistant, coordinator) -> None:
    # 0.33 hours x 39 weeks x £18.50 = £238.0965 -> £238.10
    added = line(
        outcome,
        support_assistant,
        quantity="0.33",
        frequency=Frequency.PER_TERM_WEEK,
        by=coordinator,
    )
    assert added.annual_cost == Decimal("238.10")


def test_the_councils_standard_cost_comes_before_the_market_median(
    council, outcome, therapy, support_assistant, coordinator
) -> None:
    from_market = line(outcome, therapy, by=coordinator)
    assert (from_market.unit_price, from_market.price_source) == (
        Decimal("60.00"),
        "Median of 5 published prices",
    )
    from_council = line(outcome, support_assistant, by=coordinator)
    assert from_council.unit_price == Decimal("18.50")
    assert "standard cost" in from_council.price_source
    # A standard cost for therapy too: new lines use it, the line already priced keeps £60.
    StandardUnitCost.objects.create(
        council=council, category=therapy, unit="hour", description="Council SLT", amount=50
    )
    assert line(outcome, therapy, by=coordinator).unit_price == Decimal("50.00")
    from_market.refresh_from_db()
    assert from_market.unit_price == Decimal("60.00")


def test_no_price_anywhere_is_refused_with_what_to_do(outcome, coordinator) -> None:
    unpriced = CategoryFactory(name="Hydrotherapy")
    with pytest.raises(AllocationError, match="ask for a standard unit cost"):
        line(outcome, unpriced, by=coordinator)
    assert not ProvisionLine.objects.exists()


def test_totals_per_stream_with_adjustments(
    assessment, outcome, therapy, support_assistant, coordinator
) -> None:
    line(outcome, therapy, quantity="1", frequency=Frequency.PER_TERM_WEEK, by=coordinator)
    line(
        outcome, support_assistant, quantity="10", frequency=Frequency.PER_TERM_WEEK, by=coordinator
    )
    line(
        outcome,
        support_assistant,
        quantity="4",
        frequency=Frequency.PER_MONTH,
        stream="social_care",
        by=coordinator,
    )
    adjust(
        assessment,
        stream="education",
        amount=Decimal("-340"),
        reason="Shared with a classmate",
        by=coordinator,
    )
    adjust(
        assessment,
        stream="education",
        amount=Decimal("100"),
        reason="Travel to the clinic",
        by=coordinator,
    )
    totals = costed_totals(assessment)
    assert set(totals) == {"education", "social_care"}
    # 39 x £60 = £2,340 and 10 x 39 x £18.50 = £7,215
    assert totals["education"].lines == Decimal("9555.00")
    assert totals["education"].adjustments == Decimal("-240.00")
    assert totals["education"].total == Decimal("9315.00")
    # 4 x 12 x £18.50
    assert totals["social_care"].total == Decimal("888.00")
    assert totals["social_care"].adjustments == Decimal("0.00")


def test_totals_take_two_queries(
    assessment, outcome, therapy, coordinator, django_assert_num_queries
) -> None:
    for _ in range(3):
        line(outcome, therapy, by=coordinator)
    with django_assert_num_queries(2):
        costed_totals(assessment)


@pytest.mark.parametrize(
    ("amount", "reason", "field"),
    [("100", "", "reason"), ("100", "   ", "reason"), ("0", "No change", "amount")],
)
def test_an_adjustment_needs_a_reason_and_an_amount(
    assessment, coordinator, amount, reason, field
) -> None:
    with pytest.raises(AllocationError) as refused:
        adjust(
            assessment, stream="education", amount=Decimal(amount), reason=reason, by=coordinator
        )
    assert refused.value.field == field
    assert not CostedAdjustment.objects.exists()


def test_removing_lines_and_outcomes(assessment, outcome, therapy, coordinator) -> None:
    first = line(outcome, therapy, by=coordinator)
    line(outcome, therapy, stream="health", by=coordinator)
    remove_line(first, by=coordinator)
    assert set(costed_totals(assessment)) == {"health"}
    remove_outcome(outcome, by=coordinator)
    assert costed_totals(assessment) == {}
    actions = set(
        ModelLogEntry.objects.filter(object_id=str(assessment.pk)).values_list("action", flat=True)
    )
    assert {
        "pricing.allocation_outcome_added",
        "pricing.allocation_provision_line_added",
        "pricing.allocation_provision_line_removed",
        "pricing.allocation_outcome_removed",
    } <= actions


@pytest.mark.parametrize(
    "status", [AssessmentStatus.AT_PANEL, AssessmentStatus.DECIDED, AssessmentStatus.WITHDRAWN]
)
def test_no_changes_once_at_the_panel(assessment, outcome, therapy, coordinator, status) -> None:
    existing = line(outcome, therapy, by=coordinator)
    Assessment.objects.filter(pk=assessment.pk).update(status=status)
    with pytest.raises(AllocationError, match="can no longer be changed"):
        line(outcome, therapy, by=coordinator)
    with pytest.raises(AllocationError):
        add_outcome(assessment, description="More", area=outcome.area, by=coordinator)
    with pytest.raises(AllocationError):
        remove_line(existing, by=coordinator)
    with pytest.raises(AllocationError):
        remove_outcome(outcome, by=coordinator)
    with pytest.raises(AllocationError):
        adjust(assessment, stream="education", amount=Decimal("5"), reason="x", by=coordinator)
    assert ProvisionLine.objects.filter(pk=existing.pk).exists()


def test_changes_allowed_once_completed(assessment, outcome, therapy, coordinator) -> None:
    Assessment.objects.filter(pk=assessment.pk).update(status=AssessmentStatus.COMPLETED)
    line(outcome, therapy, by=coordinator)
    adjust(assessment, stream="education", amount=Decimal("5"), reason="Bus fares", by=coordinator)
    assert costed_totals(assessment)["education"].total == Decimal("3125.00")
