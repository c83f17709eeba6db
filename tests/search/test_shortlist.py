"""The shortlist: kept in the session with no account, changed only by POST with a CSRF
token, printable, and emailed to an address that is used once and never stored."""

from __future__ import annotations

from decimal import Decimal

import pytest
from bs4 import BeautifulSoup
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.core import mail
from django.db import transaction
from django.test import Client, override_settings

from providers.models import ServiceContact, ServicePage
from search import shortlist
from search.backends import get_backend
from tests.factories import (
    OrganisationIndexPageFactory,
    OrganisationPageFactory,
    site_tree,
)
from tests.html import soup_of, text_of
from tests.search.conftest import ServiceSpec, create_service

pytestmark = pytest.mark.django_db

ADD = "/services/shortlist/add/"
REMOVE = "/services/shortlist/remove/"
SHORTLIST = "/services/shortlist/"
PRINT = "/services/shortlist/print/"
EMAIL = "/services/shortlist/email/"
FAMILY_EMAIL = "parent.carer@example.org"


@pytest.fixture(scope="module")
def services(django_db_setup, django_db_blocker):
    """Three published services, built once for the module and rolled back after it."""
    with django_db_blocker.unblock(), transaction.atomic():
        get_backend.cache_clear()
        organisation = OrganisationPageFactory(
            parent=OrganisationIndexPageFactory(parent=site_tree()),
            title="Kite Trust",
            phone="01632 960 555",
            email="hello@kite.example.org",
        )
        swim = create_service(
            organisation,
            ServiceSpec(
                title="Splash swim club",
                summary="Swim sessions in a warm pool.",
                prices=[(Decimal("10.00"), True), (None, False)],
            ),
        )
        ServiceContact.objects.create(
            service=swim,
            name="Sam Patel",
            role="Coach",
            phone="01632 960 123",
            email="sam@kite.example.org",
        )
        art = create_service(
            organisation,
            ServiceSpec(
                title="Art club", summary="Painting and clay.", prices=[(Decimal("24.00"), False)]
            ),
        )
        music = create_service(
            organisation,
            ServiceSpec(title="Music group", summary="Bands and singing.", prices=[(None, False)]),
        )
        get_backend().index_services([swim.pk, art.pk, music.pk])
        yield {"swim": swim, "art": art, "music": music}
        get_backend.cache_clear()
        transaction.set_rollback(True)


def add(client: Client, service, next_url: str = "/services/?q=club"):
    return client.post(ADD, {"service": service.pk, "next": next_url})


def shortlisted(client: Client) -> list[int]:
    return client.session.get(shortlist.SESSION_KEY, [])


# --- adding and removing ---------------------------------------------------------------------


def test_add_returns_to_the_same_search_at_the_button(client, services):
    response = add(client, services["swim"], "/services/?q=club&age=7")

    assert response.status_code == 302
    assert response["Location"] == f"/services/?q=club&age=7#shortlist-{services['swim'].pk}"
    assert shortlisted(client) == [services["swim"].pk]
    # Adding twice keeps one.
    add(client, services["swim"])
    assert shortlisted(client) == [services["swim"].pk]


def test_results_show_what_is_on_the_shortlist_with_a_remove_button(client, services):
    add(client, services["art"])

    soup = soup_of(client.get("/services/?q=club"))

    art = soup.find(id=f"shortlist-{services['art'].pk}")
    assert "On your shortlist" in text_of(art)
    assert art.find("form")["action"] == REMOVE
    swim = soup.find(id=f"shortlist-{services['swim'].pk}")
    assert swim.find("form")["action"] == ADD
    assert soup.find("main").find("a", href=SHORTLIST).get_text() == "Your shortlist (1 service)"


def test_remove(client, services):
    add(client, services["swim"])
    add(client, services["art"])

    response = client.post(REMOVE, {"service": services["swim"].pk, "next": SHORTLIST})

    assert response["Location"] == f"{SHORTLIST}#shortlist-{services['swim'].pk}"
    assert shortlisted(client) == [services["art"].pk]


def test_the_listing_page_has_the_shortlist_button(client, services):
    swim = services["swim"]
    soup = soup_of(client.get(swim.url))
    form = soup.find(id=f"shortlist-{swim.pk}").find("form")
    assert form["action"] == ADD and form["method"] == "post"
    assert form.find("input", attrs={"name": "next"})["value"] == swim.url

    client.post(ADD, {"service": swim.pk, "next": swim.url})

    soup = soup_of(client.get(swim.url))
    assert "Remove from shortlist" in text_of(soup.find(id=f"shortlist-{swim.pk}"))


def test_the_shortlist_lives_in_the_session_only(client, services):
    add(client, services["swim"])

    # Another visitor has their own, empty shortlist; nobody signed in.
    other = Client()
    assert "Your shortlist is empty" in text_of(soup_of(other.get(SHORTLIST)))
    assert "_auth_user_id" not in client.session
    # Nothing but the session row holds it.
    (session,) = Session.objects.all()
    assert session.get_decoded()[shortlist.SESSION_KEY] == [services["swim"].pk]


def test_changes_need_a_csrf_token_or_a_same_origin_add(services):
    client = Client(enforce_csrf_checks=True)
    swim = {"service": services["swim"].pk}
    # "Add" is on cached pages, which carry no token: a cross-site POST is refused by the
    # headers the browser sends with it (localoffer.core.origin).
    assert client.post(ADD, swim, headers={"Origin": "https://evil.example"}).status_code == 403
    assert client.post(ADD, swim, headers={"Sec-Fetch-Site": "cross-site"}).status_code == 403
    assert client.post(REMOVE, swim).status_code == 403
    assert shortlisted(client) == []

    # From our own page it works without a token.
    response = client.post(ADD, swim, headers={"Sec-Fetch-Site": "same-origin"})
    assert response.status_code == 302
    assert shortlisted(client) == [services["swim"].pk]

    # Removing needs the token, which the page of a visitor with a shortlist carries.
    assert client.post(REMOVE, swim, headers={"Sec-Fetch-Site": "same-origin"}).status_code == 403
    soup = soup_of(client.get("/services/?q=splash"))
    token = soup.find(id=f"shortlist-{services['swim'].pk}").find(
        "input", attrs={"name": "csrfmiddlewaretoken"}
    )["value"]
    response = client.post(REMOVE, {**swim, "csrfmiddlewaretoken": token})
    assert response.status_code == 302
    assert shortlisted(client) == []


def test_changes_are_post_only(client, services):
    assert client.get(f"{ADD}?service={services['swim'].pk}").status_code == 405
    assert shortlisted(client) == []


@pytest.mark.parametrize("value", ["", "abc", "-1", "999999999", "1e3"])
def test_adding_what_is_not_a_published_service_is_refused(client, services, value):
    assert client.post(ADD, {"service": value}).status_code == 404
    assert shortlisted(client) == []


def test_a_draft_cannot_be_shortlisted(client, services):
    ServicePage.objects.get(pk=services["swim"].pk).unpublish()
    assert client.post(ADD, {"service": services["swim"].pk}).status_code == 404


@pytest.mark.parametrize("next_url", ["https://evil.example/", "//evil.example/", "javascript:x"])
def test_it_never_redirects_off_the_site(client, services, next_url):
    response = add(client, services["swim"], next_url)
    assert response["Location"] == f"{SHORTLIST}#shortlist-{services['swim'].pk}"


def test_the_shortlist_holds_at_most_fifty(client, services):
    session = client.session
    session[shortlist.SESSION_KEY] = list(range(1_000_000, 1_000_000 + shortlist.MAX_SERVICES))
    session.save()

    response = add(client, services["swim"])

    assert response.status_code == 409
    assert "Your shortlist is full" in text_of(soup_of(response))
    assert services["swim"].pk not in shortlisted(client)


def test_a_corrupted_session_value_is_an_empty_shortlist():
    session = SessionStore()
    session[shortlist.SESSION_KEY] = "not a list"
    assert shortlist.ids(session) == []
    session[shortlist.SESSION_KEY] = [3, "4", True, -1, 5]
    assert shortlist.ids(session) == [3, 5]


# --- the shortlist page and its print view --------------------------------------------------


def test_the_shortlist_page_lists_the_key_details(client, services):
    add(client, services["swim"])
    add(client, services["art"])

    soup = soup_of(client.get(SHORTLIST))

    items = soup.select(".app-shortlist-item")
    assert [text_of(item.find("h2")) for item in items] == ["Splash swim club", "Art club"]
    swim = text_of(items[0])
    assert "Run by Kite Trust" in swim
    assert "£10 per session" in swim and "Free" in swim
    assert "Direct payment" in swim
    assert "Sam Patel, Coach" in swim and "01632 960 123" in swim
    # Without contacts of its own, the organisation's.
    assert "01632 960 555" in text_of(items[1])
    assert soup.find("a", href=PRINT)
    assert soup.find("a", href=EMAIL)


def test_services_unpublished_since_shortlisting_are_dropped_with_a_note(client, services):
    add(client, services["swim"])
    add(client, services["art"])
    ServicePage.objects.get(pk=services["art"].pk).unpublish()

    soup = soup_of(client.get(SHORTLIST))

    assert "Art club is no longer listed, so we took it off your shortlist." in text_of(
        soup.find(class_="govuk-notification-banner")
    )
    assert [text_of(h) for h in soup.select(".app-shortlist-item h2")] == ["Splash swim club"]
    assert shortlisted(client) == [services["swim"].pk]
    # Said once: the next visit has nothing to report.
    assert soup_of(client.get(SHORTLIST)).find(class_="govuk-notification-banner") is None


def test_the_print_view_hides_the_page_frame_and_spells_out_addresses(client, services):
    add(client, services["swim"])

    response = client.get(PRINT)
    soup = soup_of(response)

    assert response.status_code == 200
    # The print stylesheet hiding the header and footer on paper is checked in Chromium
    # (tests/browser/test_search.py), which applies it.
    item = soup.select_one(".app-shortlist-item")
    assert f"http://testserver{services['swim'].url}" in text_of(item)
    assert item.find("form") is None  # no buttons on paper
    assert soup.find(id="feedback") is None


# --- email -------------------------------------------------------------------------------------


def send(client: Client, address: str = FAMILY_EMAIL):
    return client.post(EMAIL, {"email": address})


def test_email_the_shortlist_in_plain_english_with_links(client, services):
    add(client, services["swim"])
    add(client, services["art"])

    response = send(client)

    assert response.status_code == 302
    assert response["Location"] == "/services/shortlist/email/sent/"
    (message,) = mail.outbox
    assert message.to == [FAMILY_EMAIL]
    assert message.subject == "Your shortlist of services from the SEND Local Offer"
    body = message.body
    for expected in (
        "1. Splash swim club",
        "2. Art club",
        "Run by Kite Trust",
        "£10 per session",
        "£24 per session",
        "Direct payment: can be paid for with a direct payment",
        "Sam Patel (Coach), 01632 960 123, sam@kite.example.org",
        "01632 960 555",
        f"More about this service: http://testserver{services['swim'].url}",
        "Find more services: http://testserver/services/",
    ):
        assert expected in body, expected
    ((html, mimetype),) = message.alternatives
    assert mimetype == "text/html"
    html_soup = BeautifulSoup(html, "html.parser")
    assert html_soup.find("a", href=f"http://testserver{services['art'].url}")
    assert "Sam Patel" in html_soup.get_text()


def test_the_email_address_is_never_stored(client, services):
    add(client, services["swim"])

    response = send(client)
    sent_page = client.get(response["Location"])

    assert FAMILY_EMAIL not in sent_page.content.decode()
    for session in Session.objects.all():
        assert FAMILY_EMAIL not in str(session.get_decoded())
    assert "We have not kept your email address" in text_of(soup_of(sent_page))


@pytest.mark.parametrize(
    ("address", "message"),
    [
        ("", "Enter an email address"),
        ("not-an-address", "Enter an email address in the correct format, like name@example.com"),
        (
            "a@b.c\nBcc: victim@example.org",
            "Enter an email address in the correct format, like name@example.com",
        ),
    ],
)
def test_a_bad_address_gets_a_gov_uk_error_and_keeps_what_was_typed(
    client, services, address, message
):
    add(client, services["swim"])

    soup = soup_of(send(client, address))

    assert soup.find(class_="govuk-error-summary").find("a", href="#email", string=message)
    assert message in text_of(soup.find(id="email-error"))
    assert soup.title.string.startswith("Error:")
    assert mail.outbox == []


def test_an_empty_shortlist_sends_nothing(client, services):
    response = send(client)
    assert response.status_code == 200
    assert "Your shortlist is empty" in text_of(soup_of(response))
    assert mail.outbox == []


@override_settings(SHORTLIST_EMAIL_LIMIT=5)
def test_emails_are_rate_limited_per_session(client, services):
    add(client, services["swim"])
    for _ in range(5):
        assert send(client).status_code == 302

    response = send(client)

    assert response.status_code == 429
    assert "Try again in 60 minutes" in text_of(soup_of(response))
    assert response["Retry-After"] == "3600"
    assert len(mail.outbox) == 5


@override_settings(SHORTLIST_EMAIL_LIMIT=5)
def test_emails_are_rate_limited_per_address_across_sessions(services):
    # A new session is one cookie away: the connection's address is counted too.
    for _ in range(5):
        fresh = Client(REMOTE_ADDR="192.0.2.10")
        add(fresh, services["swim"])
        assert send(fresh).status_code == 302

    another = Client(REMOTE_ADDR="192.0.2.10")
    add(another, services["swim"])
    assert send(another).status_code == 429
    # Someone elsewhere is not held up.
    elsewhere = Client(REMOTE_ADDR="198.51.100.7")
    add(elsewhere, services["swim"])
    assert send(elsewhere).status_code == 302
    assert len(mail.outbox) == 6


def test_mistakes_do_not_count_towards_the_limit(client, services):
    add(client, services["swim"])
    for _ in range(8):
        send(client, "not-an-address")
    assert send(client).status_code == 302
