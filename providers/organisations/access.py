"""Who belongs to an organisation, and the one place that lets people in or out.

Membership is a row (`providers.Membership`: organisation, person, member or admin). What
Wagtail lets a member do in the admin (edit the organisation's pages, upload to its
collection) still comes from Django groups, because that is how Wagtail grants page and
collection permissions. `grant_organisation_access` and `revoke_organisation_access` are
the only writers of both, so the row and the groups never disagree: every organisation
has a "Provider: <title>" group for its whole team and a "Provider admins: <title>" group
for its admins (who are in both), each holding its grant on the organisation page.

The checks here are used by views to decide what to show and by services to refuse, so a
view that forgets a check still cannot change anything.
"""

from __future__ import annotations

from typing import Any

from django.apps import apps as global_apps
from django.contrib.auth.models import Group
from django.db import transaction
from wagtail.log_actions import log
from wagtail.models import Collection, GroupCollectionPermission

from localoffer.core.grants import (
    ACCESS_ADMIN,
    permission,
    set_collection_permissions,
    set_page_permissions,
)
from localoffer.core.roles import MODERATORS
from providers.enums import TeamRole
from providers.models import Membership, OrganisationPage

PROVIDER_GROUP_PREFIX = "Provider: "
PROVIDER_ADMIN_GROUP_PREFIX = "Provider admins: "
PROVIDERS_COLLECTION = "Providers"
# Members add and change the organisation's pages, never publish them: publishing is the
# council moderators' decision. Admins may also lock and unlock them.
PROVIDER_PAGE_ACTIONS = ("add", "change")
PROVIDER_ADMIN_PAGE_ACTIONS = ("add", "change", "lock", "unlock")
PROVIDER_MEDIA_ACTIONS = ("add", "choose")


# --- who may do what ---------------------------------------------------------------------


def _can_act(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active)


def is_moderator(user: Any) -> bool:
    """Council moderators, and site administrators, who stand in for them."""
    if not _can_act(user):
        return False
    return user.is_superuser or user.groups.filter(name=MODERATORS).exists()


def membership_of(user: Any, organisation: OrganisationPage) -> Membership | None:
    """The person's membership of the organisation, if they can still sign in and have one."""
    if not _can_act(user):
        return None
    return Membership.objects.filter(organisation=organisation, user=user).first()


def is_organisation_admin(user: Any, organisation: OrganisationPage) -> bool:
    membership = membership_of(user, organisation)
    return membership is not None and membership.is_admin


def is_organisation_member(user: Any, organisation: OrganisationPage) -> bool:
    """Anyone in the organisation's team, admins included."""
    return membership_of(user, organisation) is not None


def is_provider(user: Any) -> bool:
    """Whether the person belongs to any organisation."""
    return _can_act(user) and Membership.objects.filter(user=user).exists()


def can_manage_team(user: Any, organisation: OrganisationPage) -> bool:
    """Invite, send again, cancel, change roles, remove: the organisation's admins.

    Site administrators too, to help an organisation whose only admin has left.
    Moderators do not: they judge organisations and should not choose who runs them.
    """
    if not _can_act(user):
        return False
    return user.is_superuser or is_organisation_admin(user, organisation)


def can_view_team(user: Any, organisation: OrganisationPage) -> bool:
    """Members see who is in their team (to know whom to ask); moderators see any team."""
    return (
        can_manage_team(user, organisation)
        or is_organisation_member(user, organisation)
        or is_moderator(user)
    )


# --- the groups behind the memberships ---------------------------------------------------


def _provider_group_name(prefix: str, organisation: OrganisationPage) -> str:
    # Group names are unique and at most 150 characters; two organisations may share a
    # name, so the page id tells them apart when needed.
    name = f"{prefix}{organisation.title}"[:130]
    taken = Group.objects.filter(name=name).exclude(page_permissions__page=organisation).exists()
    return f"{name} ({organisation.pk})" if taken else name


def provider_group(organisation: OrganisationPage, *, admin: bool = False) -> Group | None:
    """The organisation's member (or admin) group, found by its grant on the page.

    The grant, not the name, identifies the group: titles change and may repeat.
    """
    prefix = PROVIDER_ADMIN_GROUP_PREFIX if admin else PROVIDER_GROUP_PREFIX
    return (
        Group.objects.filter(name__startswith=prefix, page_permissions__page=organisation)
        .distinct()
        .first()
    )


def organisation_collection(organisation: OrganisationPage) -> Collection:
    """The collection for an organisation's pictures and files, under "Providers"."""
    group = provider_group(organisation)
    if group is not None:
        existing = (
            GroupCollectionPermission.objects.filter(group=group)
            .select_related("collection")
            .first()
        )
        if existing is not None:
            return existing.collection
    root = Collection.get_first_root_node()
    parent = root.get_children().filter(name=PROVIDERS_COLLECTION).first()
    if parent is None:
        parent = root.add_child(name=PROVIDERS_COLLECTION)
    name = organisation.title[:230]
    if parent.get_children().filter(name=name).exists():
        name = f"{name} ({organisation.pk})"
    return parent.add_child(name=name)


def _ensure_provider_group(organisation: OrganisationPage, *, admin: bool) -> Group:
    group = provider_group(organisation, admin=admin)
    if group is None:
        prefix = PROVIDER_ADMIN_GROUP_PREFIX if admin else PROVIDER_GROUP_PREFIX
        group = Group.objects.create(name=_provider_group_name(prefix, organisation))
    group.permissions.set([permission(global_apps, *ACCESS_ADMIN)])
    actions = PROVIDER_ADMIN_PAGE_ACTIONS if admin else PROVIDER_PAGE_ACTIONS
    set_page_permissions(global_apps, group, [organisation], actions)
    return group


# --- letting people in and out -----------------------------------------------------------


@transaction.atomic
def grant_organisation_access(
    *, organisation: OrganisationPage, user: Any, admin: bool, granted_by: Any = None
) -> Membership:
    """Make a person a member (or an admin) of an organisation, with the rights that go with it.

    Every member can add and change the organisation page and its services and upload
    pictures and files to the organisation's own collection; an admin may also lock and
    unlock its pages, and manages the team. Granting someone already in the team sets their
    role to the one given. `granted_by` is the person recorded in the audit log (None for
    the system, such as the demo loader).
    """
    role = TeamRole.ADMIN if admin else TeamRole.MEMBER
    membership, created = Membership.objects.select_for_update().get_or_create(
        organisation=organisation, user=user, defaults={"role": role}
    )
    if not created and membership.role != role:
        membership.role = role
        membership.save(update_fields=["role"])
    member_group = _ensure_provider_group(organisation, admin=False)
    collection = organisation_collection(organisation)
    set_collection_permissions(
        global_apps, member_group, collection, PROVIDER_MEDIA_ACTIONS, PROVIDER_MEDIA_ACTIONS
    )
    user.groups.add(member_group)
    if admin:
        admin_group = _ensure_provider_group(organisation, admin=True)
        set_collection_permissions(
            global_apps, admin_group, collection, PROVIDER_MEDIA_ACTIONS, PROVIDER_MEDIA_ACTIONS
        )
        user.groups.add(admin_group)
    else:
        former_admin_group = provider_group(organisation, admin=True)
        if former_admin_group is not None:
            user.groups.remove(former_admin_group)
    log(
        instance=organisation,
        action="providers.grant_access",
        user=granted_by,
        data={"user_id": user.pk, "email": user.email, "admin": admin},
    )
    return membership


@transaction.atomic
def revoke_organisation_access(
    *, organisation: OrganisationPage, user: Any, revoked_by: Any = None
) -> None:
    """Take a person out of the organisation: their membership and both its groups."""
    Membership.objects.filter(organisation=organisation, user=user).delete()
    groups = (provider_group(organisation), provider_group(organisation, admin=True))
    user.groups.remove(*[group for group in groups if group is not None])
    log(
        instance=organisation,
        action="providers.revoke_access",
        user=revoked_by,
        data={"user_id": user.pk, "email": user.email},
    )
