"""Who reaches the officer's area: finance officers (their own caseload only: another
officer's budget is not found) and site administrators (every budget). Providers, other
council staff and families are refused every address, and a refusal changes nothing.
The spending categories belong to finance officers too."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from wagtail.models import ModelLogEntry

from localoffer.roles import FINANCE_OFFICERS
from pricing.budgets.models import LedgerEntry, PersonalBudget, SpendingCategory
from pricing.budgets.services import record_clawback
from tests.factories import UserFactory, site_roles
from tests.html import soup_of, text_of

pytestmark = pytest.mark.django_db

CATEGORIES = "/admin/snippets/pricing/spendingcategory/"


@pytest.fixture
def world(budget, pay_in, officer):
    pay_in(dt.date(2026, 4, 1))
    entry = LedgerEntry.objects.filter(budget=budget).first()
    clawback = record_clawback(
        budget=budget, amount=Decimal("5.00"), reason="Test", method="repayment", by=officer
    )
    return budget, entry, clawback


def budget_urls(budget, entry, clawback) -> list[str]:
    ref = budget.reference
    return [
        reverse("budget_admin:detail", args=[ref]),
        reverse("budget_admin:export", args=[ref]),
        reverse("budget_admin:new_version", args=[ref]),
        reverse("budget_admin:invite", args=[ref]),
        reverse("budget_admin:adjust", args=[ref]),
        reverse("budget_admin:reverse", args=[ref, entry.pk]),
        reverse("budget_admin:clawback", args=[ref]),
        reverse("budget_admin:repayment", args=[ref, clawback.pk]),
        reverse("budget_admin:consent", args=[ref]),
        reverse("budget_admin:exception", args=[ref]),
        reverse("budget_admin:review", args=[ref]),
        reverse("budget_admin:approval_limit", args=[ref]),
    ]


AREA_URLS = ["budget_admin:index", "budget_admin:reviews", "budget_admin:new"]
POST_DATA = {
    "email": "someone@example.org",
    "pot": "social_care:direct_payment",
    "direction": "add",
    "amount": "10.00",
    "reason": "Because",
    "method": "repayment",
    "received_on": "2026-04-02",
    "setting_name": "School",
    "given_by": "Head",
    "given_on": "2026-04-02",
    "payee": "Gran",
    "relationship": "Grandmother",
    "kind": "first",
    "held_on": "2026-04-02",
    "approval_limit": "99.00",
}


def state() -> tuple:
    return (
        LedgerEntry.objects.count(),
        ModelLogEntry.objects.count(),
        PersonalBudget.objects.count(),
        list(PersonalBudget.objects.values_list("approval_limit", flat=True)),
    )


def colleague_client() -> Client:
    colleague = UserFactory(
        email="colleague@northbridge.example", groups=[site_roles()[FINANCE_OFFICERS]]
    )
    client = Client()
    client.force_login(colleague)
    return client


def test_another_officer_finds_none_of_the_budget_addresses(world):
    client = colleague_client()
    before = state()
    for url in budget_urls(*world):
        assert client.get(url).status_code == 404, url
        assert client.post(url, POST_DATA).status_code == 404, url
    assert state() == before
    page = client.get(reverse("budget_admin:index"))
    assert world[0].reference not in page.content.decode()
    assert world[0].reference not in client.get(reverse("budget_admin:reviews")).content.decode()


def test_an_entry_or_clawback_of_another_budget_is_not_found(world, make_budget, client_for):
    budget, entry, clawback = world
    other = make_budget(for_child=None)
    client = client_for("finance_officer")
    assert (
        client.get(reverse("budget_admin:reverse", args=[other.reference, entry.pk])).status_code
        == 404
    )
    assert (
        client.get(
            reverse("budget_admin:repayment", args=[other.reference, clawback.pk])
        ).status_code
        == 404
    )


@pytest.mark.parametrize("role", ["provider", "provider_admin", "content_editor", "moderator"])
def test_others_in_the_admin_are_refused_every_address(world, client_for, role):
    client = client_for(role)
    before = state()
    for url in [reverse(name) for name in AREA_URLS] + budget_urls(*world):
        response = client.get(url)
        assert response.status_code in (302, 403), (url, response.status_code)
        assert client.post(url, POST_DATA).status_code in (302, 403), url
    assert state() == before


@pytest.mark.parametrize("role", ["family", None])
def test_families_and_strangers_are_sent_to_sign_in(world, client_for, role):
    client = client_for(role)
    before = state()
    for url in [reverse(name) for name in AREA_URLS] + budget_urls(*world):
        response = client.get(url)
        assert response.status_code == 302, url
        assert "/login/" in response["Location"], response["Location"]
        assert client.post(url, POST_DATA).status_code == 302, url
    assert state() == before


def test_the_officer_and_a_site_administrator_open_every_address(world, client_for):
    for role in ("finance_officer", "superuser"):
        client = client_for(role)
        for url in [reverse(name) for name in AREA_URLS] + budget_urls(*world):
            assert client.get(url).status_code == 200, (role, url)


def test_a_site_administrator_sees_every_caseload(world, client_for):
    theirs = PersonalBudget.objects.create(
        council=world[0].council,
        reference="PB-THEIRS",
        child_name="Zara",
        child_date_of_birth=dt.date(2014, 1, 1),
        officer=UserFactory(
            email="third@northbridge.example", groups=[site_roles()[FINANCE_OFFICERS]]
        ),
    )
    page = soup_of(client_for("superuser").get(reverse("budget_admin:index")))
    words = text_of(page)
    assert world[0].reference in words and theirs.reference in words
    assert "every officer's caseload" in words


@pytest.mark.parametrize(
    ("role", "shown"),
    [
        ("finance_officer", True),
        ("superuser", True),
        ("provider", False),
        ("content_editor", False),
        ("moderator", False),
    ],
)
def test_menu_item_for_finance_officers(client_for, home, role, shown):
    content = client_for(role).get("/admin/").content.decode()
    assert ("Personal budgets" in content) is shown
    assert (reverse("budget_admin:index") in content) is shown
    assert ("Spending categories" in content) is shown


def test_officer_marks_a_category_the_budget_cannot_buy(budget, client_for, council):
    client = client_for("finance_officer")
    assert client.get(CATEGORIES).status_code == 200
    category = SpendingCategory.objects.get(council=council, name="Equipment")
    response = client.post(
        f"{CATEGORIES}edit/{category.pk}/",
        {
            "council": council.pk,
            "name": "Equipment",
            "excluded": "on",
            "exclusion_reason": "The council buys equipment itself",
            "sort_order": "4",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    category.refresh_from_db()
    assert category.excluded
    assert category.exclusion_reason == "The council buys equipment itself"
    response = client.post(
        f"{CATEGORIES}add/",
        {"council": council.pk, "name": "Gym membership", "excluded": "", "sort_order": "20"},
    )
    assert response.status_code == 302
    assert SpendingCategory.objects.filter(name="Gym membership", excluded=False).exists()
    # Ledger entries keep the category they were recorded with: nothing is deleted.
    assert client.get(f"{CATEGORIES}delete/{category.pk}/").status_code in (302, 403)
    assert SpendingCategory.objects.filter(pk=category.pk).exists()


@pytest.mark.parametrize("role", ["provider", "content_editor", "moderator", "family"])
def test_others_cannot_open_spending_categories(budget, client_for, role):
    response = client_for(role).get(CATEGORIES)
    assert response.status_code in (302, 403)
    if response.status_code == 302:
        location = response["Location"]
        assert location.startswith("/account/login/") or location == "/admin/"
