"""Least privilege for the third party's pages and the officer's third-party screens, tried
by typing the addresses.

Amira's budget is held in two parts: social care by Brightpath Brokerage (whose account
has accepted) and education by the council. Each part has a £24 booking waiting for a
decision, and the brokerage's booking has an invoice made out to it. Only the brokerage
reaches its pages, and only for its own part: the council's booking is not found there.
Another third party, the family, a provider and another officer's caseload find nothing
(404), council staff are told the pages are not for them (403), visitors sign in first.
The officer's screens for the third party answer as the rest of the officer's area.
Every refusal leaves everything as it was.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from wagtail.models import ModelLogEntry

from localoffer.roles import FINANCE_OFFICERS
from pricing.budgets.models import BookingFunding, BudgetInvitation, PersonalBudget
from pricing.budgets.services import accept_third_party_invitation
from pricing.invoices.models import Document
from tests.factories import UserFactory, site_roles
from tests.pricing.budgets.test_approvals import invoice_of
from tests.pricing.budgets.test_funding import ENDS, STARTS, _at_now, topped_up  # noqa: F401
from tests.pricing.budgets.third_party_setup import BROKER_NAME, COUNCIL, THIRD_PARTY

pytestmark = pytest.mark.django_db
POST = {"decision": "approved", "reason": "Fine", "third_party_name": "X", "email": "x@y.example"}


@dataclass
class World:
    budget: PersonalBudget
    ours: BookingFunding  # paid from the brokerage's part
    councils: BookingFunding  # paid from the part the council manages
    invoice: Document
    other_broker: Any


@pytest.fixture
def world(make_budget, broker, invite_link, waiting_booking, other_child) -> World:
    budget = make_budget(
        lines=[("social_care", THIRD_PARTY, "2600.00"), ("education", COUNCIL, "2600.00")],
        starts_on=STARTS,
        ends_on=ENDS,
        third_party_name=BROKER_NAME,
    )
    topped_up(budget, "200.00", held_as=THIRD_PARTY)
    topped_up(budget, "200.00", held_as=COUNCIL, stream="education")
    accept_third_party_invitation(token=invite_link(budget), user=broker)
    ours = waiting_booking(budget)
    councils = waiting_booking(budget, held_as=COUNCIL)
    theirs = make_budget(
        lines=[("social_care", THIRD_PARTY, "1300.00")],
        for_child=other_child,
        third_party_name="Other Trust",
    )
    other_broker = UserFactory(email="money@othertrust.example")
    accept_third_party_invitation(
        token=invite_link(theirs, email=other_broker.email, name="Other Trust"), user=other_broker
    )
    return World(budget, ours, councils, invoice_of(ours.booking), other_broker)


def pages(world: World) -> list[tuple[str, str]]:
    """The brokerage's own addresses on the public site."""
    ref = world.budget.reference
    decide = reverse("third_party:decide", args=[ref, world.ours.pk])
    return [
        ("get", reverse("third_party:detail", args=[ref])),
        ("get", decide),
        ("post", decide),
    ]


def admin_screens(world: World) -> list[str]:
    ref = world.budget.reference
    return [
        reverse("budget_admin:third_party", args=[ref]),
        reverse("budget_admin:third_party_resend", args=[ref]),
        reverse("budget_admin:third_party_remove", args=[ref]),
    ]


def state() -> tuple:
    return (
        list(PersonalBudget.objects.order_by("pk").values_list("third_party_id", flat=True)),
        list(BookingFunding.objects.order_by("pk").values_list("approval", flat=True)),
        list(BudgetInvitation.objects.order_by("pk").values_list("status", flat=True)),
        ModelLogEntry.objects.count(),
    )


def client_of(user: Any) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def try_pages(client: Client, world: World) -> list[int]:
    return [getattr(client, method)(url, POST).status_code for method, url in pages(world)]


def pdf(world: World) -> str:
    return reverse("invoices:pdf", args=[world.invoice.pk])


def test_the_third_party_reaches_its_own_part(world, broker):
    client = client_of(broker)
    assert client.get(reverse("third_party:list")).status_code == 200
    for method, url in pages(world)[:2]:
        assert getattr(client, method)(url).status_code == 200, url
    response = client.get(pdf(world))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"


def test_the_councils_booking_is_not_found_on_the_third_partys_pages(world, broker):
    client = client_of(broker)
    before = state()
    url = reverse("third_party:decide", args=[world.budget.reference, world.councils.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, POST).status_code == 404
    assert state() == before
    detail = client.get(reverse("third_party:detail", args=[world.budget.reference]))
    assert world.councils.booking.reference not in detail.content.decode()
    assert world.ours.booking.reference in detail.content.decode()


def test_an_unknown_reference_is_not_found(world, broker):
    client = client_of(broker)
    url = reverse("third_party:decide", args=["PB-NOPE99", world.ours.pk])
    assert client.get(url).status_code == 404
    assert client.get(reverse("third_party:detail", args=["PB-NOPE99"])).status_code == 404


def test_another_third_party_finds_nothing(world):
    client = client_of(world.other_broker)
    before = state()
    assert try_pages(client, world) == [404, 404, 404]
    assert client.get(pdf(world)).status_code == 404
    listing = client.get(reverse("third_party:list"))
    assert listing.status_code == 200
    assert world.budget.reference not in listing.content.decode()
    assert state() == before


@pytest.mark.parametrize("who", ["family", "provider", "stranger"])
def test_the_family_a_provider_and_a_stranger_find_nothing(world, child, provider, who):
    user = {"family": child.family, "provider": provider, "stranger": UserFactory()}[who]
    client = client_of(user)
    before = state()
    assert try_pages(client, world) == [404, 404, 404]
    listing = client.get(reverse("third_party:list"))
    assert "You do not hold money for any personal budget" in listing.content.decode()
    assert state() == before
    # The family and the provider keep reading the documents of their own booking (the
    # family is its customer, the provider issued it); nobody else does.
    expected = 404 if who == "stranger" else 200
    assert client.get(pdf(world)).status_code == expected


@pytest.mark.parametrize("role", ["finance_officer", "moderator", "superuser"])
def test_council_staff_are_told_the_pages_are_not_for_them(world, users_by_role, role):
    client = client_of(users_by_role[role])
    before = state()
    assert try_pages(client, world) == [403, 403, 403]
    response = client.get(reverse("third_party:list"))
    assert response.status_code == 403
    assert "This is a council account" in response.content.decode()
    assert state() == before


def test_an_officer_of_another_caseload_finds_nothing(world):
    colleague = UserFactory(
        email="colleague@northbridge.example", groups=[site_roles()[FINANCE_OFFICERS]]
    )
    client = client_of(colleague)
    before = state()
    assert try_pages(client, world) == [403, 403, 403]
    assert client.get(pdf(world)).status_code == 404
    for url in admin_screens(world):
        assert client.get(url).status_code == 404, url
        assert client.post(url, POST).status_code == 404, url
    assert state() == before


def test_visitors_sign_in_first(world):
    client = client_of(None)
    before = state()
    urls = [url for _, url in pages(world)] + [
        reverse("third_party:list"),
        reverse("third_party:accept", args=["some-token"]),
    ]
    responses = [(url, client.get(url)) for url in [*urls, pdf(world)]]
    responses += [(url, client.post(url, POST)) for url in urls]
    for url, response in responses:
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("account_login") + "?next="), url
    assert state() == before


@pytest.mark.parametrize("who", ["broker", "family", "provider"])
def test_nobody_outside_the_council_reaches_the_officers_third_party_screens(
    world, broker, child, provider, who
):
    user = {"broker": broker, "family": child.family, "provider": provider}[who]
    client = client_of(user)
    before = state()
    for url in admin_screens(world):
        for response in (client.get(url), client.post(url, POST)):
            assert response.status_code in (302, 403), (who, url, response.status_code)
    assert state() == before


def test_the_budgets_officer_opens_the_third_party_screens(world, officer):
    client = client_of(officer)
    for url in admin_screens(world):
        assert client.get(url).status_code == 200, url
