"""What the third-party tests share: a budget part held by "Brightpath Brokerage", its
account, and sending and accepting the officer's invitation as the emailed link does.

    held            Amira's budget (tests/pricing/budgets/conftest.py) with one stream,
                    social care, held by Brightpath Brokerage: £200 available in that part,
                    every booking waits for a decision (approval limit £0)
    broker          Brightpath's account, decisions@brightpath.example (no budget yet)
    accepted        `held`, once `broker` has accepted the invitation
    invite_link     invite_link(budget, email=..., name=...) -> the token in the email sent
    waiting_booking waiting_booking(budget, held_as=...) -> the BookingFunding of a £24
                    booking of Amira's, confirmed, waiting for a decision

The bookings' clock is NOW (tests/pricing/factories.py); import `_at_now` with this module.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal as D
from typing import Any

import pytest
from django.core import mail
from django.urls import reverse

from pricing.budgets.models import BookingFunding, PersonalBudget
from pricing.budgets.services import accept_third_party_invitation, invite_third_party
from tests.factories import UserFactory
from tests.pricing.budgets.test_funding import book_and_confirm, budget_with

THIRD_PARTY = "third_party"
COUNCIL = "council_managed"
BROKER_NAME = "Brightpath Brokerage"
BROKER_EMAIL = "decisions@brightpath.example"


def token_in(body: str) -> str:
    """The token of the third party's link in an email's body."""
    prefix = re.escape("http://testserver" + reverse("third_party:accept", args=["TOKEN"]))
    found = re.search(prefix.replace("TOKEN", r"([\w-]+)"), body)
    assert found, body
    return found.group(1)


@pytest.fixture
def held(make_budget) -> PersonalBudget:
    return budget_with(
        make_budget, THIRD_PARTY, "200.00", approval_limit=D("0.00"), third_party_name=BROKER_NAME
    )


@pytest.fixture
def broker(db):
    return UserFactory(email=BROKER_EMAIL, first_name="Bo", last_name="Broker")


@pytest.fixture
def invite_link(officer, django_capture_on_commit_callbacks) -> Callable[..., str]:
    def send(budget: PersonalBudget, email: str = BROKER_EMAIL, name: str = BROKER_NAME) -> str:
        before = len(mail.outbox)
        with django_capture_on_commit_callbacks(execute=True):
            invite_third_party(budget=budget, name=name, email=email, by=officer)
        assert len(mail.outbox) == before + 1
        return token_in(str(mail.outbox[-1].body))

    return send


@pytest.fixture
def accepted(held, broker, invite_link) -> PersonalBudget:
    accept_third_party_invitation(token=invite_link(held), user=broker)
    held.refresh_from_db()
    assert held.third_party == broker
    return held


@pytest.fixture
def waiting_booking(child, session, django_capture_on_commit_callbacks) -> Callable[..., Any]:
    def book(budget: PersonalBudget, held_as: str = THIRD_PARTY) -> BookingFunding:
        with django_capture_on_commit_callbacks(execute=True):
            booking = book_and_confirm(child=child, session=session, budget=budget, held_as=held_as)
        return BookingFunding.objects.select_related("budget", "booking").get(booking=booking)

    return book
