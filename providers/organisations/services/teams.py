"""Teams: invitations by email, accepting them, changing roles and removing people.

The organisation page's row is the lock for every team change (an invitation accepted
while it is being cancelled, two admins removing each other): the second waits, then sees
the first one's result. Access itself changes only through `providers.organisations.access`.
"""

from __future__ import annotations

import hashlib
import secrets
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from wagtail.log_actions import log

from localoffer.core.mail import send_email, site_url
from localoffer.core.transitions import DomainError, check_transition, lock
from providers.enums import INVITATION_TRANSITIONS, InvitationStatus, TeamRole
from providers.models import Invitation, OrganisationPage
from providers.organisations import policy, selectors
from providers.organisations.access import (
    can_manage_team,
    grant_organisation_access,
    revoke_organisation_access,
)

ACTION_INVITE = "providers.invite"
ACTION_INVITATION_RESENT = "providers.invitation_resent"
ACTION_INVITATION_CANCELLED = "providers.invitation_cancelled"
ACTION_INVITATION_ACCEPTED = "providers.invitation_accepted"
ACTION_CHANGE_ROLE = "providers.change_role"
ACTION_REMOVE_MEMBER = "providers.remove_member"


class TeamError(DomainError):
    """A team change the rules refuse (the last admin, someone already invited, no right)."""


class InvitationProblem:
    """Why an invitation link cannot be used; each has its own page saying what to do."""

    INVALID = "invalid"
    EXPIRED = "expired"
    USED = "used"
    CANCELLED = "cancelled"
    WRONG_ACCOUNT = "wrong_account"


class InvitationError(DomainError):
    """An invitation link that cannot be used, and which `InvitationProblem` page explains it."""

    def __init__(self, problem: str, message: str, invitation: Invitation | None = None) -> None:
        super().__init__(message, code=problem)
        self.problem = problem
        self.invitation = invitation


def _hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _new_token() -> tuple[str, str]:
    token = secrets.token_urlsafe(32)
    return token, _hash_token(token)


def _check_manager(user: Any, organisation: OrganisationPage) -> None:
    if not can_manage_team(user, organisation):
        raise TeamError(f"Only the admins of {organisation.title} can change its team.")


def _send_invitation(invitation: Invitation, token: str) -> None:
    send_email(
        to=[invitation.email],
        template="providers/email/invitation",
        context={
            "invitation": invitation,
            "organisation": invitation.organisation,
            "invited_by": invitation.invited_by,
            "accept_url": site_url() + reverse("organisations:invitation", args=[token]),
            "expires_at": invitation.expires_at,
        },
    )


def _is_in_team(organisation: OrganisationPage, email: str) -> bool:
    return any(member.user.email.lower() == email for member in selectors.team_of(organisation))


def invite_member(
    *, organisation: OrganisationPage, email: str, role: str, user: Any
) -> Invitation:
    """Invite someone, by email, to join the organisation as a member or an admin."""
    email = (email or "").strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        raise TeamError(
            "Enter an email address in the correct format, like name@example.com",
            field="email",
        ) from None
    if role not in TeamRole.values:
        raise TeamError("Choose whether they will be a member or an admin", field="role")
    with transaction.atomic():
        locked = lock(organisation)
        _check_manager(user, locked)
        if _is_in_team(locked, email):
            raise TeamError(
                f"{email} is already in your team. Change their role instead", field="email"
            )
        existing = (
            locked.invitations.select_for_update()
            .filter(email=email, status=InvitationStatus.PENDING)
            .first()
        )
        now = timezone.now()
        if existing is not None and not existing.is_expired:
            raise TeamError(
                f"You have already invited {email}. Send the invitation again instead",
                field="email",
            )
        if existing is not None:
            # An expired invitation is replaced, so the person has one current link.
            existing.status = InvitationStatus.CANCELLED
            existing.cancelled_at = now
            existing.cancelled_by = user
            existing.save(update_fields=["status", "cancelled_at", "cancelled_by"])
        token, token_hash = _new_token()
        invitation = Invitation.objects.create(
            organisation=locked,
            email=email,
            role=role,
            token_hash=token_hash,
            invited_by=user,
            created_at=now,
            sent_at=now,
            expires_at=now + policy.INVITATION_LIFETIME,
        )
        log(
            instance=locked,
            action=ACTION_INVITE,
            user=user,
            data={"email": email, "role": role, "invitation_id": invitation.pk},
        )
        _send_invitation(invitation, token)
    return invitation


def _lock_invitation(invitation: Invitation) -> tuple[OrganisationPage, Invitation]:
    # The organisation first, then the invitation: the same order as every team change.
    organisation = lock(invitation.organisation)
    return organisation, Invitation.objects.select_for_update().get(pk=invitation.pk)


def _check_invitation_transition(invitation: Invitation, target: str) -> None:
    message = (
        f"{invitation.email} has already accepted this invitation."
        if invitation.status == InvitationStatus.ACCEPTED
        else f"The invitation for {invitation.email} has been cancelled."
    )
    check_transition(
        invitation, table=INVITATION_TRANSITIONS, to=target, error=TeamError, message=message
    )


def resend_invitation(*, invitation: Invitation, user: Any) -> Invitation:
    """Send a waiting invitation again with a new link valid for another 14 days.

    The old link stops working: the person should use the newest email.
    """
    with transaction.atomic():
        organisation, locked = _lock_invitation(invitation)
        _check_manager(user, organisation)
        # Only an invitation that could still be accepted can be sent again.
        _check_invitation_transition(locked, InvitationStatus.ACCEPTED)
        token, locked.token_hash = _new_token()
        now = timezone.now()
        locked.sent_at = now
        locked.expires_at = now + policy.INVITATION_LIFETIME
        locked.save(update_fields=["token_hash", "sent_at", "expires_at"])
        log(
            instance=organisation,
            action=ACTION_INVITATION_RESENT,
            user=user,
            data={"email": locked.email, "invitation_id": locked.pk},
        )
        _send_invitation(locked, token)
    return locked


def cancel_invitation(*, invitation: Invitation, user: Any) -> Invitation:
    with transaction.atomic():
        organisation, locked = _lock_invitation(invitation)
        _check_manager(user, organisation)
        _check_invitation_transition(locked, InvitationStatus.CANCELLED)
        locked.status = InvitationStatus.CANCELLED
        locked.cancelled_at = timezone.now()
        locked.cancelled_by = user
        locked.save(update_fields=["status", "cancelled_at", "cancelled_by"])
        log(
            instance=organisation,
            action=ACTION_INVITATION_CANCELLED,
            user=user,
            data={"email": locked.email, "invitation_id": locked.pk},
        )
    return locked


def invitation_for_token(token: str) -> Invitation:
    """The invitation a link is for, or InvitationError saying why the link cannot be used.

    Changes nothing, so the page behind a link can show what it is before anyone accepts.
    """
    invitation = (
        Invitation.objects.select_related("organisation", "invited_by")
        .filter(token_hash=_hash_token(token or ""))
        .first()
    )
    if invitation is None:
        raise InvitationError(InvitationProblem.INVALID, "This invitation link is not valid.", None)
    _check_usable(invitation)
    return invitation


def _check_usable(invitation: Invitation) -> None:
    if invitation.status == InvitationStatus.CANCELLED:
        raise InvitationError(
            InvitationProblem.CANCELLED, "This invitation has been cancelled.", invitation
        )
    if invitation.status == InvitationStatus.ACCEPTED:
        raise InvitationError(
            InvitationProblem.USED, "This invitation has already been used.", invitation
        )
    if invitation.is_expired:
        raise InvitationError(InvitationProblem.EXPIRED, "This invitation has expired.", invitation)


def check_invitation_account(invitation: Invitation, user: Any) -> None:
    """The invitation is for one email address; only the account with that address may use it."""
    if (user.email or "").lower() != invitation.email:
        raise InvitationError(
            InvitationProblem.WRONG_ACCOUNT,
            "This invitation was sent to a different email address.",
            invitation,
        )


def accept_invitation(*, token: str, user: Any) -> Invitation:
    """Join the organisation the link invites to. A link works once, for its own address."""
    found = invitation_for_token(token)
    with transaction.atomic():
        organisation, invitation = _lock_invitation(found)
        # Checked again under the lock: it may have been cancelled, accepted or sent again
        # (a new token) while the person was reading the page.
        if invitation.token_hash != _hash_token(token):
            raise InvitationError(
                InvitationProblem.INVALID, "This invitation link is not valid.", None
            )
        _check_usable(invitation)
        check_invitation_account(invitation, user)
        grant_organisation_access(
            organisation=organisation,
            user=user,
            admin=invitation.role == TeamRole.ADMIN,
            granted_by=invitation.invited_by,
        )
        invitation.status = InvitationStatus.ACCEPTED
        invitation.accepted_at = timezone.now()
        invitation.accepted_by = user
        invitation.save(update_fields=["status", "accepted_at", "accepted_by"])
        log(
            instance=organisation,
            action=ACTION_INVITATION_ACCEPTED,
            user=user,
            data={
                "email": invitation.email,
                "role": invitation.role,
                "invitation_id": invitation.pk,
            },
        )
    return invitation


def _other_admins(organisation: OrganisationPage, member: Any) -> int:
    return sum(
        1
        for person in selectors.team_of(organisation)
        if person.is_admin and person.user.pk != member.pk
    )


def change_member_role(
    *, organisation: OrganisationPage, member: Any, role: str, user: Any
) -> None:
    """Make a team member an admin, or an admin a member (never the last admin)."""
    if role not in TeamRole.values:
        raise TeamError("Choose member or admin", field="role")
    with transaction.atomic():
        locked = lock(organisation)
        _check_manager(user, locked)
        current = selectors.team_member(locked, member.pk)
        if current is None:
            raise TeamError(f"{member.email} is not in the team of {locked.title}.")
        if current.role == role:
            return
        if role == TeamRole.MEMBER and not _other_admins(locked, member):
            raise TeamError(
                f"{member.email} is the only admin of {locked.title}. Make someone else "
                "an admin first."
            )
        # Access is changed only through providers.organisations.access, which sets the
        # membership's role and the groups that go with it.
        grant_organisation_access(
            organisation=locked, user=member, admin=role == TeamRole.ADMIN, granted_by=user
        )
        log(
            instance=locked,
            action=ACTION_CHANGE_ROLE,
            user=user,
            data={"user_id": member.pk, "email": member.email, "from": current.role, "to": role},
        )


def remove_member(*, organisation: OrganisationPage, member: Any, user: Any) -> None:
    """Take someone out of the team. The last admin cannot be removed (nor remove themself):
    an organisation with no admin could never invite anyone again."""
    with transaction.atomic():
        locked = lock(organisation)
        _check_manager(user, locked)
        current = selectors.team_member(locked, member.pk)
        if current is None:
            raise TeamError(f"{member.email} is not in the team of {locked.title}.")
        if current.is_admin and not _other_admins(locked, member):
            raise TeamError(
                f"{member.email} is the only admin of {locked.title}. Make someone else an "
                "admin before removing them."
            )
        revoke_organisation_access(organisation=locked, user=member, revoked_by=user)
        log(
            instance=locked,
            action=ACTION_REMOVE_MEMBER,
            user=user,
            data={"user_id": member.pk, "email": member.email, "role": current.role},
        )
