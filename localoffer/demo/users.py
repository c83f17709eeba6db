"""One demo account per role, so anyone trying the demo can sign in as each kind of user.

Roles and their permissions belong to `localoffer.roles`; this module only puts the demo
people in them. The shared password is printed by `load_demo`: the demo is for
development and review sites, never for a live council site.

Every demo account has a confirmed email address (allauth will not sign anyone in
without one). Council staff must use two-factor authentication
(localoffer.accounts.middleware), so the demo staff accounts share one authenticator
secret, published here: add it to an authenticator app, or print the current code with
`manage.py totp_code <email>`. Like the password it is public, so it protects nothing.
"""

from collections.abc import Mapping
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password

from localoffer import roles
from localoffer.accounts.services import record_verified_email, set_up_authenticator_app
from localoffer.accounts.totp import code_at
from localoffer.demo import access
from localoffer.demo.directory.organisations import (
    PARTNER_ORGANISATION,
    PROVIDER_ADMIN_ORGANISATION,
)
from providers.models import OrganisationPage

DEMO_PASSWORD = "localoffer-demo"  # noqa: S105 - a published demo password, by design
# Demo only: the published TOTP secret of every demo council staff account (base32). A
# real person's secret is made at random by allauth when they set up their own app.
DEMO_TOTP_SECRET = "NORTHBRIDGEDEMOTOTPSECRETNOTREAL"  # noqa: S105 - published, by design


@dataclass(frozen=True)
class DemoUser:
    email: str
    first_name: str
    last_name: str
    role: str  # what the person can do, as printed for whoever runs the demo
    group: str = ""  # a fixed role group from localoffer.roles, if any
    superuser: bool = False
    # The demo organisation whose team the person runs (an admin of it), if any.
    organisation: str = ""


DEMO_USERS: tuple[DemoUser, ...] = (
    DemoUser("family@northbridge.example", "Sam", "Parent", "Family (parent carer)"),
    DemoUser(
        "family2@northbridge.example", "Ruth", "Okafor", "A second family, to share a booking"
    ),
    DemoUser(
        "thirdparty@northbridge.example",
        "Tariq",
        "Thompson",
        "Third party holding part of a personal budget (Northbridge Independent Living Trust)",
    ),
    DemoUser(
        "provider@northbridge.example",
        "Pat",
        "Provider",
        "Provider admin",
        organisation=PROVIDER_ADMIN_ORGANISATION,
    ),
    DemoUser(
        "provider2@northbridge.example",
        "Sol",
        "Swimmer",
        "Provider admin of a second organisation, to refer families between the two",
        organisation=PARTNER_ORGANISATION,
    ),
    DemoUser(
        "moderator@northbridge.example",
        "Morgan",
        "Moderator",
        "Council moderator",
        group=roles.MODERATORS,
    ),
    DemoUser(
        "editor@northbridge.example",
        "Eden",
        "Editor",
        "Council content editor",
        group=roles.CONTENT_EDITORS,
    ),
    DemoUser(
        "finance@northbridge.example",
        "Frankie",
        "Finance",
        "Direct payments and finance officer",
        group=roles.FINANCE_OFFICERS,
    ),
    DemoUser(
        "coordinator@northbridge.example",
        "Casey",
        "Coordinator",
        "Assessment coordinator",
        group=roles.ASSESSMENT_COORDINATORS,
    ),
    DemoUser(
        "panel@northbridge.example",
        "Priya",
        "Panel",
        "Resource panel member",
        group=roles.PANEL_MEMBERS,
    ),
    DemoUser("admin@northbridge.example", "Alex", "Admin", "Site administrator", superuser=True),
)


def demo_totp_code(at: float | None = None) -> tuple[str, int]:
    """The demo secret's code at a moment (now by default) and the seconds it has left."""
    return code_at(DEMO_TOTP_SECRET, at=at)


def ensure_demo_users(*, organisations: Mapping[str, OrganisationPage]) -> list[DemoUser]:
    """Create the demo accounts that are missing and put each in its role.

    Existing accounts keep their password and authenticator app (someone may have changed
    them on purpose). Every account gets a confirmed email address; council staff get an
    authenticator app with the published demo secret.
    """
    from django.contrib.auth.models import Group

    User = get_user_model()
    groups = access.ensure_staff_roles()
    # Hashing is deliberately slow (about half a second each with Django's PBKDF2); the
    # password is published anyway, so the demo accounts share one hash.
    password_hash = None
    for demo in DEMO_USERS:
        user = User.objects.filter(email=demo.email).first()
        if user is None:
            password_hash = password_hash or make_password(DEMO_PASSWORD)
            user = User.objects.create_user(
                email=demo.email,
                password=None,
                first_name=demo.first_name,
                last_name=demo.last_name,
                is_staff=demo.superuser,
                is_superuser=demo.superuser,
            )
            user.password = password_hash
            user.save(update_fields=["password"])
        if demo.group:
            group = groups.get(demo.group) or Group.objects.get(name=demo.group)
            if not user.groups.filter(pk=group.pk).exists():
                user.groups.add(group)
        organisation = organisations.get(demo.organisation) if demo.organisation else None
        if organisation is not None:
            access.make_organisation_admin(organisation=organisation, user=user)
        record_verified_email(user=user)
        if access.is_council_staff(user):
            set_up_authenticator_app(user=user, secret=DEMO_TOTP_SECRET)
    return list(DEMO_USERS)
