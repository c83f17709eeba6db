"""Who reaches the family's budget pages and receipts, and accepting an invitation.

A budget is the family's own: another family's reference, entry or set-aside answers 404
on every address (the same as one that does not exist); anonymous visitors sign in first;
work accounts (council staff, providers' teams) have no family pages. A receipt's file is
for the family of the budget's child, the budget's officer and a superuser only.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from allauth.mfa.models import Authenticator
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils.http import urlencode

from pricing.budgets.enums import InvitationStatus
from pricing.budgets.models import BudgetInvitation, PersonalBudget, SetAside
from pricing.budgets.services import add_receipt, invite, record_spending, set_aside
from tests.factories import UserFactory
from tests.html import soup_of, text_of
from tests.pricing.factories import ChildFactory

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 6, 15)
PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def _today() -> Iterator[None]:
    with time_machine.travel(
        dt.datetime(2026, 6, 15, 10, 0, tzinfo=ZoneInfo("Europe/London")), tick=False
    ):
        yield


def client_of(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def spending_with_receipt(budget, by):
    entry = record_spending(
        budget=budget,
        by=by,
        occurred_on=dt.date(2026, 6, 1),
        payee="Swim Club",
        description="Swimming",
        amount=Decimal("20.00"),
        outcome_key="make-friends",
    )
    receipt = add_receipt(entry=entry, upload=SimpleUploadedFile("r.pdf", PDF), by=by)
    return entry, receipt


@pytest.fixture
def theirs(make_budget, other_child, pay_in):
    """Ben's budget, in another family, with spending, a receipt and money set aside."""
    budget = make_budget(for_child=other_child)
    pay_in(TODAY)
    entry, receipt = spending_with_receipt(budget, other_child.family)
    item = set_aside(
        budget=budget, purpose="Break", amount=Decimal("10.00"), until=None, by=other_child.family
    )
    return budget, entry, receipt, item


def family_urls(budget: PersonalBudget, entry_pk: int, item_pk: int) -> list[tuple[str, str]]:
    ref = budget.reference
    return [
        ("get", reverse("budgets:detail", args=[ref])),
        ("get", reverse("budgets:ledger", args=[ref])),
        ("get", reverse("budgets:spend", args=[ref])),
        ("post", reverse("budgets:spend", args=[ref])),
        ("get", reverse("budgets:receipt_add", args=[ref, entry_pk])),
        ("post", reverse("budgets:receipt_add", args=[ref, entry_pk])),
        ("get", reverse("budgets:set_aside", args=[ref])),
        ("post", reverse("budgets:set_aside", args=[ref])),
        ("post", reverse("budgets:release_set_aside", args=[ref, item_pk])),
    ]


def test_another_familys_budget_is_not_found_on_any_page(family, budget, theirs) -> None:
    their_budget, entry, receipt, item = theirs
    client = client_of(family)
    for method, url in family_urls(their_budget, entry.pk, item.pk):
        response = getattr(client, method)(url, {"purpose": "x", "amount": "5"})
        assert response.status_code == 404, (method, url)
    assert client.get(reverse("budgets:receipt", args=[receipt.pk])).status_code == 404
    # Their entry or set-aside under our own reference is not found either.
    assert (
        client.get(reverse("budgets:receipt_add", args=[budget.reference, entry.pk])).status_code
        == 404
    )
    release = reverse("budgets:release_set_aside", args=[budget.reference, item.pk])
    assert client.post(release).status_code == 404
    item.refresh_from_db()
    assert item.released_at is None
    assert SetAside.objects.filter(budget=their_budget).count() == 1
    assert their_budget.entries.count() == 4  # three payments and their spending


def test_an_unknown_reference_is_not_found(family, budget) -> None:
    assert client_of(family).get(reverse("budgets:detail", args=["PB-NOPE99"])).status_code == 404


def test_anonymous_visitors_are_sent_to_sign_in(budget, theirs) -> None:
    _, entry, receipt, item = theirs
    client = client_of(None)
    urls = family_urls(budget, entry.pk, item.pk) + [
        ("get", reverse("budgets:list")),
        ("get", reverse("budgets:accept", args=["some-token"])),
        ("get", reverse("budgets:receipt", args=[receipt.pk])),
    ]
    for method, url in urls:
        response = getattr(client, method)(url)
        assert response.status_code == 302, (method, url)
        assert response["Location"].startswith(reverse("account_login") + "?next="), url


@pytest.mark.parametrize("role", ["provider", "finance_officer", "moderator", "superuser"])
def test_work_accounts_have_no_family_budget_pages(users_by_role, budget, role) -> None:
    client = client_of(users_by_role[role])
    entry, _ = spending_with_receipt(budget, budget.child.family)
    item = set_aside(budget=budget, purpose="Break", amount=Decimal("1.00"), until=None, by=None)
    for method, url in family_urls(budget, entry.pk, item.pk) + [("get", reverse("budgets:list"))]:
        response = getattr(client, method)(url)
        assert response.status_code == 403, (role, method, url)
        assert "This is a work account" in text_of(soup_of(response).h1)
        assert budget.reference not in response.content.decode()


def test_the_receipt_is_served_privately_to_the_family(family, budget) -> None:
    _, receipt = spending_with_receipt(budget, family)
    response = client_of(family).get(reverse("budgets:receipt", args=[receipt.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert (
        response["Content-Disposition"] == f'inline; filename="receipt-2026-06-01-{receipt.pk}.pdf"'
    )
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private, no-store"


def test_the_receipt_is_served_to_the_budgets_officer_and_a_superuser(
    family, budget, users_by_role
) -> None:
    _, receipt = spending_with_receipt(budget, family)
    url = reverse("budgets:receipt", args=[receipt.pk])
    assert budget.officer == users_by_role["finance_officer"]
    for role in ("finance_officer", "superuser"):
        response = client_of(users_by_role[role]).get(url)
        assert response.status_code == 200, role
        assert response["Content-Type"] == "application/pdf"
    for role in ("family", "provider", "moderator", "content_editor"):
        assert client_of(users_by_role[role]).get(url).status_code == 404, role


def test_another_officer_and_staff_without_two_factor_get_no_receipt(
    family, budget, users_by_role
) -> None:
    from localoffer.roles import FINANCE_OFFICERS
    from tests.factories import site_roles

    _, receipt = spending_with_receipt(budget, family)
    url = reverse("budgets:receipt", args=[receipt.pk])
    colleague = UserFactory(
        email="other.officer@northbridge.example", groups=[site_roles()[FINANCE_OFFICERS]]
    )
    assert client_of(colleague).get(url).status_code == 404
    # The budget's own officer, before setting up an authenticator app.
    Authenticator.objects.filter(user=budget.officer).delete()
    assert client_of(budget.officer).get(url).status_code == 404


def test_a_family_with_one_budget_goes_straight_to_it(family, budget) -> None:
    response = client_of(family).get(reverse("budgets:list"))
    assert response.status_code == 302
    assert response["Location"] == reverse("budgets:detail", args=[budget.reference])


def test_a_family_with_two_budgets_chooses_and_one_with_none_is_told(
    family, child, make_budget
) -> None:
    zac = ChildFactory(family=family, first_name="Zac")
    make_budget()
    make_budget(for_child=zac)
    page = soup_of(client_of(family).get(reverse("budgets:list")))
    assert [text_of(a) for a in page.main.select("ul a")] == [
        "Amira's personal budget",
        "Zac's personal budget",
    ]
    nobody = UserFactory(email="new@example.org")
    page = soup_of(client_of(nobody).get(reverse("budgets:list")))
    assert "You do not have a personal budget on this site." in text_of(page)


def _invited(make_budget, officer, mailoutbox, capture) -> tuple[PersonalBudget, str]:
    budget = make_budget(for_child=None)
    with capture(execute=True):
        invite(budget=budget, email="parent@example.org", by=officer)
    match = re.search(
        r"http://testserver(/account/budgets/invitation/[^/\s]+/)", mailoutbox[-1].body
    )
    assert match is not None
    return budget, match.group(1)


def test_a_family_accepts_an_invitation_for_its_own_child(
    family, child, other_child, make_budget, officer, mailoutbox, django_capture_on_commit_callbacks
) -> None:
    budget, path = _invited(make_budget, officer, mailoutbox, django_capture_on_commit_callbacks)
    client = client_of(family)
    page = soup_of(client.get(path))
    assert text_of(page.h1) == "Which child is this budget for?"
    assert [text_of(label) for label in page.select(".govuk-radios__label")] == ["Amira"]

    # Another family's child is not theirs to choose.
    response = client.post(path, {"child": str(other_child.pk)})
    assert response.status_code == 200
    assert "Select who the budget is for" in text_of(
        soup_of(response).select_one(".govuk-error-summary")
    )
    budget.refresh_from_db()
    assert budget.child is None

    response = client.post(path, {"child": str(child.pk)})
    assert response.status_code == 302
    assert response["Location"] == reverse("budgets:detail", args=[budget.reference])
    budget.refresh_from_db()
    assert budget.child == child
    invitation = BudgetInvitation.objects.get(budget=budget)
    assert invitation.status == InvitationStatus.ACCEPTED and invitation.accepted_by == family

    # The link works once.
    response = client.get(path)
    assert response.status_code == 404
    assert "This invitation cannot be used" in text_of(soup_of(response).h1)
    response = client_of(other_child.family).post(path, {"child": str(other_child.pk)})
    assert response.status_code == 404
    budget.refresh_from_db()
    assert budget.child == child


def test_a_family_without_the_child_is_sent_to_add_it_first(
    make_budget, officer, mailoutbox, django_capture_on_commit_callbacks
) -> None:
    _, path = _invited(make_budget, officer, mailoutbox, django_capture_on_commit_callbacks)
    newcomer = UserFactory(email="newcomer@example.org")
    page = soup_of(client_of(newcomer).get(path))
    add = page.main.find("a", string="Add a child")
    assert add["href"] == reverse("families:add") + "?" + urlencode({"next": path})


def test_a_withdrawn_invitation_is_refused(
    family, child, make_budget, officer, mailoutbox, django_capture_on_commit_callbacks
) -> None:
    budget, first = _invited(make_budget, officer, mailoutbox, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        invite(budget=budget, email="parent@example.org", by=officer)  # a newer link
    response = client_of(family).post(first, {"child": str(child.pk)})
    assert response.status_code == 404
    budget.refresh_from_db()
    assert budget.child is None


def test_staff_cannot_accept_an_invitation(
    users_by_role, make_budget, officer, mailoutbox, django_capture_on_commit_callbacks
) -> None:
    budget, path = _invited(make_budget, officer, mailoutbox, django_capture_on_commit_callbacks)
    assert client_of(users_by_role["finance_officer"]).get(path).status_code == 403
