"""Writes for organisations: registration, verification and teams.

Every action here is the only way its change happens. Each one checks who is acting and
the current state under a row lock, does its work in one transaction, saves only the
fields it changes, writes an entry in the organisation page's history (the Wagtail audit
log) and sends its emails after the commit (`localoffer.emails.send_email`).

The organisation page's row is the lock for everything about one organisation: two
moderators deciding at once, two admins removing each other, an invitation accepted
while it is being cancelled. The second waits, then sees the first one's result.
"""

import hashlib
import re
import secrets
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.text import slugify
from wagtail.log_actions import log
from wagtail.models import Page

from localoffer.emails import send_email, site_url
from providers.enums import (
    INVITATION_TRANSITIONS,
    VERIFICATION_TRANSITIONS,
    InvitationStatus,
    TeamRole,
    VerificationStatus,
)
from providers.models import (
    Invitation,
    OrganisationIndexPage,
    OrganisationPage,
    OrganisationRegistration,
)
from providers.organisations import policy, selectors
from providers.organisations.access import (
    can_manage_team,
    grant_organisation_access,
    is_moderator,
    is_organisation_member,
    revoke_organisation_access,
)

ACTION_REGISTER = "providers.register"
ACTION_VERIFY = "providers.verify"
ACTION_REFUSE = "providers.refuse"
ACTION_CHECK_AGAIN = "providers.check_again"
ACTION_INVITE = "providers.invite"
ACTION_INVITATION_RESENT = "providers.invitation_resent"
ACTION_INVITATION_CANCELLED = "providers.invitation_cancelled"
ACTION_INVITATION_ACCEPTED = "providers.invitation_accepted"
ACTION_CHANGE_ROLE = "providers.change_role"
ACTION_REMOVE_MEMBER = "providers.remove_member"


class RegistrationError(ValidationError):
    """A registration the rules refuse; may name the form field it is about."""


class VerificationError(ValidationError):
    """A verification decision the rules refuse (a second decision, no reason, no right)."""


class TeamError(ValidationError):
    """A team change the rules refuse (the last admin, someone already invited, no right)."""


class InvitationProblem:
    """Why an invitation link cannot be used; each has its own page saying what to do."""

    INVALID = "invalid"
    EXPIRED = "expired"
    USED = "used"
    CANCELLED = "cancelled"
    WRONG_ACCOUNT = "wrong_account"


class InvitationError(Exception):
    def __init__(self, problem: str, message: str, invitation: Invitation | None = None) -> None:
        super().__init__(message)
        self.problem = problem
        self.message = message
        self.invitation = invitation


# --- registration ------------------------------------------------------------------------


def _plain_text_to_rich_text(text: str) -> str:
    """A provider's plain description as the page's rich text, with any markup made inert.

    Paragraphs are separated by blank lines; single line breaks are kept.
    """
    paragraphs = [part.strip() for part in re.split(r"\n\s*\n", text.strip()) if part.strip()]
    return "".join(
        "<p>" + "<br/>".join(escape(line.strip()) for line in part.splitlines()) + "</p>"
        for part in paragraphs
    )


def _free_slug(index: OrganisationIndexPage, name: str) -> str:
    base = slugify(name)[:200] or "organisation"
    taken = set(
        Page.objects.child_of(index).filter(slug__startswith=base).values_list("slug", flat=True)
    )
    slug, suffix = base, 1
    while slug in taken:
        suffix += 1
        slug = f"{base}-{suffix}"
    return slug


def _normalise_number(value: str) -> str:
    return (value or "").replace(" ", "").upper()


def register_organisation(*, user: Any, data: Mapping[str, Any]) -> OrganisationPage:
    """Create an organisation waiting for verification, with its registrant as its admin.

    Creates, all or nothing: the unpublished organisation page with its first revision,
    the private registration row (safeguarding lead, declarations, terms) and the
    registrant's admin access. Emails the registrant and the council's moderators.
    `data` is the registration form's cleaned data.
    """
    if not (user.is_authenticated and user.is_active):
        raise RegistrationError("Sign in to register an organisation.")
    declarations = {
        "insurance_held": "Confirm that your organisation has public liability insurance",
        "dbs_checks_confirmed": "Confirm that staff and volunteers working with children "
        "have enhanced DBS checks",
        "safeguarding_policy_confirmed": "Confirm that your organisation has a safeguarding policy",
        "terms_accepted": "Confirm that you accept the listing terms",
    }
    missing = {name: message for name, message in declarations.items() if not data.get(name)}
    if missing:
        raise RegistrationError(missing)
    if not data.get("insurance_expires_on"):
        raise RegistrationError({"insurance_expires_on": "Enter the date your insurance ends"})
    if selectors.pending_registrations_by(user) >= policy.MAX_PENDING_REGISTRATIONS_PER_PERSON:
        raise RegistrationError(
            f"You already have {policy.MAX_PENDING_REGISTRATIONS_PER_PERSON} organisations "
            "waiting for us to check them. We will check those first. Contact us if you "
            "need to register another one now."
        )
    charity_number = _normalise_number(data.get("charity_number", ""))
    company_number = _normalise_number(data.get("company_number", ""))

    with transaction.atomic():
        # Registrations are serialised on the directory's index page: it stops two people
        # registering the same charity at the same moment, and treebeard gives two pages
        # added under one parent at once the same tree path unless they take turns.
        index = OrganisationIndexPage.objects.select_for_update().first()
        if index is None:
            raise RegistrationError("Registration is not open yet. Please try again later.")
        if selectors.charity_number_taken(charity_number):
            raise RegistrationError(
                {
                    "charity_number": "An organisation with this charity number is already "
                    "registered. Ask its admin to invite you to its team"
                }
            )
        if selectors.company_number_taken(company_number):
            raise RegistrationError(
                {
                    "company_number": "An organisation with this company number is already "
                    "registered. Ask its admin to invite you to its team"
                }
            )
        name = data["name"].strip()
        page = OrganisationPage(
            title=name,
            slug=_free_slug(index, name),
            live=False,
            owner=user,
            organisation_type=data["organisation_type"],
            charity_number=charity_number,
            company_number=company_number,
            description=_plain_text_to_rich_text(data["description"]),
            website=data.get("website", ""),
            email=data["email"].strip().lower(),
            phone=data["phone"].strip(),
            address_line_1=data["address_line_1"].strip(),
            address_line_2=data.get("address_line_2", "").strip(),
            town=data["town"].strip(),
            postcode=data["postcode"],
            verification_status=VerificationStatus.PENDING,
        )
        index.add_child(instance=page)
        try:
            # Wagtail validates only the title and slug of an unpublished page on save;
            # the organisation's own rules (numbers by type, formats) are checked here.
            page.full_clean()
        except ValidationError as error:
            raise RegistrationError(error.message_dict) from error
        revision = page.save_revision(user=user, log_action=False, clean=False)
        now = timezone.now()
        registration = OrganisationRegistration.objects.create(
            organisation=page,
            safeguarding_lead_name=data["safeguarding_lead_name"].strip(),
            safeguarding_lead_role=data["safeguarding_lead_role"].strip(),
            safeguarding_lead_email=data["safeguarding_lead_email"].strip().lower(),
            safeguarding_lead_phone=data["safeguarding_lead_phone"].strip(),
            insurance_held=True,
            insurance_expires_on=data["insurance_expires_on"],
            dbs_checks_confirmed=True,
            safeguarding_policy_confirmed=True,
            terms_version=policy.LISTING_TERMS_VERSION,
            terms_accepted_at=now,
            registered_by=user,
            registered_at=now,
        )
        grant_organisation_access(organisation=page, user=user, admin=True, granted_by=user)
        log(
            instance=page,
            action=ACTION_REGISTER,
            user=user,
            revision=revision,
            data={"terms_version": registration.terms_version},
        )
        context = {
            "organisation": page,
            "registration": registration,
            "user": user,
            "working_days": policy.VERIFICATION_WORKING_DAYS,
            "check_url": site_url() + reverse("organisation_verification:detail", args=[page.pk]),
            "admin_url": site_url() + reverse("wagtailadmin_home"),
        }
        send_email(
            to=[user.email], template="providers/email/registration_received", context=context
        )
        send_email(
            to=selectors.moderator_emails(),
            template="providers/email/registration_to_check",
            context=context,
        )
    return page


# --- verification ------------------------------------------------------------------------


def _check_verification_transition(organisation: OrganisationPage, target: str) -> None:
    current = organisation.verification_status
    if target in VERIFICATION_TRANSITIONS.get(current, frozenset()):
        return
    name = organisation.title
    if current == VerificationStatus.VERIFIED:
        raise VerificationError(f"{name} has already been verified.")
    if current == VerificationStatus.REFUSED and target == VerificationStatus.REFUSED:
        raise VerificationError(f"{name} has already been refused.")
    if current == VerificationStatus.REFUSED:
        raise VerificationError(
            f"{name} has been refused. It must correct its details and ask to be checked "
            "again before it can be verified."
        )
    raise VerificationError(f"{name} is already waiting to be checked.")


def _check_moderator(user: Any, organisation: OrganisationPage) -> None:
    if not is_moderator(user):
        raise VerificationError("Only council moderators can verify or refuse organisations.")
    # The council checks organisations independently of the people who run them.
    if is_organisation_member(user, organisation):
        raise VerificationError(
            "You belong to this organisation, so another moderator must check it."
        )


def _lock(organisation: OrganisationPage) -> OrganisationPage:
    return OrganisationPage.objects.select_for_update().get(pk=organisation.pk)


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
        locked = _lock(organisation)
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
            {"reason": "Enter the reason for refusing, so the organisation knows what to correct"}
        )
    with transaction.atomic():
        locked = _lock(organisation)
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
        locked = _lock(organisation)
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


# --- invitations and teams ---------------------------------------------------------------


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
            {"email": "Enter an email address in the correct format, like name@example.com"}
        ) from None
    if role not in TeamRole.values:
        raise TeamError({"role": "Choose whether they will be a member or an admin"})
    with transaction.atomic():
        locked = _lock(organisation)
        _check_manager(user, locked)
        if _is_in_team(locked, email):
            raise TeamError(
                {"email": f"{email} is already in your team. Change their role instead"}
            )
        existing = (
            locked.invitations.select_for_update()
            .filter(email=email, status=InvitationStatus.PENDING)
            .first()
        )
        now = timezone.now()
        if existing is not None and not existing.is_expired:
            raise TeamError(
                {"email": f"You have already invited {email}. Send the invitation again instead"}
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
    organisation = _lock(invitation.organisation)
    return organisation, Invitation.objects.select_for_update().get(pk=invitation.pk)


def _check_invitation_transition(invitation: Invitation, target: str) -> None:
    if target in INVITATION_TRANSITIONS.get(invitation.status, frozenset()):
        return
    if invitation.status == InvitationStatus.ACCEPTED:
        raise TeamError(f"{invitation.email} has already accepted this invitation.")
    raise TeamError(f"The invitation for {invitation.email} has been cancelled.")


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
        raise TeamError({"role": "Choose member or admin"})
    with transaction.atomic():
        locked = _lock(organisation)
        _check_manager(user, locked)
        current = selectors.team_member(locked, member.pk)
        if current is None:
            raise TeamError(f"{member.email} is not in the team of {locked.title}.")
        if current.role == role:
            return
        if role == TeamRole.MEMBER:
            if not _other_admins(locked, member):
                raise TeamError(
                    f"{member.email} is the only admin of {locked.title}. Make someone else "
                    "an admin first."
                )
            # Access is changed only through localoffer.roles: out of both groups, then
            # back into the member group.
            revoke_organisation_access(organisation=locked, user=member, revoked_by=user)
            grant_organisation_access(
                organisation=locked, user=member, admin=False, granted_by=user
            )
        else:
            grant_organisation_access(organisation=locked, user=member, admin=True, granted_by=user)
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
        locked = _lock(organisation)
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
