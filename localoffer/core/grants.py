"""Make a group's Wagtail permissions exactly a given set: the one way groups get rights.

Staff roles (`localoffer.roles`) and organisations' provider groups
(`providers.organisations.access`) are both Django groups holding model permissions,
page permissions on a subtree and collection permissions. Every function here takes a
migration's historical `apps` or the global registry, so data migrations and live code
grant the same way.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

ACCESS_ADMIN = ("wagtailadmin", "admin", "access_admin")


def permission(apps: Any, app_label: str, model: str, codename: str) -> Any:
    """The Permission row, created if the app's post_migrate has not made it yet.

    In a fresh database migrations run before post_migrate creates permissions, so the
    data migration has to make the ones it assigns (Wagtail's own migrations do the same).
    """
    return permissions(apps, [(app_label, model, codename)])[0]


def permissions(apps: Any, triples: Iterable[tuple[str, str, str]]) -> list[Any]:
    """The Permission rows of (app_label, model, codename) triples, in order: read in one
    query, and only those missing made one by one (see `permission`). Roles are granted
    on every deploy and in every test, so this is kept to a query."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    wanted = list(triples)
    found = {
        (row.content_type.app_label, row.content_type.model, row.codename): row
        for row in Permission.objects.select_related("content_type").filter(
            codename__in={codename for _app, _model, codename in wanted}
        )
    }
    for app_label, model, codename in wanted:
        if (app_label, model, codename) in found:
            continue
        content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
        action = codename.split("_", 1)[0]
        found[(app_label, model, codename)], _ = Permission.objects.get_or_create(
            content_type=content_type,
            codename=codename,
            defaults={"name": f"Can {action} {model}"},
        )
    return [found[triple] for triple in wanted]


def root_collection(apps: Any) -> Any:
    Collection = apps.get_model("wagtailcore", "Collection")
    return Collection.objects.filter(depth=1).first()


def set_collection_permissions(
    apps: Any,
    group: Any,
    collection: Any,
    image_actions: Iterable[str],
    document_actions: Iterable[str],
) -> None:
    """Make the group's collection permissions exactly these, on this collection only."""
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    wanted = permissions(
        apps,
        [("wagtailimages", "image", f"{action}_image") for action in image_actions]
        + [("wagtaildocs", "document", f"{action}_document") for action in document_actions],
    )
    if collection is None:
        wanted = []
    GroupCollectionPermission.objects.filter(group=group).exclude(
        collection=collection, permission__in=wanted
    ).delete()
    held = set(
        GroupCollectionPermission.objects.filter(group=group).values_list(
            "permission_id", flat=True
        )
    )
    GroupCollectionPermission.objects.bulk_create(
        GroupCollectionPermission(group=group, collection=collection, permission=item)
        for item in wanted
        if item.pk not in held
    )


def set_page_permissions(
    apps: Any, group: Any, pages: Iterable[Any], actions: Iterable[str]
) -> None:
    """Make the group's page permissions exactly these actions on these pages."""
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    wanted = permissions(apps, [("wagtailcore", "page", f"{action}_page") for action in actions])
    pages = list(pages)
    GroupPagePermission.objects.filter(group=group).exclude(
        page__in=pages, permission__in=wanted
    ).delete()
    held = set(
        GroupPagePermission.objects.filter(group=group).values_list("page_id", "permission_id")
    )
    GroupPagePermission.objects.bulk_create(
        GroupPagePermission(group=group, page_id=page.pk, permission=item)
        for page in pages
        for item in wanted
        if (page.pk, item.pk) not in held
    )
