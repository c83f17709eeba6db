"""The directory's permission boundary (see localoffer/roles.py for the roles themselves).

Wagtail page permissions are inherited down the tree, and the directory sits under the home
page where the council's content editors hold their grant. Pages of the directory honour
only grants made on a directory page, so listings stay with their providers and the
council's moderators.
"""

from typing import Any

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from wagtail.models import Page, PagePermissionTester, ReferenceIndex
from wagtail.permission_policies.collections import CollectionOwnershipPermissionPolicy

DIRECTORY_PAGE_MODELS = ("organisationindexpage", "organisationpage", "servicepage")


class DirectoryPagePermissionTester(PagePermissionTester):
    """Permissions on a directory page come only from grants made on directory pages.

    The council's content editors hold their page permissions on the home page, which
    Wagtail would otherwise extend to every organisation and service under it. Listings
    belong to their providers and the council's moderators, so grants made above the
    organisation index do not reach them.
    """

    def __init__(self, user: Any, page: Any) -> None:
        super().__init__(user, page)
        if self.user.is_active and not self.user.is_superuser:
            directory_types = _directory_content_type_ids()
            self.permissions = {
                perm.permission.codename.rsplit("_", maxsplit=1)[0]
                for perm in self.permission_policy.get_cached_permissions_for_user(user)
                if self.page.path.startswith(perm.page.path)
                and perm.page.content_type_id in directory_types
            }

    def can_delete(self, ignore_bulk: bool = False) -> bool:
        """Only a listing that was never published may be deleted, by its own organisation.

        Wagtail lets anyone with "change" delete unpublished pages, which would let
        moderators (add and change on the whole directory, but no delete) remove draft
        listings and organisations waiting for verification. On the directory, deleting is
        withdrawing a draft: a provider may withdraw its own service listing that never
        went live and has no submission waiting for a decision (the moderator is looking
        at it). Organisations and published listings are removed by site administrators.
        """
        if not self.user.is_active or self.page_is_root:
            return False
        if self.user.is_superuser:
            return True
        return (
            self.page.specific_class is not None
            and self.page.specific_class._meta.model_name == "servicepage"
            and not self.page.live
            and self.page.first_published_at is None
            and self.page.is_leaf()
            and "add" in self._organisation_permissions()
            and not _has_pending_submission(self.page)
        )

    def _organisation_permissions(self) -> set[str]:
        """Actions granted on the listing's organisation page (a provider's grant)."""
        organisation_type = _directory_content_type_ids_by_model()["organisationpage"]
        return {
            perm.permission.codename.rsplit("_", maxsplit=1)[0]
            for perm in self.permission_policy.get_cached_permissions_for_user(self.user)
            if self.page.path.startswith(perm.page.path)
            and perm.page.content_type_id == organisation_type
        }


class DirectoryPermissionsMixin:
    """Page classes of the directory use `DirectoryPagePermissionTester`."""

    def permissions_for_user(self, user: Any) -> PagePermissionTester:
        return DirectoryPagePermissionTester(user, self)


def _directory_content_type_ids() -> set[int]:
    return set(_directory_content_type_ids_by_model().values())


def _directory_content_type_ids_by_model() -> dict[str, int]:
    # ContentType's manager caches natural-key look-ups, so this costs no query after the first.
    return {
        model: ContentType.objects.get_by_natural_key("providers", model).pk
        for model in DIRECTORY_PAGE_MODELS
    }


def _has_pending_submission(page: Any) -> bool:
    # Looked up by label: the moderation app builds on this module, not the other way.
    submission = apps.get_model("moderation", "Submission")
    return submission.objects.pending().filter(page_id=page.pk).exists()


class MediaPermissionPolicy(CollectionOwnershipPermissionPolicy):
    """Pictures and documents: deleting needs the delete grant, and never while in use live.

    Wagtail's collection policy treats "delete" as "change", so the council's content
    editors (add, change and choose on the root collection, no delete) could delete any
    picture on the site, providers' uploads included. Here deleting needs the "delete"
    permission on the item's collection, or being the person who uploaded it while still
    allowed to add to that collection (Wagtail's meaning of "add": look after your own).
    Nobody, superusers included, deletes an item a live page uses: the page would show a
    hole; `MediaInUseGuard` sends the person to the list of pages that use it instead.
    """

    def user_has_permission(self, user: Any, action: str) -> bool:
        if action == "delete":
            return self._check_perm(user, ["add", "delete"])
        return super().user_has_permission(user, action)

    def user_has_any_permission_for_instance(self, user: Any, actions: Any, instance: Any) -> bool:
        others = set(actions) - {"delete"}
        if "delete" in actions and self._may_delete(user, instance):
            return True
        return bool(others) and super().user_has_any_permission_for_instance(user, others, instance)

    def instances_user_has_any_permission_for(self, user: Any, actions: Any) -> Any:
        others = set(actions) - {"delete"}
        queryset = (
            super().instances_user_has_any_permission_for(user, others)
            if others
            else self.model._default_manager.none()
        )
        if "delete" not in actions:
            return queryset
        if user.is_active and user.is_superuser:
            deletable = self.model._default_manager.all()
        elif not user.is_authenticated:
            deletable = self.model._default_manager.none()
        else:
            deletable = self.model._default_manager.filter(
                Q(collection__in=self._collections_with_perm(user, ["delete"]))
                | Q(
                    collection__in=self._collections_with_perm(user, ["add"]),
                    **{self.owner_field_name: user},
                )
            )
        deletable = deletable.exclude(pk__in=_ids_used_on_live_pages(self.model))
        return queryset | deletable

    def _may_delete(self, user: Any, instance: Any) -> bool:
        if used_on_live_pages(instance).exists():
            return False
        if getattr(instance, self.owner_field_name) == user and self._check_perm(
            user, ["add"], collection=instance.collection
        ):
            return True
        return self._check_perm(user, ["delete"], collection=instance.collection)


def used_on_live_pages(instance: Any) -> Any:
    """The live pages that use a picture or document (Wagtail's reference index)."""
    page_ids = ReferenceIndex.get_references_to(instance).filter(
        base_content_type=ContentType.objects.get_for_model(Page)
    )
    return Page.objects.live().filter(
        pk__in=[int(object_id) for object_id in page_ids.values_list("object_id", flat=True)]
    )


def _ids_used_on_live_pages(model: Any) -> list[int]:
    references = ReferenceIndex.objects.filter(
        to_content_type=ContentType.objects.get_for_model(model),
        base_content_type=ContentType.objects.get_for_model(Page),
        object_id__in=[str(pk) for pk in Page.objects.live().values_list("pk", flat=True)],
    )
    return [int(pk) for pk in references.values_list("to_object_id", flat=True)]
