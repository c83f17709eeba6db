"""The shared booking's pages: start from the listing, the group's page, joining from the
link, cancelling; who sees what; the card page and confirmation of a share."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from pricing.budgets.enums import SharedStatus
from pricing.invoices.models import CustomerDetails
from pricing.sharing.models import SharedBooking
from tests.factories import UserFactory
from tests.html import soup_of, text_of
from tests.pricing.factories import ChildFactory
from tests.pricing.sharing.conftest import signed_in

pytestmark = pytest.mark.django_db


def details_url(session) -> str:
    return reverse("sharing:details", args=[session.offer.service_id, session.pk])


def start_form(child, **changes) -> dict:
    data = {
        "child": child.pk,
        "children": "2",
        "split": "equal",
        "deadline": "2d",
        "method": "card",
        "invite": "",
        "token": "page-token",
    }
    data.update(changes)
    return data


def test_the_listing_offers_to_share_the_cost(client, group_offer):
    html = client.get(group_offer.service.url).content.decode()
    start = reverse("sharing:start", args=[group_offer.service_id])
    assert f'href="{start}"' in html
    assert "£80 for a session for up to 4 children" in html


def test_the_organiser_starts_a_shared_booking_from_the_listing(
    family, child, group_session, mailoutbox, django_capture_on_commit_callbacks
):
    client = signed_in(family)
    start = reverse("sharing:start", args=[group_session.offer.service_id])
    page = client.get(start)
    assert page.status_code == 200 and "6 places left" in page.content.decode()
    refused = client.post(start, {})
    assert "Select a session" in refused.content.decode()
    assert client.post(start, {"session": group_session.pk}).url == details_url(group_session)

    page = client.get(details_url(group_session)).content.decode()
    assert "£80 for a session for a group of up to 4 children" in page
    assert "2 days before: by 10am on Tuesday 3 March" in page
    assert 'value="2d" checked' in page  # 48 hours before, the default
    wrong = client.post(
        details_url(group_session),
        start_form(child, split="agreed", amount_1="30", amount_2="40"),
    )
    html = wrong.content.decode()
    assert "There is a problem" in html and 'href="#id_amount_1"' in html
    assert "They must add up to the group price, £80" in html
    assert 'value="40"' in html  # what was typed is kept
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(details_url(group_session), start_form(child, invite="ruth@example.org"))
    shared = SharedBooking.objects.get()
    assert done.url == reverse("sharing:detail", args=[shared.reference])
    html = client.get(done.url).content.decode()
    assert "Waiting for everyone to pay" in html
    assert "/book/together/join/" in html  # the link, shown to the organiser once
    assert "Pay your share" in html and "Kept for an invited family" in html
    assert sorted(m.to[0] for m in mailoutbox) == sorted([family.email, "ruth@example.org"])


def test_a_family_joins_from_the_link_and_goes_to_pay(family, child, other, start):
    ruth, tobi = other
    started = start(family, child, children=3)
    client = signed_in(ruth)
    join = reverse("sharing:join", args=[started.token])
    page = client.get(join).content.decode()
    assert family.first_name in page and "£26.67" in page
    assert family.email not in page and child.first_name not in page
    answer = client.post(join, {"child": tobi.pk, "method": "card"})
    share = started.shared.shares.get(family=ruth)
    assert answer.url == reverse("checkout:pay", args=[share.booking.reference])
    pay = client.get(answer.url).content.decode()
    assert "You are paying your share of a shared booking" in pay
    assert "Pay later instead" not in pay
    group = client.get(reverse("sharing:detail", args=[started.shared.reference])).content.decode()
    assert "Tobi" in group and family.first_name in group
    assert "£26.67" in group  # their own share
    assert "£26.66" not in group  # nobody else's amount


def test_strangers_and_made_up_links_see_nothing(client, family, child, start):
    started = start(family, child, children=2)
    detail = reverse("sharing:detail", args=[started.shared.reference])
    stranger = signed_in(UserFactory(email="stranger@example.org"))
    assert stranger.get(detail).status_code == 404
    assert (
        stranger.get(reverse("sharing:cancel", args=[started.shared.reference])).status_code == 404
    )
    assert stranger.get(reverse("sharing:join", args=["made-up"])).status_code == 404
    assert client.get(detail).url.startswith("/account/login/")


def test_the_organiser_cancels_from_the_groups_page(family, child, other, start, join):
    ruth, tobi = other
    started = start(family, child, children=2)
    join(started, ruth, tobi)
    cancel = reverse("sharing:cancel", args=[started.shared.reference])
    assert signed_in(ruth).get(cancel).status_code == 404
    client = signed_in(family)
    assert "Cancel the shared booking?" in client.get(cancel).content.decode()
    assert client.post(cancel).url == reverse("sharing:detail", args=[started.shared.reference])
    assert SharedBooking.objects.get().status == SharedStatus.CANCELLED


def test_a_paid_share_waits_on_the_confirmation_page(family, child, start, pay):
    started = start(family, child, children=2)
    pay(started.booking)
    html = (
        signed_in(family)
        .get(reverse("checkout:done", args=[started.booking.reference]))
        .content.decode()
    )
    assert "You have paid your share" in html and started.shared.reference in html
    assert "Booking confirmed" not in html


def test_the_organiser_makes_a_new_link(family, child, start):
    started = start(family, child, children=2)
    client = signed_in(family)
    answer = client.post(reverse("sharing:new_link", args=[started.shared.reference]))
    html = client.get(answer.url).content.decode()
    assert "The old link no longer works" in html and "/book/together/join/" in html
    assert reverse("sharing:join", args=[started.token]) not in html
    assert client.get(reverse("sharing:join", args=[started.token])).status_code == 404
    assert Decimal(started.booking.total) == Decimal("40.00")


ADDRESS = "9 Ferry Lane\nNorthbridge\nNB4 2LS"


@pytest.fixture
def newcomer():
    """A family that has never given the name and address for its invoices."""
    family = UserFactory(email="kerry@example.org", first_name="Kerry", last_name="Walsh")
    return family, ChildFactory(family=family, first_name="Finn")


def test_a_family_joining_for_the_first_time_gives_its_invoice_address(
    family, child, newcomer, start
):
    kerry, finn = newcomer
    started = start(family, child, children=3)
    client = signed_in(kerry)
    join = reverse("sharing:join", args=[started.token])
    html = soup_of(client.get(join))
    assert "Your name and address for invoices" in text_of(html.main)
    assert html.select_one("#id_name")["value"] == "Kerry Walsh"

    refused = client.post(join, {"child": finn.pk, "method": "invoice", "name": "Kerry Walsh"})
    assert refused.status_code == 200
    summary = soup_of(refused).select_one(".govuk-error-summary")
    assert [text_of(a) for a in summary.select("a")] == ["Enter your postal address"]
    assert not started.shared.shares.filter(family=kerry).exists()
    assert not CustomerDetails.objects.filter(user=kerry).exists()

    client.post(
        join, {"child": finn.pk, "method": "invoice", "name": "Kerry Walsh", "address": ADDRESS}
    )
    assert started.shared.shares.filter(family=kerry).exists()
    details = CustomerDetails.objects.get(user=kerry)
    assert (details.name, details.address) == ("Kerry Walsh", ADDRESS)
    # Given once: the next link does not ask again.
    again = start(family, child, children=2)
    assert "Your name and address for invoices" not in text_of(
        soup_of(client.get(reverse("sharing:join", args=[again.token]))).main
    )


def test_an_organiser_starting_for_the_first_time_gives_its_invoice_address(
    newcomer, group_session
):
    kerry, finn = newcomer
    client = signed_in(kerry)
    refused = client.post(details_url(group_session), start_form(finn, method="invoice"))
    summary = soup_of(refused).select_one(".govuk-error-summary")
    assert {text_of(a) for a in summary.select("a")} == {
        "Enter the name to print on your invoices",
        "Enter your postal address",
    }
    assert not SharedBooking.objects.exists()
    done = client.post(
        details_url(group_session),
        start_form(finn, method="invoice", name="Kerry Walsh", address=ADDRESS),
    )
    shared = SharedBooking.objects.get()
    assert done.url == reverse("sharing:detail", args=[shared.reference])
    assert CustomerDetails.objects.get(user=kerry).address == ADDRESS
