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
- `ensure_roles(home_pages=..., directory_roots=...)`: the above plus the page permissions,
  which need the home page and the organisation index; the caller passes them. The demo
  loader calls it after it has built the tree; on a real site run it once the two pages
  exist (it is idempotent: it makes the groups' permissions
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
from wagtail.models import Page, WorkflowPage

from localoffer.core.grants import (
    ACCESS_ADMIN,
    permissions,
    root_collection,
    set_collection_permissions,
    set_page_permissions,
)
from localoffer.core.roles import (
    ASSESSMENT_COORDINATORS,
    CONTENT_EDITORS,
    COUNCIL_STAFF_GROUPS,
    FINANCE_OFFICERS,
    MODERATORS,
    PANEL_MEMBERS,
    is_council_staff,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import Group

__all__ = [
    "ASSESSMENT_COORDINATORS",
    "CONTENT_EDITORS",
    "COUNCIL_STAFF_GROUPS",
    "FINANCE_OFFICERS",
    "MODERATORS",
    "PANEL_MEMBERS",
    "ROLES",
    "Role",
    "ensure_role_groups",
    "ensure_roles",
    "is_council_staff",
]

# Wagtail's first migration makes an "Editors" group with add/change on the root page,
# i.e. on every page including the directory. Nothing here uses it; it is removed while
# empty so nobody can be put in it by mistake.
WAGTAIL_DEFAULT_EDITORS = "Editors"

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
            # Term dates, which term-time-only sessions of bookable offers follow.
            *_model_perms("pricing", "termdates", "add", "change", "delete", "view"),
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
        description="Direct-payment and finance officers, each with a caseload of budgets.",
        model_permissions=(ACCESS_ADMIN,),
    ),
    Role(
        name=ASSESSMENT_COORDINATORS,
        description="Staff who work out budgets with families, each with a caseload.",
        model_permissions=(ACCESS_ADMIN,),
    ),
    Role(
        name=PANEL_MEMBERS,
        description="Staff who decide budgets within a delegated limit per funding stream.",
        model_permissions=(ACCESS_ADMIN,),
    ),
)

# --- groups and permissions --------------------------------------------------------------


def ensure_role_groups(apps: Any = global_apps) -> dict[str, Any]:
    """Create the fixed groups with exactly their model and collection permissions.

    Safe to run with a migration's historical `apps`. Page permissions are not touched
    here except to remove grants on the root page, which Wagtail's initial migration gives
    its "Moderators" group and which would reach every page of the site.
    """
    Group = apps.get_model("auth", "Group")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    root = root_collection(apps)
    groups = {}
    for role in ROLES:
        group, _ = Group.objects.get_or_create(name=role.name)
        group.permissions.set(permissions(apps, role.model_permissions))
        set_collection_permissions(apps, group, root, role.image_actions, role.document_actions)
        GroupPagePermission.objects.filter(group=group, page__depth=1).delete()
        groups[role.name] = group
    Group.objects.filter(name=WAGTAIL_DEFAULT_EDITORS, user__isnull=True).delete()
    return groups


@transaction.atomic
def ensure_roles(
    *, home_pages: Iterable[Page] = (), directory_roots: Iterable[Page] = ()
) -> dict[str, Group]:
    """Create every fixed role, with page permissions on the pages given.

    Content editors are granted on each of `home_pages` (the HomePages), moderators on
    each of `directory_roots` (the OrganisationIndexPages). The caller, which knows the
    site's page types, passes them, so this module depends on no page model. A role given
    no pages gets no page permission (run this again once the site tree is built).
    """
    groups = ensure_role_groups()
    roots = {"home": list(home_pages), "organisation_index": list(directory_roots)}
    for role in ROLES:
        pages = roots[role.page_root] if role.page_root else []
        set_page_permissions(global_apps, groups[role.name], pages, role.page_actions)
    _no_wagtail_workflow_on_the_directory(roots["organisation_index"])
    return groups


def _no_wagtail_workflow_on_the_directory(organisation_indexes: Iterable[Page]) -> None:
    """Take Wagtail's default approval workflow off the root page and the directory.

    Wagtail's first migration puts a "Moderators approval" workflow on the root page, so
    moderators would be asked to approve statutory pages written by the council's content
    editors. Listings are moderated in submission cycles instead (providers.moderation.services):
    a change waits for the next cycle unless it is urgent, and only a verified
    organisation's listing can be published, which Wagtail's workflows cannot express.
    """
    WorkflowPage.objects.filter(page__depth=1).delete()
    WorkflowPage.objects.filter(page__in=[page.pk for page in organisation_indexes]).delete()
