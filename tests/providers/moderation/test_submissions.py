"""Submitting listings and moderators' decisions, through the services.

Every transition and every refusal of each service, the cycle a submission lands in,
and what approving publishes (exactly the submitted revision, found by search after).
"""

import pytest
from django.core import mail  # noqa: F401 - mailoutbox reads it
from wagtail.models import PageLogEntry, Revision

from providers.moderation.enums import CycleStatus, SubmissionStatus, UrgentReason
from providers.moderation.models import Submission
from providers.moderation.services import (
    ModerationError,
    approve_submission,
    mark_urgent,
    reject_submission,
    request_changes,
)
from providers.organisations.access import grant_organisation_access
from tests.factories import (
    InformationPageFactory,
    OrganisationPageFactory,
    SectionPageFactory,
    ServicePageFactory,
    UserFactory,
)
from tests.providers.moderation.support import (
    edit_draft,
    make_cycle,
    move_deadline_into_the_past,
    refresh,
    submit,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def cycle(moderator):
    return make_cycle(moderator)


@pytest.fixture
def changed(service, provider):
    """The service with a saved draft that changes its summary."""
    page, _revision = edit_draft(service, provider, summary="Now on Sundays too")
    return page


# --- where a submission goes --------------------------------------------------------------


def test_during_an_open_cycle_a_submission_is_reviewed_in_it(cycle, changed, provider):
    submission = submit(changed, provider, note="Added Sundays.")
    assert submission.status == SubmissionStatus.IN_REVIEW
    assert submission.cycle == cycle
    assert submission.revision == changed.get_latest_revision()
    assert submission.organisation.pk == changed.get_parent().pk
    assert (submission.note, submission.submitted_by) == ("Added Sundays.", provider)
    assert submission.in_review_since == submission.submitted_at
    entry = PageLogEntry.objects.get(page=changed, action="moderation.submit")
    assert (entry.user, entry.revision, entry.data["cycle"]) == (
        provider,
        submission.revision,
        cycle.name,
    )


def test_after_the_deadline_a_submission_waits_even_if_the_cycle_is_open(cycle, changed, provider):
    move_deadline_into_the_past(cycle)
    submission = submit(changed, provider)
    assert (submission.status, submission.cycle, submission.in_review_since) == (
        SubmissionStatus.WAITING,
        None,
        None,
    )


def test_on_the_deadline_day_it_is_still_in_the_cycle(cycle, changed, provider):
    move_deadline_into_the_past(cycle, days=0)
    assert submit(changed, provider).cycle == cycle


def test_between_cycles_a_submission_waits(moderator, changed, provider):
    make_cycle(moderator, status=CycleStatus.CLOSED)
    submission = submit(changed, provider)
    assert (submission.status, submission.cycle) == (SubmissionStatus.WAITING, None)


def test_the_published_version_stays_live_while_a_change_waits(client, cycle, service, provider):
    page, _ = edit_draft(service, provider, summary="A draft families must not see yet")
    submit(page, provider)
    page = refresh(service)
    assert page.live and page.has_unpublished_changes
    assert page.summary == "Play and make friends on Saturday mornings."
    response = client.get(page.url)
    assert b"Play and make friends on Saturday mornings." in response.content
    assert b"A draft families must not see yet" not in response.content


def test_a_newer_submission_withdraws_the_pending_one(cycle, changed, provider):
    first = submit(changed, provider)
    page, newer = edit_draft(changed, provider, summary="Sundays and Mondays")
    second = submit(page, provider)
    first.refresh_from_db()
    assert first.status == SubmissionStatus.WITHDRAWN
    assert (second.status, second.revision) == (SubmissionStatus.IN_REVIEW, newer)
    assert Submission.objects.pending().get() == second
    assert PageLogEntry.objects.filter(page=page, action="moderation.withdraw").count() == 1


def test_the_same_version_cannot_be_submitted_twice(cycle, changed, provider):
    submit(changed, provider)
    with pytest.raises(ModerationError, match="already submitted"):
        submit(changed, provider)
    assert Submission.objects.count() == 1


def test_a_page_with_no_unpublished_changes_is_refused(cycle, service, provider):
    with pytest.raises(ModerationError, match="no changes to submit"):
        submit(service, provider)
    assert not Submission.objects.exists()


def test_a_provider_cannot_submit_another_organisations_listing(
    cycle, organisation_index, users_by_role
):
    other = OrganisationPageFactory(parent=organisation_index, verified=True)
    theirs = ServicePageFactory(parent=other, draft=True)
    with pytest.raises(ModerationError, match="your own organisation"):
        submit(theirs, users_by_role["provider"])
    for role in ("content_editor", "finance_officer", "family"):
        with pytest.raises(ModerationError):
            submit(theirs, users_by_role[role])
    assert not Submission.objects.exists()


def test_pages_outside_the_directory_are_refused(cycle, home, users_by_role, organisation_index):
    section = SectionPageFactory(parent=home)
    information = InformationPageFactory(parent=section, draft=True)
    for page in (home, section, information, organisation_index):
        with pytest.raises(ModerationError, match="Only organisation and service listings"):
            submit(page, users_by_role["superuser"])


def test_a_new_never_published_listing_can_be_submitted(cycle, organisation, provider):
    draft = ServicePageFactory(parent=organisation, draft=True, title="Sibling swim")
    submission = submit(draft, provider)
    assert submission.revision == refresh(draft).get_latest_revision()


def test_the_organisation_page_itself_can_be_submitted(cycle, organisation, provider):
    page, _ = edit_draft(organisation, provider, phone="01632 960 999")
    submission = submit(page, provider)
    assert submission.page_id == submission.organisation_id == organisation.pk


def test_note_length_and_urgent_reason_are_checked(cycle, changed, provider):
    with pytest.raises(ModerationError) as error:
        submit(changed, provider, note="x" * 2001)
    assert error.value.field == "note"
    with pytest.raises(ModerationError) as error:
        submit(changed, provider, urgent_reason="because")
    assert error.value.field == "urgent_reason"


# --- urgency ------------------------------------------------------------------------------


def test_a_provider_only_suggests_urgency_and_moderators_are_told(
    moderator, changed, provider, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        submission = submit(
            changed, provider, urgent_reason=UrgentReason.CLOSING, note="We close on Friday."
        )
    assert (submission.status, submission.urgent) == (SubmissionStatus.WAITING, False)
    assert submission.urgent_reason == UrgentReason.CLOSING
    assert [message.to for message in mailoutbox] == [[moderator.email]]
    message = mailoutbox[0]
    assert message.subject == "Urgent change suggested: “Saturday sensory club”"
    assert "The service is closing or has closed" in message.body
    assert "We close on Friday." in message.body
    assert f"/admin/moderation/review/{submission.pk}/" in message.body


def test_marking_urgent_reviews_a_waiting_submission_now(moderator, changed, provider):
    waiting = submit(changed, provider, urgent_reason=UrgentReason.WRONG_CONTACT)
    urgent = mark_urgent(submission=waiting, user=moderator, reason=UrgentReason.WRONG_CONTACT)
    assert (urgent.status, urgent.urgent, urgent.cycle) == (SubmissionStatus.IN_REVIEW, True, None)
    assert (urgent.marked_urgent_by, urgent.in_review_since) == (moderator, urgent.marked_urgent_at)
    assert waiting.urgent  # the caller's object follows the row
    assert PageLogEntry.objects.filter(action="moderation.mark_urgent", page=changed).exists()
    # ... and it can then be decided at once, with no cycle open.
    approve_submission(submission=urgent, user=moderator)
    assert refresh(changed).summary == "Now on Sundays too"


def test_only_waiting_submissions_are_marked_urgent_by_moderators_with_a_reason(
    cycle, moderator, changed, provider, users_by_role
):
    in_review = submit(changed, provider)
    with pytest.raises(ModerationError, match="Only a submission waiting"):
        mark_urgent(submission=in_review, user=moderator, reason=UrgentReason.UNSAFE)
    move_deadline_into_the_past(cycle)
    page, _ = edit_draft(changed, provider, summary="Again")
    waiting = submit(page, provider)
    with pytest.raises(ModerationError, match="Only the council's moderators"):
        mark_urgent(submission=waiting, user=provider, reason=UrgentReason.UNSAFE)
    with pytest.raises(ModerationError, match="Choose why"):
        mark_urgent(submission=waiting, user=moderator, reason="")
    waiting.refresh_from_db()
    assert waiting.status == SubmissionStatus.WAITING and not waiting.urgent


# --- approving ----------------------------------------------------------------------------


def test_approving_publishes_the_submitted_revision_not_a_later_draft(
    cycle,
    moderator,
    service,
    provider,
    users_by_role,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    page, submitted = edit_draft(service, provider, summary="Submitted wording")
    submission = submit(page, provider)
    edit_draft(page, provider, summary="A later draft, not submitted")
    with django_capture_on_commit_callbacks(execute=True):
        approved = approve_submission(submission=submission, user=moderator, reason="Thanks!")
    page = refresh(service)
    assert page.summary == "Submitted wording"
    assert page.live_revision == submitted
    assert page.has_unpublished_changes  # the later draft is still a draft
    assert page.get_latest_revision_as_object().summary == "A later draft, not submitted"
    assert (approved.status, approved.decided_by, approved.decision_reason) == (
        SubmissionStatus.APPROVED,
        moderator,
        "Thanks!",
    )
    assert approved.decided_at is not None
    entry = PageLogEntry.objects.get(page=page, action="moderation.approve")
    assert (entry.user, entry.revision, entry.data["reason"]) == (moderator, submitted, "Thanks!")
    assert PageLogEntry.objects.filter(page=page, action="wagtail.publish").exists()
    # Every member of the organisation is told, in plain English.
    recipients = sorted(address for message in mailoutbox for address in message.to)
    assert recipients == sorted(
        [users_by_role["provider"].email, users_by_role["provider_admin"].email]
    )
    message = mailoutbox[0]
    assert message.subject == "Your changes to “Saturday sensory club” are published"
    assert "We have checked the changes to “Saturday sensory club”" in message.body
    assert "The moderator said:\nThanks!" in message.body
    assert "http://testserver/providers/" in message.body
    assert f"http://testserver/admin/pages/{page.pk}/edit/" in message.body


def test_an_approved_new_listing_is_found_by_the_directory_search(
    client, cycle, moderator, organisation, provider, django_capture_on_commit_callbacks
):
    draft = ServicePageFactory(
        parent=organisation,
        draft=True,
        title="Zebrafish swimming club",
        summary="Swimming for children who love zebrafish.",
    )
    submission = submit(draft, provider)
    assert b"Zebrafish swimming club" not in client.get("/services/?q=zebrafish").content
    with django_capture_on_commit_callbacks(execute=True):
        approve_submission(submission=submission, user=moderator)
    assert refresh(draft).live
    assert b"Zebrafish swimming club" in client.get("/services/?q=zebrafish").content


def test_approval_is_refused_for_an_unverified_organisation(
    cycle, moderator, organisation_index, mailoutbox, django_capture_on_commit_callbacks
):
    pending = OrganisationPageFactory(parent=organisation_index, title="New Group")
    member = UserFactory(email="volunteer@newgroup.example.org")
    grant_organisation_access(organisation=pending, user=member, admin=True)
    draft = ServicePageFactory(parent=pending, draft=True)
    submission = submit(draft, member)
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(ModerationError, match="“New Group” is not verified yet"),
    ):
        approve_submission(submission=submission, user=moderator)
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.IN_REVIEW
    assert not refresh(draft).live
    assert mailoutbox == []
    # Asking for changes is still possible: the provider can be told what to fix.
    request_changes(submission=submission, user=moderator, reason="Add your opening times.")


def test_a_moderator_cannot_approve_their_own_submission(cycle, moderator, changed, users_by_role):
    submission = submit(changed, moderator)  # moderators may edit and submit listings
    with pytest.raises(ModerationError, match="You submitted this change"):
        approve_submission(submission=submission, user=moderator)
    with pytest.raises(ModerationError, match="You submitted this change"):
        reject_submission(submission=submission, user=moderator, reason="No")
    other = UserFactory(groups=list(moderator.groups.all()))
    approve_submission(submission=submission, user=other)


def test_a_moderator_in_the_submitting_organisation_cannot_decide(
    cycle, moderator, changed, provider, organisation
):
    grant_organisation_access(organisation=organisation, user=moderator, admin=False)
    submission = submit(changed, provider)
    with pytest.raises(ModerationError, match="You belong to the organisation"):
        approve_submission(submission=submission, user=moderator)
    with pytest.raises(ModerationError, match="You belong to the organisation"):
        request_changes(submission=submission, user=moderator, reason="Please fix")
    assert Submission.objects.get().status == SubmissionStatus.IN_REVIEW


def test_a_superuser_decides_but_not_as_a_provider(cycle, changed, provider, users_by_role):
    submission = submit(changed, provider)
    approve_submission(submission=submission, user=users_by_role["superuser"])
    assert refresh(changed).summary == "Now on Sundays too"


def test_approval_is_refused_when_the_submitted_revision_is_gone(
    cycle, moderator, changed, provider
):
    submission = submit(changed, provider)
    Revision.objects.filter(pk=submission.revision_id).delete()
    submission.refresh_from_db()
    with pytest.raises(ModerationError, match="no longer exists"):
        approve_submission(submission=submission, user=moderator)
    assert refresh(changed).summary == "Play and make friends on Saturday mornings."


@pytest.mark.parametrize(
    "role", ["provider", "provider_admin", "content_editor", "finance_officer"]
)
def test_only_moderators_decide(cycle, changed, provider, users_by_role, role):
    submission = submit(changed, provider)
    for decide in (approve_submission, request_changes, reject_submission):
        with pytest.raises(ModerationError, match="Only the council's moderators"):
            decide(submission=submission, user=users_by_role[role], reason="Because")
    assert Submission.objects.get().status == SubmissionStatus.IN_REVIEW


def test_a_decided_withdrawn_or_waiting_submission_cannot_be_decided(
    cycle, moderator, changed, provider
):
    first = submit(changed, provider)
    page, _ = edit_draft(changed, provider, summary="Newer")
    second = submit(page, provider)
    with pytest.raises(ModerationError, match="“withdrawn”, so it cannot be approved"):
        approve_submission(submission=first, user=moderator)
    reject_submission(submission=second, user=moderator, reason="Not suitable")
    with pytest.raises(ModerationError, match="“rejected”, so it cannot be approved"):
        approve_submission(submission=second, user=moderator)
    with pytest.raises(ModerationError, match="cannot be sent back"):
        request_changes(submission=second, user=moderator, reason="Try again")
    move_deadline_into_the_past(cycle)
    page, _ = edit_draft(page, provider, summary="Newest")
    waiting = submit(page, provider)
    with pytest.raises(ModerationError, match="waiting for the next review round"):
        approve_submission(submission=waiting, user=moderator)
    assert refresh(changed).summary == "Play and make friends on Saturday mornings."


# --- sending back -------------------------------------------------------------------------


def test_changes_requested_then_resubmitted_then_approved(
    cycle, moderator, changed, provider, mailoutbox, django_capture_on_commit_callbacks
):
    submission = submit(changed, provider)
    with pytest.raises(ModerationError, match="Enter what the provider needs to change") as error:
        request_changes(submission=submission, user=moderator, reason="  ")
    assert error.value.field == "reason"
    with django_capture_on_commit_callbacks(execute=True):
        request_changes(
            submission=submission, user=moderator, reason="Say which Sundays: every week?"
        )
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.CHANGES_REQUESTED
    assert refresh(changed).summary == "Play and make friends on Saturday mornings."
    message = mailoutbox[0]
    assert message.subject == "Please change “Saturday sensory club” before we publish it"
    assert "What needs to change:\nSay which Sundays: every week?" in message.body
    assert "Choose “Submit for review”" in message.body
    assert f"we will review your changes in {cycle.name}" in message.body
    assert "families still see the version that is published now" in message.body
    assert (
        PageLogEntry.objects.filter(action="moderation.request_changes").get().data["reason"]
        == "Say which Sundays: every week?"
    )

    page, fixed = edit_draft(changed, provider, summary="Every Sunday, 10am to noon")
    again = submit(page, provider, note="Said which Sundays.")
    assert again.cycle == cycle and again.status == SubmissionStatus.IN_REVIEW
    approve_submission(submission=again, user=moderator)
    page = refresh(changed)
    assert page.summary == "Every Sunday, 10am to noon"
    assert page.live_revision == fixed and not page.has_unpublished_changes


def test_rejecting_needs_a_reason_and_tells_the_provider(
    cycle, moderator, changed, provider, mailoutbox, django_capture_on_commit_callbacks
):
    submission = submit(changed, provider)
    with pytest.raises(ModerationError, match="Enter why the change is rejected"):
        reject_submission(submission=submission, user=moderator, reason="")
    with django_capture_on_commit_callbacks(execute=True):
        reject_submission(
            submission=submission, user=moderator, reason="This is not a SEND service."
        )
    assert Submission.objects.get().status == SubmissionStatus.REJECTED
    message = mailoutbox[0]
    assert message.subject == "We have not published your changes to “Saturday sensory club”"
    assert "Why:\nThis is not a SEND service." in message.body
    assert "reply to this email" in message.body
    assert refresh(changed).live  # the published version is untouched
