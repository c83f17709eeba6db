"""The booking journey page by page: each question, its answer kept, and the booking."""

from __future__ import annotations

import pytest
from django.urls import reverse

from pricing.bookings.enums import BookingStatus
from pricing.bookings.models import Booking
from pricing.payments.models import PaymentMethod
from tests.pricing.checkout.conftest import step
from tests.pricing.factories import SessionFactory
from tests.pricing.test_children_pages import child_form

pytestmark = pytest.mark.django_db


def test_the_first_page_lists_sessions_with_places_left(family_client, session, service):
    page = family_client.get(step("session", service))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Which session do you want to book?" in html
    assert "3 places left" in html
    assert f'value="{session.pk}"' in html


def test_each_answer_leads_to_the_next_question(family_client, session, child, service):
    answers = [
        ("session", {"session": session.pk}, "child"),
        ("child", {"child": child.pk}, "places"),
        ("places", {"places": "2"}, "method"),
        ("method", {"method": "invoice"}, "check"),
    ]
    for name, data, following in answers:
        response = family_client.post(step(name, service), data)
        assert response.status_code == 302, (name, response.content[:500])
        assert response.url == step(following, service)
    page = family_client.get(step("check", service))
    html = page.content.decode()
    assert "Check your answers before booking" in html
    assert "Amira" in html
    assert "£48" in html  # 2 places at £24, read from the listing


def test_a_later_question_sends_back_to_the_first_unanswered(family_client, session, service):
    response = family_client.get(step("places", service))
    assert response.url == step("session", service)
    family_client.post(step("session", service), {"session": session.pk})
    assert family_client.get(step("check", service)).url == step("child", service)


def test_paying_later_books_and_confirms_at_once(family_client, book, session, child, family):
    response = book(family_client, session=session, child=child, places=2)
    booking = Booking.objects.get(family=family)
    assert response.url == reverse("checkout:done", kwargs={"reference": booking.reference})
    assert booking.status == BookingStatus.CONFIRMED
    assert booking.method == PaymentMethod.INVOICE
    assert booking.places == 2 and str(booking.total) == "48.00"
    done = family_client.get(response.url)
    html = done.content.decode()
    assert "Booking confirmed" in html and booking.reference in html
    assert reverse("checkout:calendar", kwargs={"reference": booking.reference}) in html
    calendar = family_client.get(
        reverse("checkout:calendar", kwargs={"reference": booking.reference})
    )
    assert calendar["Content-Type"].startswith("text/calendar")
    assert b"BEGIN:VEVENT" in calendar.content


def test_the_answers_are_gone_once_booked(family_client, book, session, child, service):
    book(family_client, session=session, child=child)
    assert family_client.get(step("check", service)).url == step("session", service)


def test_card_goes_to_the_card_page_with_the_place_held(
    family_client, book, session, child, family, ready_organisation
):
    response = book(family_client, session=session, child=child, method="card")
    booking = Booking.objects.get(family=family)
    assert booking.status == BookingStatus.HELD
    assert response.url == reverse("checkout:pay", kwargs={"reference": booking.reference})


def test_card_is_not_offered_when_the_provider_cannot_take_it(
    family_client, session, child, service
):
    family_client.post(step("session", service), {"session": session.pk})
    family_client.post(step("child", service), {"child": child.pk})
    family_client.post(step("places", service), {"places": 1})
    page = family_client.get(step("method", service))
    assert 'value="card"' not in page.content.decode()
    response = family_client.post(step("method", service), {"method": "card"})
    assert response.status_code == 200
    assert "Select one of the ways this provider takes payment" in response.content.decode()


def test_a_free_session_skips_the_question_of_paying(family_client, book, offer, child, family):
    option = offer.cost_option
    option.is_free, option.amount = True, None
    option.save()
    session = SessionFactory(offer=offer, capacity=5)
    service = offer.service
    family_client.post(step("session", service), {"session": session.pk})
    family_client.post(step("child", service), {"child": child.pk})
    response = family_client.post(step("places", service), {"places": 1})
    assert response.url == step("check", service)
    page = family_client.get(step("check", service))
    family_client.post(step("check", service), {"token": page.context["token"]})
    booking = Booking.objects.get(family=family)
    assert booking.status == BookingStatus.CONFIRMED and booking.total == 0


def test_a_full_session_links_to_its_waiting_list(
    family_client, book, session, other_child, service
):
    book(Client_for(other_child.family), session=session, child=other_child, places=3)
    html = family_client.get(step("session", service)).content.decode()
    assert f"/account/bookings/waiting-list/join/{session.pk}/" in html
    assert "There are no places left to book" in html and "full." in html


def test_hours_of_support_go_to_the_request_form(family_client, service, offer):
    offer.kind = "hours"
    offer.save()
    response = family_client.get(step("session", service))
    assert response.url == f"/account/bookings/ask/{service.pk}/"


def test_a_listing_that_is_not_bookable_is_not_found(family_client, service, offer):
    offer.is_active = False
    offer.save()
    assert family_client.get(step("session", service)).status_code == 404


def test_a_family_without_children_is_asked_to_add_one(session, service):
    from tests.factories import UserFactory
    from tests.pricing.checkout.conftest import signed_in

    client = signed_in(UserFactory(email="new@example.org"))
    client.post(step("session", service), {"session": session.pk})
    html = client.get(step("child", service)).content.decode()
    assert "Add your child first" in html
    add = f"{reverse('families:add')}?next={step('child', service)}"
    assert add in html

    # The form carries the way back; adding the child returns to this question.
    assert 'name="next" value="' + step("child", service) in client.get(add).content.decode()
    response = client.post(add, {**child_form(), "next": step("child", service)})
    assert response.status_code == 302 and response.url == step("child", service)
    html = client.get(response.url).content.decode()
    assert "Who is the place for?" in html and "Sam" in html


def test_adding_a_child_never_sends_the_family_off_the_site(family_client):
    form = {**child_form(first_name="Ola"), "next": "https://elsewhere.example/phish"}
    response = family_client.post(reverse("families:add"), form)
    assert response.status_code == 302 and response.url.startswith("/account/children/")


def Client_for(user):  # noqa: N802 (reads as the client it makes)
    from tests.pricing.checkout.conftest import signed_in

    return signed_in(user)
