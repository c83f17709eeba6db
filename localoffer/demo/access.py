"""The demo's only calls into provider access and staff roles.

Who may edit an organisation's pages is granted by the same functions the site uses; they
are called from here alone so that a change in where they live or what they take is one
edit for the demo.
"""

from typing import Any

from django.contrib.auth.models import Group

from localoffer import roles
from localoffer.models import HomePage
from providers.models import Membership, OrganisationIndexPage, OrganisationPage
from providers.organisations.access import grant_organisation_access


def ensure_staff_roles() -> dict[str, Group]:
    """The council's staff groups with their permissions, by name, on the demo's pages."""
    return roles.ensure_roles(
        home_pages=HomePage.objects.all(), directory_roots=OrganisationIndexPage.objects.all()
    )


def make_organisation_admin(*, organisation: OrganisationPage, user: Any) -> None:
    """Give `user` admin access to `organisation`, unless they already have it."""
    if not Membership.objects.admins().filter(organisation=organisation, user=user).exists():
        grant_organisation_access(organisation=organisation, user=user, admin=True)


def is_council_staff(user: Any) -> bool:
    return roles.is_council_staff(user)
