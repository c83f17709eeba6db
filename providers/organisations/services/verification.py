"""Verifying organisations: a council moderator verifies (publishing the page) or refuses.

The organisation page's row is the lock: two moderators deciding at once are serialised
and the second sees the first one's decision (the table in `VERIFICATION_TRANSITIONS`).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from wagtail.log_actions import log

from localoffer.core.mail import send_email, site_url
from localoffer.core.transitions import DomainError, check_transition, lock
from providers.enums import VERIFICATION_TRANSITIONS, VerificationStatus
from providers.models import OrganisationPage, OrganisationRegistration
from providers.organisations import policy, selectors
from providers.organisations.access import can_manage_team, is_moderator, is_organisation_member

ACTION_VERIFY = "providers.verify"
ACTION_REFUSE = "providers.refuse"
ACTION_CHECK_AGAIN = "providers.check_again"


class VerificationError(DomainError):
    """A verification decision the rules refuse (a second decision, no reason, no right)."""


def _refusal(organisation: OrganisationPage, target: str) -> str:
    """Why the move is refused, in words the moderator or provider can act on."""
    name = organisation.title
    current = organisation.verification_status
    if current == VerificationStatus.VERIFIED:
        return f"{name} has already been verified."
    if current == VerificationStatus.REFUSED and target == VerificationStatus.REFUSED:
        return f"{name} has already been refused."
    if current == VerificationStatus.REFUSED:
        return (
            f"{name} has been refused. It must correct its details and ask to be checked "
            "again before it can be verified."
        )
    return f"{name} is already waiting to be checked."


def _check_verification_transition(organisation: OrganisationPage, target: str) -> None:
    check_transition(
        organisation,
        table=VERIFICATION_TRANSITIONS,
        to=target,
        field="verification_status",
        error=VerificationError,
        message=_refusal(organisation, target),
    )


def _check_moderator(user: Any, organisation: OrganisationPage) -> None:
    if not is_moderator(user):
        raise VerificationError("Only council moderators can verify or refuse organisations.")
    # The council checks organisations independently of the people who run them.
    if is_organisation_member(user, organisation):
        raise VerificationError(
            "You belong to this organisation, so another moderator must check it."
        )


def _registration_for_decision(organisation: OrganisationPage) -> OrganisationRegistration:
    """The registration row, made for an organisation that existed before online registration."""
    registration, _ = OrganisationRegistration.objects.select_for_update().get_or_create(
        organisation=organisation,
        defaults={
            "registered_at": organisation.first_published_at
            or organisation.latest_revision_created_at
            or timezone.now()
        },
    )
    return registration


def _decision_context(organisation: OrganisationPage, **extra: Any) -> dict[str, Any]:
    return {
        "organisation": organisation,
        "admin_url": site_url() + reverse("wagtailadmin_home"),
        "edit_url": site_url() + reverse("wagtailadmin_pages:edit", args=[organisation.pk]),
        **extra,
    }


def verify_organisation(
    *, organisation: OrganisationPage, user: Any, revision_id: int | None = None
) -> OrganisationPage:
    """Verify a waiting organisation and publish its page.

    Publishes the page's latest revision: what the moderator checked. `revision_id` is
    the revision shown on the moderator's screen; if the provider saved a newer one in the
    meantime the decision is refused, so nothing unseen is published.
    """
    with transaction.atomic():
        locked = lock(organisation)
        _check_moderator(user, locked)
        _check_verification_transition(locked, VerificationStatus.VERIFIED)
        if revision_id is not None and locked.latest_revision_id != revision_id:
            raise VerificationError(
                f"{locked.title} changed its details after you opened this page. Check the "
                "details again, then verify."
            )
        now = timezone.now()
        locked.verification_status = VerificationStatus.VERIFIED
        locked.verified_at = now
        locked.save(update_fields=["verification_status", "verified_at"], clean=False)
        revision = locked.latest_revision
        if revision is None:
            # Organisations made in bulk have no revision; publish the page as it is.
            revision = locked.save_revision(user=user, clean=False, log_action=False)
        # Moderators hold no Wagtail publish permission on the directory: publishing
        # happens only through decisions like this one, which are checked above.
        try:
            revision.publish(user=user, skip_permission_checks=True)
        except ValidationError as error:
            # Publishing validates the whole page; a page that fails (say, a charity with no
            # number, from before online registration) is not published half-checked.
            raise VerificationError(
                f"{locked.title} cannot be published until its page is corrected: "
                + " ".join(error.messages)
            ) from error
        registration = _registration_for_decision(locked)
        registration.decided_by = user
        registration.decided_at = now
        registration.save(update_fields=["decided_by", "decided_at"])
        log(
            instance=locked,
            action=ACTION_VERIFY,
            user=user,
            data={"revision_id": revision.pk},
        )
        locked.refresh_from_db()
        send_email(
            to=selectors.organisation_admin_emails(locked),
            template="providers/email/organisation_verified",
            context=_decision_context(locked),
        )
    return locked


def refuse_organisation(
    *, organisation: OrganisationPage, user: Any, reason: str
) -> OrganisationPage:
    """Refuse a waiting organisation, saying why. Its page stays unpublished.

    The reason is shown to the organisation's admins (email and admin home page), so it
    must tell them what to correct.
    """
    reason = (reason or "").strip()
    if not reason:
        raise VerificationError(
            "Enter the reason for refusing, so the organisation knows what to correct",
            field="reason",
        )
    with transaction.atomic():
        locked = lock(organisation)
        _check_moderator(user, locked)
        _check_verification_transition(locked, VerificationStatus.REFUSED)
        locked.verification_status = VerificationStatus.REFUSED
        locked.save(update_fields=["verification_status"], clean=False)
        registration = _registration_for_decision(locked)
        registration.decided_by = user
        registration.decided_at = timezone.now()
        registration.refusal_reason = reason
        registration.save(update_fields=["decided_by", "decided_at", "refusal_reason"])
        log(instance=locked, action=ACTION_REFUSE, user=user, data={"reason": reason[:1000]})
        send_email(
            to=selectors.organisation_admin_emails(locked),
            template="providers/email/organisation_refused",
            context=_decision_context(locked, reason=reason),
        )
    return locked


def ask_to_check_again(*, organisation: OrganisationPage, user: Any) -> OrganisationPage:
    """A refused organisation, having corrected its details, goes back to the moderators."""
    with transaction.atomic():
        locked = lock(organisation)
        if not can_manage_team(user, locked):
            raise VerificationError("Only the organisation's admins can ask us to check it again.")
        if locked.verification_status != VerificationStatus.REFUSED:
            raise VerificationError(
                f"{locked.title} is not refused, so there is nothing to check again."
            )
        _check_verification_transition(locked, VerificationStatus.PENDING)
        locked.verification_status = VerificationStatus.PENDING
        locked.save(update_fields=["verification_status"], clean=False)
        registration = _registration_for_decision(locked)
        registration.resubmitted_at = timezone.now()
        registration.save(update_fields=["resubmitted_at"])
        log(instance=locked, action=ACTION_CHECK_AGAIN, user=user, data={})
        send_email(
            to=selectors.moderator_emails(),
            template="providers/email/registration_to_check",
            context={
                "organisation": locked,
                "registration": registration,
                "user": user,
                "again": True,
                "working_days": policy.VERIFICATION_WORKING_DAYS,
                "check_url": site_url()
                + reverse("organisation_verification:detail", args=[locked.pk]),
            },
        )
    return locked
