"""The officer's caseload: exact figures per budget, warnings in words, returns and reviews
due, filters, paging, and a number of queries that does not grow with the caseload."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from pricing.budgets.enums import ReturnStatus, ReviewKind
from pricing.budgets.models import PersonalBudget, QuarterlyReturn, Review
from pricing.budgets.selectors import BudgetWarning, caseload, reviews_due
from pricing.budgets.services import record_spending, set_aside
from tests.html import get, text_of

pytestmark = pytest.mark.django_db

# 100 days after the first payment (1 April 2026): the first review was due on 1 July.
TODAY = dt.date(2026, 7, 10)
INDEX = "/admin/budgets/"


@pytest.fixture(autouse=True)
def _clock() -> Iterator[None]:
    moment = timezone.make_aware(dt.datetime(2026, 7, 10, 10, 0))
    with time_machine.travel(moment, tick=False):
        yield


@pytest.fixture
def officer_client(officer) -> Client:
    client = Client()
    client.force_login(officer)
    return client


def spend(budget, family, amount: str, *, on: dt.date = dt.date(2026, 4, 10), receipt=None):
    return record_spending(
        budget=budget,
        by=family,
        occurred_on=on,
        payee="Northbridge Riding School",
        description="Riding lesson",
        amount=Decimal(amount),
        outcome_key="make-friends",
        receipt=receipt,
        today=TODAY,
    )


def pdf_receipt() -> SimpleUploadedFile:
    return SimpleUploadedFile("receipt.pdf", b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n")


def row_of(budget):
    (row,) = caseload(PersonalBudget.objects.filter(pk=budget.pk), today=TODAY)
    return row


def test_figures_weeks_and_unspent_warning(budget, pay_in, family):
    pay_in(dt.date(2026, 5, 27))  # 1 April, 29 April, 27 May: £300
    spend(budget, family, "50.00", receipt=pdf_receipt())
    row = row_of(budget)
    assert row.direct.paid_in == Decimal("300.00")
    assert row.direct.balance == Decimal("250.00")
    assert row.available == Decimal("250.00")
    # £1,300 a year is £24.93 a week: £250 is 10.0 weeks of payments.
    assert row.weeks_held == Decimal("10.0")
    assert row.unspent_weeks == Decimal("10.0")
    assert BudgetWarning.UNSPENT in row.warnings
    assert BudgetWarning.OVERSPENT not in row.warnings
    assert BudgetWarning.RECEIPTS not in row.warnings


def test_money_set_aside_is_not_unspent(budget, pay_in, family, officer):
    pay_in(dt.date(2026, 5, 27))
    spend(budget, family, "50.00", receipt=pdf_receipt())
    set_aside(
        budget=budget,
        purpose="Short break in August",
        amount=Decimal("100.00"),
        until=None,
        by=family,
    )
    row = row_of(budget)
    assert row.weeks_held == Decimal("10.0")
    assert row.set_aside == Decimal("100.00")
    assert row.unspent_weeks == Decimal("6.0")
    assert BudgetWarning.UNSPENT not in row.warnings


def test_spending_more_than_paid_is_overspent(budget, pay_in, family):
    pay_in(dt.date(2026, 4, 1))  # £100
    spend(budget, family, "150.00", receipt=pdf_receipt())
    row = row_of(budget)
    assert row.direct.balance == Decimal("-50.00")
    assert row.available == Decimal("-50.00")
    assert BudgetWarning.OVERSPENT in row.warnings
    assert BudgetWarning.UNSPENT not in row.warnings


def test_spending_over_five_pounds_without_receipt(budget, pay_in, family):
    pay_in(dt.date(2026, 4, 1))
    spend(budget, family, "20.00")
    spend(budget, family, "4.50")  # no receipt needed at £5 or less
    row = row_of(budget)
    assert row.receipts_missing == 1
    assert BudgetWarning.RECEIPTS in row.warnings


def test_first_review_due_after_three_months(budget, pay_in, officer):
    pay_in(dt.date(2026, 4, 1))
    row = row_of(budget)
    assert [(r.kind, r.due_on, r.overdue) for r in row.reviews] == [
        (ReviewKind.FIRST, dt.date(2026, 7, 1), True)
    ]
    assert BudgetWarning.REVIEW in row.warnings
    Review.objects.create(budget=budget, kind=ReviewKind.FIRST, held_on=dt.date(2026, 6, 20))
    row = row_of(budget)
    assert row.reviews == []
    assert BudgetWarning.REVIEW not in row.warnings


def test_annual_review_due_a_year_after_the_start(budget):
    Review.objects.create(budget=budget, kind=ReviewKind.FIRST, held_on=dt.date(2026, 6, 20))
    march = dt.date(2027, 3, 10)  # within 28 days of 1 April 2027
    due = reviews_due(PersonalBudget.objects.all(), today=march)
    assert [(r.kind, r.due_on, r.overdue) for r in due] == [
        (ReviewKind.ANNUAL, dt.date(2027, 4, 1), False)
    ]
    assert reviews_due(PersonalBudget.objects.all(), today=dt.date(2027, 3, 1)) == []
    Review.objects.create(budget=budget, kind=ReviewKind.ANNUAL, held_on=dt.date(2027, 3, 5))
    assert reviews_due(PersonalBudget.objects.all(), today=march) == []
    # The next annual review is due a year after the last one.
    due = reviews_due(PersonalBudget.objects.all(), today=dt.date(2028, 3, 1))
    assert [(r.kind, r.due_on) for r in due] == [(ReviewKind.ANNUAL, dt.date(2028, 3, 5))]


def test_returns_due_then_overdue(budget):
    # The first quarter (April to June) ended on 30 June: due, overdue after 28 July.
    row = row_of(budget)
    assert (row.returns_due, row.returns_overdue) == (1, 0)
    (row,) = caseload(PersonalBudget.objects.filter(pk=budget.pk), today=dt.date(2026, 8, 1))
    assert (row.returns_due, row.returns_overdue) == (0, 1)
    (row,) = caseload(PersonalBudget.objects.filter(pk=budget.pk), today=dt.date(2026, 10, 5))
    assert (row.returns_due, row.returns_overdue) == (1, 1)


@pytest.mark.parametrize(
    ("status", "outstanding"),
    [
        (ReturnStatus.DRAFT, 1),
        (ReturnStatus.QUERIED, 1),
        (ReturnStatus.SUBMITTED, 0),
        (ReturnStatus.ACCEPTED, 0),
    ],
)
def test_a_return_sent_or_accepted_is_not_due(budget, status, outstanding):
    QuarterlyReturn.objects.create(
        budget=budget,
        starts_on=dt.date(2026, 4, 1),
        ends_on=dt.date(2026, 6, 30),
        status=status,
        opening_balance=Decimal("0.00"),
        paid_in=Decimal("0.00"),
        spent=Decimal("0.00"),
        closing_balance=Decimal("0.00"),
    )
    assert row_of(budget).returns_outstanding == outstanding


def test_no_returns_without_a_direct_payment(make_budget):
    budget = make_budget([("education", "council_managed", "2000.00")])
    row = row_of(budget)
    assert row.returns_outstanding == 0
    assert row.weeks_held is None


def test_the_caseload_page_shows_exact_figures_and_warnings(
    budget, make_budget, pay_in, family, officer_client
):
    quiet = make_budget(for_child=None)
    Review.objects.create(budget=quiet, kind=ReviewKind.FIRST, held_on=dt.date(2026, 6, 1))
    pay_in(dt.date(2026, 5, 27))
    spend(budget, family, "30.00")
    spend(budget, family, "20.00", receipt=pdf_receipt())
    page = get(officer_client, INDEX)
    rows = {
        text_of(tr.find("td")): [text_of(td) for td in tr.find_all("td")]
        for tr in page.select("tbody tr")
    }
    assert rows["Amira"] == [
        "Amira",
        budget.reference,
        "£250",
        "£250",
        "10.0",
        "1 due",
        "First review overdue since 1 July 2026",
        "Unspent above 8 weeks Receipts missing Review due",
    ]
    assert rows["Sam"] == [
        "Sam",
        quiet.reference,
        "£300",
        "£300",
        "12.0",
        "1 due",
        "None",
        "Unspent above 8 weeks",
    ]
    assert "2 budgets in your caseload" in text_of(page.find("main") or page)


def test_filter_by_warning(budget, make_budget, pay_in, family, officer_client):
    other = make_budget(for_child=None)
    pay_in(dt.date(2026, 4, 1))
    spend(budget, family, "150.00", receipt=pdf_receipt())
    page = get(officer_client, INDEX + "?show=overspent")
    names = [text_of(tr.find("td")) for tr in page.select("tbody tr")]
    assert names == ["Amira"]
    page = get(officer_client, INDEX + "?show=receipts")
    assert page.select("tbody tr") == []
    assert "No budget in your caseload is receipts missing" in text_of(page)
    page = get(officer_client, INDEX + "?show=review")
    assert sorted(text_of(tr.find("td")) for tr in page.select("tbody tr")) == ["Amira", "Sam"]
    assert other.reference in text_of(page)


def test_an_officer_sees_only_their_own_caseload(budget, make_budget, council, pfa_outcome):
    from localoffer.roles import FINANCE_OFFICERS
    from pricing.budgets.services import LineInput, OutcomeInput, set_up_budget
    from tests.factories import UserFactory, site_roles

    colleague = UserFactory(
        email="colleague@northbridge.example", groups=[site_roles()[FINANCE_OFFICERS]]
    )
    theirs = set_up_budget(
        council=council,
        officer=colleague,
        child_name="Zara",
        child_date_of_birth=dt.date(2014, 2, 1),
        starts_on=dt.date(2026, 4, 1),
        ends_on=dt.date(2027, 3, 31),
        outcomes=[OutcomeInput(description="Swim", area=pfa_outcome)],
        lines=[LineInput(stream="health", held_as="direct_payment", amount=Decimal("520.00"))],
        by=colleague,
    )
    client = Client()
    client.force_login(colleague)
    page = get(client, INDEX)
    assert theirs.reference in text_of(page)
    assert budget.reference not in text_of(page)


def test_fifty_budgets_a_page(make_budget, officer_client):
    for _ in range(52):
        make_budget(for_child=None)
    first = get(officer_client, INDEX)
    assert len(first.select("tbody tr")) == 50
    second = get(officer_client, INDEX + "?page=2")
    assert len(second.select("tbody tr")) == 2
    assert "Page 2 of 2" in text_of(second)


def test_query_count_does_not_grow_with_the_caseload(make_budget, pay_in, family, officer_client):
    def load() -> int:
        with CaptureQueriesContext(connection) as queries:
            response = officer_client.get(INDEX)
        assert response.status_code == 200
        return len(queries)

    for _ in range(3):
        make_budget(for_child=None)
    pay_in(dt.date(2026, 5, 27))
    load()  # the first request of a session reads what later ones have cached
    few = load()
    for _ in range(27):
        make_budget(for_child=None)
    pay_in(dt.date(2026, 5, 27))
    many = load()
    assert PersonalBudget.objects.count() == 30
    assert few == many


def test_reviews_page_lists_reviews_due(budget, make_budget, officer_client):
    done = make_budget(for_child=None)
    Review.objects.create(budget=done, kind=ReviewKind.FIRST, held_on=dt.date(2026, 6, 1))
    page = get(officer_client, reverse("budget_admin:reviews"))
    rows = [[text_of(td) for td in tr.find_all("td")] for tr in page.select("tbody tr")]
    assert rows == [
        [
            "Amira",
            budget.reference,
            "First review (within 3 months of the first payment)",
            "Overdue 1 July 2026",
            "Record the review for Amira",
        ]
    ]
