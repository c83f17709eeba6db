"""Who may do what: the staff roles as data, and the one function that makes them real.

Roles are Django groups. Model permissions (site settings, feedback, taxonomies) are
plain group permissions; page permissions are Wagtail `GroupPagePermission`s on a subtree;
image and document permissions are `GroupCollectionPermission`s on a collection.

Page permissions in Wagtail are inherited down the tree, so "content editors may edit the
home page and everything under it except the directory" cannot be said with grants alone:
the directory (OrganisationIndexPage -> OrganisationPage -> ServicePage) sits under the home
page. The rule is therefore made in one place,
`providers.permissions.DirectoryPagePermissionTester`: a page of
the directory honours only the permissions granted *on a directory page* (the
organisation index for moderators, an organisation for its provider). Permissions granted
higher up (content editors' grant on the home page) stop at the directory's edge.
Superusers are unaffected. The directory page classes use it through
`DirectoryPermissionsMixin.permissions_for_user`, which Wagtail calls (casting a plain
`Page` to its specific class first) for every admin action: edit, create, delete, publish,
unpublish, preview, copy, move, lock, revisions and the bulk actions.

Two steps, because page permissions need pages:
- `ensure_role_groups(apps)`: groups, model permissions and collection permissions. A data
  migration runs it (historical models), so every database has the groups.
- `ensure_roles()`: the above plus the page permissions, which need the home page and the
  organisation index. The demo loader calls it after it has built the tree; on a real site
  run it once the two pages exist (it is idempotent: it makes the groups' permissions
  exactly the ones below, removing any others, such as Wagtail's own defaults for its
  "Moderators" group on the root page).

Site administrators are superusers. Families have no group and no admin access.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.apps import apps as global_apps
from django.db import transaction

if TYPE_CHECKING:
    from django.contrib.auth.models import Group

    from providers.models import OrganisationPage

CONTENT_EDITORS = "Content editors"
MODERATORS = "Moderators"
FINANCE_OFFICERS = "Finance officers"
PROVIDER_GROUP_PREFIX = "Provider: "
PROVIDER_ADMIN_GROUP_PREFIX = "Provider admins: "
PROVIDERS_COLLECTION = "Providers"
# Wagtail's first migration makes an "Editors" group with add/change on the root page,
# i.e. on every page including the directory. Nothing here uses it; it is removed while
# empty so nobody can be put in it by mistake.
WAGTAIL_DEFAULT_EDITORS = "Editors"

ACCESS_ADMIN = ("wagtailadmin", "admin", "access_admin")

TAXONOMY_MODELS = ("category", "need", "outcome", "accessibilityfeature")


@dataclass(frozen=True)
class Role:
    """A fixed staff role. Permissions are (app_label, model, codename) triples."""

    name: str
    model_permissions: tuple[tuple[str, str, str], ...]
    # Page permission actions ("add", "change", ...) and which page they are granted on.
    page_actions: tuple[str, ...] = ()
    page_root: str = ""  # "home" or "organisation_index"
    # Image and document permission actions on the root collection.
    image_actions: tuple[str, ...] = ()
    document_actions: tuple[str, ...] = ()
    description: str = field(default="", compare=False)


def _model_perms(app_label: str, model: str, *actions: str) -> tuple[tuple[str, str, str], ...]:
    return tuple((app_label, model, f"{action}_{model}") for action in actions)


ROLES: tuple[Role, ...] = (
    Role(
        name=CONTENT_EDITORS,
        description="Council staff who keep the statutory Local Offer pages.",
        model_permissions=(
            ACCESS_ADMIN,
            *_model_perms("localoffer", "sitesettings", "change"),
            *_model_perms("localoffer", "feedback", "view", "change"),
            *_model_perms("search", "synonym", "add", "change", "delete", "view"),
        ),
        page_actions=("add", "change", "publish", "lock", "unlock"),
        page_root="home",
        image_actions=("add", "change", "choose"),
        document_actions=("add", "change", "choose"),
    ),
    Role(
        name=MODERATORS,
        description="Council staff who verify organisations and approve listings.",
        model_permissions=(
            ACCESS_ADMIN,
            *_model_perms("localoffer", "feedback", "view", "change"),
            *(
                perm
                for model in TAXONOMY_MODELS
                for perm in _model_perms("providers", model, "add", "change", "delete", "view")
            ),
            *_model_perms("search", "synonym", "add", "change", "delete", "view"),
        ),
        # No "publish": a listing is published only by approving a submission or verifying
        # an organisation (providers.moderation.services), which checks the organisation is verified
        # and records the decision. Wagtail's own publish button would do neither.
        page_actions=("add", "change", "lock", "unlock"),
        page_root="organisation_index",
        image_actions=("add", "change", "choose", "delete"),
        document_actions=("add", "change", "choose", "delete"),
    ),
    Role(
        name=FINANCE_OFFICERS,
        description="Direct-payment and finance officers; their screens arrive later.",
        model_permissions=(ACCESS_ADMIN,),
    ),
)

PROVIDER_PAGE_ACTIONS = ("add", "change")
PROVIDER_ADMIN_PAGE_ACTIONS = ("add", "change", "lock", "unlock")
PROVIDER_MEDIA_ACTIONS = ("add", "choose")


# --- groups and permissions --------------------------------------------------------------


def _permission(apps: Any, app_label: str, model: str, codename: str) -> Any:
    """The Permission row, created if the app's post_migrate has not made it yet.

    In a fresh database migrations run before post_migrate creates permissions, so the
    data migration has to make the ones it assigns (Wagtail's own migrations do the same).
    """
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    action = codename.split("_", 1)[0]
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename=codename,
        defaults={"name": f"Can {action} {model}"},
    )
    return permission


def _root_collection(apps: Any) -> Any:
    Collection = apps.get_model("wagtailcore", "Collection")
    return Collection.objects.filter(depth=1).first()


def _set_collection_permissions(
    apps: Any,
    group: Any,
    collection: Any,
    image_actions: Iterable[str],
    document_actions: Iterable[str],
) -> None:
    """Make the group's collection permissions exactly these, on this collection only."""
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    wanted = [
        _permission(apps, "wagtailimages", "image", f"{action}_image") for action in image_actions
    ] + [
        _permission(apps, "wagtaildocs", "document", f"{action}_document")
        for action in document_actions
    ]
    if collection is None:
        wanted = []
    GroupCollectionPermission.objects.filter(group=group).exclude(
        collection=collection, permission__in=wanted
    ).delete()
    for permission in wanted:
        GroupCollectionPermission.objects.get_or_create(
            group=group, collection=collection, permission=permission
        )


def _set_page_permissions(apps: Any, group: Any, pages: Iterable[Any], actions: Iterable[str]):
    """Make the group's page permissions exactly these actions on these pages."""
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    wanted = [_permission(apps, "wagtailcore", "page", f"{action}_page") for action in actions]
    pages = list(pages)
    GroupPagePermission.objects.filter(group=group).exclude(
        page__in=pages, permission__in=wanted
    ).delete()
    for page in pages:
        for permission in wanted:
            GroupPagePermission.objects.get_or_create(
                group=group, page_id=page.pk, permission=permission
            )


def ensure_role_groups(apps: Any = global_apps) -> dict[str, Any]:
    """Create the fixed groups with exactly their model and collection permissions.

    Safe to run with a migration's historical `apps`. Page permissions are not touched
    here except to remove grants on the root page, which Wagtail's initial migration gives
    its "Moderators" group and which would reach every page of the site.
    """
    Group = apps.get_model("auth", "Group")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    root_collection = _root_collection(apps)
    groups = {}
    for role in ROLES:
        group, _ = Group.objects.get_or_create(name=role.name)
        group.permissions.set([_permission(apps, *triple) for triple in role.model_permissions])
        _set_collection_permissions(
            apps, group, root_collection, role.image_actions, role.document_actions
        )
        GroupPagePermission.objects.filter(group=group, page__depth=1).delete()
        groups[role.name] = group
    Group.objects.filter(name=WAGTAIL_DEFAULT_EDITORS, user__isnull=True).delete()
    return groups


@transaction.atomic
def ensure_roles() -> dict[str, Group]:
    """Create every fixed role, with page permissions on the pages that exist now.

    Content editors are granted on each HomePage, moderators on each OrganisationIndexPage.
    A role whose pages do not exist yet gets no page permission (run this again once the
    site tree is built).
    """
    from localoffer.models import HomePage
    from providers.models import OrganisationIndexPage

    groups = ensure_role_groups()
    roots = {
        "home": HomePage.objects.all(),
        "organisation_index": OrganisationIndexPage.objects.all(),
    }
    for role in ROLES:
        pages = roots[role.page_root] if role.page_root else []
        _set_page_permissions(global_apps, groups[role.name], pages, role.page_actions)
    _no_wagtail_workflow_on_the_directory(roots["organisation_index"])
    return groups


def _no_wagtail_workflow_on_the_directory(organisation_indexes: Iterable[Any]) -> None:
    """Take Wagtail's default approval workflow off the root page and the directory.

    Wagtail's first migration puts a "Moderators approval" workflow on the root page, so
    moderators would be asked to approve statutory pages written by the council's content
    editors. Listings are moderated in submission cycles instead (providers.moderation.services):
    a change waits for the next cycle unless it is urgent, and only a verified
    organisation's listing can be published, which Wagtail's workflows cannot express.
    """
    from wagtail.models import WorkflowPage

    WorkflowPage.objects.filter(page__depth=1).delete()
    WorkflowPage.objects.filter(page__in=[page.pk for page in organisation_indexes]).delete()


# --- providers ---------------------------------------------------------------------------


def _provider_group_name(prefix: str, organisation: OrganisationPage) -> str:
    # Group names are unique and at most 150 characters; two organisations may share a
    # name, so the page id tells them apart when needed.
    name = f"{prefix}{organisation.title}"[:130]
    from django.contrib.auth.models import Group

    taken = Group.objects.filter(name=name).exclude(page_permissions__page=organisation).exists()
    return f"{name} ({organisation.pk})" if taken else name


def provider_group(organisation: OrganisationPage, *, admin: bool = False) -> Group | None:
    """The organisation's member (or admin) group, found by its grant on the page."""
    from django.contrib.auth.models import Group

    prefix = PROVIDER_ADMIN_GROUP_PREFIX if admin else PROVIDER_GROUP_PREFIX
    return (
        Group.objects.filter(name__startswith=prefix, page_permissions__page=organisation)
        .distinct()
        .first()
    )


def organisation_collection(organisation: OrganisationPage) -> Any:
    """The collection for an organisation's pictures and files, under "Providers"."""
    from wagtail.models import Collection

    group = provider_group(organisation)
    if group is not None:
        existing = group.collection_permissions.select_related("collection").first()
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
    from django.contrib.auth.models import Group

    group = provider_group(organisation, admin=admin)
    if group is None:
        prefix = PROVIDER_ADMIN_GROUP_PREFIX if admin else PROVIDER_GROUP_PREFIX
        group = Group.objects.create(name=_provider_group_name(prefix, organisation))
    group.permissions.set([_permission(global_apps, *ACCESS_ADMIN)])
    actions = PROVIDER_ADMIN_PAGE_ACTIONS if admin else PROVIDER_PAGE_ACTIONS
    _set_page_permissions(global_apps, group, [organisation], actions)
    return group


@transaction.atomic
def grant_organisation_access(
    *, organisation: OrganisationPage, user: Any, admin: bool, granted_by: Any = None
) -> None:
    """Let a person edit an organisation's pages (never publish them) and upload its media.

    Every member can add and change the organisation page and its services; publishing is
    the council moderators' decision. An organisation admin may also lock and unlock its
    pages. Pictures and files go in the organisation's own collection. `granted_by` is the
    person recorded in the audit log (None for the system, such as the demo loader).
    """
    from wagtail.log_actions import log

    member_group = _ensure_provider_group(organisation, admin=False)
    collection = organisation_collection(organisation)
    _set_collection_permissions(
        global_apps, member_group, collection, PROVIDER_MEDIA_ACTIONS, PROVIDER_MEDIA_ACTIONS
    )
    user.groups.add(member_group)
    if admin:
        admin_group = _ensure_provider_group(organisation, admin=True)
        _set_collection_permissions(
            global_apps, admin_group, collection, PROVIDER_MEDIA_ACTIONS, PROVIDER_MEDIA_ACTIONS
        )
        user.groups.add(admin_group)
    log(
        instance=organisation,
        action="providers.grant_access",
        user=granted_by,
        data={"user_id": user.pk, "email": user.email, "admin": admin},
    )


@transaction.atomic
def revoke_organisation_access(
    *, organisation: OrganisationPage, user: Any, revoked_by: Any = None
) -> None:
    """Take a person out of the organisation's groups (member and admin)."""
    from wagtail.log_actions import log

    groups = (provider_group(organisation), provider_group(organisation, admin=True))
    user.groups.remove(*[group for group in groups if group is not None])
    log(
        instance=organisation,
        action="providers.revoke_access",
        user=revoked_by,
        data={"user_id": user.pk, "email": user.email},
    )


# --- council staff ------------------------------------------------------------------------

COUNCIL_STAFF_GROUPS = (CONTENT_EDITORS, MODERATORS, FINANCE_OFFICERS)


def is_council_staff(user: Any) -> bool:
    """Whether a person works for the council: a site administrator or in a staff role.

    Council staff can publish statutory pages, verify organisations and see families'
    budgets, so their accounts must have two-factor authentication
    (localoffer.accounts.middleware). Providers and families may turn it on but need not.
    """
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return user.groups.filter(name__in=COUNCIL_STAFF_GROUPS).exists()
