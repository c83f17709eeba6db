"""Reported problems in the admin: the moderators' list, resolving with a note (audit
logged), and the provider's dashboard panel, which never shows safeguarding concerns or
other organisations' reports."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from wagtail.models import ModelLogEntry

from providers.moderation.reports.enums import ReportKind, ReportStatus
from providers.moderation.reports.models import ListingReport
from providers.moderation.reports.services import (
    ACTION_RESOLVE,
    ACTION_START,
    ReportError,
    mark_report_in_progress,
    resolve_report,
)
from providers.organisations.access import grant_organisation_access
from tests.factories import OrganisationPageFactory, ServicePageFactory, UserFactory

pytestmark = pytest.mark.django_db

PANEL_HEADING = "Problems reported with your listings"


def make_report(page, *, kind=ReportKind.WRONG_DETAILS, details="The times are wrong.", **extra):
    return ListingReport.objects.create(
        page=page,
        organisation=page.get_parent().specific,
        page_title=page.title,
        kind=kind,
        details=details,
        **extra,
    )


@pytest.fixture
def reports(service, users_by_role):
    return {
        "wrong": make_report(service, details="The phone number is wrong."),
        "closed": make_report(service, kind=ReportKind.CLOSED, details="It closed in May."),
        "safeguarding": make_report(
            service, kind=ReportKind.SAFEGUARDING, details="A worry about a member of staff."
        ),
    }


@pytest.fixture
def other_provider(organisation):
    other_org = OrganisationPageFactory(
        parent=organisation.get_parent(), title="Other Org", verified=True
    )
    theirs = ServicePageFactory(parent=other_org, title="Their own club")
    make_report(theirs, details="Their listing's address is old.")
    person = UserFactory(email="someone@other.example.org")
    grant_organisation_access(organisation=other_org, user=person, admin=True)
    return person


def client_of(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def admin_urls(report) -> list[str]:
    return [
        reverse("listing_reports:index"),
        reverse("listing_reports:edit", args=[report.pk]),
        reverse("listing_reports:inspect", args=[report.pk]),
        reverse("listing_reports:history", args=[report.pk]),
        reverse("listing_reports:delete", args=[report.pk]),
    ]


# --- moderators ----------------------------------------------------------------------------------


def test_moderators_list_reports_and_filter_by_status_and_kind(client_for, reports):
    resolve_report(report=reports["closed"], user=None, note="Listing unpublished.")
    client = client_for("moderator")
    index = reverse("listing_reports:index")

    everything = client.get(index).content.decode()
    new_only = client.get(index, {"status": "new"}).content.decode()
    safeguarding = client.get(index, {"kind": "safeguarding"}).content.decode()

    assert "The phone number is wrong." in everything and "It closed in May." in everything
    assert "A worry about a member of staff." in everything
    assert "It closed in May." not in new_only and "The phone number is wrong." in new_only
    assert "A worry about a member of staff." in safeguarding
    assert "The phone number is wrong." not in safeguarding


def test_a_moderator_resolves_a_report_with_a_note(client_for, reports, users_by_role):
    report = reports["wrong"]
    client = client_for("moderator")
    edit = reverse("listing_reports:edit", args=[report.pk])
    page = client.get(edit).content.decode()
    assert "The phone number is wrong." in page and 'name="action-resolve"' in page

    response = client.post(
        edit, {"resolution_note": "Provider fixed the number.", "action-resolve": "resolve"}
    )

    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == ReportStatus.RESOLVED
    assert report.resolution_note == "Provider fixed the number."
    assert report.resolved_by == users_by_role["moderator"] and report.resolved_at
    entry = ModelLogEntry.objects.get(object_id=str(report.pk), action=ACTION_RESOLVE)
    assert entry.user == users_by_role["moderator"]
    assert entry.data == {"from_status": "new", "note": "Provider fixed the number."}
    history = client.get(reverse("listing_reports:history", args=[report.pk])).content.decode()
    assert "Resolved" in history


def test_resolving_needs_a_note(client_for, reports):
    report = reports["wrong"]
    edit = reverse("listing_reports:edit", args=[report.pk])

    response = client_for("moderator").post(
        edit, {"resolution_note": "  ", "action-resolve": "resolve"}
    )

    assert response.status_code == 200
    assert "Say what was done about this report" in response.content.decode()
    report.refresh_from_db()
    assert report.status == ReportStatus.NEW
    assert not ModelLogEntry.objects.filter(action=ACTION_RESOLVE).exists()


def test_mark_in_progress_then_resolve_then_reopen(reports, users_by_role):
    moderator = users_by_role["moderator"]
    report = mark_report_in_progress(report=reports["wrong"], user=moderator)
    assert report.status == ReportStatus.IN_PROGRESS
    with pytest.raises(ReportError):
        mark_report_in_progress(report=report, user=moderator)
    report = resolve_report(report=report, user=moderator, note="Done.")
    with pytest.raises(ReportError, match="cannot be marked resolved"):
        resolve_report(report=report, user=moderator, note="Again.")
    report = mark_report_in_progress(report=report, user=moderator)
    assert report.status == ReportStatus.IN_PROGRESS
    actions = list(
        ModelLogEntry.objects.filter(object_id=str(report.pk))
        .order_by("timestamp", "pk")
        .values_list("action", flat=True)
    )
    assert actions == [ACTION_START, ACTION_RESOLVE, ACTION_START]


@pytest.mark.parametrize(
    "who", ["family", "content_editor", "finance_officer", "provider", "provider_admin"]
)
def test_only_moderators_reach_the_report_screens(client_for, reports, who):
    client = client_for(who)
    report = reports["safeguarding"]

    for url in admin_urls(report):
        response = client.get(url)
        assert response.status_code in (302, 403), url
        assert "A worry about a member of staff." not in response.content.decode()
    response = client.post(
        reverse("listing_reports:edit", args=[report.pk]),
        {"resolution_note": "x", "action-resolve": "resolve"},
    )
    assert response.status_code in (302, 403)
    report.refresh_from_db()
    assert report.status == ReportStatus.NEW


def test_another_organisations_provider_cannot_reach_the_report_screens(reports, other_provider):
    client = client_of(other_provider)

    for url in admin_urls(reports["wrong"]):
        response = client.get(url)
        assert response.status_code in (302, 403), url
        assert "The phone number is wrong." not in response.content.decode()


def test_anonymous_visitors_are_sent_to_sign_in(client, reports):
    for url in admin_urls(reports["wrong"]):
        response = client.get(url)
        assert response.status_code == 302 and "login" in response["Location"], url


def test_reports_are_never_deleted_even_by_moderators(client_for, reports):
    report = reports["wrong"]

    response = client_for("moderator").post(reverse("listing_reports:delete", args=[report.pk]))

    assert response.status_code in (302, 403)
    assert ListingReport.objects.filter(pk=report.pk).exists()


# --- the provider's dashboard -------------------------------------------------------------------


def test_providers_see_their_listings_reports_but_never_safeguarding_ones(client_for, reports):
    html = client_for("provider").get(reverse("wagtailadmin_home")).content.decode()

    assert PANEL_HEADING in html
    assert "The phone number is wrong." in html and "It closed in May." in html
    assert "A worry about a member of staff." not in html


def test_resolved_reports_leave_the_providers_panel(client_for, reports):
    for key in ("wrong", "closed"):
        resolve_report(report=reports[key], user=None, note="Fixed.")

    html = client_for("provider").get(reverse("wagtailadmin_home")).content.decode()

    assert PANEL_HEADING not in html


def test_providers_never_see_other_organisations_reports(reports, other_provider):
    html = client_of(other_provider).get(reverse("wagtailadmin_home")).content.decode()

    assert "Their listing&#x27;s address is old." in html
    assert "The phone number is wrong." not in html
    assert "A worry about a member of staff." not in html
