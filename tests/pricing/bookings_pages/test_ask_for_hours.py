"""Asking for hours of support, one question per page, as a family without JavaScript."""

import pytest
from django.urls import reverse

from pricing.bookings.enums import BookingStatus
from pricing.bookings.models import Booking, HoursRequest
from pricing.payments.models import ConnectedAccount
from tests.html import get, soup_of, text_of
from tests.pricing.factories import BookableOfferFactory, ChildFactory

pytestmark = pytest.mark.django_db


def step(name: str, service) -> str:
    return reverse(f"bookings:{name}", kwargs={"service": service.pk})


def errors_of(response) -> str:
    return text_of(soup_of(response).select_one(".govuk-error-summary"))


@pytest.fixture
def card_ready(organisation):
    ConnectedAccount.objects.create(
        organisation=organisation,
        stripe_account_id=f"acct_local_{organisation.pk}",
        is_local_test=True,
        charges_enabled=True,
        payouts_enabled=True,
        details_submitted=True,
    )


def answer_all(client, service, child, *, method: str | None = "invoice"):
    client.post(step("ask", service), {"child": str(child.pk)})
    client.post(step("ask_units", service), {"units": "6"})
    client.post(
        step("ask_times", service),
        {"days": ["monday", "wednesday"], "parts_of_day": ["after school"], "times_note": ""},
    )
    if method:
        client.post(step("ask_method", service), {"method": method})


def test_the_whole_request(
    family,
    child,
    family_client,
    hours_service,
    hours_offer,
    card_ready,
    mailoutbox,
    django_capture_on_commit_callbacks,
) -> None:
    ChildFactory(family=family, first_name="Zoe")
    page = get(family_client, step("ask", hours_service))
    assert text_of(page.find("h1")) == "Who is it for?"
    assert [text_of(x) for x in page.select(".govuk-radios__label")] == ["Amira", "Zoe"]
    response = family_client.post(step("ask", hours_service), {"child": str(child.pk)})
    assert response.url == step("ask_units", hours_service)
    page = get(family_client, response.url)
    assert text_of(page.find("h1")) == "How many hours do you need?"
    assert "It costs £24 for each hour" in text_of(page)
    response = family_client.post(step("ask_units", hours_service), {"units": "6"})
    assert response.url == step("ask_times", hours_service)
    response = family_client.post(
        step("ask_times", hours_service),
        {
            "days": ["monday", "wednesday"],
            "parts_of_day": ["after school"],
            "times_note": "Not Fridays",
        },
    )
    assert response.url == step("ask_method", hours_service)
    page = get(family_client, response.url)
    assert [text_of(x) for x in page.select(".govuk-radios__label")] == [
        "Card",
        "Pay later, on an invoice from the provider",
    ]
    response = family_client.post(step("ask_method", hours_service), {"method": "card"})
    assert response.url == step("ask_check", hours_service)
    page = get(family_client, response.url)
    text = text_of(page.select_one(".govuk-summary-list"))
    assert "Amira" in text and "6 hours (£144 in all)" in text
    assert "Mondays, Wednesdays; after school. Not Fridays" in text
    assert "Card" in text
    token = page.find("input", attrs={"name": "token"})["value"]
    with django_capture_on_commit_callbacks(execute=True):
        response = family_client.post(step("ask_check", hours_service), {"token": token})
    booking = Booking.objects.get(family=family)
    assert response.url == reverse("bookings:request_sent", kwargs={"reference": booking.reference})
    assert booking.status == BookingStatus.REQUESTED and booking.places == 6
    assert booking.method == "card"
    assert HoursRequest.objects.get(booking=booking).suitable_times.startswith("Mondays")
    page = get(family_client, response.url)
    assert booking.reference in text_of(page.select_one(".govuk-panel"))
    assert any(m.subject.startswith("Your request has been sent") for m in mailoutbox)
    listing = get(family_client, reverse("bookings:list"))
    assert booking.reference in text_of(listing)
    assert "Waiting for the provider" in text_of(listing)


def test_double_submitted_request_is_one_request(
    family, child, family_client, hours_service, hours_offer
) -> None:
    answer_all(family_client, hours_service, child)
    page = get(family_client, step("ask_check", hours_service))
    token = page.find("input", attrs={"name": "token"})["value"]
    first = family_client.post(step("ask_check", hours_service), {"token": token})
    second = family_client.post(step("ask_check", hours_service), {"token": token})
    assert Booking.objects.filter(family=family).count() == 1
    assert first.url == second.url


def test_method_is_not_asked_when_there_is_one_way_to_pay(
    family, child, family_client, hours_service, hours_offer
) -> None:
    # No card-ready Stripe account: pay later is the only way.
    answer_all(family_client, hours_service, child, method=None)
    response = family_client.get(step("ask_method", hours_service))
    assert response.status_code == 200  # reachable, but not on the way
    page = get(family_client, step("ask_check", hours_service))
    assert "Pay later, on an invoice from the provider" in text_of(page)
    token = page.find("input", attrs={"name": "token"})["value"]
    family_client.post(step("ask_check", hours_service), {"token": token})
    assert Booking.objects.get(family=family).method == "invoice"


@pytest.mark.parametrize("units", ["", "0", "-2", "2.5", "three", "201", "99999999999999999999"])
def test_nonsense_units_are_refused(child, family_client, hours_service, hours_offer, units):
    family_client.post(step("ask", hours_service), {"child": str(child.pk)})
    response = family_client.post(step("ask_units", hours_service), {"units": units})
    assert response.status_code == 200
    assert errors_of(response)
    assert text_of(soup_of(response).find("title")).startswith("Error:")


def test_another_familys_child_is_refused(
    child, family_client, hours_service, hours_offer, other_child
):
    response = family_client.post(step("ask", hours_service), {"child": str(other_child.pk)})
    assert "Select who it is for" in errors_of(response)


def test_times_need_an_answer(child, family_client, hours_service, hours_offer):
    family_client.post(step("ask", hours_service), {"child": str(child.pk)})
    family_client.post(step("ask_units", hours_service), {"units": "2"})
    response = family_client.post(step("ask_times", hours_service), {"days": ["someday"]})
    assert "Select days from the list" in errors_of(response)
    response = family_client.post(step("ask_times", hours_service), {})
    assert "Select the days that suit you" in errors_of(response)


def test_skipping_ahead_goes_back_to_the_first_question(
    child, family_client, hours_service, hours_offer
):
    response = family_client.get(step("ask_check", hours_service))
    assert response.url == step("ask", hours_service)
    family_client.post(step("ask", hours_service), {"child": str(child.pk)})
    response = family_client.get(step("ask_times", hours_service))
    assert response.url == step("ask_units", hours_service)


def test_changing_an_answer_returns_to_check_your_answers(
    child, family_client, hours_service, hours_offer
):
    answer_all(family_client, hours_service, child, method=None)
    family_client.get(step("ask_check", hours_service))
    response = family_client.post(step("ask_units", hours_service), {"units": "3"})
    assert response.url == step("ask_check", hours_service)
    assert "3 hours" in text_of(get(family_client, response.url))


def test_a_listing_without_an_hours_offer_is_404(family_client, service, offer, organisation):
    assert family_client.get(step("ask", service)).status_code == 404  # a sessions offer
    from tests.factories import ServicePageFactory

    plain = ServicePageFactory(parent=organisation)
    assert family_client.get(step("ask", plain)).status_code == 404
    assert family_client.get("/account/bookings/ask/99999999/").status_code == 404


def test_an_inactive_offer_is_not_taking_requests(family_client, hours_service, hours_offer):
    hours_offer.is_active = False
    hours_offer.save()
    page = get(family_client, step("ask", hours_service))
    assert "is not taking requests at the moment" in text_of(page.find("h1"))


def test_a_family_without_children_is_asked_to_add_one(client_for, hours_service, hours_offer):
    page = get(client_for("family"), step("ask", hours_service))
    assert text_of(page.find("h1")) == "Add a child first"


def test_free_hours_offer_is_sent_without_asking_how_to_pay(
    family, child, family_client, hours_service, organisation
):
    from tests.factories import CostOptionFactory

    free = CostOptionFactory(service=hours_service, is_free=True, amount=None)
    BookableOfferFactory(service=hours_service, hours=True, cost_option=free)
    answer_all(family_client, hours_service, child, method=None)
    page = get(family_client, step("ask_check", hours_service))
    assert "Free" in text_of(page.select_one(".govuk-summary-list"))
    token = page.find("input", attrs={"name": "token"})["value"]
    family_client.post(step("ask_check", hours_service), {"token": token})
    booking = Booking.objects.get(family=family)
    assert booking.total == 0 and booking.method == ""
