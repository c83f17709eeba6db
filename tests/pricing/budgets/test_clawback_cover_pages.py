"""What the officer and the family read about money the payments left cannot cover: the
"Recover money" form says what the payments left can take and refuses more, offering a
repayment request; the budget pages show the repayment request made for the rest.

The budget: 13 direct payments of £100 every 4 weeks from 1 April 2026.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from pricing.budgets.enums import ClawbackMethod, EntryKind
from pricing.budgets.models import Clawback, LedgerEntry
from pricing.budgets.services import record_clawback, record_payments_due, reverse_entry
from pricing.budgets.services.clawbacks import move_uncovered_clawbacks
from tests.html import get, soup_of, text_of

pytestmark = pytest.mark.django_db

D = dt.date
REASON = "A games console is not in the plan"


@pytest.fixture(autouse=True)
def _clock() -> Iterator[None]:
    with time_machine.travel(timezone.make_aware(dt.datetime(2027, 4, 2, 10, 0)), tick=False):
        yield


@pytest.fixture
def officer_client(officer) -> Client:
    client = Client()
    client.force_login(officer)
    return client


@pytest.fixture
def family_client(family) -> Client:
    client = Client()
    client.force_login(family)
    return client


def form_url(budget) -> str:
    return reverse("budget_admin:clawback", args=[budget.reference])


def errors_of(response) -> list[str]:
    assert response.status_code == 200, response.status_code
    summary = soup_of(response).find("div", role="alert")
    return [text_of(a) for a in summary.find_all("a")] if summary else []


def checked_method(page) -> str | None:
    chosen = page.find("input", attrs={"name": "method", "checked": True})
    return chosen["value"] if chosen else None


def test_the_form_says_what_the_payments_left_can_take(budget, officer_client):
    record_payments_due(D(2026, 4, 29))
    record_clawback(
        budget=budget,
        amount=Decimal("300.00"),
        reason=REASON,
        method=ClawbackMethod.NEXT_PAYMENTS,
        by=budget.officer,
    )
    page = get(officer_client, form_url(budget))
    words = text_of(page.main or page)
    assert (
        "The direct payments left in the budget's period add up to £1,100 (11 payments, "
        "the last on 3 March 2027); £800 of that is not already being recovered." in words
    )
    assert checked_method(page) == ClawbackMethod.NEXT_PAYMENTS


def test_more_than_they_can_take_is_refused_with_what_was_typed_kept(budget, officer_client):
    typed = {"amount": "1300.01", "method": ClawbackMethod.NEXT_PAYMENTS, "reason": REASON}
    response = officer_client.post(form_url(budget), typed)
    errors = errors_of(response)
    assert errors == [
        "The direct payments left can cover only £1,300. Choose a repayment request from the "
        "family, or recover £1,300 or less from the next payments"
    ]
    page = soup_of(response)
    assert page.find("input", attrs={"name": "amount"})["value"] == "1300.01"
    assert text_of(page.find("textarea", attrs={"name": "reason"})) == REASON
    assert not Clawback.objects.exists()

    asked = officer_client.post(form_url(budget), {**typed, "method": ClawbackMethod.REPAYMENT})
    assert asked.status_code == 302
    assert Clawback.objects.get().method == ClawbackMethod.REPAYMENT


def test_with_no_payments_left_the_form_offers_a_repayment_request(budget, officer_client):
    record_payments_due(D(2027, 3, 31))
    page = get(officer_client, form_url(budget))
    assert "No direct payments are left in the budget's period." in text_of(page.main or page)
    assert checked_method(page) == ClawbackMethod.REPAYMENT


@pytest.fixture
def moved(budget, officer, django_capture_on_commit_callbacks) -> Clawback:
    """£30 taken from the first payment, every payment made, the recovery reversed, then
    the daily job asks the family for the £30."""
    original = record_clawback(
        budget=budget,
        amount=Decimal("30.00"),
        reason=REASON,
        method=ClawbackMethod.NEXT_PAYMENTS,
        by=officer,
    )
    record_payments_due(D(2027, 3, 31))
    taken = LedgerEntry.objects.get(kind=EntryKind.CLAWBACK)
    reverse_entry(entry=taken, reason="Taken from the wrong payment", by=officer)
    with django_capture_on_commit_callbacks(execute=True):
        assert move_uncovered_clawbacks() == 1
    return original


def clawback_rows(page) -> list[list[str]]:
    table = next(t for t in page.find_all("table") if "Clawbacks" in text_of(t.find("caption")))
    return [
        [text_of(cell) for cell in tr.find_all(["th", "td"])] for tr in table.select("tbody tr")
    ]


def test_the_officer_sees_the_repayment_request_made_for_the_rest(budget, moved, officer_client):
    page = get(officer_client, reverse("budget_admin:detail", args=[budget.reference]))
    request = Clawback.objects.get(rest_of=moved)
    rows = clawback_rows(page)
    assert len(rows) == 2
    newest, first = rows
    assert newest[0] == "2 Apr 2027, automatically"
    assert newest[1] == "£30"
    assert newest[2] == (
        "Repayment requested from the family: the rest of the clawback of £30 recorded "
        f"{moved.recorded_at:%-d %b %Y}, which the payments left could not cover"
    )
    assert newest[4:7] == ["£0", "£30", "Record a repayment of the clawback of £30"]
    assert first[2] == (
        "Taken from the next payments. £30 of it could not be taken from the payments left "
        "and was asked for as a repayment"
    )
    assert first[4:7] == ["£0", "£0", ""]
    link = reverse("budget_admin:repayment", args=[budget.reference, request.pk])
    assert page.find("a", href=link) is not None


def test_the_family_sees_they_are_asked_to_pay_it_back(budget, moved, family_client):
    page = get(family_client, reverse("budgets:detail", args=[budget.reference]))
    (banner,) = page.select(".govuk-notification-banner")
    words = text_of(banner)
    assert "The council is taking back £30 from this budget." in words
    assert f"The reason it gave: {REASON}" in words
    assert "the payments left in the budget's period could not cover it" in words
    assert "The council has asked you to pay it back." in words
