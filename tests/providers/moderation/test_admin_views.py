"""The moderation screens in the Wagtail admin, and who may reach each one.

Least privilege is tried the way an attacker would: by typing every URL as every role.
"""

import datetime as dt
import re

import pytest
from django.urls import reverse

from providers.moderation.enums import CycleStatus, SubmissionStatus, UrgentReason
from providers.moderation.models import Submission, SubmissionCycle
from providers.moderation.selectors import suggested_cycle
from providers.moderation.services import approve_submission, request_changes
from providers.organisations.access import grant_organisation_access
from tests.factories import OrganisationPageFactory, ServicePageFactory, UserFactory
from tests.localoffer.test_roles import form_data, is_refused
from tests.providers.moderation.support import (
    edit_draft,
    make_cycle,
    move_deadline_into_the_past,
    refresh,
    submit,
    today,
)

pytestmark = pytest.mark.django_db


STAFF_ONLY_ROLES = ["provider", "provider_admin", "content_editor", "finance_officer"]
NO_ADMIN_ROLES = [None, "family"]


@pytest.fixture
def cycle(moderator):
    return make_cycle(moderator, name="Spring 2027")


@pytest.fixture
def submission(cycle, service, provider):
    page, _ = edit_draft(service, provider, summary="Now on Sundays too")
    return submit(page, provider, note="We added Sundays.")


@pytest.fixture
def moderator_urls(cycle, submission, moderator):
    scheduled = make_cycle(moderator, status=CycleStatus.SCHEDULED, opens_in=90, name="Summer")
    return {
        "queue": reverse("moderation:queue"),
        "urgent": reverse("moderation:urgent"),
        "waiting": reverse("moderation:waiting"),
        "review": reverse("moderation:review", args=[submission.pk]),
        "decisions": reverse("moderation:decisions"),
        "figures": reverse("moderation:dashboard"),
        "cycles": reverse("moderation_cycles:index"),
        "add cycle": reverse("moderation_cycles:add"),
        "edit cycle": reverse("moderation_cycles:edit", args=[scheduled.pk]),
        "open cycle": reverse("moderation:cycle_open", args=[scheduled.pk]),
        "close cycle": reverse("moderation:cycle_close", args=[cycle.pk]),
    }


def _login_redirect(response) -> bool:
    # The admin's own login page, or the site's account login if the admin uses it.
    return response.status_code == 302 and "login/?next=" in response["Location"]


# --- least privilege ------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["moderator", "superuser"])
def test_moderators_and_superusers_reach_every_moderation_screen(client_for, moderator_urls, role):
    client = client_for(role)
    for name, url in moderator_urls.items():
        assert client.get(url).status_code == 200, name


@pytest.mark.parametrize("role", STAFF_ONLY_ROLES)
def test_other_admin_users_are_refused_every_moderation_screen(
    client_for, moderator_urls, submission, role
):
    client = client_for(role)
    for name, url in moderator_urls.items():
        assert is_refused(client.get(url)), name
        assert is_refused(client.post(url, {"action-approve": "approve"})), name
    post_urgent = reverse("moderation:mark_urgent", args=[submission.pk])
    assert is_refused(client.post(post_urgent, {"reason": UrgentReason.UNSAFE}))
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.IN_REVIEW
    assert SubmissionCycle.objects.get(name="Summer").status == CycleStatus.SCHEDULED
    assert SubmissionCycle.objects.get(name="Spring 2027").status == CycleStatus.OPEN


@pytest.mark.parametrize("role", NO_ADMIN_ROLES)
def test_people_without_admin_access_are_sent_to_log_in(client_for, moderator_urls, service, role):
    client = client_for(role)
    for name, url in {
        **moderator_urls,
        "submit": reverse("moderation:submit", args=[service.pk]),
    }.items():
        assert _login_redirect(client.get(url)), name


def test_the_admin_menu_shows_moderation_to_moderators_only(client_for, cycle):
    assert b"Listings moderation" in client_for("moderator").get("/admin/").content
    for role in STAFF_ONLY_ROLES:
        assert b"Listings moderation" not in client_for(role).get("/admin/").content, role


# --- the provider's submit screen -------------------------------------------------------------


def test_a_provider_submits_its_own_listing_from_the_submit_screen(
    client_for, cycle, service, provider
):
    edit_draft(service, provider, summary="Changed")
    client = client_for("provider")
    url = reverse("moderation:submit", args=[service.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert b"Spring 2027 is open." in page.content
    response = client.post(url, {"note": "New times", "urgent_reason": ""})
    assert response.status_code == 302 and response["Location"] == "/admin/"
    submission = Submission.objects.get()
    assert (submission.note, submission.cycle, submission.submitted_by) == (
        "New times",
        cycle,
        provider,
    )


def test_the_submit_screen_shows_refusals_in_the_error_summary(client_for, cycle, service):
    response = client_for("provider").post(
        reverse("moderation:submit", args=[service.pk]), {"note": "", "urgent_reason": ""}
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "There is a problem" in content
    assert "There are no changes to submit." in content
    assert not Submission.objects.exists()


def test_nobody_submits_another_organisations_listing_by_url(
    client_for, cycle, organisation_index, provider
):
    other = OrganisationPageFactory(parent=organisation_index, verified=True)
    theirs = ServicePageFactory(parent=other, draft=True)
    url = reverse("moderation:submit", args=[theirs.pk])
    for role in ["provider", "provider_admin", "content_editor", "finance_officer"]:
        client = client_for(role)
        # A provider is told nothing about another organisation's draft (a 404, the
        # admin's page-visibility guard); staff without the right are refused (403).
        for response in (client.get(url), client.post(url, {"note": "mine now"})):
            assert response.status_code == 404 or is_refused(response), role
    assert not Submission.objects.exists()


def test_the_submit_screen_is_only_for_directory_pages(client_for, home):
    url = reverse("moderation:submit", args=[home.pk])
    assert client_for("superuser").get(url).status_code == 404


def test_submit_for_review_in_the_page_editor_saves_then_opens_the_submit_screen(
    client_for, cycle, service
):
    client = client_for("provider")
    edit_url = reverse("wagtailadmin_pages:edit", args=[service.pk])
    editor = client.get(edit_url)
    assert b'name="action-submit-for-review"' in editor.content
    assert b'name="action-publish"' not in editor.content
    data = form_data(editor)
    data.update({"summary": ["Sundays as well"], "action-submit-for-review": ["Submit for review"]})
    response = client.post(edit_url, data)
    assert response.status_code == 302
    assert response["Location"] == reverse("moderation:submit", args=[service.pk])
    page = refresh(service)
    assert page.get_latest_revision_as_object().summary == "Sundays as well"
    assert page.summary == "Play and make friends on Saturday mornings."  # still live as was


def test_submit_for_review_when_adding_a_new_service(client_for, cycle, organisation):
    client = client_for("provider")
    add_url = reverse("wagtailadmin_pages:add", args=["providers", "servicepage", organisation.pk])
    form = client.get(add_url)
    assert b'name="action-submit-for-review"' in form.content
    from wagtail.test.utils.form_data import rich_text

    from tests.factories import default_category

    data = form_data(form)
    data.update(
        {
            "title": ["Sibling swim"],
            "slug": ["sibling-swim"],
            "summary": ["Swimming for brothers and sisters."],
            "description": [rich_text("<p>In the small pool.</p>")],
            "how_to_access": [rich_text("<p>Phone to book.</p>")],
            "categories": [str(default_category().pk)],
            "cost_options-0-amount": ["15"],
            "cost_options-0-unit": ["session"],
            "action-submit-for-review": ["Submit for review"],
        }
    )
    response = client.post(add_url, data)
    new = refresh(
        type(organisation).objects.get(pk=organisation.pk).get_children().get(slug="sibling-swim")
    )
    assert response.status_code == 302, response.context["form"].errors
    assert response["Location"] == reverse("moderation:submit", args=[new.pk])
    assert not new.live


def test_the_editor_offers_no_submit_button_on_statutory_pages(client_for, home):
    response = client_for("content_editor").get(reverse("wagtailadmin_pages:edit", args=[home.pk]))
    assert response.status_code == 200
    assert b"action-submit-for-review" not in response.content


# --- queues and filters -----------------------------------------------------------------------


@pytest.fixture
def queue(cycle, organisation, organisation_index, provider, moderator):
    """Three submissions in the cycle: two from Play Club (ages 8-16, 0-4), one from
    Riverside (ages 18-25); one of Play Club's has been approved."""
    riverside = OrganisationPageFactory(
        parent=organisation_index, title="Riverside Autism Support", verified=True
    )
    river_member = UserFactory(email="team@riverside.example.org")
    grant_organisation_access(organisation=riverside, user=river_member, admin=True)
    older = ServicePageFactory(
        parent=organisation, title="Teen club", min_age_months=96, max_age_months=192
    )
    toddlers = ServicePageFactory(
        parent=organisation, title="Toddler splash", min_age_months=0, max_age_months=48
    )
    adults = ServicePageFactory(
        parent=riverside, title="Work skills", min_age_months=216, max_age_months=300
    )
    submissions = {}
    for page, user in ((older, provider), (toddlers, provider), (adults, river_member)):
        edited, _ = edit_draft(page, user, summary=f"{page.title}, updated")
        submissions[page.title] = submit(edited, user)
    approve_submission(submission=submissions["Toddler splash"], user=moderator)
    return {"riverside": riverside, **submissions}


def _titles(response) -> list[str]:
    """The listings' titles in the table, top to bottom (Wagtail's title cells)."""
    return re.findall(
        r'<td class="title">\s*<div class="title-wrapper">\s*<a href="[^"]+">\s*([^<]+?)\s*</a>',
        response.content.decode(),
    )


def test_the_cycle_queue_lists_what_needs_a_decision_oldest_first(client_for, queue):
    client = client_for("moderator")
    response = client.get(reverse("moderation:queue"))
    assert _titles(response) == ["Teen club", "Work skills"]
    assert b"0 days" in response.content
    everything = client.get(reverse("moderation:queue"), {"status": ""})
    assert _titles(everything) == ["Teen club", "Toddler splash", "Work skills"]
    approved = client.get(reverse("moderation:queue"), {"status": SubmissionStatus.APPROVED})
    assert _titles(approved) == ["Toddler splash"]


def test_the_queue_filters_by_organisation_and_by_overlapping_age_band(client_for, queue):
    client = client_for("moderator")
    url = reverse("moderation:queue")
    by_org = client.get(url, {"status": "", "organisation": queue["riverside"].pk})
    assert _titles(by_org) == ["Work skills"]
    assert _titles(client.get(url, {"status": "", "age": "0-4"})) == ["Toddler splash"]
    # 8 to 16 years overlaps both the 11-15 band and the 16-17 band.
    assert _titles(client.get(url, {"status": "", "age": "11-15"})) == ["Teen club"]
    assert _titles(client.get(url, {"status": "", "age": "16-17"})) == ["Teen club"]
    assert _titles(client.get(url, {"status": "", "age": "18-25"})) == ["Work skills"]


def test_another_cycle_can_be_chosen(client_for, queue, cycle, moderator):
    SubmissionCycle.objects.filter(pk=cycle.pk).update(
        opens_on=today() - dt.timedelta(days=200),
        deadline=today() - dt.timedelta(days=170),
        review_by=today() - dt.timedelta(days=150),
    )
    from providers.moderation.services import close_cycle

    close_cycle(cycle=cycle, user=moderator)
    later = make_cycle(moderator, name="Autumn")
    client = client_for("moderator")
    assert _titles(client.get(reverse("moderation:queue"))) == []
    assert b"Autumn" in client.get(reverse("moderation:queue")).content
    old = client.get(reverse("moderation:queue"), {"cycle": cycle.pk})
    assert _titles(old) == ["Teen club", "Work skills"]
    assert later.status == CycleStatus.OPEN


def test_waiting_and_urgent_queues(client_for, cycle, service, provider, moderator):
    move_deadline_into_the_past(cycle)
    page, _ = edit_draft(service, provider, summary="Closing down")
    waiting = submit(page, provider, urgent_reason=UrgentReason.CLOSING)
    client = client_for("moderator")
    listing = client.get(reverse("moderation:waiting"))
    assert _titles(listing) == ["Saturday sensory club"]
    assert b"The provider says: the service is closing or has closed." in listing.content
    assert _titles(client.get(reverse("moderation:urgent"))) == []
    response = client.post(
        reverse("moderation:mark_urgent", args=[waiting.pk]), {"reason": UrgentReason.CLOSING}
    )
    assert response.status_code == 302
    waiting.refresh_from_db()
    assert waiting.urgent and waiting.status == SubmissionStatus.IN_REVIEW
    assert _titles(client.get(reverse("moderation:urgent"))) == ["Saturday sensory club"]
    assert _titles(client.get(reverse("moderation:waiting"))) == []


def test_marking_urgent_without_a_reason_shows_the_error_summary(
    client_for, cycle, service, provider
):
    move_deadline_into_the_past(cycle)
    page, _ = edit_draft(service, provider, summary="Closing down")
    waiting = submit(page, provider)
    response = client_for("moderator").post(
        reverse("moderation:mark_urgent", args=[waiting.pk]), {}
    )
    assert response.status_code == 200
    assert "Choose why the change is urgent." in response.content.decode()
    waiting.refresh_from_db()
    assert waiting.status == SubmissionStatus.WAITING


# --- reviewing --------------------------------------------------------------------------------


def _changed_rows(response) -> list[str]:
    table = response.content.decode().split('class="listing moderation-comparison"')[1]
    table = table.split("</table>")[0]
    return re.findall(r'<tr data-field="([^"]+)"', table)


def test_the_review_screen_shows_the_changed_field_first_with_the_published_value(
    client_for, submission
):
    response = client_for("moderator").get(reverse("moderation:review", args=[submission.pk]))
    content = response.content.decode()
    assert _changed_rows(response) == ["Summary"]
    assert "1 field changed" in content
    assert "Play and make friends on Saturday mornings." in content  # the published value
    assert "Sundays too" in content
    assert 'class="addition"' in content or "<ins" in content
    assert "Fields not changed" in content
    assert "We added Sundays." in content  # the provider's note
    preview = reverse(
        "wagtailadmin_pages:revisions_view", args=[submission.page_id, submission.revision_id]
    )
    assert preview in content
    assert client_for("moderator").get(preview).status_code == 200


def test_a_never_published_listing_shows_every_field_as_new(
    client_for, cycle, organisation, provider
):
    draft = ServicePageFactory(parent=organisation, draft=True, title="Sibling swim")
    submission = submit(draft, provider)
    response = client_for("moderator").get(reverse("moderation:review", args=[submission.pk]))
    content = response.content.decode()
    assert "never been published, so every field is new" in content
    rows = _changed_rows(response)
    assert rows[:3] == ["Title", "Summary", "Description"]
    # Every field, even one left empty, is listed as part of the new listing.
    assert {"Costs", "Slug", "Who can use it"} <= set(rows)
    assert "Fields not changed" not in content


def test_the_review_screen_shows_earlier_decisions(client_for, cycle, service, provider, moderator):
    page, _ = edit_draft(service, provider, summary="First try")
    first = submit(page, provider)
    request_changes(submission=first, user=moderator, reason="Say which days.")
    page, _ = edit_draft(page, provider, summary="Second try")
    second = submit(page, provider)
    content = client_for("superuser").get(reverse("moderation:review", args=[second.pk])).content
    assert b"Say which days." in content
    assert b"Changes requested" in content


def test_deciding_without_a_reason_shows_the_error_summary_and_changes_nothing(
    client_for, submission
):
    url = reverse("moderation:review", args=[submission.pk])
    for action in ("action-request_changes", "action-reject"):
        response = client_for("moderator").post(url, {action: "x", "reason": ""})
        content = response.content.decode()
        assert response.status_code == 200
        assert "There is a problem" in content
        assert '<a href="#id_reason">' in content
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.IN_REVIEW


def test_approving_from_the_review_screen_publishes(client_for, submission, cycle):
    response = client_for("moderator").post(
        reverse("moderation:review", args=[submission.pk]),
        {"action-approve": "approve", "reason": ""},
    )
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('moderation:queue')}?cycle={cycle.pk}"
    assert refresh(submission.page).summary == "Now on Sundays too"


def test_a_refused_approval_is_shown_on_the_review_screen(client_for, submission, organisation):
    type(organisation).objects.filter(pk=organisation.pk).update(verification_status="pending")
    response = client_for("moderator").post(
        reverse("moderation:review", args=[submission.pk]), {"action-approve": "approve"}
    )
    assert "is not verified yet" in response.content.decode()
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.IN_REVIEW


def test_the_decisions_list_filters_by_cycle_organisation_and_decision(
    client_for, queue, moderator, cycle
):
    request_changes(submission=queue["Work skills"], user=moderator, reason="Add prices.")
    client = client_for("moderator")
    url = reverse("moderation:decisions")
    everything = client.get(url)
    assert _titles(everything) == ["Work skills", "Toddler splash"]
    assert b"Add prices." in everything.content
    assert _titles(client.get(url, {"decision": SubmissionStatus.APPROVED})) == ["Toddler splash"]
    assert _titles(client.get(url, {"organisation": queue["riverside"].pk})) == ["Work skills"]
    assert _titles(client.get(url, {"cycle": cycle.pk})) == ["Work skills", "Toddler splash"]


# --- cycles -----------------------------------------------------------------------------------


def test_the_new_cycle_form_is_filled_with_the_suggested_dates(client_for, cycle):
    response = client_for("moderator").get(reverse("moderation_cycles:add"))
    suggestion = suggested_cycle()
    content = response.content.decode()
    assert f'value="{suggestion.name}"' in content
    assert f'value="{suggestion.opens_on:%d/%m/%Y}"' in content
    assert f'value="{suggestion.review_by:%d/%m/%Y}"' in content


def test_planning_a_cycle_in_the_admin(client_for, cycle):
    client = client_for("moderator")
    suggestion = suggested_cycle()
    data = {
        "name": "Summer 2027",
        "opens_on": suggestion.opens_on.isoformat(),
        "deadline": suggestion.deadline.isoformat(),
        "review_by": suggestion.review_by.isoformat(),
    }
    response = client.post(reverse("moderation_cycles:add"), data)
    assert response.status_code == 302
    created = SubmissionCycle.objects.get(name="Summer 2027")
    assert created.status == CycleStatus.SCHEDULED
    # An overlapping one is refused with the reason.
    overlapping = {**data, "name": "Overlap", "opens_on": cycle.deadline.isoformat()}
    response = client.post(reverse("moderation_cycles:add"), overlapping)
    assert response.status_code == 200
    assert "overlap" in response.content.decode()
    assert not SubmissionCycle.objects.filter(name="Overlap").exists()


def test_only_scheduled_cycles_can_be_edited_in_the_admin(client_for, cycle):
    response = client_for("moderator").get(reverse("moderation_cycles:edit", args=[cycle.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("moderation_cycles:index")


def test_opening_and_closing_from_the_cycle_list(client_for, cycle, moderator):
    client = client_for("moderator")
    listing = client.get(reverse("moderation_cycles:index")).content.decode()
    assert "Close" in listing and reverse("moderation:cycle_close", args=[cycle.pk]) in listing
    client.post(reverse("moderation:cycle_close", args=[cycle.pk]))
    cycle.refresh_from_db()
    assert cycle.status == CycleStatus.CLOSED
    later = make_cycle(moderator, status=CycleStatus.SCHEDULED, opens_in=90, name="Summer")
    listing = client.get(reverse("moderation_cycles:index")).content.decode()
    assert reverse("moderation:cycle_open", args=[later.pk]) in listing
    assert "Open this cycle now" in listing
    client.post(reverse("moderation:cycle_open", args=[later.pk]))
    later.refresh_from_db()
    assert later.status == CycleStatus.OPEN


def test_a_submission_whose_listing_was_deleted_still_reads_and_cannot_be_decided(
    client_for, submission
):
    page_title = submission.page.title
    submission.page.delete()
    url = reverse("moderation:review", args=[submission.pk])
    moderator = client_for("moderator")
    response = moderator.get(url)
    assert response.status_code == 200
    content = response.content.decode()
    assert page_title in content
    assert "This listing was deleted" in content
    assert "We added Sundays." in content
    assert "Your decision" not in content
    assert moderator.post(url, {"action-approve": "x", "reason": ""}).status_code == 404
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.IN_REVIEW
