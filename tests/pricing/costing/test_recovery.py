"""Recovery from what was really sold: the year so far of each costed service, from its
bookings, attendance and invoices, checked to the penny (tests/pricing/costing/
recovery_scenario.py describes the year), in a fixed number of queries."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from pricing.costing.recovery import (
    NOT_LINKED,
    NOT_STARTED,
    PART,
    RECOVERS,
    Actuals,
    ServicePlan,
    SessionTaken,
    YearToDate,
    recovery_report,
    service_recovery,
)
from pricing.costing.recovery_selectors import (
    actuals_by_listing,
    costing_to_measure,
    newest_saved,
    recovery_of,
)
from pricing.costing.services import start_costing
from pricing.costing.worked_example import build_worked_example
from providers.enums import VatTreatment
from tests.pricing.costing.recovery_scenario import (
    TODAY,
    YEAR_STARTS,
    at,
    billing_for,
    book,
    build,
    more_bookings,
    new_session,
    pay,
)
from tests.pricing.factories import BookableOfferFactory

D = Decimal
YEAR = YearToDate(YEAR_STARTS, dt.date(2026, 3, 31), TODAY)
SWIM = ServicePlan("swim", "Swim Club", "place", D("15666.24"), D("300"), listing_id=1)


# --- the arithmetic ----------------------------------------------------------------------


def test_the_year_so_far_counts_both_ends():
    assert (YEAR.days_elapsed, YEAR.days_in_year, YEAR.elapsed_percent) == (73, 365, D("20.00"))
    assert YEAR.spread(D("15666.24")) == D("3133.25")  # 3,133.248
    before = YearToDate(YEAR_STARTS, dt.date(2026, 3, 31), dt.date(2025, 3, 31))
    assert before.days_elapsed == 0 and before.spread(D("100.00")) == D("0.00")
    not_yet = service_recovery(SWIM, Actuals(), before)
    assert (not_yet.status, not_yet.recovery, not_yet.projected_recovery) == (
        NOT_STARTED,
        None,
        None,
    )
    after = YearToDate(YEAR_STARTS, dt.date(2026, 3, 31), dt.date(2026, 5, 1))
    assert (after.days_elapsed, after.last_day, after.is_over) == (365, dt.date(2026, 3, 31), True)
    leap = YearToDate(dt.date(2027, 4, 1), dt.date(2028, 3, 31), dt.date(2028, 3, 31))
    assert leap.days_in_year == leap.days_elapsed == 366


def test_a_service_short_of_its_cost_needs_a_subsidy():
    actuals = Actuals(
        booked=70, attended=50, invoiced_net=D("2400.00"), invoiced_gross=D("2400.00")
    )
    found = service_recovery(SWIM, actuals, YEAR)
    assert found.planned_to_date == D("60.00")
    assert found.booked_against_plan == D("116.67")
    assert found.delivered_against_plan == D("83.33")
    assert found.cost_so_far == D("3133.25")
    assert found.actual_unit_cost == D("62.67")  # 3,133.25 / 50 = 62.665
    assert found.planned_unit_cost == D("52.22")
    assert found.unit_cost_change == D("10.45")
    assert found.recovery == D("76.60")  # 2,400 / 3,133.25 = 76.598%
    assert (found.subsidy, found.surplus) == (D("733.25"), D("0.00"))
    assert found.projected_income == D("12000.00")  # 2,400 / a fifth of the year
    assert found.projected_recovery == D("76.60")  # 12,000 / 15,666.24
    assert found.status == PART


def test_more_income_than_cost_is_a_surplus_never_a_negative_subsidy():
    actuals = Actuals(booked=60, attended=60, invoiced_net=D("3500.00"), credited_net=D("100.00"))
    found = service_recovery(SWIM, actuals, YEAR)
    assert found.income == D("3400.00")
    assert (found.subsidy, found.surplus) == (D("0.00"), D("266.75"))
    assert found.recovery == D("108.51") and found.status == RECOVERS


def test_no_unit_cost_without_delivered_units_and_the_reason_says_why():
    unrecorded = service_recovery(SWIM, Actuals(booked=4), YEAR)
    assert unrecorded.actual_unit_cost is None
    assert "record attendance" in unrecorded.unit_cost_reason
    nothing = service_recovery(SWIM, Actuals(), YEAR)
    assert nothing.unit_cost_reason == "No units delivered yet."


def test_paid_is_taken_net_of_vat_in_the_proportion_of_the_invoices():
    actuals = Actuals(invoiced_net=D("100.30"), invoiced_gross=D("120.36"), paid_kept=D("60.18"))
    assert service_recovery(SWIM, actuals, YEAR).paid == D("50.15")


def test_occupancy_is_places_taken_over_places_offered():
    sessions = (
        SessionTaken(1, at(10, 5), capacity=10, taken=4),
        SessionTaken(2, at(17, 5), capacity=8, taken=4),
    )
    found = service_recovery(SWIM, Actuals(booked=8, sessions=sessions), YEAR)
    assert [s.occupancy for s in sessions] == [D("40.00"), D("50.00")]
    assert found.occupancy == D("44.44")


def test_totals_are_of_the_services_linked_to_a_listing():
    unlinked = ServicePlan("other", "Holiday club", "place", D("5000.00"), D("100"))
    report = recovery_report(
        [SWIM, unlinked], {1: Actuals(attended=10, invoiced_net=D("1000.00"))}, YEAR
    )
    assert report.services[1].status == NOT_LINKED
    assert (report.counted, report.cost_so_far, report.income) == (
        1,
        D("3133.25"),
        D("1000.00"),
    )
    assert report.subsidy == D("2133.25") and report.recovery == D("31.92")


# --- from bookings, attendance and invoices ----------------------------------------------


@pytest.fixture
def scenario(organisation, service, provider):
    return build(organisation, service, provider)


@pytest.fixture
def measured(organisation, provider, scenario):
    """The worked example, saved as version 1 of 2025 to 2026, priced from the listings."""
    return build_worked_example(
        organisation=organisation,
        by=provider,
        year_starts_on=YEAR_STARTS,
        swim_listing=scenario.sessions_listing,
        respite_listing=scenario.hours_listing,
        finalise=True,
    )


@pytest.mark.django_db
def test_what_was_booked_delivered_invoiced_and_paid(organisation, scenario):
    swim, home = scenario.sessions_listing.pk, scenario.hours_listing.pk
    found = actuals_by_listing(organisation_id=organisation.pk, listings=[swim, home], year=YEAR)
    sessions = found[swim]
    assert (
        sessions.booked,
        sessions.attended,
        sessions.did_not_attend,
        sessions.cancelled_late,
        sessions.not_recorded,
    ) == (8, 5, 1, 1, 1)
    assert [(s.capacity, s.taken) for s in sessions.sessions] == [(10, 4), (8, 4)]
    assert (sessions.invoiced_net, sessions.credited_net, sessions.paid_kept) == (
        D("288.00"),
        D("48.00"),
        D("98.00"),
    )
    hours = found[home]
    assert (hours.booked, hours.attended, hours.did_not_attend, hours.sessions) == (3, 1, 2, ())
    assert (hours.invoiced_net, hours.credited_net, hours.paid_kept) == (
        D("96.00"),
        D("0.00"),
        D("72.00"),
    )


@pytest.mark.django_db
def test_the_actual_unit_cost_recovery_subsidy_and_projection_to_the_penny(measured):
    report = recovery_of(measured, TODAY).report
    swim, respite = report.services
    assert swim.cost_so_far == D("3133.25")
    assert (swim.planned_to_date, swim.booked_against_plan, swim.delivered_against_plan) == (
        D("60.00"),
        D("13.33"),
        D("8.33"),
    )
    assert swim.actual_unit_cost == D("626.65")  # 3,133.25 / 5 places attended
    assert (swim.income, swim.paid) == (D("240.00"), D("98.00"))
    assert swim.recovery == D("7.66")  # 240 / 3,133.25
    assert swim.subsidy == D("2893.25")
    assert (swim.projected_income, swim.projected_recovery) == (D("1200.00"), D("7.66"))
    assert swim.occupancy == D("44.44")

    assert respite.cost_so_far == D("13866.75")  # 69,333.76 x 73 / 365 = 13,866.752
    assert (respite.planned_to_date, respite.actuals.booked, respite.actuals.attended) == (
        D("596.00"),
        3,
        1,
    )
    assert respite.actual_unit_cost == D("13866.75")
    assert (respite.income, respite.paid, respite.recovery) == (D("96.00"), D("72.00"), D("0.69"))
    assert respite.subsidy == D("13770.75") and respite.occupancy is None

    assert (report.cost_so_far, report.income, report.subsidy) == (
        D("17000.00"),
        D("336.00"),
        D("16664.00"),
    )
    assert report.recovery == D("1.98") and report.projected_recovery == D("1.98")


@pytest.mark.django_db
def test_a_draft_gives_way_to_the_newest_saved_version(organisation, provider, measured):
    draft = start_costing(organisation=organisation, year_starts_on=YEAR_STARTS, by=provider)
    assert (draft.version, newest_saved(draft)) == (2, measured)
    assert costing_to_measure(draft, measured) == measured  # a draft can still change
    assert costing_to_measure(measured, measured) == measured
    later = build_worked_example(
        organisation=organisation, by=provider, year_starts_on=dt.date(2026, 4, 1)
    )
    assert costing_to_measure(later, newest_saved(later)) == later  # nothing saved yet
    assert recovery_of(draft, TODAY).costing == measured


@pytest.mark.django_db
def test_the_number_of_queries_does_not_grow_with_the_bookings(measured, scenario, provider):
    with CaptureQueriesContext(connection) as first:
        before = recovery_of(measured, TODAY).report
    more_bookings(scenario, provider)
    with CaptureQueriesContext(connection) as second:
        after = recovery_of(measured, TODAY).report
    assert after.services[0].actuals.booked > before.services[0].actuals.booked
    assert after.services[1].actuals.booked > before.services[1].actuals.booked
    assert len(second.captured_queries) == len(first.captured_queries) <= 10


@pytest.mark.django_db
def test_income_and_paid_are_net_of_vat(organisation, service, provider):
    billing = billing_for(organisation)
    billing.vat_registered, billing.vat_number = True, "GB123456789"
    billing.save()
    option = service.cost_options.first()
    option.amount, option.vat_treatment = D("24.00"), VatTreatment.ADDED
    option.save()
    offer = BookableOfferFactory(service=service)
    booking = book(new_session(offer, at(10, 5), 10), "Amira", 1, on=at(1, 5, 9))
    assert booking.total == D("28.80")
    pay(booking, "28.80", on=at(2, 5), by=provider)
    found = actuals_by_listing(organisation_id=organisation.pk, listings=[service.pk], year=YEAR)[
        service.pk
    ]
    assert (found.invoiced_net, found.invoiced_gross, found.paid_kept) == (
        D("24.00"),
        D("28.80"),
        D("28.80"),
    )
    recovered = service_recovery(SWIM, found, YEAR)
    assert (recovered.income, recovered.paid) == (D("24.00"), D("24.00"))
