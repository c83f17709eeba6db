"""What the index knows about a service: built from the live version, by the stated rules."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from types import SimpleNamespace

import pytest
from wagtail.models import PageViewRestriction

from providers.enums import ScheduleKind, SchedulePeriod, Weekday
from search.indexing import (
    build_documents,
    cost_summary,
    documents_for,
    html_to_text,
    time_flags,
)
from search.models import Postcode
from tests.factories import AccessibilityFeatureFactory, CategoryFactory, NeedFactory
from tests.search.conftest import miles_north, one_off, weekly


def schedule(kind, day, start, end, period):
    return SimpleNamespace(
        kind=kind,
        weekday=day if kind == ScheduleKind.WEEKLY else None,
        date=day if kind == ScheduleKind.ONE_OFF else None,
        start_time=start,
        end_time=end,
        period=period,
    )


def flags(*schedules):
    return time_flags([schedule(*row) for row in schedules])


# --- after school, weekends, holidays -----------------------------------------------------


@pytest.mark.parametrize(
    ("day", "start", "end", "after_school"),
    [
        (Weekday.MONDAY, "16:00", "17:30", True),
        (Weekday.FRIDAY, "14:00", "15:00", False),  # ends at 3pm exactly
        (Weekday.FRIDAY, "14:00", "15:01", True),  # still going after 3pm
        (Weekday.THURSDAY, "15:00", "16:00", True),  # starts at 3pm
        (Weekday.TUESDAY, "09:00", "12:00", False),
        (Weekday.SATURDAY, "16:00", "18:00", False),  # a weekend is not after school
    ],
)
def test_after_school_is_a_weekday_schedule_ending_after_3pm(day, start, end, after_school):
    assert flags(weekly(day, start, end))[0] is after_school


def test_weekends_are_weekly_saturday_or_sunday_or_a_one_off_on_a_weekend():
    assert flags(weekly(Weekday.SATURDAY, "10:00", "11:00"))[1] is True
    assert flags(weekly(Weekday.SUNDAY, "10:00", "11:00"))[1] is True
    assert flags(weekly(Weekday.FRIDAY, "18:00", "20:00"))[1] is False
    assert flags(one_off(dt.date(2025, 7, 26), "10:00", "11:00"))[1] is True  # Saturday
    assert flags(one_off(dt.date(2025, 7, 28), "10:00", "11:00"))[1] is False  # Monday


@pytest.mark.parametrize(
    ("period", "holidays"),
    [
        (SchedulePeriod.HOLIDAYS, True),
        (SchedulePeriod.ALL_YEAR, True),  # all year includes the holidays
        (SchedulePeriod.TERM_TIME, False),
    ],
)
def test_holidays_are_holiday_or_all_year_schedules(period, holidays):
    assert flags(weekly(Weekday.MONDAY, "10:00", "11:00", period))[2] is holidays


def test_no_schedule_is_no_time():
    assert time_flags([]) == (False, False, False)


# --- costs --------------------------------------------------------------------------------


def option(amount=None, *, free=False, direct_payment=False):
    return SimpleNamespace(is_free=free, amount=amount, direct_payment_eligible=direct_payment)


def test_a_free_option_makes_the_lowest_price_zero():
    assert cost_summary([option(Decimal("12.50")), option(free=True)]) == (
        True,
        Decimal("0.00"),
        False,
    )


def test_the_lowest_paid_price_and_direct_payment_from_any_option():
    assert cost_summary(
        [option(Decimal("30.00")), option(Decimal("12.50"), direct_payment=True)]
    ) == (False, Decimal("12.50"), True)


def test_no_cost_option_has_no_price():
    assert cost_summary([]) == (False, None, False)


def test_html_becomes_plain_words():
    assert html_to_text("<p>Fun &amp; games</p><ul><li>Swim</li><li>Run</li></ul>") == (
        "Fun & games Swim Run"
    )


# --- documents from live pages ------------------------------------------------------------


@pytest.mark.django_db
def test_a_document_holds_what_filters_and_facets_need(make_service):
    parent = CategoryFactory(name="Leisure", slug="t-leisure")
    sport = CategoryFactory(name="Sport", slug="t-sport", parent=parent)
    need = NeedFactory(name="Sensory processing", slug="t-sensory", synonyms="SPD")
    step_free = AccessibilityFeatureFactory(name="Step-free entrance", slug="t-step-free")
    service = make_service(
        title="Splash swim club",
        description="<p>Warm <b>pool</b>.</p>",
        categories=[sport],
        needs=[need],
        min_age_months=60,
        max_age_months=132,
        prices=[(Decimal("10.00"), True), (Decimal("8.00"), False)],
        locations=[(*miles_north(1), [step_free]), (*miles_north(3), [])],
        schedules=[weekly(Weekday.SATURDAY, "10:00", "12:00", SchedulePeriod.ALL_YEAR)],
        online=True,
        last_reviewed=dt.date(2025, 3, 1),
    )
    [document] = build_documents([service.pk])

    assert document.service_id == service.pk
    assert document.organisation_name == "Northbridge Play Club"
    assert (document.min_age_months, document.max_age_months) == (60, 132)
    assert (document.is_free, document.min_price, document.direct_payment) == (
        False,
        Decimal("8.00"),
        True,
    )
    assert document.delivery == ["in_person", "online"]
    assert document.times == ["weekends", "holidays"]
    assert document.category_ids == [sport.pk]
    assert document.category_slugs == ["t-sport", "t-leisure"]
    assert document.need_slugs == ["t-sensory"]
    assert document.accessibility_slugs == ["t-step-free"]
    assert len(document.locations) == 2
    assert document.last_reviewed == dt.date(2025, 3, 1)
    # Words families may search for, from the description and the choices made.
    for word in ("Warm pool", "Sport", "Leisure", "Sensory processing", "SPD", "Northbridge"):
        assert word in document.body


@pytest.mark.django_db
def test_the_document_is_the_live_version_not_the_draft(make_service):
    service = make_service(title="Music group", summary="Sing together.")
    service.title = "Xylophone workshop"
    service.summary = "Draft words."
    service.save_revision()

    [document] = documents_for([service.pk])[0]
    assert document.title == "Music group"
    assert document.summary == "Sing together."


@pytest.mark.django_db
def test_drafts_unpublished_and_private_services_have_no_document(make_service):
    live = make_service(title="Live")
    draft = make_service(title="Draft", live=False)
    unpublished = make_service(title="Unpublished")
    unpublished.unpublish()
    private = make_service(title="Private")
    PageViewRestriction.objects.create(page=private, restriction_type="login")

    documents, gone = documents_for([live.pk, draft.pk, unpublished.pk, private.pk])
    assert [document.service_id for document in documents] == [live.pk]
    assert gone == {draft.pk, unpublished.pk, private.pk}


@pytest.mark.django_db
def test_a_location_without_coordinates_takes_its_postcodes(make_service):
    Postcode.objects.create(postcode="NB7", is_district=True, latitude=52.55, longitude=-1.40)
    Postcode.objects.create(postcode="NB8 1AA", latitude=52.65, longitude=-1.50)
    service = make_service(title="Pinless")
    from providers.models import ServiceLocation

    ServiceLocation.objects.create(service=service, name="A", postcode="NB7 9ZZ")  # district
    ServiceLocation.objects.create(service=service, name="B", postcode="NB8 1AA")  # full
    ServiceLocation.objects.create(service=service, name="C", postcode="ZZ9 9ZZ")  # unknown

    [document] = documents_for([service.pk])[0]
    assert sorted(document.locations) == [(52.55, -1.40), (52.65, -1.50)]


@pytest.mark.django_db
def test_building_documents_costs_the_same_queries_for_many_services(
    make_service, django_assert_max_num_queries
):
    feature = AccessibilityFeatureFactory()
    category = CategoryFactory(parent=CategoryFactory())
    few = [
        make_service(
            title=f"Few {n}",
            categories=[category],
            locations=[(*miles_north(n), [feature])],
            schedules=[weekly(Weekday.MONDAY, "16:00", "17:00")],
        ).pk
        for n in range(2)
    ]
    many = few + [
        make_service(
            title=f"Many {n}",
            categories=[category],
            locations=[(*miles_north(n), [feature])],
            schedules=[weekly(Weekday.MONDAY, "16:00", "17:00")],
        ).pk
        for n in range(6)
    ]
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as for_few:
        documents_for(few)
    with django_assert_max_num_queries(len(for_few.captured_queries)):
        documents = documents_for(many)[0]
    assert len(documents) == len(many)
