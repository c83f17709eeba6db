"""Listing confirmations and stale listings: the signed link, missed-cycle counting, the
"may be out of date" flag families see, unpublishing, and the daily command.

Cycles are opened and closed through the core services (providers.moderation.services), whose
signals run the freshness receivers, exactly as the daily job and moderators do.
"""

from __future__ import annotations

import datetime as dt
import re
from io import StringIO

import pytest
from django.core import signing
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import PageLogEntry

from providers.models import ServicePage
from providers.moderation import services as core
from providers.moderation.enums import CycleStatus
from providers.moderation.freshness import services
from providers.moderation.freshness.links import GRACE_DAYS, make_token
from providers.moderation.freshness.models import ListingConfirmation, ListingFreshness
from providers.moderation.freshness.selectors import out_of_date_page_ids
from providers.moderation.models import SubmissionCycle
from providers.organisations.access import grant_organisation_access, revoke_organisation_access
from search.backends import get_backend
from search.models import ServiceIndex
from tests.factories import OrganisationPageFactory, ServicePageFactory, UserFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate
CONFIRM_BUTTON = "Yes, these details are still right"
LINK = re.compile(r"http://testserver(/listings/confirm/[^/\s]+/)")


# --- helpers ------------------------------------------------------------------------------


def make_cycle(name: str, *, starts_in: int, length: int = 10, **fields) -> SubmissionCycle:
    opens_on = TODAY() + dt.timedelta(days=starts_in)
    deadline = opens_on + dt.timedelta(days=length)
    return SubmissionCycle.objects.create(
        name=name,
        opens_on=opens_on,
        deadline=deadline,
        review_by=deadline + dt.timedelta(days=2),
        **fields,
    )


def open_(cycle: SubmissionCycle, capture) -> SubmissionCycle:
    with capture(execute=True):
        return core.open_cycle(cycle=cycle)


def close(cycle: SubmissionCycle, capture) -> SubmissionCycle:
    with capture(execute=True):
        return core.close_cycle(cycle=cycle)


def freshness(page) -> ListingFreshness:
    return ListingFreshness.objects.get(page_id=page.pk)


def link_path(page, cycle, user) -> str:
    return f"/listings/confirm/{make_token(page_id=page.pk, cycle_id=cycle.pk, user_id=user.pk)}/"


def public_html(client: Client, page) -> str:
    response = client.get(page.url)
    assert response.status_code == 200
    return response.content.decode()


def search_titles(client: Client, query: str) -> list[str]:
    html = client.get("/services/", {"q": query}).content.decode()
    return re.findall(r'class="app-service-card__title"><a [^>]*>([^<]+)</a>', html)


def search_card(client: Client, query: str, title: str) -> str:
    html = client.get("/services/", {"q": query}).content.decode()
    match = re.search(
        rf'<li class="app-service-card app-result"[^>]*>(?:(?!</li>).)*{re.escape(title)}'
        r"(?:(?!</li>).)*</li>",
        html,
        re.S,
    )
    assert match, f"{title} is not in the results"
    return match.group(0)


@pytest.fixture
def cycle(service, users_by_role, django_capture_on_commit_callbacks, mailoutbox):
    """An open cycle, with the confirmation requests it sent cleared from the outbox."""
    opened = open_(make_cycle("Spring", starts_in=-1), django_capture_on_commit_callbacks)
    mailoutbox.clear()
    return opened


# --- asking providers when a cycle opens ----------------------------------------------------


def test_opening_a_cycle_emails_each_member_one_link_per_listing(
    organisation, service, users_by_role, django_capture_on_commit_callbacks, mailoutbox
):
    second = ServicePageFactory(parent=organisation, title="Holiday sensory club")
    other_org = OrganisationPageFactory(parent=organisation.get_parent(), verified=True)
    theirs = ServicePageFactory(parent=other_org, title="Someone else's club")
    draft = ServicePageFactory(parent=organisation, title="Draft club", draft=True)

    cycle = open_(make_cycle("Spring 2027", starts_in=0), django_capture_on_commit_callbacks)

    by_person = {message.to[0]: message for message in mailoutbox}
    assert set(by_person) == {"member@playclub.example.org", "admin@playclub.example.org"}
    member_email = by_person["member@playclub.example.org"]
    assert member_email.subject == (
        f"Check your listings on the SEND Local Offer by {cycle.deadline:%-d %B %Y}"
    )
    body = member_email.body
    assert "Saturday sensory club" in body and "Holiday sensory club" in body
    assert "Someone else's club" not in body and "Draft club" not in body
    assert "two review rounds" in body and "After three, we unpublish it" in body
    member_links = set(LINK.findall(body))
    admin_links = set(LINK.findall(by_person["admin@playclub.example.org"].body))
    assert len(member_links) == 2 and len(admin_links) == 2
    # Each link is signed for its recipient.
    assert not member_links & admin_links
    records = set(ListingFreshness.objects.values_list("page_id", flat=True))
    assert records == {service.pk, second.pk, theirs.pk}  # every live listing, no draft
    assert draft.pk not in records


# --- the signed link ---------------------------------------------------------------------------


def test_opening_the_link_shows_the_listing_and_changes_nothing(client, service, cycle, provider):
    response = client.get(link_path(service, cycle, provider))

    assert response.status_code == 200
    html = response.content.decode()
    assert "Saturday sensory club" in html
    assert "£24 per hour" in html
    assert re.search(
        r'<form method="post"[^>]*>\s*<input type="hidden" name="csrfmiddlewaretoken"', html
    )
    assert CONFIRM_BUTTON in html
    assert f'href="/admin/pages/{service.pk}/edit/"' in html  # "Something has changed"
    assert response["Referrer-Policy"] == "no-referrer"
    assert not ListingConfirmation.objects.exists()
    assert freshness(service).last_confirmed_at is None


def test_pressing_the_button_confirms_the_listing_for_its_recipient(
    service, cycle, provider, mailoutbox
):
    client = Client(enforce_csrf_checks=True)
    path = link_path(service, cycle, provider)
    html = client.get(path).content.decode()
    csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)

    response = client.post(path, {"csrfmiddlewaretoken": csrf})

    assert response.status_code == 302 and response["Location"] == path
    confirmation = ListingConfirmation.objects.get()
    assert (confirmation.page_id, confirmation.cycle, confirmation.confirmed_by) == (
        service.pk,
        cycle,
        provider,
    )
    record = freshness(service)
    assert record.last_confirmed_by == provider and record.last_confirmed_at is not None
    entry = PageLogEntry.objects.get(page=service, action=services.ACTION_CONFIRM)
    assert entry.user == provider and entry.data["method"] == "email"
    done = client.get(path).content.decode()
    assert "Listing confirmed" in done and CONFIRM_BUTTON not in done


def test_the_button_needs_the_csrf_token(service, cycle, provider):
    client = Client(enforce_csrf_checks=True)

    response = client.post(link_path(service, cycle, provider))

    assert response.status_code == 403
    assert not ListingConfirmation.objects.exists()


def test_confirming_twice_is_harmless(client, service, cycle, provider, users_by_role):
    client.post(link_path(service, cycle, provider))
    first = freshness(service).last_confirmed_at

    again = client.post(link_path(service, cycle, provider))
    other_member = client.post(link_path(service, cycle, users_by_role["provider_admin"]))

    assert again.status_code == 302 and other_member.status_code == 302
    assert ListingConfirmation.objects.count() == 1
    assert ListingConfirmation.objects.get().confirmed_by == provider
    assert freshness(service).last_confirmed_at == first
    assert PageLogEntry.objects.filter(page=service, action=services.ACTION_CONFIRM).count() == 1


def test_a_link_works_for_a_week_after_the_deadline_then_expires(client, service, provider):
    just_past = make_cycle(
        "Late",
        starts_in=-20,
        length=20 - GRACE_DAYS,  # deadline exactly GRACE_DAYS ago: the last day it works
        status=CycleStatus.CLOSED,
        opened_at=timezone.now() - dt.timedelta(days=20),
    )
    assert client.get(link_path(service, just_past, provider)).status_code == 200

    SubmissionCycle.objects.filter(pk=just_past.pk).update(
        deadline=just_past.deadline - dt.timedelta(days=1)
    )
    for response in (
        client.get(link_path(service, just_past, provider)),
        client.post(link_path(service, just_past, provider)),
    ):
        assert response.status_code == 410
        html = response.content.decode()
        assert "This link has expired" in html
        assert "Nothing has been changed" in html
        assert CONFIRM_BUTTON not in html
    assert not ListingConfirmation.objects.exists()


@pytest.mark.parametrize(
    "mangle",
    [
        pytest.param(lambda token: token[:-1] + ("A" if token[-1] != "A" else "B"), id="signature"),
        pytest.param(lambda token: "x" + token, id="payload"),
        pytest.param(lambda token: "not-a-token", id="garbage"),
    ],
)
def test_a_tampered_link_changes_nothing(client, service, cycle, provider, mangle):
    token = mangle(make_token(page_id=service.pk, cycle_id=cycle.pk, user_id=provider.pk))

    for response in (
        client.get(f"/listings/confirm/{token}/"),
        client.post(f"/listings/confirm/{token}/"),
    ):
        assert response.status_code == 400
        assert "This link does not work" in response.content.decode()
    assert not ListingConfirmation.objects.exists()


def test_a_token_signed_for_anything_else_is_refused(client, service, cycle, provider):
    # Same payload, another salt: a signature made for another purpose never verifies.
    token = signing.dumps({"p": service.pk, "c": cycle.pk, "u": provider.pk}, salt="other")

    response = client.post(f"/listings/confirm/{token}/")

    assert response.status_code == 400
    assert not ListingConfirmation.objects.exists()


def test_a_link_from_an_earlier_cycle_is_refused(
    client, service, cycle, provider, django_capture_on_commit_callbacks
):
    old_path = link_path(service, cycle, provider)
    close(cycle, django_capture_on_commit_callbacks)
    newer = open_(make_cycle("Summer", starts_in=20), django_capture_on_commit_callbacks)

    response = client.post(old_path)

    assert response.status_code == 410
    assert "This link is from an earlier review round" in response.content.decode()
    assert not ListingConfirmation.objects.exists()
    assert client.post(link_path(service, newer, provider)).status_code == 302


def test_a_link_for_an_unpublished_listing_changes_nothing(client, service, cycle, provider):
    service.unpublish()

    response = client.post(link_path(service, cycle, provider))

    assert response.status_code == 410
    html = response.content.decode()
    assert "This listing is not published" in html and "submit it for review" in html
    assert not ListingConfirmation.objects.exists()


def test_a_link_stops_working_when_its_recipient_leaves_the_organisation(
    client, organisation, service, cycle, provider
):
    revoke_organisation_access(organisation=organisation, user=provider)

    response = client.post(link_path(service, cycle, provider))

    assert response.status_code == 403
    assert "not for you any more" in response.content.decode()
    assert not ListingConfirmation.objects.exists()


def test_a_link_cannot_confirm_another_organisations_listing(
    client, organisation, service, cycle, provider
):
    other_org = OrganisationPageFactory(parent=organisation.get_parent(), verified=True)
    theirs = ServicePageFactory(parent=other_org, title="Their club")

    response = client.post(link_path(theirs, cycle, provider))

    assert response.status_code == 403
    assert not ListingConfirmation.objects.exists()


# --- counting missed cycles ------------------------------------------------------------------


def test_three_missed_cycles_flag_warn_remind_and_unpublish(
    client, organisation, service, users_by_role, django_capture_on_commit_callbacks, mailoutbox
):
    capture = django_capture_on_commit_callbacks
    kept = ServicePageFactory(parent=organisation, title="Saturday sensory swim")
    get_backend().index_services([service.pk, kept.pk])
    assert {"Saturday sensory club", "Saturday sensory swim"} <= set(
        search_titles(client, "saturday")
    )
    first = make_cycle("Spring", starts_in=0)
    second = make_cycle("Summer", starts_in=20)
    third = make_cycle("Autumn", starts_in=40)

    # Cycle 1: `kept` is confirmed, `service` is not.
    open_(first, capture)
    client.post(link_path(kept, first, users_by_role["provider"]))
    close(first, capture)
    assert (freshness(service).missed_cycles, freshness(kept).missed_cycles) == (1, 0)
    assert freshness(service).flagged_at is None
    assert "may be out of date" not in public_html(client, service)

    # Cycle 2: the second miss flags it and warns its members about the next deadline.
    open_(second, capture)
    client.post(link_path(kept, second, users_by_role["provider"]))
    mailoutbox.clear()
    close(second, capture)
    record = freshness(service)
    assert record.missed_cycles == 2 and record.flagged_at and record.warned_at
    assert out_of_date_page_ids([service.pk, kept.pk]) == {service.pk}
    assert "This listing may be out of date" in public_html(client, service)
    assert "may be out of date" not in public_html(client, kept)
    assert "May be out of date" in search_card(client, "saturday", "Saturday sensory club")
    assert "May be out of date" not in search_card(client, "saturday", "Saturday sensory swim")
    warnings = {message.to[0]: message for message in mailoutbox}
    assert set(warnings) == {"member@playclub.example.org", "admin@playclub.example.org"}
    warning = warnings["member@playclub.example.org"].body
    assert "Saturday sensory club" in warning and "Saturday sensory swim" not in warning
    assert f"{third.deadline:%-d %B %Y}" in warning and "Autumn" in warning
    assert PageLogEntry.objects.filter(page=service, action=services.ACTION_FLAG).count() == 1

    # Cycle 3: a week before the deadline the daily job reminds them, once.
    open_(third, capture)
    mailoutbox.clear()
    week_before = third.deadline - dt.timedelta(days=services.REMINDER_DAYS_BEFORE_DEADLINE)
    with capture(execute=True):
        call_command("run_submission_cycles", date=week_before - dt.timedelta(days=1))
    assert mailoutbox == []
    with capture(execute=True):
        call_command("run_submission_cycles", date=week_before, stdout=StringIO())
        call_command("run_submission_cycles", date=week_before + dt.timedelta(days=1))
    assert len(mailoutbox) == 2
    reminder = mailoutbox[0]
    assert f"{third.deadline:%-d %B %Y}" in reminder.subject
    assert "Saturday sensory club" in reminder.body and LINK.search(reminder.body)
    mailoutbox.clear()

    # The third miss unpublishes it at the close: gone from the page and the search.
    public_url = service.url
    client.post(link_path(kept, third, users_by_role["provider"]))
    close(third, capture)
    service.refresh_from_db()
    assert not service.live
    assert freshness(service).unpublished_at is not None
    assert client.get(public_url).status_code == 404
    assert search_titles(client, "saturday") == ["Saturday sensory swim"]
    assert not ServiceIndex.objects.filter(service_id=service.pk).exists()
    assert ServiceIndex.objects.filter(service_id=kept.pk).exists()
    entry = PageLogEntry.objects.get(page=service, action=services.ACTION_UNPUBLISH)
    assert entry.data["missed_cycles"] == 3
    unpublished = {message.to[0]: message.body for message in mailoutbox}
    assert set(unpublished) == {"member@playclub.example.org", "admin@playclub.example.org"}
    assert "How to get a listing back" in unpublished["member@playclub.example.org"]
    assert "submit it for review" in unpublished["member@playclub.example.org"]
    assert kept.live and freshness(kept).missed_cycles == 0


def test_confirming_clears_the_flag_at_once(
    client, service, provider, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    for number, starts_in in enumerate((0, 20)):
        cycle = make_cycle(f"Cycle {number}", starts_in=starts_in)
        open_(cycle, capture)
        close(cycle, capture)
    assert "This listing may be out of date" in public_html(client, service)

    third = open_(make_cycle("Third", starts_in=40), capture)
    client.post(link_path(service, third, provider))

    record = freshness(service)
    assert (record.missed_cycles, record.flagged_at, record.warned_at) == (0, None, None)
    assert "may be out of date" not in public_html(client, service)
    close(third, capture)
    service.refresh_from_db()
    assert service.live and freshness(service).missed_cycles == 0


def test_an_approved_change_clears_the_flag(
    client, service, users_by_role, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    for number, starts_in in enumerate((0, 20)):
        cycle = make_cycle(f"Cycle {number}", starts_in=starts_in)
        open_(cycle, capture)
        close(cycle, capture)
    assert out_of_date_page_ids([service.pk]) == {service.pk}
    third = open_(make_cycle("Third", starts_in=40), capture)

    draft = ServicePage.objects.get(pk=service.pk)
    draft.summary = "Sensory play on Saturday mornings, now with a quiet room."
    draft.save_revision(user=users_by_role["provider"])
    with capture(execute=True):
        submission = core.submit_for_review(page=draft, user=users_by_role["provider"])
        core.approve_submission(submission=submission, user=users_by_role["moderator"])

    assert out_of_date_page_ids([service.pk]) == set()
    assert "may be out of date" not in public_html(client, service)
    close(third, capture)
    assert freshness(service).missed_cycles == 0


def test_a_change_waiting_for_a_moderator_at_the_close_is_not_a_miss(
    service, users_by_role, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    cycle = open_(make_cycle("Spring", starts_in=0), capture)
    draft = ServicePage.objects.get(pk=service.pk)
    draft.summary = "A new summary."
    draft.save_revision(user=users_by_role["provider"])
    with capture(execute=True):
        core.submit_for_review(page=draft, user=users_by_role["provider"])

    close(cycle, capture)

    assert freshness(service).missed_cycles == 0


def test_a_close_is_counted_once(service, django_capture_on_commit_callbacks):
    cycle = open_(make_cycle("Spring", starts_in=0), django_capture_on_commit_callbacks)
    close(cycle, django_capture_on_commit_callbacks)

    services.count_missed_cycles(cycle=cycle)

    assert freshness(service).missed_cycles == 1


def test_a_listing_never_confirmed_is_counted(service, django_capture_on_commit_callbacks):
    # Null dates must count as "not checked", on every database.
    ListingFreshness.objects.filter(page_id=service.pk).update(
        last_updated_at=None, last_confirmed_at=None
    )
    cycle = open_(make_cycle("Spring", starts_in=0), django_capture_on_commit_callbacks)
    close(cycle, django_capture_on_commit_callbacks)

    assert freshness(service).missed_cycles == 1


def test_listings_without_a_record_get_one_from_their_last_publication(
    service, django_capture_on_commit_callbacks
):
    ListingFreshness.objects.all().delete()
    cycle = open_(make_cycle("Spring", starts_in=0), django_capture_on_commit_callbacks)
    close(cycle, django_capture_on_commit_callbacks)

    # Published before the cycle opened and not checked since: one miss.
    assert freshness(service).missed_cycles == 1


def test_out_of_date_page_ids_is_one_query(organisation, service):
    others = [ServicePageFactory(parent=organisation) for _ in range(3)]
    ListingFreshness.objects.filter(page_id=others[0].pk).update(
        missed_cycles=2, flagged_at=timezone.now()
    )
    ListingFreshness.objects.filter(page_id=others[1].pk).update(
        missed_cycles=3, flagged_at=timezone.now(), unpublished_at=timezone.now()
    )

    with CaptureQueriesContext(connection) as queries:
        result = out_of_date_page_ids([service.pk, *(page.pk for page in others)])

    assert result == {others[0].pk}
    assert len(queries.captured_queries) == 1
    assert out_of_date_page_ids([]) == set()


# --- the daily command ---------------------------------------------------------------------------


def test_the_daily_command_closes_opens_and_is_idempotent(
    service, users_by_role, django_capture_on_commit_callbacks, mailoutbox
):
    capture = django_capture_on_commit_callbacks
    # Opened 12 days ago, deadline 2 days ago (open_cycle refuses a past deadline).
    ending = make_cycle(
        "Winter",
        starts_in=-12,
        length=10,
        status=CycleStatus.OPEN,
        opened_at=timezone.now() - dt.timedelta(days=12),
    )
    starting = make_cycle("Spring", starts_in=0)
    later = make_cycle("Summer", starts_in=30)
    # Last published before Winter opened.
    ListingFreshness.objects.filter(page_id=service.pk).update(
        last_updated_at=timezone.now() - dt.timedelta(days=20)
    )
    mailoutbox.clear()

    out = StringIO()
    with capture(execute=True):
        call_command("run_submission_cycles", stdout=out, no_progress=True)

    ending.refresh_from_db(), starting.refresh_from_db(), later.refresh_from_db()
    assert (ending.status, starting.status, later.status) == ("closed", "open", "scheduled")
    text = out.getvalue()
    assert "Closing Winter" in text and "Opening Spring" in text
    assert "Closed Winter: 0 listing(s) checked, 1 missed" in text
    # The confirmation requests go out in the background once the opening commits.
    assert len(mailoutbox) == 2

    again = StringIO()
    with capture(execute=True):
        call_command("run_submission_cycles", stdout=again, no_progress=True)
    assert again.getvalue().strip() == "Nothing to do today."
    assert len(mailoutbox) == 2
    assert freshness(service).missed_cycles == 1


def test_the_daily_command_does_not_open_a_cycle_whose_deadline_has_passed(db):
    stale = make_cycle("Forgotten", starts_in=-30, length=5)

    out = StringIO()
    call_command("run_submission_cycles", stdout=out, no_progress=True)

    stale.refresh_from_db()
    assert stale.status == CycleStatus.SCHEDULED
    assert "Not opening Forgotten: its deadline" in out.getvalue()


def test_a_dry_run_changes_nothing(db):
    starting = make_cycle("Spring", starts_in=0)

    out = StringIO()
    call_command("run_submission_cycles", stdout=out, dry_run=True, no_progress=True)

    starting.refresh_from_db()
    assert starting.status == CycleStatus.SCHEDULED
    assert "Opening Spring" in out.getvalue()


def test_members_added_later_get_links_signed_for_them(
    organisation, service, django_capture_on_commit_callbacks, mailoutbox
):
    newcomer = UserFactory(email="newcomer@playclub.example.org")
    grant_organisation_access(organisation=organisation, user=newcomer, admin=False)

    open_(make_cycle("Spring", starts_in=0), django_capture_on_commit_callbacks)

    (message,) = mailoutbox
    assert message.to == ["newcomer@playclub.example.org"]
    path = LINK.search(message.body).group(1)
    assert Client().post(path).status_code == 302
    assert ListingConfirmation.objects.get().confirmed_by == newcomer
