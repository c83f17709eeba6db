"""Reads for registration, verification and teams."""

from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Case, QuerySet, Value, When
from django.db.models.functions import Coalesce

from localoffer.core.roles import MODERATORS
from providers.enums import TeamRole, VerificationStatus
from providers.models import Invitation, Membership, OrganisationPage, OrganisationRegistration
from providers.selectors import organisation_members


def organisations_to_verify() -> QuerySet[OrganisationPage]:
    """Organisations waiting for a moderator, the longest-waiting first."""
    return (
        OrganisationPage.objects.filter(verification_status=VerificationStatus.PENDING)
        .select_related("registration", "registration__registered_by")
        .annotate(
            waiting_since=Coalesce(
                "registration__resubmitted_at",
                "registration__registered_at",
                "latest_revision_created_at",
            )
        )
        .order_by("waiting_since", "pk")
    )


def registration_of(organisation: OrganisationPage) -> OrganisationRegistration | None:
    return OrganisationRegistration.objects.filter(organisation=organisation).first()


def moderator_emails() -> list[str]:
    """Where news of a registration goes: every active council moderator."""
    return list(
        get_user_model()
        .objects.filter(is_active=True, groups__name=MODERATORS)
        .values_list("email", flat=True)
        .distinct()
    )


def organisation_admin_emails(organisation: OrganisationPage) -> list[str]:
    return list(
        organisation_members(organisation, admins_only=True).values_list("email", flat=True)
    )


@dataclass(frozen=True)
class TeamMember:
    user: Any
    role: str  # a TeamRole value

    @property
    def is_admin(self) -> bool:
        return self.role == TeamRole.ADMIN

    @property
    def role_label(self) -> str:
        return "Admin" if self.is_admin else "Member"


def _team(organisation: OrganisationPage) -> QuerySet[Membership]:
    return (
        organisation.memberships.active()
        .select_related("user")
        .annotate(admin_first=Case(When(role=TeamRole.ADMIN, then=Value(0)), default=Value(1)))
        .order_by("admin_first", "user__first_name", "user__last_name", "user__email")
    )


def team_of(organisation: OrganisationPage) -> list[TeamMember]:
    """Everyone with access to the organisation, admins first, then by name."""
    return [
        TeamMember(user=membership.user, role=membership.role) for membership in _team(organisation)
    ]


def team_member(organisation: OrganisationPage, user_id: int) -> TeamMember | None:
    membership = _team(organisation).filter(user_id=user_id).first()
    return None if membership is None else TeamMember(user=membership.user, role=membership.role)


def pending_invitations(organisation: OrganisationPage) -> QuerySet[Invitation]:
    """Invitations nobody has answered, expired ones included (they can be sent again)."""
    return organisation.invitations.pending().select_related("invited_by").order_by("email")


@dataclass(frozen=True)
class OrganisationStatus:
    """One of a person's organisations as the admin home panel shows it."""

    organisation: OrganisationPage
    registration: OrganisationRegistration | None
    is_admin: bool


def organisation_statuses(user: Any) -> list[OrganisationStatus]:
    """The person's organisations with their registration, for the admin home page. One query."""
    if not user.is_authenticated:
        return []
    memberships = (
        Membership.objects.filter(user=user)
        .select_related("organisation", "organisation__registration")
        .order_by("organisation__title")
    )
    statuses = []
    for membership in memberships:
        organisation = membership.organisation
        try:
            registration = organisation.registration
        except OrganisationRegistration.DoesNotExist:
            registration = None
        statuses.append(
            OrganisationStatus(
                organisation=organisation, registration=registration, is_admin=membership.is_admin
            )
        )
    return statuses


def charity_number_taken(number: str) -> bool:
    return bool(number) and OrganisationPage.objects.filter(charity_number=number).exists()


def company_number_taken(number: str) -> bool:
    return bool(number) and OrganisationPage.objects.filter(company_number=number).exists()


def pending_registrations_by(user: Any) -> int:
    return OrganisationRegistration.objects.filter(
        registered_by=user, organisation__verification_status=VerificationStatus.PENDING
    ).count()
