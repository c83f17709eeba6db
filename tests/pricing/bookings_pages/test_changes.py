"""Cancelling (the refund shown before and after), moving, answering other times."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from pricing.bookings.enums import BookingStatus
from pricing.bookings.models import Booking
from pricing.bookings.services import hold_places, propose_times, request_hours
from pricing.payments.models import Refund
from tests.factories import ServicePageFactory
from tests.html import get, soup_of, text_of
from tests.pricing.bookings_pages.pages import button, link
from tests.pricing.factories import BookableOfferFactory, ChildFactory, SessionFactory

pytestmark = pytest.mark.django_db


def url(name: str, booking: Booking) -> str:
    return reverse(f"bookings:{name}", kwargs={"reference": booking.reference})


def test_cancel_within_the_policy_refunds_everything(
    family_client, paid_booking, mailoutbox, django_capture_on_commit_callbacks
) -> None:
    page = get(family_client, url("cancel", paid_booking))
    assert "You will get back £24" in text_of(page)
    assert button(page, "Cancel booking")
    with django_capture_on_commit_callbacks(execute=False):
        response = family_client.post(url("cancel", paid_booking))
    assert response.status_code == 302 and response.url == url("detail", paid_booking)
    paid_booking.refresh_from_db()
    assert paid_booking.status == BookingStatus.CANCELLED
    assert paid_booking.amount_refunded == Decimal("24.00") and paid_booking.refund_owed == 0
    refund = Refund.objects.get(payment=paid_booking.payment)
    assert refund.amount == Decimal("24.00")
    assert refund.idempotency_key == f"booking-{paid_booking.pk}-cancel"
    page = get(family_client, response.url)
    banner = text_of(page.select_one(".govuk-notification-banner"))
    assert "£24 will be refunded to the card you paid with" in banner
    assert "Cancelled by you" in text_of(page)
    assert "£24: being refunded" in text_of(page)
    assert link(page, "Cancel this booking") is None


def test_cancelling_twice_refunds_once(family_client, paid_booking) -> None:
    family_client.post(url("cancel", paid_booking))
    response = family_client.post(url("cancel", paid_booking))
    assert response.status_code == 200
    assert "This booking can no longer be cancelled" in text_of(soup_of(response))
    assert Refund.objects.filter(payment=paid_booking.payment).count() == 1


def test_cancel_after_the_cutoff_shows_the_policy_and_refunds_nothing(
    family_client, make_paid, offer, now
) -> None:
    soon = SessionFactory(offer=offer, starts_at=now + dt.timedelta(hours=30))
    booking = make_paid(session=soon)
    page = get(family_client, url("cancel", booking))
    text = text_of(page)
    assert "Free to cancel until 48 hours before, then no refund" in text
    assert "It is too late for a refund" in text
    family_client.post(url("cancel", booking))
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CANCELLED
    assert booking.refund_owed == 0 and booking.amount_refunded == 0
    assert not Refund.objects.exists()
    page = get(family_client, url("detail", booking))
    assert "There is nothing to refund" in text_of(page.select_one(".govuk-notification-banner"))


def test_cancel_an_unpaid_invoice_booking_owes_nothing(family_client, invoice_booking) -> None:
    page = get(family_client, url("cancel", invoice_booking))
    assert "You have not paid yet, so you will not be charged" in text_of(page)
    family_client.post(url("cancel", invoice_booking))
    invoice_booking.refresh_from_db()
    assert invoice_booking.status == BookingStatus.CANCELLED and invoice_booking.refund_owed == 0


def test_a_started_booking_cannot_be_cancelled(family_client, make_paid, offer, now) -> None:
    session = SessionFactory(offer=offer, starts_at=now + dt.timedelta(days=3))
    booking = make_paid(session=session)
    # The session starts while the family has the page open.
    session.starts_at = now - dt.timedelta(minutes=5)
    session.save()
    page = get(family_client, url("cancel", booking))
    assert "This booking cannot be cancelled" in text_of(page.find("h1"))
    family_client.post(url("cancel", booking))
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CONFIRMED


def test_move_to_another_session_of_the_same_offer(family_client, paid_booking, offer, now) -> None:
    later = SessionFactory(offer=offer, starts_at=now + dt.timedelta(days=10))
    full = SessionFactory(offer=offer, starts_at=now + dt.timedelta(days=11), capacity=1)
    other = ChildFactory(first_name="Dev")
    hold_places(family=other.family, child=other, session=full, places=1, method="invoice", now=now)
    page = get(family_client, url("move", paid_booking))
    labels = [text_of(label) for label in page.select(".govuk-radios__label")]
    assert len(labels) == 1 and "10 places left" in labels[0]
    response = family_client.post(url("move", paid_booking), {"session": str(later.pk)})
    assert response.status_code == 302
    paid_booking.refresh_from_db()
    assert paid_booking.session_id == later.pk
    page = get(family_client, response.url)
    assert "You do not need to pay again" in text_of(page.select_one(".govuk-notification-banner"))


def test_move_to_a_full_session_or_another_offers_session_is_refused(
    family_client, paid_booking, offer, organisation, now
) -> None:
    full = SessionFactory(offer=offer, starts_at=now + dt.timedelta(days=11), capacity=1)
    other = ChildFactory(first_name="Dev")
    hold_places(family=other.family, child=other, session=full, places=1, method="invoice", now=now)
    SessionFactory(offer=offer, starts_at=now + dt.timedelta(days=12))  # so the page has a form
    response = family_client.post(url("move", paid_booking), {"session": str(full.pk)})
    assert response.status_code == 200
    page = soup_of(response)
    assert "That session does not have enough places left." in text_of(
        page.select_one(".govuk-error-summary")
    )
    elsewhere = BookableOfferFactory(service=ServicePageFactory(parent=organisation))
    theirs = SessionFactory(offer=elsewhere, starts_at=now + dt.timedelta(days=12))
    for value in (str(theirs.pk), "nonsense", "99999999"):
        response = family_client.post(url("move", paid_booking), {"session": value})
        assert response.status_code == 200
        assert "Select the session you want to move to" in text_of(soup_of(response))
    paid_booking.refresh_from_db()
    assert paid_booking.session_id != full.pk and paid_booking.session_id != theirs.pk


@pytest.fixture
def proposed(family, child, hours_offer, provider, now):
    booking = request_hours(
        family=family,
        child=child,
        offer=hours_offer,
        units=2,
        suitable_times="Mondays",
        method="card",
        card_ready=True,
        now=now,
    )
    start = now + dt.timedelta(days=4)
    return propose_times(
        booking=booking,
        appointments=[(start, start + dt.timedelta(hours=1), 1)],
        by=provider,
        now=now,
        note="Tuesdays work better for us.",
    )


def test_accepting_other_times_goes_on_to_payment(family_client, proposed) -> None:
    detail = get(family_client, url("detail", proposed))
    assert link(detail, "Accept the times or withdraw your request")
    page = get(family_client, url("answer_proposal", proposed))
    assert "Tuesdays work better for us." in text_of(page)
    assert "1 hour, £24" in text_of(page)
    response = family_client.post(url("answer_proposal", proposed))
    assert response.url == f"/book/pay/{proposed.reference}/"
    proposed.refresh_from_db()
    assert proposed.status == BookingStatus.ACCEPTED
    detail = get(family_client, url("detail", proposed))
    assert link(detail, "Pay £24 now")["href"] == f"/book/pay/{proposed.reference}/"
    again = family_client.post(url("answer_proposal", proposed))
    assert again.status_code == 200 and soup_of(again).select_one(".govuk-error-summary")


def test_declining_other_times_withdraws_the_request(family_client, proposed) -> None:
    page = get(family_client, url("answer_proposal", proposed))
    assert link(page, "No thanks: withdraw my request")["href"] == url("cancel", proposed)
    family_client.post(url("cancel", proposed))
    proposed.refresh_from_db()
    assert proposed.status == BookingStatus.CANCELLED
    page = get(family_client, url("detail", proposed))
    assert "Your request has been withdrawn" in text_of(page)
