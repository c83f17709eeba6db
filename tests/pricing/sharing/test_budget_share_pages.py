"""The shared booking's one-page forms with a child's personal budget, without
JavaScript: the session journey's budget questions as fields of the page, the payment
question not needed when the council pays, errors shown with every answer kept; and on
the group's page only the family itself learns that its share waits for approval."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from django.urls import reverse

from pricing.budgets.enums import ApprovalStatus, ShareStatus
from pricing.budgets.models import BookingFunding
from pricing.sharing.models import SharedBooking
from tests.html import get, soup_of, text_of
from tests.pricing.budgets.conftest import (  # noqa: F401  (fixtures used by these tests)
    council,
    make_budget,
    officer,
    pfa_outcome,
)
from tests.pricing.budgets.test_funding import ENDS, STARTS, money, pot, topped_up
from tests.pricing.sharing.conftest import signed_in

pytestmark = pytest.mark.django_db
DIRECT = "direct_payment"
COUNCIL = "council_managed"
DIRECT_LABEL = (
    "From your direct payment (you pay by card or invoice from your direct payment account)"
)
COUNCIL_LABEL = "Ask the council to pay from Amira's council-managed budget"


def two_pots(make, *, limit: str = "50.00", direct: str = "100.00"):
    """Amira's budget: `direct` in a direct payment and £200 council-managed."""
    budget = make(
        lines=[("social_care", DIRECT, "1300.00"), ("education", COUNCIL, "2600.00")],
        starts_on=STARTS,
        ends_on=ENDS,
        approval_limit=D(limit),
    )
    topped_up(budget, direct, held_as=DIRECT)
    return topped_up(budget, "200.00", held_as=COUNCIL, stream="education")


@pytest.fixture
def joining(other, start):
    """Ruth has started a group of two (card); the link to join it."""
    ruth, tobi = other
    started = start(ruth, tobi, children=2)
    return started, reverse("sharing:join", args=[started.token])


def answers(child, pot_value: str, **more: str) -> dict[str, str]:
    return {"child": str(child.pk), "budget": f"{child.pk}:{pot_value}", **more}


def test_the_join_page_asks_the_journeys_budget_questions(
    family,
    child,
    joining,
    make_budget,  # noqa: F811
):
    two_pots(make_budget)
    _, url = joining
    page = get(signed_in(family), url)
    legends = [text_of(legend) for legend in page.select("legend")]
    assert legends == [
        "Which of your children is joining?",
        "Do you want to pay from Amira's personal budget?",
        "Which agreed outcome is this booking for?",
        "How do you want to pay your share?",
    ]
    budget = page.select_one("#id_budget").find_parent("fieldset")
    assert [text_of(item) for item in budget.select(".govuk-radios__item")] == [
        f"{DIRECT_LABEL} £100 available",
        f"{COUNCIL_LABEL} £200 available",
        "No, I will pay another way",
    ]
    outcome = page.select_one("#id_outcome").find_parent("fieldset")
    assert "Make friends outside school" in text_of(outcome)
    method = page.select_one("#id_method").find_parent("fieldset")
    assert "If the council or a third party pays your share from the budget" in text_of(method)


def test_a_missing_outcome_is_shown_with_every_answer_kept(
    family,
    child,
    joining,
    make_budget,  # noqa: F811
):
    two_pots(make_budget)
    started, url = joining
    response = signed_in(family).post(url, answers(child, DIRECT, method="invoice"))
    assert response.status_code == 200
    page = soup_of(response)
    summary = page.select_one(".govuk-error-summary")
    assert text_of(summary) == (
        "There is a problem Select which agreed outcome this booking is for"
    )
    assert summary.find("a")["href"] == "#id_outcome"
    assert page.find("input", attrs={"name": "budget", "checked": True})["value"] == (
        f"{child.pk}:{DIRECT}"
    )
    assert page.find("input", attrs={"name": "child", "checked": True})["value"] == str(child.pk)
    assert page.find("input", attrs={"name": "method", "checked": True})["value"] == "invoice"
    assert not started.shared.shares.filter(family=family).exists()


def test_joining_with_the_council_paying_needs_no_answer_about_paying(
    family,
    child,
    joining,
    make_budget,  # noqa: F811
):
    budget = two_pots(make_budget)
    started, url = joining
    response = signed_in(family).post(
        url, answers(child, COUNCIL, outcome=f"{child.pk}:make-friends")
    )
    assert response.url == reverse("sharing:detail", args=[started.shared.reference])
    share = started.shared.shares.get(family=family)
    assert (share.status, share.booking.method) == (ShareStatus.PAID, "invoice")
    funding = BookingFunding.objects.get(booking=share.booking)
    assert (funding.held_as, funding.approval) == (COUNCIL, ApprovalStatus.APPROVED)
    assert money(pot(budget, COUNCIL)) == (D("0.00"), D("40.00"), D("160.00"))


def test_joining_from_the_direct_payment_by_card_goes_to_the_card_page(
    family,
    child,
    joining,
    make_budget,  # noqa: F811
):
    budget = two_pots(make_budget)
    started, url = joining
    response = signed_in(family).post(
        url, answers(child, DIRECT, outcome=f"{child.pk}:make-friends", method="card")
    )
    share = started.shared.shares.get(family=family)
    assert response.url == reverse("checkout:pay", args=[share.booking.reference])
    assert money(pot(budget, DIRECT)) == (D("0.00"), D("40.00"), D("60.00"))


def test_a_share_the_budget_cannot_pay_is_refused_on_the_page(
    family,
    child,
    joining,
    make_budget,  # noqa: F811
):
    two_pots(make_budget, direct="30.00")
    started, url = joining
    response = signed_in(family).post(
        url, answers(child, DIRECT, outcome=f"{child.pk}:make-friends", method="invoice")
    )
    assert response.status_code == 200
    page = soup_of(response)
    assert "This costs £40 but only £30 of the budget is available now" in text_of(
        page.select_one(".govuk-error-summary")
    )
    assert page.find("input", attrs={"name": "outcome", "checked": True}) is not None
    assert not started.shared.shares.filter(family=family).exists()


def test_the_organiser_pays_from_the_budget_and_only_it_learns_of_the_approval(
    family,
    child,
    other,
    group_session,
    make_budget,  # noqa: F811
):
    two_pots(make_budget, limit="0.00")
    client = signed_in(family)
    details = reverse("sharing:details", args=[group_session.offer.service_id, group_session.pk])
    page = get(client, details)
    assert "Do you want to pay from Amira's personal budget?" in text_of(page)
    response = client.post(
        details,
        {
            "child": str(child.pk),
            "children": "2",
            "split": "equal",
            "deadline": "2d",
            "budget": f"{child.pk}:{COUNCIL}",
            "outcome": f"{child.pk}:make-friends",
            "token": "start-once",
        },
    )
    shared = SharedBooking.objects.get()
    assert response.url == reverse("sharing:detail", args=[shared.reference])
    group = get(client, response.url)
    assert "Waiting for approval to pay from your child's personal budget" in text_of(group)

    ruth, tobi = other
    link = text_of(group.select_one("#invite-link"))  # shown to the organiser once
    joined = signed_in(ruth).post(
        link.split("testserver", 1)[-1], {"child": str(tobi.pk), "method": "invoice"}
    )
    assert joined.url == response.url
    theirs = text_of(get(signed_in(ruth), response.url).main)
    assert "Not paid yet" in theirs
    for secret in ("budget", "approval", "council", "Make friends"):
        assert secret not in theirs, secret
