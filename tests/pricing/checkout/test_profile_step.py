"""The journey's question about sharing the child's one-page profile with the provider:
asked only when there is a profile the provider cannot read yet, the answer kept and
changeable, and the consent written only with the booking, once."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.urls import reverse
from wagtail.models import ModelLogEntry

from pricing.bookings.models import Booking
from pricing.bookings.services import confirm_booking, hold_places
from pricing.budgets.models import LedgerEntry
from pricing.families.models import ProfileShare
from pricing.families.services import ACTION_SHARE, share_profile, withdraw_share
from tests.factories import UserFactory
from tests.pricing.budgets.conftest import (  # noqa: F401  (fixtures used by these tests)
    council,
    make_budget,
    officer,
    pfa_outcome,
)
from tests.pricing.budgets.test_funding import ENDS, STARTS, topped_up
from tests.pricing.checkout.conftest import signed_in, step
from tests.pricing.factories import NOW, ChildFactory, OnePageProfileFactory

pytestmark = pytest.mark.django_db

QUESTION = "Do you want to share Amira's one-page profile with Northbridge Play Club?"


@pytest.fixture
def profile(child):
    return OnePageProfileFactory(child=child)


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


def words(response) -> str:
    return " ".join(soup(response).get_text(" ").split())


def to_question(client: Client, session, child):
    service = session.offer.service
    client.post(step("session", service), {"session": session.pk})
    return client.post(step("child", service), {"child": child.pk})


def answer_the_rest(client: Client, service, places: int = 1) -> None:
    assert client.post(step("places", service), {"places": places}).url == step("method", service)
    client.post(step("method", service), {"method": "invoice"})


def confirm(client: Client, service):
    page = client.get(step("check", service))
    assert page.status_code == 200, page
    return page, client.post(step("check", service), {"token": page.context["token"]})


def test_a_child_without_a_profile_is_not_asked(family_client, session, child, service):
    response = to_question(family_client, session, child)
    assert response.url == step("places", service)
    assert family_client.get(step("profile", service)).url == step("places", service)
    answer_the_rest(family_client, service)
    check, _ = confirm(family_client, service)
    assert "One-page profile" not in words(check)
    assert not ProfileShare.objects.exists()


def test_an_empty_profile_is_not_offered(family_client, session, child, service):
    OnePageProfileFactory(child=child, like_and_admire="", important_to_me=" ", how_to_support="")
    assert to_question(family_client, session, child).url == step("places", service)


def test_a_profile_already_shared_with_the_provider_is_not_asked_again(
    family_client, session, child, service, profile, organisation, family
):
    share_profile(child=child, organisation=organisation, by=family, purpose="Before")
    assert to_question(family_client, session, child).url == step("places", service)
    places = family_client.get(step("places", service))
    assert soup(places).select_one(".govuk-back-link")["href"] == step("child", service)
    answer_the_rest(family_client, service)
    check, _ = confirm(family_client, service)
    assert "One-page profile Already shared with Northbridge Play Club" in words(check)
    assert ProfileShare.objects.get().purpose == "Before"  # no second consent


def test_a_withdrawn_share_is_asked_again(
    family_client, session, child, service, profile, organisation, family
):
    withdraw_share(
        share=share_profile(child=child, organisation=organisation, by=family), by=family
    )
    assert to_question(family_client, session, child).url == step("profile", service)


def test_the_question_comes_after_the_child_and_explains_what_is_shared(
    family_client, session, child, service, profile
):
    assert to_question(family_client, session, child).url == step("profile", service)
    page = family_client.get(step("profile", service))
    html = soup(page)
    assert html.select_one("h1").get_text(strip=True) == QUESTION
    assert html.select_one("legend h1")  # the question is the radios' legend
    text = words(page)
    assert "the staff at Northbridge Play Club can read what you wrote" in text
    assert "only while they have a booking for Amira" in text
    assert "You can stop sharing it at any time" in text
    assert "every bus route in town" in text  # what they would see, in the details
    radios = html.select("input[name=share_profile]")
    assert [r["value"] for r in radios] == ["yes", "no"]
    assert not any(r.has_attr("checked") for r in radios)
    assert html.select_one(".govuk-back-link")["href"] == step("child", service)
    # Nothing is written before "Confirm".
    assert not ProfileShare.objects.exists()


def test_no_answer_shows_the_error_summary(family_client, session, child, service, profile):
    to_question(family_client, session, child)
    response = family_client.post(step("profile", service), {})
    assert response.status_code == 200
    html = soup(response)
    assert html.title.get_text().startswith("Error: ")
    summary = html.select_one(".govuk-error-summary")
    link = summary.select_one("a")
    assert link.get_text(strip=True) == "Select yes if you want to share Amira's one-page profile"
    assert link["href"] == "#id_share_profile" and html.select_one("#id_share_profile")
    assert html.select_one("#id_share_profile-error")
    assert "share_profile" not in family_client.session["checkout"][str(service.pk)]
    nonsense = family_client.post(step("profile", service), {"share_profile": "maybe"})
    assert "Select yes or no" in words(nonsense)


def test_the_answer_is_kept_and_places_goes_back_to_it(
    family_client, session, child, service, profile
):
    to_question(family_client, session, child)
    response = family_client.post(step("profile", service), {"share_profile": "yes"})
    assert response.url == step("places", service)
    again = soup(family_client.get(step("profile", service)))
    assert again.select_one("input[value=yes]").has_attr("checked")
    places = family_client.get(step("places", service))
    assert soup(places).select_one(".govuk-back-link")["href"] == step("profile", service)
    stored = family_client.session["checkout"][str(service.pk)]
    assert (stored["share_profile"], stored["profile_child"]) == (True, child.pk)


def test_yes_shares_the_profile_when_the_booking_is_confirmed(
    family_client, session, child, service, profile, organisation, family
):
    to_question(family_client, session, child)
    family_client.post(step("profile", service), {"share_profile": "yes"})
    answer_the_rest(family_client, service)
    check, done = confirm(family_client, service)
    assert "One-page profile Yes, share Amira's profile with Northbridge Play Club" in words(check)
    booking = Booking.objects.get(family=family)
    assert done.url == reverse("checkout:done", kwargs={"reference": booking.reference})
    share = ProfileShare.objects.get()
    assert (share.child, share.organisation, share.granted_by) == (child, organisation, family)
    assert share.granted_at == NOW and share.is_active
    assert share.purpose == f"Booking {booking.reference}"
    entry = ModelLogEntry.objects.get(action=ACTION_SHARE)
    assert entry.user_id == family.pk and entry.object_id == str(share.pk)


def test_pressing_confirm_twice_shares_once(
    family_client, session, child, service, profile, family
):
    to_question(family_client, session, child)
    family_client.post(step("profile", service), {"share_profile": "yes"})
    answer_the_rest(family_client, service)
    page, _ = confirm(family_client, service)
    again = family_client.post(step("check", service), {"token": page.context["token"]})
    booking = Booking.objects.get(family=family)
    assert again.url == reverse("checkout:done", kwargs={"reference": booking.reference})
    assert ProfileShare.objects.count() == 1
    assert ModelLogEntry.objects.filter(action=ACTION_SHARE).count() == 1


def test_no_books_without_sharing(family_client, session, child, service, profile, family):
    to_question(family_client, session, child)
    family_client.post(step("profile", service), {"share_profile": "no"})
    answer_the_rest(family_client, service)
    check, _ = confirm(family_client, service)
    assert "One-page profile No, do not share it" in words(check)
    assert Booking.objects.filter(family=family).exists()
    assert not ProfileShare.objects.exists()


def test_the_change_link_comes_back_to_the_question_then_to_the_check_page(
    family_client, session, child, service, profile, family
):
    to_question(family_client, session, child)
    family_client.post(step("profile", service), {"share_profile": "yes"})
    answer_the_rest(family_client, service)
    check = family_client.get(step("check", service))
    change = [
        a
        for a in soup(check).select(".govuk-summary-list__actions a")
        if a["href"] == step("profile", service)
    ]
    assert len(change) == 1
    assert " ".join(change[0].get_text(" ").split()) == (
        "Change whether you share Amira's one-page profile"
    )
    response = family_client.post(step("profile", service), {"share_profile": "no"})
    assert response.url == step("check", service)
    confirm(family_client, service)
    assert Booking.objects.filter(family=family).exists()
    assert not ProfileShare.objects.exists()


def test_choosing_another_child_asks_again_for_that_child(
    family_client, session, child, service, profile, family
):
    to_question(family_client, session, child)
    family_client.post(step("profile", service), {"share_profile": "yes"})
    sibling = ChildFactory(family=family, first_name="Bea")
    OnePageProfileFactory(child=sibling)
    response = family_client.post(step("child", service), {"child": sibling.pk})
    assert response.url == step("profile", service)
    page = family_client.get(step("profile", service))
    assert "Do you want to share Bea's one-page profile" in words(page)
    assert not soup(page).select("input[name=share_profile][checked]")


def test_a_session_that_filled_before_confirming_books_and_shares_nothing(
    family_client, session, child, service, profile, family
):
    to_question(family_client, session, child)
    family_client.post(step("profile", service), {"share_profile": "yes"})
    answer_the_rest(family_client, service)
    page = family_client.get(step("check", service))
    other = ChildFactory(first_name="Ben")
    confirm_booking(
        booking=hold_places(
            family=other.family, child=other, session=session, places=3, method="invoice", now=NOW
        ),
        now=NOW,
    )
    response = family_client.post(step("check", service), {"token": page.context["token"]})
    assert response.status_code == 302 and response.url == step("session", service)
    assert not Booking.objects.filter(family=family).exists()
    assert not ProfileShare.objects.exists()


def test_a_refused_payment_from_the_budget_books_and_shares_nothing(
    family_client,
    session,
    child,
    service,
    profile,
    make_budget,  # noqa: F811
):
    budget = make_budget(starts_on=STARTS, ends_on=ENDS)
    topped_up(budget, "30.00")
    to_question(family_client, session, child)
    family_client.post(step("profile", service), {"share_profile": "yes"})
    family_client.post(step("places", service), {"places": 2})  # £48
    family_client.post(step("budget", service), {"budget": "direct_payment"})
    family_client.post(step("outcome", service), {"outcome": "make-friends"})
    family_client.post(step("method", service), {"method": "invoice"})
    _, response = confirm(family_client, service)
    assert response.status_code == 200
    assert "only £30 of the budget is available" in words(response)
    assert not Booking.objects.exists()
    assert not ProfileShare.objects.exists()
    assert not ModelLogEntry.objects.filter(action=ACTION_SHARE).exists()
    assert not LedgerEntry.objects.filter(kind="commitment").exists()


def test_another_familys_child_cannot_be_shared_through_the_journey(session, service, other_child):
    OnePageProfileFactory(child=other_child)
    client = signed_in(UserFactory(email="someone@example.org"))
    client.post(step("session", service), {"session": session.pk})
    client.post(step("child", service), {"child": other_child.pk})
    # The answer for a child not theirs is never asked: the child question is refused.
    assert client.get(step("profile", service)).url == step("child", service)
    client.post(step("profile", service), {"share_profile": "yes"})
    assert not ProfileShare.objects.exists()


def test_the_question_is_for_family_accounts_only(offer, service, users_by_role):
    response = Client().get(step("profile", service))
    assert response.status_code == 302 and response.url.startswith("/account/login/")
    work = signed_in(users_by_role["provider"]).post(
        step("profile", service), {"share_profile": "yes"}
    )
    assert work.status_code == 403 and "This is a work account" in work.content.decode()
