"""Reads for registration, verification and teams."""

from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import QuerySet
from django.db.models.functions import Coalesce

from localoffer.roles import MODERATORS, provider_group
from providers.enums import TeamRole, VerificationStatus
from providers.models import Invitation, OrganisationPage, OrganisationRegistration
from providers.selectors import organisations_of_user


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
    from providers.selectors import organisation_members

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


def team_of(organisation: OrganisationPage) -> list[TeamMember]:
    """Everyone with access to the organisation, admins first, then by name."""
    groups = [
        group
        for group in (provider_group(organisation), provider_group(organisation, admin=True))
        if group is not None
    ]
    if not groups:
        return []
    admin_group = provider_group(organisation, admin=True)
    admin_ids = (
        set(admin_group.user_set.filter(is_active=True).values_list("pk", flat=True))
        if admin_group is not None
        else set()
    )
    users = (
        get_user_model()
        .objects.filter(is_active=True, groups__in=groups)
        .distinct()
        .order_by("first_name", "last_name", "email")
    )
    team = [
        TeamMember(user=user, role=TeamRole.ADMIN if user.pk in admin_ids else TeamRole.MEMBER)
        for user in users
    ]
    return sorted(team, key=lambda member: not member.is_admin)


def team_member(organisation: OrganisationPage, user_id: int) -> TeamMember | None:
    return next((member for member in team_of(organisation) if member.user.pk == user_id), None)


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
    """The person's organisations with their registration, for the admin home page."""
    from providers.organisations.access import is_organisation_admin

    organisations = organisations_of_user(user).select_related("registration").order_by("title")
    statuses = []
    for organisation in organisations:
        try:
            registration = organisation.registration
        except OrganisationRegistration.DoesNotExist:
            registration = None
        statuses.append(
            OrganisationStatus(
                organisation=organisation,
                registration=registration,
                is_admin=is_organisation_admin(user, organisation),
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
