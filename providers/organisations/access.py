"""Who may verify organisations and who may see or manage an organisation's team.

Used by the views to decide what to show and by the services to refuse, so a view that
forgets a check still cannot change anything. Membership is membership of the provider
groups made by `localoffer.roles.grant_organisation_access`, the only way in.
"""

from typing import Any

from django.apps import apps

from localoffer.roles import MODERATORS, provider_group
from providers.models import OrganisationPage


def is_moderator(user: Any) -> bool:
    """Council moderators, and site administrators, who stand in for them."""
    if not (user.is_authenticated and user.is_active):
        return False
    return user.is_superuser or user.groups.filter(name=MODERATORS).exists()


def _in_group(user: Any, organisation: OrganisationPage, *, admin: bool) -> bool:
    if not (user.is_authenticated and user.is_active):
        return False
    group = provider_group(organisation, admin=admin)
    return group is not None and user.groups.filter(pk=group.pk).exists()


def is_organisation_admin(user: Any, organisation: OrganisationPage) -> bool:
    return _in_group(user, organisation, admin=True)


def is_organisation_member(user: Any, organisation: OrganisationPage) -> bool:
    """Anyone in the organisation's team, admins included (they are in both groups)."""
    return _in_group(user, organisation, admin=False) or is_organisation_admin(user, organisation)


def can_manage_team(user: Any, organisation: OrganisationPage) -> bool:
    """Invite, send again, cancel, change roles, remove: the organisation's admins.

    Site administrators too, to help an organisation whose only admin has left.
    Moderators do not: they judge organisations and should not choose who runs them.
    """
    if not (user.is_authenticated and user.is_active):
        return False
    return user.is_superuser or is_organisation_admin(user, organisation)


def can_view_team(user: Any, organisation: OrganisationPage) -> bool:
    """Members see who is in their team (to know whom to ask); moderators see any team."""
    return (
        can_manage_team(user, organisation)
        or is_organisation_member(user, organisation)
        or is_moderator(user)
    )


def has_verified_email(user: Any) -> bool:
    """Whether the person has shown they own their sign-in address.

    django-allauth records this; until it is installed every signed-in person counts as
    verified (accounts then come only from staff, who create them by hand).
    """
    if not user.is_authenticated:
        return False
    if not apps.is_installed("allauth.account"):
        return True
    from allauth.account.models import EmailAddress

    return EmailAddress.objects.filter(user=user, email__iexact=user.email, verified=True).exists()
