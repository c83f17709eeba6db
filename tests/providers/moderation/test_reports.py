""" "Report a problem with this listing": the public form, who is told, spam resistance."""

from __future__ import annotations

import re
import time

import pytest
from django.test import Client
from wagtail.models import ModelLogEntry

from localoffer.core import spam
from providers.moderation.reports.enums import ReportKind, ReportStatus
from providers.moderation.reports.models import ListingReport
from providers.moderation.reports.services import ACTION_RECEIVED
from tests.factories import InformationPageFactory, ServicePageFactory

pytestmark = pytest.mark.django_db

DETAILS = "The phone number on this listing goes to a different club."
PROVIDER_PEOPLE = {"member@playclub.example.org", "admin@playclub.example.org"}
MODERATORS = {"moderator@northbridge.example"}


def report_url(page) -> str:
    return f"/listings/{page.pk}/report/"


def form_data(**overrides) -> dict:
    data = {
        "kind": ReportKind.WRONG_DETAILS,
        "details": DETAILS,
        "name": "",
        "email": "",
        "website": "",
        "started": spam.make_form_token(rendered_at=time.time() - 60),
    }
    data.update(overrides)
    return data


@pytest.fixture(autouse=True)
def _no_delay(settings):
    settings.FEEDBACK_MIN_SECONDS = 0


@pytest.fixture
def people(users_by_role):
    return users_by_role


def send(client, page, capture, **overrides):
    with capture(execute=True):
        return client.post(report_url(page), form_data(**overrides))


# --- the form ----------------------------------------------------------------------------------


def test_every_live_listing_links_to_the_form(client, service):
    html = client.get(service.url).content.decode()

    assert (
        f'<a class="govuk-link" href="{report_url(service)}">Report a problem with this listing</a>'
        in html
    )


def test_the_form_says_what_to_do_if_a_child_is_in_danger(client, service):
    response = client.get(report_url(service))

    assert response.status_code == 200
    html = response.content.decode()
    assert "Report a problem with this listing" in html and "Saturday sensory club" in html
    assert "If a child is in immediate danger, call 999." in html
    assert "Children&#x27;s Advice and Support Hub" in html and "01632 960 300" in html
    # Why a safeguarding concern does not go to the provider.
    assert "not to the organisation that runs the service" in html
    assert "Local Authority Designated Officer (LADO)" in html
    for kind in ReportKind:
        assert f'value="{kind.value}"' in html
    assert "There is a problem" not in html


def test_drafts_and_other_pages_have_no_form(client, organisation, home):
    draft = ServicePageFactory(parent=organisation, title="Secret plans", draft=True)
    information = InformationPageFactory(parent=home)

    for page_id in (draft.pk, information.pk, organisation.pk, 999_999):
        assert client.get(f"/listings/{page_id}/report/").status_code == 404
        assert client.post(f"/listings/{page_id}/report/", form_data()).status_code == 404
    assert not ListingReport.objects.exists()


@pytest.mark.parametrize(
    "kind", [ReportKind.WRONG_DETAILS, ReportKind.CLOSED, ReportKind.OTHER], ids=str
)
def test_a_report_goes_to_the_provider_and_the_moderators(
    client, service, people, kind, django_capture_on_commit_callbacks, mailoutbox
):
    response = send(
        client,
        service,
        django_capture_on_commit_callbacks,
        kind=kind,
        name="Priya",
        email="priya@example.org",
    )

    assert response.status_code == 302
    assert response["Location"] == f"/listings/{service.pk}/report/sent/"
    report = ListingReport.objects.get()
    assert (report.page_id, report.kind, report.details, report.status) == (
        service.pk,
        kind,
        DETAILS,
        ReportStatus.NEW,
    )
    assert report.organisation_id == service.get_parent().pk
    assert report.page_title == "Saturday sensory club"
    assert (report.name, report.email) == ("Priya", "priya@example.org")
    recipients = {message.to[0]: message for message in mailoutbox}
    assert set(recipients) == PROVIDER_PEOPLE | MODERATORS
    to_provider = recipients["member@playclub.example.org"]
    assert "Saturday sensory club" in to_provider.subject
    assert DETAILS in to_provider.body and "priya@example.org" in to_provider.body
    to_moderator = recipients["moderator@northbridge.example"]
    assert DETAILS in to_moderator.body
    assert f"/admin/listing-reports/edit/{report.pk}/" in to_moderator.body
    assert ModelLogEntry.objects.filter(object_id=str(report.pk), action=ACTION_RECEIVED).exists()
    thanks = client.get(response["Location"]).content.decode()
    assert "Thank you for your report" in thanks


def test_a_safeguarding_concern_goes_to_the_moderators_only_and_is_urgent(
    client, service, people, django_capture_on_commit_callbacks, mailoutbox
):
    concern = "A member of staff shouted at my son and pulled his arm."

    send(
        client,
        service,
        django_capture_on_commit_callbacks,
        kind=ReportKind.SAFEGUARDING,
        details=concern,
    )

    report = ListingReport.objects.get()
    assert report.kind == ReportKind.SAFEGUARDING
    assert [message.to for message in mailoutbox] == [["moderator@northbridge.example"]]
    (message,) = mailoutbox
    assert message.subject.startswith("URGENT: safeguarding concern")
    # The details stay in the admin: they may name a child.
    assert concern not in message.body
    assert f"/admin/listing-reports/edit/{report.pk}/" in message.body
    assert "LADO" in message.body


def test_reports_reach_the_councils_contact_address_when_there_are_no_moderators(
    client, service, django_capture_on_commit_callbacks, mailoutbox
):
    send(client, service, django_capture_on_commit_callbacks, kind=ReportKind.SAFEGUARDING)

    assert [message.to for message in mailoutbox] == [["localoffer@northbridge.example"]]


def test_mistakes_show_the_error_summary_and_nothing_is_saved(
    client, service, people, django_capture_on_commit_callbacks, mailoutbox
):
    response = send(
        client,
        service,
        django_capture_on_commit_callbacks,
        kind="",
        details="   ",
        email="not-an-address",
        name="Sam",
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert "<title>Error: " in html
    assert "There is a problem" in html
    assert '<a href="#report-kind-0">Select what is wrong with the listing</a>' in html
    assert '<a href="#report-details">Enter what is wrong</a>' in html
    assert (
        '<a href="#report-email">Enter an email address in the correct format, like '
        "name@example.com</a>" in html
    )
    assert 'id="report-details-error"' in html
    assert 'value="Sam"' in html
    assert not ListingReport.objects.exists()
    assert mailoutbox == []


def test_details_have_a_length_limit(client, service, people, django_capture_on_commit_callbacks):
    too_long = "It is wrong. " * 200

    response = send(client, service, django_capture_on_commit_callbacks, details=too_long)

    html = response.content.decode()
    assert "What is wrong must be 2,000 characters or fewer" in html
    assert too_long.strip() in html
    assert re.search(r'value="wrong_details"\s+checked', html)
    assert not ListingReport.objects.exists()


@pytest.mark.parametrize(
    "overrides",
    [
        pytest.param({"website": "https://cheap-pills.example"}, id="honeypot"),
        pytest.param({"started": ""}, id="no-token"),
        pytest.param({"started": "1700000000:forged"}, id="tampered-token"),
        pytest.param(
            {"details": "See https://a.example and http://b.example and www.c.example"},
            id="three-links",
        ),
    ],
)
def test_spam_is_dropped_with_the_normal_thank_you(
    client, service, people, overrides, django_capture_on_commit_callbacks, mailoutbox
):
    response = send(client, service, django_capture_on_commit_callbacks, **overrides)

    assert response.status_code == 302
    assert response["Location"] == f"/listings/{service.pk}/report/sent/"
    assert not ListingReport.objects.exists()
    assert mailoutbox == []


def test_a_form_left_open_for_days_comes_back_with_what_was_typed(client, service):
    days_ago = spam.make_form_token(rendered_at=time.time() - 3 * 24 * 60 * 60)

    response = client.post(report_url(service), form_data(started=days_ago))

    html = response.content.decode()
    assert "This form was opened more than a day ago" in html
    assert DETAILS in html
    assert not ListingReport.objects.exists()


def test_too_many_reports_from_one_address_get_a_429(client, service):
    limit = spam.rate_limit()[0]
    for _ in range(limit):
        assert client.post(report_url(service), form_data()).status_code == 302

    response = client.post(report_url(service), form_data())

    assert response.status_code == 429
    assert response["Retry-After"] == "600"
    html = response.content.decode()
    assert "We have not saved your report" in html and "call 999" in html
    assert ListingReport.objects.count() == limit
    assert Client(REMOTE_ADDR="192.0.2.7").post(report_url(service), form_data()).status_code == 302
    assert ListingReport.objects.count() == limit + 1
