"""The demo's only calls into provider access and staff roles.

Who may edit an organisation's pages is granted by the same functions the site uses; they
are called from here alone so that a change in where they live or what they take (for
example the root pages `ensure_roles` grants on) is one edit for the demo.
"""

from typing import Any

from django.contrib.auth.models import Group

from localoffer import roles
from providers.models import OrganisationPage


def ensure_staff_roles() -> dict[str, Group]:
    """The council's staff groups with their permissions, by name."""
    return roles.ensure_roles()


def make_organisation_admin(*, organisation: OrganisationPage, user: Any) -> None:
    """Give `user` admin access to `organisation`, unless they already have it."""
    admin_group = roles.provider_group(organisation, admin=True)
    if admin_group is None or not user.groups.filter(pk=admin_group.pk).exists():
        roles.grant_organisation_access(organisation=organisation, user=user, admin=True)


def is_council_staff(user: Any) -> bool:
    return roles.is_council_staff(user)
