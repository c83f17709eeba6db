"""The officer's forms: setting up a budget (then inviting the family), a new version after
a review, and each action on a budget. Bad input is refused in the form, with what was
typed kept; nothing changes on GET; each action is audited by its service."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest
import time_machine
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from pricing.budgets.enums import ClawbackMethod, ClawbackStatus, EntryKind, InvitationStatus
from pricing.budgets.models import (
    BudgetInvitation,
    Clawback,
    LedgerEntry,
    PayeeException,
    PersonalBudget,
    Review,
    SchoolConsent,
)
from pricing.budgets.services import record_clawback, record_spending
from tests.html import soup_of, text_of

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 7, 10)
NEW = "/admin/budgets/new/"


@pytest.fixture(autouse=True)
def _clock() -> Iterator[None]:
    with time_machine.travel(timezone.make_aware(dt.datetime(2026, 7, 10, 10, 0)), tick=False):
        yield


@pytest.fixture
def officer_client(officer) -> Client:
    client = Client()
    client.force_login(officer)
    return client


def url(name: str, budget: PersonalBudget, *args: Any) -> str:
    return reverse(f"budget_admin:{name}", args=[budget.reference, *args])


def errors_of(response) -> list[str]:
    """The error summary's messages, in order."""
    assert response.status_code == 200, response.status_code
    page = soup_of(response)
    summary = page.find("div", role="alert")
    return [text_of(a) for a in summary.find_all("a")] if summary else []


def value_of(response, name: str) -> str | None:
    field = soup_of(response).find(attrs={"name": name})
    if field is None:
        return None
    if field.name == "textarea":
        return field.get_text()
    if field.name == "select":
        chosen = field.find("option", selected=True)
        return chosen["value"] if chosen else None
    return field.get("value", "")


def setup_data(pfa_outcome, **changes: str) -> dict[str, str]:
    data = {
        "child_name": "Amira Khan",
        "child_date_of_birth": "2014-05-01",
        "email": "Parent@Example.org",
        "starts_on": "2026-08-01",
        "ends_on": "2027-07-31",
        "approval_limit": "50.00",
        "third_party_name": "",
        "outcomes-TOTAL_FORMS": "4",
        "outcomes-INITIAL_FORMS": "0",
        "outcomes-MIN_NUM_FORMS": "0",
        "outcomes-MAX_NUM_FORMS": "20",
        "outcomes-0-description": "Make friends outside school",
        "outcomes-0-area": str(pfa_outcome.pk),
        "outcomes-0-stream": "",
        "lines-TOTAL_FORMS": "3",
        "lines-INITIAL_FORMS": "3",
        "lines-MIN_NUM_FORMS": "0",
        "lines-MAX_NUM_FORMS": "3",
        "lines-0-stream": "education",
        "lines-0-held_as": "council_managed",
        "lines-0-amount": "2600.00",
        "lines-0-every_weeks": "4",
        "lines-1-stream": "social_care",
        "lines-1-held_as": "direct_payment",
        "lines-1-amount": "1300.00",
        "lines-1-every_weeks": "4",
        "lines-2-stream": "health",
        "lines-2-held_as": "direct_payment",
        "lines-2-amount": "",
        "lines-2-every_weeks": "4",
    }
    data.update(changes)
    return data


def test_set_up_a_budget_and_invite_the_family(
    officer, officer_client, pfa_outcome, django_capture_on_commit_callbacks
):
    page = officer_client.get(NEW)
    assert page.status_code == 200
    assert value_of(page, "lines-0-stream") == "education"
    with django_capture_on_commit_callbacks(execute=True):
        response = officer_client.post(NEW, setup_data(pfa_outcome))
    budget = PersonalBudget.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("detail", budget)
    assert budget.officer == officer
    assert budget.child_name == "Amira Khan"
    assert budget.approval_limit == Decimal("50.00")
    version = budget.current_version
    assert (version.starts_on, version.ends_on) == (dt.date(2026, 8, 1), dt.date(2027, 7, 31))
    assert [(o.description, o.area) for o in version.outcomes.all()] == [
        ("Make friends outside school", pfa_outcome)
    ]
    assert sorted((line.stream, line.held_as, line.amount) for line in version.lines.all()) == [
        ("education", "council_managed", Decimal("2600.00")),
        ("social_care", "direct_payment", Decimal("1300.00")),
    ]
    assert budget.schedule.count() == 26
    invitation = BudgetInvitation.objects.get(budget=budget)
    assert invitation.email == "parent@example.org"
    assert [message.to for message in mail.outbox] == [["parent@example.org"]]
    actions = set(ModelLogEntry.objects.values_list("action", flat=True))
    assert {"pricing.budget_set_up", "pricing.budget_invited"} <= actions


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"lines-1-amount": "-20"}, "Funding stream 2: Enter an amount greater than £0"),
        ({"lines-1-amount": "9999999"}, "Funding stream 2: Enter an amount of £250,000 or less"),
        (
            {"lines-1-amount": "12.345"},
            "Funding stream 2: Enter an amount in pounds and pence, such as 12.50",
        ),
        ({"ends_on": "2026-07-01"}, "The end date must be after the start date"),
        ({"ends_on": "2029-07-01"}, "A budget's period can be at most two years"),
        (
            {"outcomes-0-description": "", "outcomes-0-area": ""},
            "Add at least one outcome agreed in the plan",
        ),
        (
            {"outcomes-0-area": ""},
            "Outcome 1: Choose the Preparing for Adulthood outcome or EHC area",
        ),
        ({"lines-1-stream": "education"}, "Each funding stream can be added once"),
        (
            {"lines-0-amount": "", "lines-1-amount": ""},
            "Add the money from at least one funding stream",
        ),
        ({"lines-1-held_as": "third_party"}, "Name the third party that holds the money"),
        (
            {"child_date_of_birth": "1990-01-01"},
            "A personal budget is for a child or young person aged up to 25",
        ),
        ({"email": "not an email"}, "Enter an email address like name@example.com"),
        (
            {"lines-1-every_weeks": "60"},
            "Funding stream 2: Enter a whole number of weeks, from 1 to 13",
        ),
    ],
)
def test_bad_set_up_is_refused_with_what_was_typed_kept(
    officer_client, pfa_outcome, changes, message
):
    response = officer_client.post(NEW, setup_data(pfa_outcome, **changes))
    assert message in errors_of(response)
    assert PersonalBudget.objects.count() == 0
    assert value_of(response, "child_name") == "Amira Khan"
    assert value_of(response, "outcomes-0-description") == changes.get(
        "outcomes-0-description", "Make friends outside school"
    )
    assert value_of(response, "lines-1-amount") == changes.get("lines-1-amount", "1300.00")


def version_data(budget, pfa_outcome, **changes: str) -> dict[str, str]:
    data = {
        "starts_on": "2026-07-15",
        "ends_on": "2027-03-31",
        "reason": "First review: more support for friendships",
        "outcomes-TOTAL_FORMS": "3",
        "outcomes-INITIAL_FORMS": "1",
        "outcomes-MIN_NUM_FORMS": "0",
        "outcomes-MAX_NUM_FORMS": "20",
        "outcomes-0-description": "Make friends at a youth club",
        "outcomes-0-area": str(pfa_outcome.pk),
        "outcomes-0-stream": "",
        "outcomes-0-key": "make-friends",
        "outcomes-1-description": "Cook a meal",
        "outcomes-1-area": str(pfa_outcome.pk),
        "outcomes-1-stream": "social_care",
        "lines-TOTAL_FORMS": "3",
        "lines-INITIAL_FORMS": "3",
        "lines-MIN_NUM_FORMS": "0",
        "lines-MAX_NUM_FORMS": "3",
        "lines-0-stream": "education",
        "lines-0-held_as": "direct_payment",
        "lines-0-amount": "",
        "lines-0-every_weeks": "4",
        "lines-1-stream": "social_care",
        "lines-1-held_as": "direct_payment",
        "lines-1-amount": "1040.00",
        "lines-1-every_weeks": "2",
        "lines-2-stream": "health",
        "lines-2-held_as": "direct_payment",
        "lines-2-amount": "",
        "lines-2-every_weeks": "4",
    }
    data.update(changes)
    return data


def test_new_version_prefills_and_keeps_outcome_keys(budget, officer, officer_client, pfa_outcome):
    page = officer_client.get(url("new_version", budget))
    assert value_of(page, "outcomes-0-description") == "Make friends outside school"
    assert value_of(page, "outcomes-0-key") == "make-friends"
    assert value_of(page, "lines-1-amount") == "1300.00"
    assert value_of(page, "ends_on") == "2027-03-31"
    response = officer_client.post(url("new_version", budget), version_data(budget, pfa_outcome))
    assert response.status_code == 302
    version = budget.current_version
    assert version.number == 2
    assert version.reason == "First review: more support for friendships"
    assert version.created_by == officer
    assert [(o.key, o.description) for o in version.outcomes.all()] == [
        ("make-friends", "Make friends at a youth club"),
        ("cook-a-meal", "Cook a meal"),
    ]
    assert [
        (line.stream, line.amount, line.payment_every_weeks) for line in version.lines.all()
    ] == [("social_care", Decimal("1040.00"), 2)]
    assert budget.versions.count() == 2  # the first is kept
    assert "pricing.budget_new_version" in set(
        ModelLogEntry.objects.values_list("action", flat=True)
    )


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"reason": ""}, "Say why the budget changed"),
        ({"starts_on": "2026-03-01"}, "A new version cannot start before the current one"),
        ({"lines-1-amount": "0"}, "Funding stream 2: Enter an amount greater than £0"),
    ],
)
def test_bad_new_version_is_refused(budget, officer_client, pfa_outcome, changes, message):
    response = officer_client.post(
        url("new_version", budget), version_data(budget, pfa_outcome, **changes)
    )
    assert message in errors_of(response)
    assert budget.versions.count() == 1
    assert value_of(response, "outcomes-1-description") == "Cook a meal"


def test_invite_again_withdraws_the_earlier_invitation(
    budget, officer, officer_client, django_capture_on_commit_callbacks
):
    from pricing.budgets.services import invite

    invite(budget=budget, email="old@example.org", by=officer)
    page = officer_client.get(url("invite", budget))
    assert value_of(page, "email") == "old@example.org"
    with django_capture_on_commit_callbacks(execute=True):
        response = officer_client.post(url("invite", budget), {"email": "young.person@example.org"})
    assert response.status_code == 302
    states = dict(budget.invitations.values_list("email", "status"))
    assert states == {
        "old@example.org": InvitationStatus.WITHDRAWN,
        "young.person@example.org": InvitationStatus.SENT,
    }
    assert mail.outbox[-1].to == ["young.person@example.org"]


def test_adjust_down_with_a_reason(budget, pay_in, officer, officer_client):
    pay_in(dt.date(2026, 4, 1))
    data = {
        "pot": "social_care:direct_payment",
        "direction": "take",
        "amount": "12.50",
        "reason": "Paid twice in April",
        "occurred_on": "",
    }
    assert officer_client.post(url("adjust", budget), data).status_code == 302
    entry = LedgerEntry.objects.get(kind=EntryKind.ADJUSTMENT)
    assert (entry.amount, entry.reason, entry.occurred_on) == (
        Decimal("-12.50"),
        "Paid twice in April",
        TODAY,
    )
    assert entry.recorded_by == officer


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"amount": "-5"}, "Enter an amount greater than £0"),
        ({"amount": "1000000"}, "Enter an amount of £250,000 or less"),
        ({"reason": "  "}, "Say why the budget is being adjusted"),
        (
            {"pot": "health:direct_payment"},
            "Select a valid choice. health:direct_payment is not one of the available choices.",
        ),
        (
            {"occurred_on": "2028-01-01"},
            "Enter a date within the budget's period, 1 April 2026 to 31 March 2027",
        ),
    ],
)
def test_bad_adjustment_is_refused(budget, officer_client, changes, message):
    data = {
        "pot": "social_care:direct_payment",
        "direction": "add",
        "amount": "20.00",
        "reason": "Top-up",
        "occurred_on": "",
        **changes,
    }
    response = officer_client.post(url("adjust", budget), data)
    assert message in errors_of(response)
    assert not LedgerEntry.objects.filter(kind=EntryKind.ADJUSTMENT).exists()


def spend(budget, family, amount: str = "30.00"):
    return record_spending(
        budget=budget,
        by=family,
        occurred_on=dt.date(2026, 4, 10),
        payee="Riding school",
        description="Riding lesson",
        amount=Decimal(amount),
        outcome_key="make-friends",
        today=TODAY,
    )


def test_reverse_a_mistaken_entry(budget, pay_in, family, officer, officer_client):
    pay_in(dt.date(2026, 4, 1))
    entry = spend(budget, family)
    page = officer_client.get(url("reverse", budget, entry.pk))
    assert "Spending of £30 on 10 April 2026: Riding lesson" in text_of(soup_of(page))
    refused = officer_client.post(url("reverse", budget, entry.pk), {"reason": ""})
    assert "Say why the entry is being reversed" in errors_of(refused)
    response = officer_client.post(url("reverse", budget, entry.pk), {"reason": "Typed twice"})
    assert response.status_code == 302
    reversal = LedgerEntry.objects.get(reverses=entry)
    assert (reversal.amount, reversal.reason, reversal.recorded_by) == (
        Decimal("-30.00"),
        "Typed twice",
        officer,
    )
    again = officer_client.post(url("reverse", budget, entry.pk), {"reason": "Again"})
    assert "This entry has already been reversed" in errors_of(again)
    assert LedgerEntry.objects.filter(reverses=entry).count() == 1


def test_clawback_needs_a_reason_and_a_way(budget, officer_client):
    response = officer_client.post(url("clawback", budget), {"amount": "40.00", "reason": ""})
    errors = errors_of(response)
    assert "Choose how the money will be recovered" in errors
    assert "Say why the money is being recovered" in errors
    assert value_of(response, "amount") == "40.00"
    negative = officer_client.post(
        url("clawback", budget), {"amount": "-40", "method": "repayment", "reason": "x"}
    )
    assert "Enter an amount greater than £0" in errors_of(negative)
    assert not Clawback.objects.exists()


def test_clawback_and_repayment(
    budget, family, officer, officer_client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = officer_client.post(
            url("clawback", budget),
            {"amount": "40.00", "method": ClawbackMethod.REPAYMENT, "reason": "Unspent money"},
        )
    assert response.status_code == 302
    clawback = Clawback.objects.get()
    assert (clawback.amount, clawback.reason, clawback.recorded_by) == (
        Decimal("40.00"),
        "Unspent money",
        officer,
    )
    assert mail.outbox[-1].to == [family.email]
    repay = url("repayment", budget, clawback.pk)
    assert value_of(officer_client.get(repay), "amount") == "40.00"
    too_much = officer_client.post(repay, {"amount": "50.00", "received_on": "2026-07-09"})
    assert [e for e in errors_of(too_much) if e.startswith("Enter no more than the £40")]
    future = officer_client.post(repay, {"amount": "10.00", "received_on": "2026-07-11"})
    assert "Enter a date that is today or in the past" in errors_of(future)
    assert (
        officer_client.post(repay, {"amount": "40.00", "received_on": "2026-07-09"}).status_code
        == 302
    )
    clawback.refresh_from_db()
    assert clawback.status == ClawbackStatus.RECOVERED
    entry = LedgerEntry.objects.get(kind=EntryKind.CLAWBACK)
    assert (entry.amount, entry.occurred_on) == (Decimal("40.00"), dt.date(2026, 7, 9))


def test_consent_exception_and_review(budget, officer, officer_client):
    assert (
        officer_client.post(
            url("consent", budget),
            {
                "setting_name": "Northbridge Academy",
                "given_by": "Ms Okafor",
                "given_on": "2026-07-01",
            },
        ).status_code
        == 302
    )
    consent = SchoolConsent.objects.get()
    assert (consent.setting_name, consent.given_by, consent.given_on, consent.recorded_by) == (
        "Northbridge Academy",
        "Ms Okafor",
        dt.date(2026, 7, 1),
        officer,
    )
    future = officer_client.post(
        url("consent", budget),
        {"setting_name": "Academy", "given_by": "Head", "given_on": "2026-08-01"},
    )
    assert "Enter a date that is today or in the past" in errors_of(future)

    response = officer_client.post(
        url("exception", budget),
        {"payee": "Grandma Rose", "relationship": "Grandmother", "reason": ""},
    )
    assert "Say why the exception is agreed" in errors_of(response)
    assert value_of(response, "payee") == "Grandma Rose"
    officer_client.post(
        url("exception", budget),
        {"payee": "Grandma Rose", "relationship": "Grandmother", "reason": "No other carer"},
    )
    assert PayeeException.objects.get().reason == "No other carer"

    assert value_of(officer_client.get(url("review", budget)), "held_on") == "2026-07-10"
    early = officer_client.post(url("review", budget), {"kind": "first", "held_on": "2026-03-01"})
    assert "Enter a date on or after the budget started, 1 April 2026" in errors_of(early)
    officer_client.post(
        url("review", budget), {"kind": "first", "held_on": "2026-07-02", "notes": "Going well"}
    )
    review = Review.objects.get()
    assert (review.kind, review.held_on, review.notes, review.recorded_by) == (
        "first",
        dt.date(2026, 7, 2),
        "Going well",
        officer,
    )
    actions = set(ModelLogEntry.objects.values_list("action", flat=True))
    assert {
        "pricing.budget_consent_recorded",
        "pricing.budget_exception_recorded",
        "pricing.budget_review_recorded",
    } <= actions


def test_approval_limit(budget, officer_client):
    refused = officer_client.post(url("approval_limit", budget), {"approval_limit": "-1"})
    assert "Enter an amount of £0 or more" in errors_of(refused)
    assert (
        officer_client.post(url("approval_limit", budget), {"approval_limit": "75.00"}).status_code
        == 302
    )
    budget.refresh_from_db()
    assert budget.approval_limit == Decimal("75.00")
    assert ModelLogEntry.objects.filter(action="pricing.budget_approval_limit_set").exists()


def test_nothing_changes_on_get(budget, pay_in, family, officer, officer_client):
    pay_in(dt.date(2026, 4, 1))
    entry = spend(budget, family)
    clawback = record_clawback(
        budget=budget, amount=Decimal("5.00"), reason="Test", method="repayment", by=officer
    )
    before = (LedgerEntry.objects.count(), ModelLogEntry.objects.count())
    for name, args in [
        ("invite", []),
        ("adjust", []),
        ("reverse", [entry.pk]),
        ("clawback", []),
        ("repayment", [clawback.pk]),
        ("consent", []),
        ("exception", []),
        ("review", []),
        ("approval_limit", []),
        ("new_version", []),
    ]:
        assert officer_client.get(url(name, budget, *args)).status_code == 200, name
    assert (LedgerEntry.objects.count(), ModelLogEntry.objects.count()) == before


def test_actions_need_the_csrf_token(budget, officer):
    client = Client(enforce_csrf_checks=True)
    client.force_login(officer)
    response = client.post(url("approval_limit", budget), {"approval_limit": "75.00"})
    assert response.status_code == 403
    budget.refresh_from_db()
    assert budget.approval_limit == Decimal("0.00")
